"""Reading the lossless workbook of `tryggplan export`: rows matched by id, only changed cells applied on top
of the existing plan (or the workbook's hidden copy), new rows with the next free id, removed rows removed."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from tryggplan.authoring.scaffold import modeline
from tryggplan.exchange import plan_workbook_format as fmt
from tryggplan.exchange.plan_workbook_rows import (
    _ID,
    ImportResult,
    _area_title,
    _cell_text,
    _Ids,
    _new_document,
    _norm,
    _Reader,
    _resolve_who,
    _set_children,
    _timing,
    find_header,
    is_instruction_row,
)
from tryggplan.exchange.yamlwrite import dump


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
