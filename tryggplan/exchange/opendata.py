"""A plan as open data: JSON (everything in the model) and CSV (one row per action and activity).

Pure functions over the model; the site offers both as downloads and the CLI can write them.
Person names are left out unless asked for, like on the website.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict

from tryggplan.formatting import join_swedish
from tryggplan.model import Action, Activity, Document, Municipality, Timing

FORMAT_VERSION = 1
CSV_COLUMNS = [
    "kommun", "dokument", "område_id", "område", "nivå", "id", "åtgärd_id", "rubrik_i_källan", "titel",
    "mål", "orsaker", "ansvarig", "medverkande", "samarbetspartner", "ansvar_enligt_källan", "när",
    "typ_av_insats", "preventionstyp", "metoder", "forum", "indikatorer", "planerad_uppföljning",
    "anmärkning",
]


def _drop_names(value):
    if isinstance(value, dict):
        return {k: _drop_names(v) for k, v in value.items() if k != "person_name"}
    if isinstance(value, list):
        return [_drop_names(v) for v in value]
    return value


def document_data(muni: Municipality, doc: Document, *, include_person_names: bool = False) -> dict:
    """The document as plain data with the municipality and the units it refers to."""
    data = asdict(doc)
    data.pop("source_files", None)
    for followup in data.get("followups", []):
        followup.pop("source_file", None)
    used = {u for action in doc.all_actions() for u in action.units()}
    units = [asdict(u) for u in muni.units.values() if u.id in used]
    result = {
        "format": "tryggplan-dokument", "version": FORMAT_VERSION,
        "municipality": {"id": muni.id, "name": muni.name, "code": muni.code, "website": muni.website},
        "document": data,
        "units": units,
    }
    return result if include_person_names else _drop_names(result)


def document_json(muni: Municipality, doc: Document, *, include_person_names: bool = False) -> str:
    return json.dumps(document_data(muni, doc, include_person_names=include_person_names),
                      ensure_ascii=False, indent=2) + "\n"


def _names(muni: Municipality, ids: list[str]) -> str:
    return "; ".join(muni.units[i].name if i in muni.units else i for i in ids)


def _timing(timing: Timing) -> str:
    parts = [timing.text, timing.start and f"start {timing.start}", timing.deadline and f"klar {timing.deadline}",
             timing.recurrence, "löpande" if timing.continuous else ""]
    return "; ".join(p for p in parts if p)


def csv_rows(muni: Municipality, doc: Document) -> list[dict[str, str]]:
    rows = []
    for area in doc.all_areas():
        for action in area.actions:
            rows.append(_action_row(muni, doc, area, action))
            for activity in action.activities:
                rows.append(_activity_row(muni, doc, area, action, activity))
    return rows


def _base(muni: Municipality, doc: Document, area) -> dict[str, str]:
    return {"kommun": muni.name, "dokument": doc.title, "område_id": area.id, "område": area.title}


def _action_row(muni: Municipality, doc: Document, area, action: Action) -> dict[str, str]:
    causes = [c for c in area.causes if c.id in action.causes] or [c for c in doc.all_causes() if c.id in action.causes]
    return _base(muni, doc, area) | {
        "nivå": "åtgärd", "id": action.id, "åtgärd_id": action.id, "rubrik_i_källan": action.label,
        "titel": action.title, "mål": "; ".join(action.goals), "orsaker": "; ".join(c.text for c in causes),
        "ansvarig": _names(muni, action.responsible.lead),
        "medverkande": _names(muni, [p for p in action.responsible.participants if p not in action.responsible.lead]),
        "samarbetspartner": _names(muni, action.partners), "ansvar_enligt_källan": action.responsible_text,
        "när": _timing(action.timing), "typ_av_insats": action.work_type,
        "preventionstyp": join_swedish(action.prevention),
        "metoder": "; ".join(muni.methods[m].name if m in muni.methods else m for m in action.methods),
        "forum": "; ".join(muni.forums[f].name if f in muni.forums else f for f in action.forums),
        "indikatorer": "; ".join(action.indicators), "planerad_uppföljning": action.followup_plan,
        "anmärkning": action.remark,
    }


def _activity_row(muni: Municipality, doc: Document, area, action: Action, activity: Activity) -> dict[str, str]:
    return _base(muni, doc, area) | {
        "nivå": "aktivitet", "id": activity.id, "åtgärd_id": action.id, "titel": activity.title,
        "ansvarig": _names(muni, activity.responsible.lead),
        "medverkande": _names(muni, [p for p in activity.responsible.participants
                                     if p not in activity.responsible.lead]),
        "ansvar_enligt_källan": activity.responsible_text, "när": _timing(activity.timing),
        "anmärkning": activity.remark,
    }


def _no_formula(value: str) -> str:
    """Spreadsheets run cells that start with = + or @ as formulas: make them text."""
    return "'" + value if value[:1] in ("=", "+", "@") else value


def document_csv(muni: Municipality, doc: Document, *, delimiter: str = ",", bom: bool = True) -> str:
    """RFC 4180 CSV (CRLF line ends); a UTF-8 byte order mark lets Excel detect å, ä and ö."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, delimiter=delimiter, lineterminator="\r\n",
                            restval="", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    for row in csv_rows(muni, doc):
        writer.writerow({key: _no_formula(value) for key, value in row.items()})
    return ("\ufeff" if bom else "") + buffer.getvalue()
