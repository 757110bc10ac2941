"""Limits on plan files as data: one table (schema/limits.json) that every check reads.

The table holds every bound: file size, nesting depth, items per list, text length per kind of
field, which fields are single-line, the magnitude and precision of numbers, the years a date or
period may fall in, and the range of indicator values per unit. The YAML loader applies file size
and depth; tryggplan.load.limitcheck applies the rest.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
_CANDIDATES = (_PACKAGE_DIR.parent / "schema" / "limits.json", _PACKAGE_DIR / "schema" / "limits.json")


@cache
def table() -> dict[str, Any]:
    """The limits table (schema/limits.json, or the copy packaged with tryggplan)."""
    for path in _CANDIDATES:
        if path.is_file():
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            return data
    raise FileNotFoundError("schema/limits.json")


def file_bytes() -> int:
    return int(table()["file_bytes"])


def nesting_depth() -> int:
    return int(table()["nesting_depth"])
