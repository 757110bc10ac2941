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

from pathlib import Path

from tryggplan.authoring.scaffold import modeline
from tryggplan.exchange import plan_workbook_format as fmt
from tryggplan.exchange.plan_template_import import _import_template
from tryggplan.exchange.plan_workbook_lossless import _import_lossless
from tryggplan.exchange.plan_workbook_rows import (  # noqa: F401 - the public names of plan import
    ImportResult,
    UnitResolver,
    _read_blobs,
    _Reader,
    find_header,
    is_instruction_row,
    read_sheets,
)
from tryggplan.exchange.yamlwrite import dump
from tryggplan.model import Municipality


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


def plan_yaml(data: dict) -> str:
    return dump(data, modeline("plan"))


def read_document_ref(path: Path) -> str:
    """"kommun/dokument" that a workbook from `tryggplan export` names in its hidden sheet, or ""."""
    sheets, problems = read_sheets(path, path.as_posix())
    for name, rows in sheets:
        if name.casefold() == fmt.DATA_SHEET.casefold():
            return _read_blobs(rows)[1].get("document", "")
    return ""
