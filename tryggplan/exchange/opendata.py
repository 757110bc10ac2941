"""A plan as open data: JSON for developers (everything in the model), and for residents an Excel file and a
Swedish CSV (one row per action and activity, readable column names, a status column; semicolon-separated
with a UTF-8 byte order mark so that Swedish Excel opens it correctly), plus a CSV of every indicator's values.

Pure functions over the model; the site offers them as downloads and the CLI can write them. Every download
states its licence and source. Person names are left out unless asked for, like on the website; editorial
notes (`editorial_note`, made while encoding, for staff) are always left out: staff edit them in the plan
workbook (plan_workbook_export/-import), which reads the YAML, not these downloads. Text that
could be run as a formula is neutralised (XLSX: explicit string type; CSV: OWASP's apostrophe rule).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import re
import zipfile
from dataclasses import asdict

from tryggplan.exchange.spreadsheets import csv_text, set_text
from tryggplan.formatting import UNIT_LABELS, join_swedish, swedish_date, swedish_period
from tryggplan.model import Action, Activity, Document, Indicator, Municipality, Timing
from tryggplan.progress.status import effective_status

DEFAULT_LICENCE = "Data och text får återanvändas fritt (CC0 1.0). Källa: respektive kommuns beslutade dokument."
DEFAULT_LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/deed.sv"

FORMAT_VERSION = 1
CSV_COLUMNS = [
    "kommun", "dokument", "område_id", "område", "nivå", "id", "åtgärd_id", "rubrik_i_källan", "titel",
    "mål", "orsaker", "ansvarig", "medverkande", "samarbetspartner", "ansvar_enligt_källan", "när",
    "typ_av_insats", "preventionstyp", "metoder", "forum", "indikatorer", "planerad_uppföljning",
    "anmärkning",
]


#: Keys that never leave the site's data for the public: encoding notes for staff and reviewers.
STAFF_ONLY_KEYS = frozenset({"editorial_note"})


def _public(value, drop: frozenset[str]):
    """The value without the keys in drop, at every depth."""
    if isinstance(value, dict):
        return {k: _public(v, drop) for k, v in value.items() if k not in drop}
    if isinstance(value, list):
        return [_public(v, drop) for v in value]
    return value


def source_text(muni: Municipality, doc: Document) -> str:
    """Where the data comes from, in one Swedish sentence: the document and its decision as the plan states them."""
    parts = [f"{doc.title} ({muni.name})"]
    decision = doc.decision
    if decision.body or decision.date or decision.paragraph:
        said = " ".join(x for x in (decision.body, swedish_date(decision.date) if decision.date else "",
                                   decision.paragraph) if x)
        parts.append(f"beslut: {said}")
    elif decision.text:
        parts.append(f"beslut: {decision.text}")
    if doc.diarienummer:
        parts.append(f"diarienummer {doc.diarienummer}")
    return "Källa: " + ", ".join(parts) + "."


def licence_text(licence: str = DEFAULT_LICENCE, licence_url: str = DEFAULT_LICENCE_URL) -> str:
    return f"{licence} {licence_url}".strip()


def document_data(muni: Municipality, doc: Document, *, include_person_names: bool = False,
                  licence: str = DEFAULT_LICENCE, licence_url: str = DEFAULT_LICENCE_URL) -> dict:
    """The document as plain data with the municipality, the units it refers to, licence and source; never
    an editorial note, and person names only when include_person_names is set."""
    data = asdict(doc)
    data.pop("source_files", None)
    for followup in data.get("followups", []):
        followup.pop("source_file", None)
    used = {u for action in doc.all_actions() for u in action.units()}
    units = [asdict(u) for u in muni.units.values() if u.id in used]
    result = {
        "format": "tryggplan-dokument", "version": FORMAT_VERSION,
        "licence": {"text": licence, "url": licence_url}, "source": source_text(muni, doc),
        "municipality": {"id": muni.id, "name": muni.name, "code": muni.code, "website": muni.website},
        "document": data,
        "units": units,
    }
    drop = STAFF_ONLY_KEYS if include_person_names else STAFF_ONLY_KEYS | {"person_name"}
    return _public(result, drop)


def document_json(muni: Municipality, doc: Document, *, include_person_names: bool = False,
                  licence: str = DEFAULT_LICENCE, licence_url: str = DEFAULT_LICENCE_URL) -> str:
    return json.dumps(document_data(muni, doc, include_person_names=include_person_names, licence=licence,
                                    licence_url=licence_url), ensure_ascii=False, indent=2) + "\n"


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


# --- for residents: Swedish CSV and Excel ----------------------------------------------------

RESIDENT_COLUMNS = [
    "Kommun", "Dokument", "Område", "Nivå", "Id", "Åtgärd eller aktivitet", "Hör till åtgärd", "Orsaker", "Mål",
    "Ansvarig", "Medverkande", "Samarbetspartner", "Ansvar enligt planen", "När", "Klar senast", "Status",
    "Statusen bygger på", "Planerad uppföljning", "Anmärkning", "Källa", "Licens",
]
INDICATOR_COLUMNS = [
    "Kommun", "Dokument", "Indikator", "Id", "Uppdelning", "Jämförelse", "Period", "Värde", "Enhet", "Preliminärt",
    "Anmärkning", "Källa till värdena", "Källa", "Licens",
]


def resident_rows(muni: Municipality, doc: Document, today: _dt.date, *, licence: str = DEFAULT_LICENCE,
                  licence_url: str = DEFAULT_LICENCE_URL) -> list[dict[str, str]]:
    """One row per action and activity with Swedish column names and the action's status as on the site."""
    source, rights = source_text(muni, doc), licence_text(licence, licence_url)
    causes = {c.id: c.text for c in doc.all_causes()}
    rows = []
    for area in doc.all_areas():
        for action in area.actions:
            status = effective_status(action, doc, today)
            basis = status.reason
            rows.append({
                "Kommun": muni.name, "Dokument": doc.title, "Område": area.title, "Nivå": "åtgärd", "Id": action.id,
                "Åtgärd eller aktivitet": action.title, "Hör till åtgärd": "",
                "Orsaker": "; ".join(causes.get(c, c) for c in action.causes), "Mål": "; ".join(action.goals),
                "Ansvarig": _names(muni, action.responsible.lead),
                "Medverkande": _names(muni, [p for p in action.responsible.participants
                                             if p not in action.responsible.lead]),
                "Samarbetspartner": _names(muni, action.partners), "Ansvar enligt planen": action.responsible_text,
                "När": _timing(action.timing), "Klar senast": action.timing.deadline,
                "Status": status.status + (" (härledd)" if status.derived else ""), "Statusen bygger på": basis,
                "Planerad uppföljning": action.followup_plan, "Anmärkning": action.remark,
                "Källa": source, "Licens": rights,
            })
            for activity in action.activities:
                rows.append({
                    "Kommun": muni.name, "Dokument": doc.title, "Område": area.title, "Nivå": "aktivitet",
                    "Id": activity.id, "Åtgärd eller aktivitet": activity.title, "Hör till åtgärd": action.title,
                    "Ansvarig": _names(muni, activity.responsible.lead),
                    "Medverkande": _names(muni, [p for p in activity.responsible.participants
                                                 if p not in activity.responsible.lead]),
                    "Ansvar enligt planen": activity.responsible_text, "När": _timing(activity.timing),
                    "Klar senast": activity.timing.deadline, "Status": "",
                    "Statusen bygger på": "Aktiviteter följs upp som en del av åtgärden.",
                    "Anmärkning": activity.remark, "Källa": source, "Licens": rights,
                })
    return rows


def _csv(columns: list[str], rows: list[dict[str, str]]) -> str:
    """Semicolon-separated, every field quoted, CRLF line ends, UTF-8 byte order mark, no live formulas."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=";", lineterminator="\r\n", restval="",
                            quoting=csv.QUOTE_ALL)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: value if key == "Värde" else csv_text(value) for key, value in row.items()})
    return "\ufeff" + buffer.getvalue()


def resident_csv(muni: Municipality, doc: Document, today: _dt.date, **rights: str) -> str:
    return _csv(RESIDENT_COLUMNS, resident_rows(muni, doc, today, **rights))


def _value_text(value) -> str:
    """3.5 → "3,5": the decimal comma Swedish Excel reads as a number."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace(".", ",")


def indicator_rows(muni: Municipality, doc: Document, indicator: Indicator, *, licence: str = DEFAULT_LICENCE,
                   licence_url: str = DEFAULT_LICENCE_URL) -> list[dict[str, str]]:
    source, rights = source_text(muni, doc), licence_text(licence, licence_url)
    data_source = indicator.source_name or "anges inte i källan"
    rows = []
    for series in indicator.series:
        for value in series.values:
            rows.append({
                "Kommun": muni.name, "Dokument": doc.title, "Indikator": indicator.name, "Id": indicator.id,
                "Uppdelning": indicator.breakdowns.get(series.breakdown, series.breakdown),
                "Jämförelse": series.label or series.comparison, "Period": swedish_period(value.period),
                "Värde": _value_text(value.value) if value.value is not None else "",
                "Enhet": UNIT_LABELS.get(indicator.unit, indicator.unit), "Preliminärt": "ja" if value.preliminary
                else "", "Anmärkning": value.remark or series.remark, "Källa till värdena": data_source,
                "Källa": source, "Licens": rights,
            })
    return rows


def indicator_csv(muni: Municipality, doc: Document, indicator: Indicator, **rights: str) -> str:
    return _csv(INDICATOR_COLUMNS, indicator_rows(muni, doc, indicator, **rights))


def _deterministic(data: bytes, when: _dt.date) -> bytes:
    """The same workbook bytes on every build: fixed timestamps inside the zip."""
    out = io.BytesIO()
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            copy = zipfile.ZipInfo(info.filename, date_time=stamp)
            copy.compress_type = zipfile.ZIP_DEFLATED
            copy.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                iso = f"{when.isoformat()}T00:00:00Z".encode()
                content = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(<)", rb"\g<1>" + iso + rb"\2", content)
            target.writestr(copy, content)
    return out.getvalue()


def resident_xlsx(muni: Municipality, doc: Document, today: _dt.date, *, page_url: str = "",
                  licence: str = DEFAULT_LICENCE, licence_url: str = DEFAULT_LICENCE_URL) -> bytes:
    """The residents' table as an Excel workbook, with a sheet about the file (source, licence, columns)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Åtgärder"
    bold = Font(bold=True)
    rows = resident_rows(muni, doc, today, licence=licence, licence_url=licence_url)
    widths = {"Åtgärd eller aktivitet": 60, "Orsaker": 40, "Statusen bygger på": 40, "Ansvar enligt planen": 36,
              "Anmärkning": 40, "Källa": 30, "Licens": 30}
    for col, name in enumerate(RESIDENT_COLUMNS, start=1):
        cell = sheet.cell(1, col)
        set_text(cell, name)
        cell.font = bold
        sheet.column_dimensions[cell.column_letter].width = widths.get(name, 20)
    for number, row in enumerate(rows, start=2):
        for col, name in enumerate(RESIDENT_COLUMNS, start=1):
            if row.get(name):
                cell = sheet.cell(number, col)
                set_text(cell, row[name])
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    about = workbook.create_sheet("Om filen")
    about.column_dimensions["A"].width = 24
    about.column_dimensions["B"].width = 100
    lines = [("Dokument", f"{doc.title} ({muni.name})"), ("Källa", source_text(muni, doc)),
             ("Licens", licence_text(licence, licence_url)),
             ("Status", "Statusen är den senaste uppföljningens. \"(härledd)\" betyder att tryggplan har räknat "
                        "fram den: tidsgränsen har passerat utan att åtgärden rapporterats som genomförd."),
             ("Uppgifter", "Bara det som står i kommunens dokument. Tom cell: uppgiften anges inte i källan.")]
    if page_url:
        lines.insert(1, ("Webbsida", page_url))
    for number, (key, value) in enumerate(lines, start=1):
        set_text(about.cell(number, 1), key)
        about.cell(number, 1).font = bold
        set_text(about.cell(number, 2), value)
        about.cell(number, 2).alignment = Alignment(wrap_text=True, vertical="top")
    stamp = _dt.datetime(today.year, today.month, today.day)
    workbook.properties.title = doc.title
    workbook.properties.creator = "tryggplan"
    workbook.properties.created = workbook.properties.modified = stamp
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _deterministic(buffer.getvalue(), today)


def document_csv(muni: Municipality, doc: Document, *, delimiter: str = ",", bom: bool = True) -> str:
    """Developers' CSV with machine column names (RFC 4180, CRLF); the site offers resident_csv instead."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, delimiter=delimiter, lineterminator="\r\n",
                            restval="", quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    for row in csv_rows(muni, doc):
        writer.writerow({key: csv_text(value) for key, value in row.items()})
    return ("\ufeff" if bom else "") + buffer.getvalue()
