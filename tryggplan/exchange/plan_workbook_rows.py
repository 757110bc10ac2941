"""Shared parts of reading a plan workbook: bounded sheet reading, header detection, cell text, unit names,
template instruction rows, next free ids and the reader's problems and base data."""

from __future__ import annotations

import copy
import datetime as _dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from tryggplan.authoring.scaffold import next_free_id, slugify, unique_id
from tryggplan.exchange import plan_workbook_format as fmt
from tryggplan.exchange import spreadsheets
from tryggplan.model import Municipality
from tryggplan.problems import Problem

COLUMNS = ("cause", "action", "when", "who", "followup")
_CONTINUOUS = {"löpande", "kontinuerligt", "pågående", "löpande arbete", "kontinuerligt under året", "ständigt"}
_MONTH = re.compile(r"^[0-9]{4}-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?$")
_SPLIT = re.compile(r"(\s*[,;/\n•]\s*|\s+-\s+)")
_AND = re.compile(r"\s+(?:och|samt|&)\s+")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_NUMBERED = re.compile(r"^(.*?)(\d+)$")
HEADER_SCAN_ROWS = 30
# Template cells that tell the reader what to write ("Beskriv orsaken …", "Ange vem …"), and example rows.
_INSTRUCTION = re.compile(r"^(?:<i>|\*)?\s*(?:beskriv\b|koppla\b|ange\b|fyll i\b|skriv\b|exempel\b|t\.ex\.|"
                          r"till exempel\b|denna kolumn\b|välj\b)", re.IGNORECASE)
_EXAMPLE_MARK = re.compile(r"^\s*(?:exempel|ex\.?)\s*[:.]?\s*$", re.IGNORECASE)


@dataclass(slots=True)
class ImportResult:
    data: dict
    text: str
    problems: list[Problem] = field(default_factory=list)
    sheets: int = 0
    actions: int = 0
    document: str = ""  # "kommun/dokument" named by the workbook, "" for a template

    @property
    def writable(self) -> bool:
        """No problem that would lose or invent something (template unit names are kept as text)."""
        return bool(self.text) and not any(p.severity == "error" and p.code != "import-unknown-unit"
                                           for p in self.problems)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "ja" if value else ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\r\n", "\n").replace("\r", "\n").strip()


def _norm(text: str) -> str:
    return "\n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _clean(text: str) -> str:
    """Template text: runs of spaces collapsed, line breaks kept."""
    return _norm(text)


def read_sheets(path: Path, display: str) -> tuple[list[tuple[str, list[tuple]]], list[Problem]]:
    """(sheet title, rows of values) for every sheet, bounded; or the problem that stopped reading."""
    problem = spreadsheets.check_workbook_file(path, display)
    if problem is not None:
        return [], [problem]
    from openpyxl import load_workbook  # imported here: only these commands need it

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a bad file
        return [], [Problem("import-unreadable", display, 1, 1,
                            f"Filen kan inte läsas som en Excel-arbetsbok ({type(exc).__name__}).",
                            "Spara filen som .xlsx (Excel-arbetsbok) och försök igen.")]
    try:
        if len(workbook.worksheets) > spreadsheets.MAX_SHEETS:
            return [], [spreadsheets.too_many_sheets(display, len(workbook.worksheets))]
        sheets = []
        for sheet in workbook.worksheets:
            rows = []
            for row in sheet.iter_rows(values_only=True, max_col=spreadsheets.MAX_COLUMNS):
                rows.append(tuple(row))
                if len(rows) > spreadsheets.MAX_ROWS:
                    return [], [spreadsheets.too_many_rows(display, sheet.title)]
            while rows and not any(_cell_text(v) for v in rows[-1]):
                rows.pop()
            sheets.append((sheet.title, rows))
        return sheets, []
    finally:
        workbook.close()


def find_header(rows: list[tuple]) -> tuple[int, dict[str, int]] | None:
    """(row index, column index per key) of the first row that names Åtgärd and two more known columns."""
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns: dict[str, int] = {}
        for col, value in enumerate(row):
            key = fmt.header_key(value) if isinstance(value, str) else None
            if key and key not in columns:
                columns[key] = col
        if "title" in columns and len(columns) >= 3:
            return index, columns
    return None


class UnitResolver:
    """Vem text of a template → unit ids, by full name, abbreviation or id (case-insensitive)."""

    def __init__(self, muni: Municipality):
        self.index: dict[str, str] = {}
        self.candidates: dict[str, str] = {}
        for unit in muni.units.values():
            for key in (unit.name, unit.abbreviation, unit.id):
                if key:
                    self.index.setdefault(key.casefold().strip(), unit.id)
            self.candidates.update({k: unit.id for k in (unit.name, unit.abbreviation) if k})

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


def is_instruction_row(row: tuple, cells: dict[str, str]) -> bool:
    """A template row whose table cells explain what to write, or a row marked as an example (any column)."""
    if any(_EXAMPLE_MARK.match(_cell_text(v)) for v in row if _cell_text(v)):
        return True
    filled = [v for v in cells.values() if v]
    return bool(filled) and all(_INSTRUCTION.match(v) for v in filled)


class _Ids:
    """Next free ids as `tryggplan new` documents them: the next number in the series the items use
    (a1, a2 → a3), for areas a slug of the title (areas are anchors on the page)."""

    PREFIXES = {"action": "a", "cause": "o", "activity": "akt", "goal": "mal"}

    def __init__(self, taken: set[str]):
        self.taken = set(taken)
        self.by_kind: dict[str, list[str]] = {}

    def note(self, kind: str, item_id: str) -> None:
        self.taken.add(item_id)
        self.by_kind.setdefault(kind, []).append(item_id)

    def new(self, kind: str, text: str, fallback: str, scope: list[str] | None = None) -> str:
        if kind == "area":
            new_id = unique_id(slugify(text, 40), self.taken, fallback)
        else:
            series = scope if scope and any(_NUMBERED.match(i) for i in scope) else self.by_kind.get(kind, [])
            new_id = next_free_id(series, self.taken, self.PREFIXES[kind])
        self.note(kind, new_id)
        return new_id


def _index(doc: dict | None) -> dict[tuple[str, str], dict]:
    if not doc:
        return {}
    found = {("document", doc.get("id", "")): doc}
    for kind, raw, _ in fmt.walk(doc):
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            found[(kind, raw["id"])] = raw
    return found


def _set_children(raw: dict, key: str, items: list) -> None:
    if items:
        raw[key] = items
    else:
        raw.pop(key, None)


class _Reader:
    def __init__(self, display: str, muni: Municipality, existing: dict | None):
        self.display = display
        self.muni = muni
        self.existing = _index(existing)
        self.blobs: dict[tuple[str, str], dict] = {}
        self.problems: list[Problem] = []
        self.units = fmt.Units(muni)

    def problem(self, code: str, sheet: str, row: int, col: int, message: str, hint: str,
                severity: str = "error") -> None:
        where = f"Blad \"{sheet}\", rad {row}"
        if col:
            where += f", kolumn {_letter(col)}"
        self.problems.append(Problem(code, self.display, row, max(col, 1), f"{where}: {message}", hint,
                                     severity=severity))

    def base(self, kind: str, item_id: str) -> dict:
        found = self.existing.get((kind, item_id)) or self.blobs.get((kind, item_id)) or {}
        return copy.deepcopy(found)

    def reference(self, kind: str, item_id: str) -> dict:
        return self.blobs.get((kind, item_id)) or self.existing.get((kind, item_id)) or {}


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(col)


def _read_blobs(rows: list[tuple]) -> tuple[dict[tuple[str, str], dict], dict[str, str]]:
    blobs: dict[tuple[str, str], dict] = {}
    meta: dict[str, str] = {}
    for row in rows:
        cells = [_cell_text(v) if not isinstance(v, str) else v for v in row]
        if len(cells) >= 2 and cells[0] in ("format", "document") and len([c for c in cells if c]) == 2:
            meta[cells[0]] = cells[1]
            continue
        if len(cells) >= 3 and cells[0] in fmt.CHILD_KEYS and cells[1]:
            try:
                value = json.loads("".join(c for c in cells[2:] if c))
            except ValueError:
                continue
            if isinstance(value, dict):
                blobs[(cells[0], cells[1])] = value
    return blobs, meta



def responsible_from_who(reader: _Reader, resolver: UnitResolver, candidates: dict, sheet: str, row: int, col: int,
                         who: str, responsible: dict) -> dict:
    """The responsible block for a Vem cell: the first unit leads, the others take part, and a name not in
    organisation.yaml is kept as text (responsible.description) and reported where it stands."""
    found, unknown = resolver.resolve(who)
    responsible = dict(responsible)
    if found:
        responsible["lead"] = found[:1]
        if found[1:]:
            responsible["participants"] = found[1:]
    if unknown:
        responsible["description"] = ", ".join(unknown)
        for name in unknown:
            reader.problem("import-unknown-unit", sheet, row, col,
                           f"\"{name}\" i kolumnen Vem finns inte i organisation.yaml."
                           f"{fmt.suggest(name, candidates)} Texten finns kvar i responsible.description.",
                           "Lägg till enheten i organisation.yaml (med namn eller förkortning som i Excel-filen) "
                           "och läs in filen igen, eller skriv namnet som det står där.")
    return responsible


def _resolve_who(reader: _Reader, sheet: str, number: int, columns: dict, who: str, item: dict) -> None:
    responsible = responsible_from_who(reader, UnitResolver(reader.muni), reader.units.candidates, sheet, number,
                                       columns["who"] + 1, who, item.get("responsible") or {})
    if responsible:
        item["responsible"] = responsible


def _new_document(reader: _Reader, doc_id: str, title: str) -> dict:
    return {
        "id": doc_id, "municipality": reader.muni.id, "kind": "åtgärdsplan", "title": title, "status": "okänd",
        "remark": "Inläst från Excel med tryggplan import xlsx. Arbetsboken visar inget beslut, så status är "
                  "okänd: fyll i status, beslut och giltighetstid från det beslutade dokumentet.",
    }
