"""Read a plan workbook back into plan.yaml data: the lossless workbook from `tryggplan export`, or a
filled-in Stockholm template (one sheet per prioriterat samverkansområde, Orsak / Åtgärd / När / Vem /
Uppföljning).

Rows are matched by their id, never by position: an edited row keeps its id, a row without id is new
and gets the next free id, a removed row removes the item. Only cells that differ from what was
exported change the plan; every field the workbook does not show is kept from the existing plan (or
from the workbook's hidden copy). Template instruction and example rows are skipped. Names of units
are matched against organisation.yaml, with "Menade du …?" for near misses. The input is bounded in
unpacked size, sheets, rows and columns.

Pure: a path, a Municipality and optionally the existing plan data in; plan data, YAML text and
problems out.
"""

from __future__ import annotations

import copy
import datetime as _dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from tryggplan.authoring.scaffold import modeline, next_free_id, slugify, unique_id
from tryggplan.exchange import plan_workbook_format as fmt
from tryggplan.exchange import spreadsheets
from tryggplan.exchange.yamlwrite import dump
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


def import_workbook(path: Path, muni: Municipality, doc_id: str = "", title: str = "", display: str = "",
                    existing: dict | None = None) -> ImportResult:
    """Read the workbook at path into plan data for municipality muni, on top of the existing plan data."""
    display = display or path.as_posix()
    sheets, problems = read_sheets(path, display)
    if problems:
        return ImportResult({}, "", problems)
    names = {name.casefold(): rows for name, rows in sheets}
    lossless = fmt.DATA_SHEET.casefold() in names or fmt.AREAS_SHEET.casefold() in names or any(
        (h := find_header(rows)) is not None and "level" in h[1] for _, rows in sheets)
    reader = _Reader(display, muni, existing)
    meta: dict[str, str] = {}
    if fmt.DATA_SHEET.casefold() in names:
        reader.blobs, meta = _read_blobs(names[fmt.DATA_SHEET.casefold()])
    if lossless:
        return _import_lossless(reader, sheets, meta, doc_id, title, existing)
    return _import_template(reader, sheets, doc_id, title, existing, path)


# --- the lossless workbook ------------------------------------------------------------------

@dataclass(slots=True)
class _AreaSpec:
    id: str
    cells: dict[str, str]
    row: int
    sheet: str = ""
    rows: list[tuple] = field(default_factory=list)
    header: tuple[int, dict[str, int]] | None = None


def _import_lossless(reader: _Reader, sheets, meta: dict[str, str], doc_id: str, title: str,
                     existing: dict | None) -> ImportResult:
    blob_doc_id = meta.get("document", "").rpartition("/")[2]
    blob_doc = reader.blobs.get(("document", blob_doc_id))
    taken = {key[1] for key in reader.blobs} | {key[1] for key in reader.existing}
    ids = _Ids(taken)
    for kind, item_id in list(reader.blobs) + list(reader.existing):
        if kind != "document":
            ids.by_kind.setdefault(kind, [])
            if item_id not in ids.by_kind[kind]:
                ids.by_kind[kind].append(item_id)
    names = {name.strip().casefold(): (name, rows) for name, rows in sheets}
    specs: list[_AreaSpec] = []
    listed: set[str] = set()
    if fmt.AREAS_SHEET.casefold() in names:
        sheet_name, rows = names[fmt.AREAS_SHEET.casefold()]
        header = [fmt.header_key(_cell_text(v)) or _AREA_HEADERS.get(_cell_text(v).casefold(), "")
                  for v in (rows[0] if rows else ())]
        for number, row in enumerate(rows[1:], start=2):
            cells = {key: _cell_text(row[col]) for col, key in enumerate(header) if key and col < len(row)}
            if not any(cells.values()):
                continue
            spec = _AreaSpec(cells.get("id", ""), cells, number, cells.get("sheet", ""))
            if spec.sheet and spec.sheet.strip().casefold() in names:
                spec.sheet = names[spec.sheet.strip().casefold()][0]
                listed.add(spec.sheet.casefold())
            specs.append(spec)
    skip = {fmt.AREAS_SHEET.casefold(), fmt.DATA_SHEET.casefold(), fmt.INSTRUCTIONS_SHEET.casefold(),
            fmt.DOCUMENT_ACTIONS_SHEET.casefold()}
    for name, rows in sheets:
        if name.casefold() in skip or name.casefold() in listed:
            continue
        if find_header(rows) is None:
            if any(_cell_text(v) for row in rows for v in row):
                reader.problem("import-no-header", name, 1, 0, "hittar ingen rubrikrad med Orsak, Åtgärd, När och "
                               "Vem. Bladet hoppades över.",
                               "Lägg tabellens rubriker på en rad (minst Åtgärd och två till) eller ta bort bladet "
                               "om det inte är ett område.", "warning")
            continue
        header = find_header(rows)
        title_text = _area_title(rows[:header[0]]) or name.strip()
        specs.append(_AreaSpec("", {"title": title_text}, 0, name))  # a sheet added by hand: a new area
    by_sheet = {name: rows for name, rows in sheets}
    for spec in specs:
        if spec.sheet:
            spec.rows = by_sheet.get(spec.sheet, [])
            spec.header = find_header(spec.rows)
            if spec.header is None and any(_cell_text(v) for row in spec.rows for v in row):
                reader.problem("import-no-header", spec.sheet, 1, 0, "hittar ingen rubrikrad; bladet lästes inte in.",
                               "Återställ rubrikraden (Id, Nivå, Orsak, Åtgärd …) från den exporterade filen.")
        elif spec.cells.get("sheet"):
            reader.problem("import-missing-sheet", fmt.AREAS_SHEET, spec.row, 5,
                           f"fliken \"{spec.cells['sheet']}\" finns inte.",
                           "Skriv flikens namn som det står på fliken, eller lämna Flik tom för ett område utan rader.")

    # Causes first, everywhere, so that an action can name a cause of another area by its text.
    seen: dict[str, tuple[str, int]] = {}
    area_ids: dict[int, str] = {}
    cause_by_text: dict[str, str] = {}
    for key, raw in list(reader.blobs.items()) + list(reader.existing.items()):
        if key[0] == "cause" and isinstance(raw.get("text"), str):
            cause_by_text.setdefault(_norm(raw["text"]), key[1])
    rows_by_area: dict[int, list[tuple[str, str, int, dict[str, str]]]] = {}
    for index, spec in enumerate(specs):
        if spec.id:
            if not _ID.match(spec.id):
                reader.problem("import-bad-id", fmt.AREAS_SHEET, spec.row, 1, f"\"{spec.id}\" är inget giltigt id.",
                               "Återställ id:t från den exporterade filen, eller töm cellen för ett nytt område.")
                continue
            if spec.id in seen:
                reader.problem("id-duplicate", fmt.AREAS_SHEET, spec.row, 1,
                               f"området \"{spec.id}\" finns redan på rad {seen[spec.id][1]}.",
                               "Töm Id på den nya raden så får den ett eget id.")
                continue
            seen[spec.id] = (fmt.AREAS_SHEET, spec.row)
        rows_by_area[index] = _area_rows(reader, spec, seen, cause_by_text)

    document_actions: list[dict] | None = None
    if fmt.DOCUMENT_ACTIONS_SHEET.casefold() in names:
        sheet_name, rows = names[fmt.DOCUMENT_ACTIONS_SHEET.casefold()]
        spec = _AreaSpec("", {}, 0, sheet_name, rows, find_header(rows))
        if spec.header is None:
            reader.problem("import-no-header", sheet_name, 1, 0, "hittar ingen rubrikrad; bladet lästes inte in.",
                           "Återställ rubrikraden (Id, Nivå, Orsak, Åtgärd …) från den exporterade filen.")
        doc_rows = _area_rows(reader, spec, seen, cause_by_text)
        for kind, _, number, _, columns in doc_rows:
            if kind not in ("action", "activity"):
                reader.problem("import-bad-level", sheet_name, number, columns.get("level", 0) + 1,
                               "här står bara åtgärder och aktiviteter direkt under dokumentet.",
                               "Flytta orsaker och mål till fliken för sitt område.")
        doc_rows = [r for r in doc_rows if r[0] in ("action", "activity")]
        document_actions = _build_items(reader, spec, {"id": ""}, doc_rows, ids, cause_by_text, {})["actions"]
        actions_before = len(document_actions)
    else:
        actions_before = 0
        if blob_doc is not None and blob_doc.get("actions", "") is None:  # exported, then the sheet was removed
            reader.problem("import-missing-sheet", fmt.DOCUMENT_ACTIONS_SHEET, 1, 0,
                           "fliken med åtgärderna direkt under dokumentet saknas.",
                           "Använd den exporterade filen med fliken kvar, eller ta bort åtgärderna i plan.yaml.")
    areas: dict[int, dict] = {}
    for index, spec in enumerate(specs):
        if index not in rows_by_area:
            continue
        area = reader.base("area", spec.id) if spec.id else {}
        reference = reader.reference("area", spec.id) if spec.id else {}
        for key, fld in fmt.AREA_FIELDS.items():
            if key in spec.cells and _norm(spec.cells[key]) != _norm(fld.get(reference)):
                fld.put(area, spec.cells[key])
        if not area.get("title"):
            reader.problem("import-missing-title", fmt.AREAS_SHEET, spec.row or 1, 2, "området saknar rubrik.",
                           "Skriv områdets rubrik i kolumnen Rubrik.")
            continue
        if area.get("kind") and area["kind"] not in _AREA_KINDS:
            reader.problem("schema-enum", fmt.AREAS_SHEET, spec.row, 3, f"\"{area['kind']}\" är ingen typ av område.",
                           f"Välj en av: {', '.join(_AREA_KINDS)}.")
            continue
        if not spec.id:
            spec.id = ids.new("area", area["title"], "omrade")
        area = {"id": spec.id, **{k: v for k, v in area.items() if k != "id"}}
        area_ids[index] = spec.id
        areas[index] = area
    # Rows to items, now that every area has its id.
    actions_total = 0
    built: dict[str, dict[str, list]] = {}
    for index, area in areas.items():
        children = _build_items(reader, specs[index], area, rows_by_area[index], ids, cause_by_text, built)
        built[area["id"]] = children
        actions_total += len(children["actions"])
    for area_id, children in built.items():
        area = next(a for a in areas.values() if a["id"] == area_id)
        for key in ("causes", "goals", "actions"):
            _set_children(area, key, children[key])
    top: list[dict] = []
    subareas: dict[str, list[dict]] = {}
    known_ids = {a["id"] for a in areas.values()}
    for index, area in areas.items():
        parent = specs[index].cells.get("parent", "")
        if parent and parent not in known_ids:
            reader.problem("ref-unknown-area", fmt.AREAS_SHEET, specs[index].row, 4,
                           f"\"{parent}\" är inget område i arbetsboken.", "Skriv id:t för ett område i kolumnen Id.")
            parent = ""
        if parent == area["id"]:
            parent = ""
        (subareas.setdefault(parent, []) if parent else top).append(area)
    for area in areas.values():
        _set_children(area, "areas", subareas.get(area["id"], []))

    doc_key = ("document", (existing or {}).get("id", "")) if existing else ("document", blob_doc_id)
    if existing is not None:
        doc = copy.deepcopy(existing)
    elif blob_doc is not None:
        doc = copy.deepcopy(blob_doc)
    else:
        doc = _new_document(reader, doc_id or blob_doc_id, title)
    del doc_key
    if doc_id:
        doc["id"] = doc_id
    doc["municipality"] = doc.get("municipality") or reader.muni.id
    if title and title != doc.get("title"):
        doc["title"] = title
    if not doc.get("title"):
        reader.problem("import-no-title", fmt.INSTRUCTIONS_SHEET, 1, 0, "dokumentet saknar titel.",
                       "Ange titeln med --title \"…\".")
    _set_children(doc, "areas", top)
    if document_actions is not None:
        _set_children(doc, "actions", document_actions)
    for key in ("areas", "actions"):
        if key in doc and doc[key] is None:
            doc.pop(key)
    data = {k: v for k, v in doc.items() if v is not None}
    text = dump(data, modeline("plan")) if data.get("id") and data.get("title") else ""
    return ImportResult(data, text, reader.problems, len(areas), actions_total + actions_before,
                        meta.get("document", ""))


_AREA_HEADERS = {"rubrik": "title", "typ": "kind", "delområde i": "parent", "flik": "sheet", "id": "id",
                 "anmärkning": "remark", "redaktionell anteckning": "editorial_note"}
_AREA_KINDS = ("prioriterat område", "delområde", "prioriterat brottsproblem", "prioriterat samverkansområde",
               "målområde", "fokusområde")


def _area_rows(reader: _Reader, spec: _AreaSpec, seen: dict, cause_by_text: dict) -> list:
    """(kind, id, row number, cells) for the rows of an area sheet; causes are registered by text."""
    out = []
    if spec.header is None:
        return out
    header_index, columns = spec.header
    for number, row in enumerate(spec.rows[header_index + 1:], start=header_index + 2):
        cells = {key: _cell_text(row[col]) if col < len(row) else "" for key, col in columns.items()}
        if not any(cells.values()):
            continue
        if "level" not in columns and is_instruction_row(row, cells):
            continue
        level = cells.get("level", "").casefold()
        kind = fmt.LEVELS.get(level)
        if level and kind is None:
            reader.problem("import-bad-level", spec.sheet, number, columns["level"] + 1,
                           f"\"{cells['level']}\" är ingen nivå.", "Skriv orsak, mål, åtgärd eller aktivitet.")
            continue
        if kind is None:
            kind = "action" if cells.get("title") else "cause" if cells.get("cause") else "goal" \
                if cells.get("goals") else "action"
        item_id = cells.get("id", "")
        if item_id:
            if not _ID.match(item_id):
                reader.problem("import-bad-id", spec.sheet, number, columns["id"] + 1,
                               f"\"{item_id}\" är inget giltigt id.",
                               "Återställ id:t från den exporterade filen, eller töm cellen för en ny rad.")
                continue
            if item_id in seen:
                where = seen[item_id]
                reader.problem("id-duplicate", spec.sheet, number, columns["id"] + 1,
                               f"id \"{item_id}\" finns redan på blad \"{where[0]}\", rad {where[1]}.",
                               "En kopierad rad är en ny post: töm Id-cellen på den nya raden.")
                continue
            known = [k for k in ("cause", "goal", "action", "activity", "area")
                     if (k, item_id) in reader.blobs or (k, item_id) in reader.existing]
            if known and kind not in known:
                reader.problem("import-bad-level", spec.sheet, number, columns.get("level", 0) + 1,
                               f"\"{item_id}\" är en {fmt.LEVEL_NAMES.get(known[0], 'område')}, inte en "
                               f"{fmt.LEVEL_NAMES[kind]}.", "Återställ Nivå, eller töm Id för en ny post.")
                continue
            seen[item_id] = (spec.sheet, number)
        unused = [key for key, value in cells.items() if value and key not in fmt.LEVEL_COLUMNS[kind]]
        if unused:
            col = columns[unused[0]] + 1
            reader.problem("import-unused-cell", spec.sheet, number, col,
                           f"kolumnen {_header_name(unused[0])} används inte för nivån {fmt.LEVEL_NAMES[kind]}.",
                           "Flytta texten till en kolumn som hör till raden, eller ändra Nivå.")
            continue
        if kind == "cause" and cells.get("cause") and item_id:
            cause_by_text[_norm(cells["cause"])] = item_id
        out.append((kind, item_id, number, cells, columns))
    return out


def _header_name(key: str) -> str:
    return next((header for k, header, _ in fmt.COLUMNS if k == key), key)


def _build_items(reader: _Reader, spec: _AreaSpec, area: dict, rows: list, ids: _Ids, cause_by_text: dict,
                 built: dict) -> dict[str, list]:
    children: dict[str, list] = {"causes": [], "goals": [], "actions": []}
    scope: dict[str, list[str]] = {"cause": [], "goal": [], "action": [], "activity": []}
    for kind, raw, _ in fmt.walk({"areas": [reader.reference("area", area["id"])]}):
        if kind in scope and raw.get("id"):
            scope[kind].append(raw["id"])
    current_action: dict | None = None
    pending_causes: list[dict] = []
    for kind, item_id, number, cells, columns in rows:
        item = reader.base(kind, item_id) if item_id else {}
        reference = reader.reference(kind, item_id) if item_id else {}
        fields = fmt.CAUSE_FIELDS if kind == "cause" else fmt.GOAL_FIELDS if kind == "goal" else {
            k: f for k, f in fmt.FIELDS.items() if k in fmt.LEVEL_COLUMNS[kind]}
        for key, fld in fields.items():
            if key in cells and _norm(cells[key]) != _norm(fld.get(reference)):
                fld.put(item, cells[key])
        failed = False
        for key in ("lead", "participants", "partners"):
            if key not in cells or key not in fmt.LEVEL_COLUMNS[kind]:
                continue
            if _norm(cells[key]) == _norm(reader.units.text(fmt.unit_ids(reference, key))):
                continue
            found, unknown = reader.units.parse(cells[key])
            for name in unknown:
                failed = True
                reader.problem("ref-unknown-unit", spec.sheet, number, columns[key] + 1,
                               f"\"{name}\" finns inte i organisation.yaml.{fmt.suggest(name, reader.units.candidates)}",
                               "Skriv enhetens namn eller förkortning som i organisation.yaml (flera skiljs med "
                               "semikolon), eller lägg till enheten där först.")
            fmt.put_units(item, key, found)
        if kind in ("action", "activity") and not item_id and not any(
                cells.get(k) for k in ("lead", "participants", "partners")) and cells.get("who"):
            _resolve_who(reader, spec.sheet, number, columns, cells["who"], item)
        if kind in ("action", "activity") and not item_id and cells.get("when") and not any(
                cells.get(k) for k in ("start", "deadline", "recurrence", "continuous")):
            item["timing"] = _timing(cells["when"])
        if kind == "action" and "cause" in cells and _norm(cells["cause"]) != _norm(
                "\n".join(_cause_text(reader, c) for c in reference.get("causes") or [])):
            cause_ids = []
            for text in _cause_lines(cells["cause"], cause_by_text):
                cause_id = cause_by_text.get(_norm(text))
                if cause_id is None:  # a cause written on the action's row: a new cause of this area
                    cause_id = ids.new("cause", text, "orsak", scope["cause"])
                    scope["cause"].append(cause_id)
                    cause_by_text[_norm(text)] = cause_id
                    pending_causes.append({"id": cause_id, "text": text})
                cause_ids.append(cause_id)
            if cause_ids:
                item["causes"] = cause_ids
            else:
                item.pop("causes", None)
        if item.get("work_type") and item["work_type"] not in fmt.WORK_TYPES:
            reader.problem("schema-enum", spec.sheet, number, columns["work_type"] + 1,
                           f"\"{item['work_type']}\" är ingen typ av insats.", "Skriv punktinsats eller ordinarie arbete.")
            failed = True
        text_key = {"cause": "text", "goal": "text"}.get(kind, "title")
        if not item.get(text_key):
            column = {"cause": "cause", "goal": "goals"}.get(kind, "title")
            reader.problem("import-missing-action" if kind in ("action", "activity") else "import-missing-text",
                           spec.sheet, number, columns.get(column, 0) + 1,
                           f"raden är en {fmt.LEVEL_NAMES[kind]} men kolumnen {_header_name(column)} är tom.",
                           "Fyll i texten, eller ta bort raden.")
            continue
        if failed:
            continue
        if not item_id:
            item_id = ids.new(kind, item[text_key], {"cause": "orsak", "goal": "mal", "action": "atgard",
                                                      "activity": "aktivitet"}[kind], scope[kind])
            scope[kind].append(item_id)
        item = {"id": item_id, **{k: v for k, v in item.items() if k != "id"}}
        if kind == "cause":
            cause_by_text.setdefault(_norm(item["text"]), item_id)
            children["causes"].append(item)
        elif kind == "goal":
            children["goals"].append(item)
        elif kind == "action":
            current_action = item
            if "activities" in item:
                item["activities"] = []  # refilled from the activity rows below, in the same place in the file
            children["actions"].append(item)
        else:
            if current_action is None:
                reader.problem("import-activity-without-action", spec.sheet, number, columns.get("level", 0) + 1,
                               "aktiviteten står före första åtgärden i bladet.",
                               "Flytta raden under åtgärden den hör till.")
                continue
            current_action.setdefault("activities", []).append(item)
    for action in children["actions"]:
        if not action.get("activities"):
            action.pop("activities", None)
    children["causes"].extend(pending_causes)
    return children


def _cause_text(reader: _Reader, cause_id: str) -> str:
    raw = reader.reference("cause", cause_id) or reader.existing.get(("cause", cause_id)) or {}
    return raw.get("text", cause_id)


def _cause_lines(text: str, cause_by_text: dict) -> list[str]:
    """Lines of an Orsak cell, joined back where a cause's own text has line breaks."""
    lines = [line for line in text.split("\n") if line.strip()]
    out: list[str] = []
    index = 0
    while index < len(lines):
        for end in range(len(lines), index, -1):
            candidate = "\n".join(lines[index:end])
            if _norm(candidate) in cause_by_text or end == index + 1:
                out.append(candidate)
                index = end
                break
    if len(out) > 1 and not any(_norm(o) in cause_by_text for o in out):
        return [text]  # one new cause written over several lines
    return out


def _resolve_who(reader: _Reader, sheet: str, number: int, columns: dict, who: str, item: dict) -> None:
    found, unknown = UnitResolver(reader.muni).resolve(who)
    responsible = dict(item.get("responsible") or {})
    if found:
        responsible["lead"] = found[:1]
        if found[1:]:
            responsible["participants"] = found[1:]
    if unknown:
        responsible["description"] = ", ".join(unknown)
        for name in unknown:
            reader.problem("import-unknown-unit", sheet, number, columns["who"] + 1,
                           f"\"{name}\" i kolumnen Vem finns inte i organisation.yaml."
                           f"{fmt.suggest(name, reader.units.candidates)} Texten finns kvar i responsible.description.",
                           "Lägg till enheten i organisation.yaml (med namn eller förkortning som i Excel-filen) "
                           "och läs in filen igen, eller skriv namnet som det står där.")
    if responsible:
        item["responsible"] = responsible


def _new_document(reader: _Reader, doc_id: str, title: str) -> dict:
    return {
        "id": doc_id, "municipality": reader.muni.id, "kind": "åtgärdsplan", "title": title, "status": "okänd",
        "remark": "Inläst från Excel med tryggplan import xlsx. Arbetsboken visar inget beslut, så status är "
                  "okänd: fyll i status, beslut och giltighetstid från det beslutade dokumentet.",
    }


# --- a filled-in template ---------------------------------------------------------------------

def _import_template(reader: _Reader, sheets, doc_id: str, title: str, existing: dict | None,
                     path: Path) -> ImportResult:
    taken: set[str] = {doc_id} | {key[1] for key in reader.existing}
    by_title = {_norm(raw.get("title", "")): raw for (kind, _), raw in reader.existing.items()
                if kind == "action" and raw.get("title")}
    areas_by_title = {_norm(raw.get("title", "")): raw for (kind, _), raw in reader.existing.items()
                      if kind == "area" and raw.get("title")}
    causes_by_text = {_norm(raw.get("text", "")): raw for (kind, _), raw in reader.existing.items()
                      if kind == "cause" and raw.get("text")}
    areas: list[dict] = []
    action_number = 0
    sheet_count = 0
    resolver = UnitResolver(reader.muni)
    for name, rows in sheets:
        header = find_header(rows)
        if header is None:
            if any(_cell_text(v) for row in rows for v in row):
                reader.problems.append(Problem(
                    "import-no-header", reader.display, 1, 1,
                    f"Blad \"{name}\": hittar ingen rubrikrad med Orsak, Åtgärd, När, Vem och Uppföljning. "
                    "Bladet hoppades över.",
                    "Lägg tabellens rubriker på en rad (minst Åtgärd och två till) eller ta bort bladet om det inte "
                    "är ett område.", severity="warning"))
            continue
        sheet_count += 1
        header_index, columns = header
        area_title = _area_title(rows[:header_index]) or name.strip()
        old_area = areas_by_title.get(_norm(area_title))
        if old_area is not None:
            area = copy.deepcopy(old_area)
            area_id = area["id"]
        else:
            area_id = unique_id(slugify(name), taken, "omrade")
            area = {"id": area_id, "title": area_title, "kind": "prioriterat samverkansområde"}
        taken.add(area_id)
        causes: list[dict] = []
        actions: list[dict] = []
        current_cause: dict | None = None
        empty_rows: list[int] = []
        for offset, row in enumerate(rows[header_index + 1:], start=header_index + 2):
            cells = {kind: _clean(_cell_text(row[col])) if col < len(row) else "" for kind, col in columns.items()}
            if not any(cells.values()):
                empty_rows.append(offset)
                continue
            if is_instruction_row(row, cells):
                continue
            for empty in empty_rows:
                reader.problem("import-empty-row", name, empty, 0, "raden är tom och hoppades över.",
                               "Ta bort tomma rader mitt i tabellen, eller fyll i dem om något saknas.", "warning")
            empty_rows = []
            cause_text = cells.get("cause", "")
            if cause_text and (current_cause is None or current_cause["text"] != cause_text):
                old_cause = causes_by_text.get(_norm(cause_text))
                if old_cause is not None:
                    current_cause = copy.deepcopy(old_cause)
                else:
                    cause_id = unique_id(f"{area_id}-o{len(causes) + 1}", taken, "orsak")
                    taken.add(cause_id)
                    current_cause = {"id": cause_id, "number": len(causes) + 1, "text": cause_text}
                causes.append(current_cause)
            if not cells.get("title"):
                if any(cells.get(k) for k in ("when", "who", "followup")):
                    reader.problem("import-missing-action", name, offset, columns["title"] + 1,
                                   "raden har När, Vem eller Uppföljning men ingen Åtgärd. Raden hoppades över.",
                                   "Fyll i åtgärden i kolumnen Åtgärd.")
                continue
            action_number += 1
            old = by_title.get(_norm(cells["title"]))
            if old is not None:
                action = copy.deepcopy(old)
            else:
                action_id = unique_id(f"a{action_number}", taken, "atgard")
                action = {"id": action_id, "title": cells["title"]}
            taken.add(action["id"])
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
                    for unit_name in unknown:
                        reader.problem(
                            "import-unknown-unit", name, offset, columns["who"] + 1,
                            f"\"{unit_name}\" i kolumnen Vem finns inte i organisation.yaml."
                            f"{fmt.suggest(unit_name, resolver.candidates)} Texten finns kvar i "
                            "responsible.description.",
                            "Lägg till enheten i organisation.yaml (med namn eller förkortning som i Excel-filen) "
                            "och läs in filen igen, eller skriv namnet som det står där.")
                action["responsible"] = responsible
                action["responsible_text"] = who
            if cells.get("when"):
                action["timing"] = _timing(cells["when"])
            if cells.get("followup"):
                action["followup_plan"] = cells["followup"]
            if cells.get("goals"):
                action["goals"] = [cells["goals"]]
            if cells.get("detailed_plan_proposal"):
                action["detailed_plan_proposal"] = cells["detailed_plan_proposal"]
            actions.append(action)
        if causes:
            area["causes"] = causes
        if actions:
            area["actions"] = actions
        areas.append(area)
    if sheet_count == 0:
        reader.problems.append(Problem("import-no-sheets", reader.display, 1, 1,
                                       "Ingen flik i arbetsboken har en tabell med kolumnerna Orsak, Åtgärd, När, Vem "
                                       "och Uppföljning.",
                                       "Använd mallen: en flik per prioriterat samverkansområde."))
    if existing is not None:
        data = copy.deepcopy(existing)
        kept = [a for a in existing.get("areas") or [] if a.get("id") not in {x["id"] for x in areas}]
        data["areas"] = [*areas, *kept] if areas else existing.get("areas", [])
        if doc_id:
            data["id"] = doc_id
    else:
        if not title:
            reader.problems.append(Problem("import-no-title", reader.display, 1, 1,
                                           "Arbetsboken anger ingen titel för dokumentet.",
                                           "Ange titeln med --title \"…\" (som den står på det beslutade dokumentet)."))
        data = _new_document(reader, doc_id, title)
        if areas:
            data["areas"] = areas
    if not data.get("areas"):
        data.pop("areas", None)
    text = dump(data, modeline("plan")) if data.get("id") and data.get("title") else ""
    return ImportResult(data, text, reader.problems, sheet_count, action_number)


def plan_yaml(data: dict) -> str:
    return dump(data, modeline("plan"))


def read_document_ref(path: Path) -> str:
    """"kommun/dokument" that a workbook from `tryggplan export` names in its hidden sheet, or ""."""
    sheets, problems = read_sheets(path, path.as_posix())
    for name, rows in sheets:
        if name.casefold() == fmt.DATA_SHEET.casefold():
            return _read_blobs(rows)[1].get("document", "")
    return ""
