"""The layout of the plan workbook shared by export and import: sheets, columns and how each visible cell
maps to a field of plan.yaml (and back), so that an unchanged workbook reads back to the same plan."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tryggplan.model import Municipality

FORMAT = "tryggplan-plan-2"
DATA_SHEET = "tryggplan-data"
AREAS_SHEET = "Områden"
INSTRUCTIONS_SHEET = "Instruktioner"
DOCUMENT_ACTIONS_SHEET = "Åtgärder utan område"  # actions directly under the document
HEADER_ROW = 4
CHUNK = 30000  # a cell holds at most 32 767 characters

LEVELS = {"orsak": "cause", "mål": "goal", "åtgärd": "action", "aktivitet": "activity"}
LEVEL_NAMES = {kind: name for name, kind in LEVELS.items()}
# Child lists that travel as rows, not inside the hidden copy of their parent.
CHILD_KEYS = {"document": ("areas", "actions"), "area": ("causes", "goals", "actions", "areas"), "action": ("activities",),
              "cause": (), "goal": (), "activity": ()}

AREA_COLUMNS = (  # (key, header, width) of the Områden sheet
    ("id", "Id", 24), ("title", "Rubrik", 50), ("kind", "Typ", 28), ("parent", "Delområde i", 20),
    ("sheet", "Flik", 28), ("remark", "Anmärkning", 40), ("editorial_note", "Redaktionell anteckning", 40),
)
COLUMNS = (  # (key, header, width) of every area sheet; the first five are the Stockholm template's
    ("id", "Id", 16), ("level", "Nivå", 11), ("label", "Rubrik i källan", 18), ("cause", "Orsak", 40),
    ("title", "Åtgärd", 50), ("goals", "Mål", 30), ("when", "När", 22), ("who", "Vem", 30),
    ("followup", "Uppföljning", 30), ("detailed_plan_proposal", "Förslag detaljerad åtgärdsplan", 30),
    ("lead", "Ansvarig enhet", 26), ("participants", "Medverkande", 26),
    ("partners", "Samarbetspartner", 24), ("start", "Start", 12), ("deadline", "Klar senast", 12),
    ("recurrence", "Återkommer", 16), ("continuous", "Löpande", 9), ("work_type", "Typ av insats", 16),
    ("remark", "Anmärkning", 30), ("editorial_note", "Redaktionell anteckning", 30),
)
# Which columns a row of each level uses; anything else filled in on such a row is reported.
LEVEL_COLUMNS = {
    "cause": ("id", "level", "cause", "remark", "editorial_note"),
    "goal": ("id", "level", "goals", "remark", "editorial_note"),
    "action": tuple(key for key, _, _ in COLUMNS),
    "activity": ("id", "level", "title", "when", "who", "lead", "participants", "start", "deadline",
                 "recurrence", "continuous", "remark", "editorial_note"),
}
YES = {"ja", "x", "true", "sant", "löpande", "1"}
WORK_TYPES = ("punktinsats", "ordinarie arbete")

_HEADERS = {
    "id": "id", "nivå": "level", "rubrik i källan": "label", "orsak": "cause", "orsaker": "cause",
    "åtgärd": "title", "åtgärder": "title", "insats": "title", "insatser": "title", "mål": "goals",
    "när": "when", "tidplan": "when", "tid": "when", "vem": "who", "ansvar": "who", "ansvarig": "who",
    "ansvariga": "who", "uppföljning": "followup", "ansvarig enhet": "lead", "medverkande": "participants",
    "samarbetspartner": "partners", "start": "start", "klar senast": "deadline", "återkommer": "recurrence",
    "löpande": "continuous", "typ av insats": "work_type", "anmärkning": "remark",
    "redaktionell anteckning": "editorial_note", "förslag detaljerad åtgärdsplan": "detailed_plan_proposal",
}
_HEADER_PREFIXES = (("hur följs", "followup"), ("följs upp", "followup"), ("vem ansvarar", "who"),
                    ("ansvar för", "who"))


def header_key(text: str) -> str | None:
    text = " ".join(text.lower().split()).strip().rstrip("?:*. ").strip()
    if text in _HEADERS:
        return _HEADERS[text]
    for prefix, key in _HEADER_PREFIXES:
        if text.startswith(prefix):
            return key
    return None


def chunks(text: str) -> list[str]:
    return [text[i:i + CHUNK] for i in range(0, len(text), CHUNK)] or [""]


def to_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def shell(kind: str, raw: dict) -> dict:
    """raw without the child lists that travel as rows; their keys stay as placeholders to keep key order."""
    return {key: (None if key in CHILD_KEYS[kind] else value) for key, value in raw.items()}


def walk(doc: dict) -> Iterator[tuple[str, dict, str]]:
    """(kind, raw item, parent area id) for every area, cause, goal, action and activity, in file order."""
    def areas(items, parent: str):
        for area in items or []:
            if not isinstance(area, dict):
                continue
            yield "area", area, parent
            for cause in area.get("causes") or []:
                yield "cause", cause, area.get("id", "")
            for goal in area.get("goals") or []:
                yield "goal", goal, area.get("id", "")
            for action in area.get("actions") or []:
                yield "action", action, area.get("id", "")
                for activity in action.get("activities") or []:
                    yield "activity", activity, area.get("id", "")
            yield from areas(area.get("areas"), area.get("id", ""))
    yield from areas(doc.get("areas"), "")
    if doc.get("actions"):
        yield "document-actions", doc, ""
        for action in doc.get("actions") or []:
            if isinstance(action, dict):
                yield "action", action, ""
                for activity in action.get("activities") or []:
                    yield "activity", activity, ""


class Units:
    """Unit ids ↔ the names shown in the workbook; a name that is not unique is shown as its id."""

    def __init__(self, muni: Municipality | None):
        self.by_key: dict[str, str | None] = {}
        self.names: dict[str, str] = {}
        units = list(muni.units.values()) if muni else []
        for unit in units:
            self.by_key[unit.id.casefold()] = unit.id
        for unit in units:
            for key in (unit.name, unit.abbreviation):
                folded = (key or "").casefold().strip()
                if folded and folded not in self.by_key:
                    self.by_key[folded] = unit.id
                elif folded and self.by_key.get(folded) != unit.id and folded != unit.id:
                    self.by_key[folded] = None  # ambiguous
        for unit in units:
            name = unit.name
            if name and self.by_key.get(name.casefold().strip()) == unit.id and not re.search(r"[;\n]", name):
                self.names[unit.id] = name
            else:
                self.names[unit.id] = unit.id
        self.candidates = {u.name: u.id for u in units if u.name} | {u.abbreviation: u.id for u in units
                                                                      if u.abbreviation}

    def label(self, unit_id: str) -> str:
        return self.names.get(unit_id, unit_id)

    def text(self, ids) -> str:
        return "; ".join(self.label(u) for u in ids or [])

    def parse(self, text: str) -> tuple[list[str], list[str]]:
        """(ids, names that match no unit) for a cell of names separated by ; or new lines."""
        found: list[str] = []
        unknown: list[str] = []
        for part in re.split(r"[;\n]", text):
            part = part.strip().rstrip(".")
            if not part:
                continue
            unit = self.by_key.get(part.casefold())
            if unit:
                if unit not in found:
                    found.append(unit)
            else:
                unknown.append(part)
        return found, unknown


def suggest(name: str, candidates: dict[str, str]) -> str:
    """ " Menade du …?" for a name that matches no unit, or ""."""
    import difflib

    folded = {key.casefold(): key for key in candidates}
    target = name.casefold().strip()
    close = difflib.get_close_matches(target, list(folded), n=2, cutoff=0.75)
    close += [key for key in folded if len(key) >= 4 and (target.startswith(key) or key.startswith(target))
              and key not in close]
    if not close:
        return ""
    shown = [f"\"{folded[key]}\"" for key in close[:2]]
    return f" Menade du {' eller '.join(shown)}?"


@dataclass(slots=True)
class Field:
    """A visible column: how to show a raw item's value, and how to write a cell back into it."""

    get: Callable[[dict], str]
    put: Callable[[dict, str], None]


def _scalar(key: str) -> Field:
    def get(raw: dict) -> str:
        value = raw.get(key, "")
        return "" if value is None else str(value)

    def put(raw: dict, text: str) -> None:
        if text:
            raw[key] = text
        else:
            raw.pop(key, None)
    return Field(get, put)


def _nested(outer: str, key: str, boolean: bool = False) -> Field:
    def get(raw: dict) -> str:
        value = (raw.get(outer) or {}).get(key, "")
        if boolean:
            return "ja" if value is True else ""
        return "" if value is None else str(value)

    def put(raw: dict, text: str) -> None:
        holder = raw.get(outer)
        holder = dict(holder) if isinstance(holder, dict) else {}
        if boolean:
            if text.casefold() in YES:
                holder[key] = True
            else:
                holder.pop(key, None)
        elif text:
            holder[key] = text
        else:
            holder.pop(key, None)
        if holder:
            raw[outer] = holder
        else:
            raw.pop(outer, None)
    return Field(get, put)


def _lines(key: str) -> Field:
    def get(raw: dict) -> str:
        return "\n".join(str(v) for v in raw.get(key) or [])

    def put(raw: dict, text: str) -> None:
        values = [line.strip() for line in text.split("\n") if line.strip()]
        if values:
            raw[key] = values
        else:
            raw.pop(key, None)
    return Field(get, put)


FIELDS: dict[str, Field] = {
    "label": _scalar("label"), "title": _scalar("title"), "goals": _lines("goals"),
    "when": _nested("timing", "text"), "who": _scalar("responsible_text"), "followup": _scalar("followup_plan"),
    "start": _nested("timing", "start"), "deadline": _nested("timing", "deadline"),
    "recurrence": _nested("timing", "recurrence"), "continuous": _nested("timing", "continuous", boolean=True),
    "work_type": _scalar("work_type"), "remark": _scalar("remark"), "editorial_note": _scalar("editorial_note"),
    "detailed_plan_proposal": _scalar("detailed_plan_proposal"),
}
CAUSE_FIELDS = {"cause": _scalar("text"), "remark": _scalar("remark"), "editorial_note": _scalar("editorial_note")}
GOAL_FIELDS = {"goals": _scalar("text"), "remark": _scalar("remark"), "editorial_note": _scalar("editorial_note")}
AREA_FIELDS = {"title": _scalar("title"), "kind": _scalar("kind"), "remark": _scalar("remark"),
               "editorial_note": _scalar("editorial_note")}
UNIT_FIELDS = {"lead": ("responsible", "lead"), "participants": ("responsible", "participants"),
               "partners": (None, "partners")}


def unit_ids(raw: dict, key: str) -> list[str]:
    outer, inner = UNIT_FIELDS[key]
    holder = raw.get(outer) or {} if outer else raw
    return list(holder.get(inner) or [])


def put_units(raw: dict, key: str, ids: list[str]) -> None:
    outer, inner = UNIT_FIELDS[key]
    if outer is None:
        if ids:
            raw[inner] = ids
        else:
            raw.pop(inner, None)
        return
    holder = raw.get(outer)
    holder = dict(holder) if isinstance(holder, dict) else {}
    if ids:
        holder[inner] = ids
    else:
        holder.pop(inner, None)
    if holder:
        raw[outer] = holder
    else:
        raw.pop(outer, None)
