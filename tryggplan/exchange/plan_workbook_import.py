"""Read a workbook laid out like Stockholm's template into a new plan.yaml.

The template has one sheet per prioriterat samverkansområde and a table with the columns
Orsak / Åtgärd / När / Vem / Uppföljning. Rows above the header (titles, instructions) are
skipped; the header is found by its column names. An Orsak cell that is empty continues the
cause above (merged cells). Vem is matched against the municipality's organisation.yaml by name,
abbreviation or id; names that match nothing are reported with sheet and row, and kept in
responsible.description so that nothing in the workbook is lost.

Pure: a path and a Municipality in, plan data, YAML text and problems out.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tryggplan.authoring.scaffold import modeline, slugify, unique_id
from tryggplan.model import Municipality
from tryggplan.problems import Problem

COLUMNS = ("cause", "action", "when", "who", "followup")
_HEADER_WORDS = {
    "cause": ("orsak",),
    "action": ("åtgärd", "insats"),
    "when": ("när", "tidplan", "tid"),
    "who": ("vem", "ansvar", "ansvarig"),
    "followup": ("uppföljning", "hur följs", "följs upp"),
}
_CONTINUOUS = {"löpande", "kontinuerligt", "pågående", "löpande arbete", "kontinuerligt under året", "ständigt"}
_MONTH = re.compile(r"^[0-9]{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?$")
_SPLIT = re.compile(r"(\s*[,;/\n•]\s*|\s+-\s+)")
_AND = re.compile(r"\s+(?:och|samt|&)\s+")
HEADER_SCAN_ROWS = 30


@dataclass(slots=True)
class ImportResult:
    data: dict
    text: str
    problems: list[Problem] = field(default_factory=list)
    sheets: int = 0
    actions: int = 0


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _header_kind(text: str) -> str | None:
    text = text.lower().strip().rstrip("?:*. ").strip()
    for kind, words in _HEADER_WORDS.items():
        if any(text == w or text.startswith(w) for w in words):
            return kind
    return None


def find_header(rows: list[tuple]) -> tuple[int, dict[str, int]] | None:
    """(row index, column index per kind) of the first row that names Åtgärd and two more columns."""
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns: dict[str, int] = {}
        for col, value in enumerate(row):
            kind = _header_kind(_cell_text(value)) if isinstance(value, str) else None
            if kind and kind not in columns:
                columns[kind] = col
        if "action" in columns and len(columns) >= 3:
            return index, columns
    return None


class UnitResolver:
    """Vem text → unit ids, by full name, abbreviation or id (case-insensitive)."""

    def __init__(self, muni: Municipality):
        self.index: dict[str, str] = {}
        self.external: set[str] = set()
        for unit in muni.units.values():
            for key in (unit.name, unit.abbreviation, unit.id):
                if key:
                    self.index.setdefault(key.casefold().strip(), unit.id)
            if unit.external:
                self.external.add(unit.id)

    def _one(self, text: str) -> str | None:
        return self.index.get(text.casefold().strip().rstrip("."))

    def _split_and(self, text: str) -> list[str] | None:
        """"KoF och SoF" → both units, but keep "Kultur- och fritidsförvaltningen" whole."""
        unit = self._one(text)
        if unit:
            return [unit]
        for match in _AND.finditer(text):
            left = self._split_and(text[:match.start()])
            right = self._split_and(text[match.end():]) if left else None
            if left and right:
                return left + right
        return None

    def resolve(self, text: str) -> tuple[list[str], list[str]]:
        """(unit ids in order, names that match no unit)."""
        found: list[str] = []
        unknown: list[str] = []
        whole = self._one(text)
        parts = [whole] if whole else None
        if parts is None:
            parts = []
            tokens = _SPLIT.split(text)
            pieces, seps = tokens[0::2], tokens[1::2]

            def joined(start: int, stop: int) -> str:
                out = pieces[start]
                for k in range(start + 1, stop):
                    out += seps[k - 1] + pieces[k]
                return out

            index = 0
            while index < len(pieces):
                # Names may themselves contain a comma ("Mottagningsgrupp, barn och unga"): longest match first.
                for end in range(len(pieces), index, -1):
                    unit = self._one(joined(index, end))
                    if unit:
                        parts.append(unit)
                        index = end
                        break
                else:
                    part = pieces[index].strip()
                    index += 1
                    if not part:
                        continue
                    resolved = self._split_and(part)
                    if resolved:
                        parts.extend(resolved)
                    else:
                        unknown.append(part)
        for unit in parts:
            if unit not in found:
                found.append(unit)
        if not found and len(unknown) > 1:
            unknown = [text]  # prose, not a list of names: report the cell once
        return found, unknown


def _timing(text: str) -> dict:
    timing: dict = {"text": text}
    lowered = text.lower().rstrip(".")
    if lowered in _CONTINUOUS:
        timing["continuous"] = True
    elif _MONTH.match(text):
        timing["deadline"] = text
    return timing


_TITLE = re.compile(r"^(?:prioriterat\s+)?(?:samverkans)?område\s*:\s*(?P<title>.+)$", re.IGNORECASE)


def _area_title(rows: list[tuple]) -> str:
    """A title row above the table such as "Prioriterat samverkansområde: Unga i riskzon" (sheet names stop at 31)."""
    for row in rows:
        for value in row:
            match = _TITLE.match(_cell_text(value)) if isinstance(value, str) else None
            if match:
                return match["title"].strip()
    return ""


def import_workbook(path: Path, muni: Municipality, doc_id: str, title: str = "", display: str = "") -> ImportResult:
    """Read the workbook at path into plan data for municipality muni."""
    from openpyxl import load_workbook  # imported here: only this command needs it

    display = display or path.as_posix()
    problems: list[Problem] = []

    def problem(code: str, row: int, col: int, sheet: str, message: str, hint: str) -> None:
        problems.append(Problem(code, display, row, col, f"Blad \"{sheet}\", rad {row}: {message}", hint,
                                severity="warning" if code == "import-empty-row" else "error"))

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        return ImportResult({}, "", [Problem("import-unreadable", display, 1, 1,
                                             f"Filen kan inte läsas som en Excel-arbetsbok ({type(exc).__name__}).",
                                             "Spara filen som .xlsx (Excel-arbetsbok) och försök igen.")])
    resolver = UnitResolver(muni)
    taken: set[str] = {doc_id}
    areas: list[dict] = []
    action_number = 0
    sheets = 0
    for sheet in workbook.worksheets:
        rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
        header = find_header(rows)
        if header is None:
            if any(_cell_text(v) for row in rows for v in row):
                problems.append(Problem("import-no-header", display, 1, 1,
                                        f"Blad \"{sheet.title}\": hittar ingen rubrikrad med Orsak, Åtgärd, När, Vem "
                                        "och Uppföljning. Bladet hoppades över.",
                                        "Lägg tabellens rubriker på en rad (minst Åtgärd och två till) eller ta bort "
                                        "bladet om det inte är ett område.", severity="warning"))
            continue
        sheets += 1
        header_index, columns = header
        area_id = unique_id(slugify(sheet.title), taken, "omrade")
        taken.add(area_id)
        area: dict = {"id": area_id, "title": _area_title(rows[:header_index]) or sheet.title.strip(),
                      "kind": "prioriterat samverkansområde"}
        causes: list[dict] = []
        actions: list[dict] = []
        current_cause: dict | None = None
        empty_rows: list[int] = []
        for offset, row in enumerate(rows[header_index + 1:], start=header_index + 2):
            cells = {kind: _cell_text(row[col]) if col < len(row) else "" for kind, col in columns.items()}
            if not any(cells.values()):
                empty_rows.append(offset)
                continue
            for empty in empty_rows:
                problem("import-empty-row", empty, 1, sheet.title, "raden är tom och hoppades över.",
                        "Ta bort tomma rader mitt i tabellen, eller fyll i dem om något saknas.")
            empty_rows = []
            cause_text = cells.get("cause", "")
            if cause_text and (current_cause is None or current_cause["text"] != cause_text):
                cause_id = unique_id(f"{area_id}-o{len(causes) + 1}", taken, "orsak")
                taken.add(cause_id)
                current_cause = {"id": cause_id, "number": len(causes) + 1, "text": cause_text}
                causes.append(current_cause)
            if not cells.get("action"):
                if any(cells.get(k) for k in ("when", "who", "followup")):
                    problem("import-missing-action", offset, columns["action"] + 1, sheet.title,
                            "raden har När, Vem eller Uppföljning men ingen Åtgärd. Raden hoppades över.",
                            "Fyll i åtgärden i kolumnen Åtgärd.")
                continue
            action_number += 1
            action_id = unique_id(f"a{action_number}", taken, "atgard")
            taken.add(action_id)
            action: dict = {"id": action_id, "title": cells["action"]}
            if current_cause is not None:
                action["causes"] = [current_cause["id"]]
            who = cells.get("who", "")
            if who:
                units, unknown = resolver.resolve(who)
                responsible: dict = {}
                if units:
                    responsible["lead"] = units[:1]
                    if units[1:]:
                        responsible["participants"] = units[1:]
                if unknown:
                    responsible["description"] = ", ".join(unknown)
                    for name in unknown:
                        problem("import-unknown-unit", offset, columns["who"] + 1, sheet.title,
                                f"\"{name}\" i kolumnen Vem finns inte i organisation.yaml. Texten finns kvar i "
                                "responsible.description.",
                                "Lägg till enheten i organisation.yaml (med namn eller förkortning som i Excel-filen) "
                                "och läs in filen igen, eller skriv namnet som det står där.")
                action["responsible"] = responsible
                action["responsible_text"] = who
            if cells.get("when"):
                action["timing"] = _timing(cells["when"])
            if cells.get("followup"):
                action["followup_plan"] = cells["followup"]
            actions.append(action)
        if causes:
            area["causes"] = causes
        if actions:
            area["actions"] = actions
        areas.append(area)
    workbook.close()
    if sheets == 0 and not any(p.code == "import-unreadable" for p in problems):
        problems.append(Problem("import-no-sheets", display, 1, 1,
                                "Ingen flik i arbetsboken har en tabell med kolumnerna Orsak, Åtgärd, När, Vem "
                                "och Uppföljning.",
                                "Använd mallen: en flik per prioriterat samverkansområde."))
    data = {
        "id": doc_id, "municipality": muni.id, "kind": "åtgärdsplan",
        "title": title or path.stem, "status": "utkast",
        "remark": f"Inläst från Excel-filen {path.name} med tryggplan import xlsx. Kontrollera texterna mot "
                  "det beslutade dokumentet och fyll i beslut och giltighetstid.",
    }
    if areas:
        data["areas"] = areas
    return ImportResult(data, plan_yaml(data), problems, sheets, action_number)


class _Dumper(yaml.SafeDumper):
    """Indents lists under their key, as the hand-written plan files do."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)


def _str_presenter(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str_presenter)


def plan_yaml(data: dict) -> str:
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100000,
                     default_flow_style=False)
    return modeline("plan") + body
