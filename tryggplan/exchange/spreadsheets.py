"""Spreadsheet safety shared by every workbook and CSV tryggplan writes or reads: no live formulas, bounded input."""

from __future__ import annotations

import zipfile
from pathlib import Path

from tryggplan.problems import Problem

# A cell that starts with one of these can be run as a formula (or hide one) by Excel or LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Limits for a workbook that is read in (a plan or follow-up has a few hundred rows at most).
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
MAX_MEMBERS = 500
MAX_SHEETS = 100
MAX_ROWS = 5000
MAX_COLUMNS = 60


def set_text(cell, value) -> None:
    """Write value into an openpyxl cell; text that could be a formula gets the explicit string type."""
    cell.value = value
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell.data_type = "s"


def csv_text(value: str) -> str:
    """OWASP's rule for CSV injection: a field that starts with = + - @ tab or CR gets a leading apostrophe."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def check_workbook_file(path: Path, display: str, unreadable: str = "import-unreadable") -> Problem | None:
    """A located problem when the file is not a bounded .xlsx zip (zip bomb, thousands of parts)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return Problem(unreadable, display, 1, 1, "Filen kan inte läsas som en Excel-arbetsbok (.xlsx).",
                       "Spara filen som .xlsx (Excel-arbetsbok) och försök igen.")
    unpacked = sum(m.file_size for m in members)
    if len(members) > MAX_MEMBERS or unpacked > MAX_UNPACKED_BYTES:
        megabytes = unpacked / (1024 * 1024)
        return Problem("import-too-large", display, 1, 1,
                       f"Arbetsboken är för stor för att läsas in: {megabytes:.0f} MB uppackad i {len(members)} delar "
                       f"(högst {MAX_UNPACKED_BYTES // (1024 * 1024)} MB och {MAX_MEMBERS} delar).",
                       "En plan eller uppföljning ryms i några hundra rader. Ta bort bilder och blad som inte hör "
                       "till planen och försök igen.")
    return None


def too_many_rows(display: str, sheet: str) -> Problem:
    return Problem("import-too-large", display, MAX_ROWS, 1,
                   f"Blad \"{sheet}\" har fler än {MAX_ROWS} rader; arbetsboken lästes inte in.",
                   "Ta bort tomma eller överflödiga rader (en plan har sällan mer än några hundra).")


def too_many_sheets(display: str, count: int) -> Problem:
    return Problem("import-too-large", display, 1, 1,
                   f"Arbetsboken har {count} blad (högst {MAX_SHEETS}); den lästes inte in.",
                   "Ta bort blad som inte hör till planen.")
