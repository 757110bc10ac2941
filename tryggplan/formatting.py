"""Swedish presentation of dates, numbers and periods: "17 september 2024", "4 460", "0,67"."""

from __future__ import annotations

import datetime as _dt
import html
import math

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
          "oktober", "november", "december")
NBSP = "\u00a0"


def escape(value: object) -> str:
    """HTML-escape any value from YAML, quotes included, so it is safe in text and attributes."""
    return html.escape("" if value is None else str(value), quote=True)


def swedish_date(value: str | _dt.date | None) -> str:
    """2024-09-17 -> 17 september 2024; 2026-07 -> juli 2026; 2024 -> 2024."""
    if value is None or value == "":
        return ""
    if isinstance(value, _dt.date):
        return f"{value.day} {MONTHS[value.month - 1]} {value.year}"
    parts = str(value).split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {int(parts[0])}"
        if len(parts) == 2 and parts[1].isdigit():
            return f"{MONTHS[int(parts[1]) - 1]} {int(parts[0])}"
    except (ValueError, IndexError):
        return str(value)
    return str(value)


def swedish_period(period: str) -> str:
    """2023 -> 2023; 2024-T1 -> tertial 1 2024; 2024-H2 -> andra halvåret 2024; 2024-05 -> maj 2024;
    2021-12--2022-02 -> december 2021–februari 2022; 2024-09--2024-11 -> september–november 2024;
    2024--2026 -> 2024–2026."""
    if "--" in period:
        first, _, last = period.partition("--")
        if len(first) == 7 and len(last) == 7 and first[:4] == last[:4]:
            return f"{swedish_period(first).split(' ')[0]}\u2013{swedish_period(last)}"
        return f"{swedish_period(first)}\u2013{swedish_period(last)}"
    if len(period) == 4:
        return period
    year, rest = period[:4], period[5:]
    if rest.startswith("T"):
        return f"tertial {rest[1:]} {year}"
    if rest.startswith("H"):
        return f"{'första' if rest == 'H1' else 'andra'} halvåret {year}"
    if rest.startswith("Q"):
        return f"kvartal {rest[1:]} {year}"
    return swedish_date(period)


def _decimals(value: float) -> int:
    """Two decimals at most, but enough to show the first significant digit of a small value:
    0.00001 is "0,00001", not "0" (which would say the value is zero)."""
    digits = f"{abs(value):.10f}".rstrip("0").partition(".")[2]
    if not digits:
        return 0
    if abs(value) >= 0.01:
        return min(len(digits), 2)
    first = len(digits) - len(digits.lstrip("0")) + 1  # position of the first significant digit
    return min(len(digits), first + 1)


def period_last_year(period: str) -> int:
    """The year a period ends in: 2024 for 2024-H2, 2022 for 2021-12--2022-02, 2026 for 2024--2026."""
    return int(period.rpartition("--")[2][:4])


def swedish_number(value: float | int | None, decimals: int | None = None) -> str:
    """4460 -> "4 460" (narrow no-break space), 0.67 -> "0,67", -40 -> "−40"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if decimals is None:
        if isinstance(value, int) or float(value).is_integer():
            decimals = 0
        else:
            decimals = _decimals(float(value))
    text = f"{abs(value):,.{decimals}f}".replace(",", "\u202f").replace(".", ",")
    return ("\u2212" if value < 0 else "") + text


def swedish_percent(value: float | None, decimals: int | None = None) -> str:
    if value is None:
        return "–"
    return f"{swedish_number(value, decimals)}{NBSP}%"


UNIT_LABELS = {
    "procent": "procent",
    "antal": "antal",
    "per-100000": "per 100 000 invånare",
    "hushall": "antal hushåll",
    "placering": "placering",
    "index": "index",
    "kvalitativ": "kvalitativ (iakttagelser i ord)",
}


def format_value(value: float | None, unit: str) -> str:
    if unit == "procent":
        return swedish_percent(value)
    return swedish_number(value)


def join_swedish(items: list[str]) -> str:
    """["a", "b", "c"] -> "a, b och c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " och " + items[-1]
