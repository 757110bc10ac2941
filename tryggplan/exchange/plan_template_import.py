"""Reading a filled-in Stockholm template (one sheet per prioriterat samverkansområde with Orsak / Åtgärd /
När / Vem / Uppföljning) into plan data, matched to an existing plan by titles and texts where there is one."""

from __future__ import annotations

import copy
from pathlib import Path

from tryggplan.authoring.scaffold import modeline, slugify, unique_id
from tryggplan.exchange.plan_workbook_rows import (
    ImportResult,
    UnitResolver,
    _area_title,
    _cell_text,
    _clean,
    _new_document,
    _norm,
    _Reader,
    _timing,
    find_header,
    is_instruction_row,
    responsible_from_who,
)
from tryggplan.exchange.yamlwrite import dump
from tryggplan.problems import Problem


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
                action["responsible"] = responsible_from_who(reader, resolver, resolver.candidates, name, offset,
                                                             columns["who"] + 1, who, {})
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
