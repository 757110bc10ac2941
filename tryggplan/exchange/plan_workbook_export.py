"""A plan as an Excel workbook for staff: one sheet per area in the Stockholm template's layout
(Orsak / Åtgärd / När / Vem / Uppföljning) plus the columns and ids that make the file read back
losslessly with `tryggplan import xlsx`.

Every cause, goal, action and activity is a row with its id; an Områden sheet lists the areas.
A hidden sheet keeps a copy of each item's fields that have no column (texts, links, decisions), so an
unchanged workbook gives back exactly the plan it came from. Text that could be a formula is written
as text.
"""

from __future__ import annotations

import re
from pathlib import Path

from tryggplan.exchange import plan_workbook_format as fmt
from tryggplan.exchange.spreadsheets import set_text
from tryggplan.model import Municipality

_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
RESERVED = {fmt.AREAS_SHEET.casefold(), fmt.INSTRUCTIONS_SHEET.casefold(), fmt.DATA_SHEET.casefold(),
            fmt.DOCUMENT_ACTIONS_SHEET.casefold()}

INSTRUCTIONS = (
    "Så ändrar du planen i Excel",
    "",
    "• Varje område har en egen flik. Fliken Områden listar områdena, deras rubrik och typ.",
    "• Varje rad är en orsak, ett mål, en åtgärd eller en aktivitet (kolumnen Nivå). En aktivitet hör till "
    "åtgärden ovanför.",
    "• Ändra texten direkt i cellerna. Ändra inte kolumnen Id: den visar vilken post raden är.",
    "• Ny rad: lämna Id tom. Den nya posten får nästa lediga id när filen läses in.",
    "• Ta bort en rad för att ta bort posten. Den som läser in filen ser alla ändringar innan de sparas.",
    "• Ansvarig enhet, Medverkande och Samarbetspartner: namn som i organisationen, flera skiljs med semikolon.",
    "• Löpande: skriv ja för åtgärder som pågår kontinuerligt. Datum skrivs ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.",
    "• Vem och När är planens egen formulering; de ändrar inte ansvaret eller datumen i de andra kolumnerna.",
    "",
    "Läs in filen med: .venv/bin/tryggplan import xlsx FILEN.xlsx (visar ändringarna; --force sparar dem).",
)


def sheet_title(title: str, taken: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub(" ", title).strip().strip("'")[:31].strip() or "Område"
    name, n = base, 2
    while name.casefold() in taken or name.casefold() in RESERVED:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)].strip() + suffix
        n += 1
    taken.add(name.casefold())
    return name


def _row_values(kind: str, raw: dict, causes: dict[str, str], units: fmt.Units) -> dict[str, str]:
    values = {"id": raw.get("id", ""), "level": fmt.LEVEL_NAMES[kind]}
    if kind == "cause":
        fields = fmt.CAUSE_FIELDS
    elif kind == "goal":
        fields = fmt.GOAL_FIELDS
    else:
        fields = {key: field for key, field in fmt.FIELDS.items() if key in fmt.LEVEL_COLUMNS[kind]}
        for key in ("lead", "participants", "partners"):
            if key in fmt.LEVEL_COLUMNS[kind]:
                values[key] = units.text(fmt.unit_ids(raw, key))
        if kind == "action":
            values["cause"] = "\n".join(causes.get(c, c) for c in raw.get("causes") or [])
    for key, field in fields.items():
        values[key] = field.get(raw)
    return values


def _action_sheet_heading(sheet, title: str, doc: dict, muni: Municipality) -> None:
    """Title, document line and the column headers that every sheet of action rows starts with."""
    from openpyxl.styles import Font, PatternFill

    heading = sheet.cell(1, 1)
    set_text(heading, title)
    heading.font = Font(bold=True, size=14)
    set_text(sheet.cell(2, 1), f"{doc.get('title', '')} ({muni.name})")
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE7F3")
    for col, (_, header, width) in enumerate(fmt.COLUMNS, start=1):
        cell = sheet.cell(fmt.HEADER_ROW, col, header)
        cell.font, cell.fill = bold, fill
        sheet.column_dimensions[cell.column_letter].width = width


def build_workbook(muni: Municipality, doc: dict):
    """The workbook for plan data doc (plan.yaml as loaded) of municipality muni."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    units = fmt.Units(muni)
    causes = {c.get("id"): c.get("text", "") for kind, c, _ in fmt.walk(doc) if kind == "cause"}
    workbook = Workbook()
    info = workbook.active
    info.title = fmt.INSTRUCTIONS_SHEET
    info.column_dimensions["A"].width = 110
    for index, line in enumerate(fmt_lines := INSTRUCTIONS, start=1):
        cell = info.cell(index, 1)
        set_text(cell, line)
        cell.alignment = Alignment(wrap_text=True)
    info.cell(1, 1).font = Font(bold=True, size=14)
    set_text(info.cell(len(fmt_lines) + 2, 1), f"Dokument: {doc.get('title', '')} ({muni.name}).")

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE7F3")
    areas_sheet = workbook.create_sheet(fmt.AREAS_SHEET)
    for col, (_, header, width) in enumerate(fmt.AREA_COLUMNS, start=1):
        cell = areas_sheet.cell(1, col, header)
        cell.font, cell.fill = bold, fill
        areas_sheet.column_dimensions[cell.column_letter].width = width
    areas_sheet.freeze_panes = "A2"

    data = workbook.create_sheet(fmt.DATA_SHEET)  # moved last below
    data.append(["format", fmt.FORMAT])
    data.append(["document", f"{doc.get('municipality', muni.id)}/{doc.get('id', '')}"])
    data.append(["document", doc.get("id", ""), *fmt.chunks(fmt.to_json(fmt.shell("document", doc)))])

    taken: set[str] = set()
    sheet = None
    row = fmt.HEADER_ROW
    area_row = 1
    for kind, raw, parent in fmt.walk(doc):
        if kind != "document-actions":
            data.append([kind, raw.get("id", ""), *fmt.chunks(fmt.to_json(fmt.shell(kind, raw)))])
        if kind == "document-actions":
            sheet = workbook.create_sheet(fmt.DOCUMENT_ACTIONS_SHEET)
            taken.add(sheet.title.casefold())
            _action_sheet_heading(sheet, "Åtgärder direkt under dokumentet (utan område)", doc, muni)
            row = fmt.HEADER_ROW
            continue
        if kind == "area":
            sheet = workbook.create_sheet(sheet_title(raw.get("title", ""), taken))
            area_row += 1
            area_values = {"id": raw.get("id", ""), "parent": parent, "sheet": sheet.title}
            area_values |= {key: field.get(raw) for key, field in fmt.AREA_FIELDS.items()}
            for col, (key, _, _) in enumerate(fmt.AREA_COLUMNS, start=1):
                if area_values.get(key):
                    set_text(areas_sheet.cell(area_row, col), area_values[key])
            _action_sheet_heading(sheet, f"{(raw.get('kind') or 'område').capitalize()}: {raw.get('title', '')}", doc, muni)
            sheet.freeze_panes = sheet.cell(fmt.HEADER_ROW + 1, 3)
            row = fmt.HEADER_ROW
            continue
        row += 1
        values = _row_values(kind, raw, causes, units)
        for col, (key, _, _) in enumerate(fmt.COLUMNS, start=1):
            if values.get(key):
                cell = sheet.cell(row, col)
                set_text(cell, values[key])
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        if kind in ("cause", "goal"):
            for col in range(1, len(fmt.COLUMNS) + 1):
                sheet.cell(row, col).fill = PatternFill("solid", fgColor="F3F3F3")
    data.sheet_state = "hidden"
    workbook.move_sheet(data, offset=len(workbook.sheetnames) - 1 - workbook.sheetnames.index(fmt.DATA_SHEET))
    workbook.properties.title = str(doc.get("title", ""))
    workbook.properties.creator = "tryggplan"
    return workbook


def export_plan_xlsx(muni: Municipality, doc: dict, path: Path) -> None:
    build_workbook(muni, doc).save(path)
