"""A plan as an Excel workbook in the Stockholm template layout, one sheet per area.

Columns Orsak / Åtgärd / När / Vem / Uppföljning, with units spelled out by name, so the file
can be read by people, edited, and read back with `tryggplan import xlsx`.
"""

from __future__ import annotations

import re
from pathlib import Path

from tryggplan.model import Action, Area, Document, Municipality, Timing

HEADERS = ("Orsak", "Åtgärd", "När", "Vem", "Uppföljning")
WIDTHS = (40, 60, 24, 36, 40)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_title(title: str, taken: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub(" ", title).strip()[:31] or "Område"
    name, n = base, 2
    while name.casefold() in taken:
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    taken.add(name.casefold())
    return name


def timing_text(timing: Timing) -> str:
    if timing.text:
        return timing.text
    parts = []
    if timing.continuous:
        parts.append("Löpande")
    if timing.start:
        parts.append(f"från {timing.start}")
    if timing.deadline:
        parts.append(f"klar senast {timing.deadline}")
    if timing.recurrence:
        parts.append(timing.recurrence)
    return ", ".join(parts)


def unit_names(muni: Municipality, action: Action) -> str:
    ids = action.responsible.lead + [u for u in action.responsible.participants if u not in action.responsible.lead]
    names = [muni.units[u].name if u in muni.units else u for u in ids]
    return ", ".join(names) if names else action.responsible.description or action.responsible_text


def area_rows(muni: Municipality, doc: Document, area: Area) -> list[tuple[str, str, str, str, str]]:
    causes = {c.id: c.text for c in doc.all_causes()}
    rows = []
    used: set[str] = set()
    for action in area.actions:
        cause = "\n".join(causes.get(c, c) for c in action.causes)
        used.update(action.causes)
        rows.append((cause, action.title, timing_text(action.timing), unit_names(muni, action), action.followup_plan))
    for cause in area.causes:
        if cause.id not in used:
            rows.append((cause.text, "", "", "", ""))
    return rows


def _set(cell, value: str) -> None:
    cell.value = value
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        cell.data_type = "s"  # text, never a formula


def build_workbook(muni: Municipality, doc: Document):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    areas = [a for a in doc.all_areas() if a.actions or a.causes] or doc.all_areas()
    for area in areas:
        sheet = workbook.create_sheet(sheet_title(area.title, taken))
        _set(sheet.cell(1, 1), f"{(area.kind or 'område').capitalize()}: {area.title}")
        sheet.cell(1, 1).font = Font(bold=True, size=14)
        _set(sheet.cell(2, 1), f"{doc.title} ({muni.name})")
        for col, (header, width) in enumerate(zip(HEADERS, WIDTHS), start=1):
            cell = sheet.cell(4, col)
            cell.value = header
            cell.font = Font(bold=True)
            sheet.column_dimensions[cell.column_letter].width = width
        for row_index, row in enumerate(area_rows(muni, doc, area), start=5):
            for col, value in enumerate(row, start=1):
                cell = sheet.cell(row_index, col)
                _set(cell, value or None)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A5"
    if not workbook.worksheets:
        workbook.create_sheet("Åtgärder")
    workbook.properties.title = doc.title
    workbook.properties.creator = "tryggplan"
    return workbook


def export_plan_xlsx(muni: Municipality, doc: Document, path: Path) -> None:
    build_workbook(muni, doc).save(path)
