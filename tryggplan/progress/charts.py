"""Static SVG line charts for indicators, made at build time (no JavaScript).

Accessibility: the SVG has role="img" with <title> and <desc>; the desc states the trend in
words. Series are told apart without colour: the municipality's own series are solid lines
with filled markers of different shapes, comparison areas (riket, liknande kommuner …) are
dashed or dotted with hollow markers, and every line has a direct label at its end. Every
colour has at least 3:1 contrast against white (WCAG 1.4.11). The same numbers are always
shown as a table next to the chart (views/progress_html.py).

Output is deterministic: same data, same bytes (coordinates rounded to one decimal).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from tryggplan.formatting import UNIT_LABELS, escape, swedish_number, swedish_period
from tryggplan.model import TOTAL, Indicator, Series, Target

WIDTH, HEIGHT = 440, 300
LEFT, RIGHT, TOP, BOTTOM = 58, 132, 30, 40
PLOT_X0, PLOT_X1 = LEFT, WIDTH - RIGHT
PLOT_Y0, PLOT_Y1 = TOP, HEIGHT - BOTTOM
FONT_SIZE = 13
LINE_HEIGHT = 15
TEXT_COLOUR = "#1f2937"
GRID_COLOUR = "#d1d5db"
AXIS_COLOUR = "#4b5563"
TARGET_COLOUR = "#111827"

#: Line colours, each ≥ 3:1 against white (tests/progress/test_charts.py checks it).
OWN_COLOURS = ("#0b4f9c", "#b42318", "#166534", "#6b21a8", "#92400e", "#374151")
COMPARISON_STYLES = {
    # comparison: (colour, dash pattern, marker)
    "riket": ("#374151", "6 4", "square"),
    "liknande-kommuner": ("#92400e", "2 3", "triangle"),
    "lan": ("#6b21a8", "8 3 2 3", "diamond"),
    "polisregion": ("#166534", "4 2", "circle"),
}
OWN_MARKERS = ("circle", "square", "triangle", "diamond")
COMPARISON_LABELS = {
    "kommun": "Kommunen",
    "riket": "Riket",
    "liknande-kommuner": "Liknande kommuner",
    "lan": "Länet",
    "polisregion": "Polisregionen",
}
COMPARISON_ORDER = ("kommun", "riket", "liknande-kommuner", "lan", "polisregion")

_SUBJECT = {"procent": "Andelen", "antal": "Antalet", "hushall": "Antalet hushåll", "per-100000": "Antalet",
            "index": "Indexvärdet", "placering": "Placeringen"}


def value_phrase(value: float, unit: str) -> str:
    """23 -> "23 procent", 9000 per-100000 -> "9 000 per 100 000 invånare", 71 placering -> "plats 71"."""
    number = swedish_number(value)
    if unit == "procent":
        return f"{number} procent"
    if unit == "per-100000":
        return f"{number} per 100\u202f000 invånare"
    if unit == "hushall":
        return f"{number} hushåll"
    if unit == "placering":
        return f"plats {number}"
    return number


def series_label(indicator: Indicator, series: Series) -> str:
    """How a series is named on the chart, in the table and in words."""
    breakdown = indicator.breakdowns.get(series.breakdown, series.breakdown)
    if series.comparison == "kommun":
        return breakdown
    place = COMPARISON_LABELS.get(series.comparison, series.comparison)
    return place if series.breakdown == TOTAL else f"{place}, {breakdown.lower()}"


def ordered_series(indicator: Indicator) -> list[Series]:
    """Own series first (total, then breakdowns in declared order), then comparison areas."""
    breakdown_order = list(indicator.breakdowns)

    def key(series: Series) -> tuple[Any, ...]:
        b = breakdown_order.index(series.breakdown) if series.breakdown in breakdown_order else len(breakdown_order)
        c = COMPARISON_ORDER.index(series.comparison) if series.comparison in COMPARISON_ORDER else 9
        return (c != 0, c, b)

    return sorted(indicator.series, key=key)


def period_position(period: str) -> float:
    """A period as a number on the time axis: 2021 -> 2021.0, 2019-12 -> 2019.917, 2024-H2 -> 2024.5;
    a range 2021-12--2022-02 sits in its middle."""
    if "--" in period:
        first, _, last = period.partition("--")
        return (period_position(first) + period_position(last)) / 2
    year = int(period[:4])
    rest = period[5:]
    if not rest:
        return float(year)
    if rest[0] in "THQ":
        parts = {"T": 3, "H": 2, "Q": 4}[rest[0]]
        return year + (int(rest[1:]) - 1) / parts
    return year + (int(rest) - 1) / 12


def short_period(period: str) -> str:
    """Axis label: 2021, dec 2019, T1 2024, H2 2024, Q3 2024, dec 2021–feb 2022."""
    if "--" in period:
        first, _, last = period.partition("--")
        return f"{short_period(first)}\u2013{short_period(last)}"
    if len(period) == 4:
        return period
    rest = period[5:]
    if rest[0] in "THQ":
        return f"{rest} {period[:4]}"
    text = swedish_period(period)
    month, _, year = text.partition(" ")
    return f"{month[:3]} {year}"


def nice_step(span: float, ticks: int = 4) -> float:
    if span <= 0 or not math.isfinite(span):
        return 1.0
    raw = span / ticks
    magnitude: float = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _decimals(step: float) -> int:
    """Decimals needed to write the tick step exactly (0.25 -> 2, 5 -> 0)."""
    text = f"{step:.6f}".rstrip("0").rstrip(".")
    return len(text.split(".")[1]) if "." in text else 0


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return "0.0" if text == "-0.0" else text


def target_value(target: Target, indicator: Indicator) -> float | None:
    """The target as a value on the chart (change targets need their baseline)."""
    if target.value is None or not math.isfinite(float(target.value)):
        return None
    if target.kind in ("at_most", "at_least"):
        return float(target.value)
    base = target.baseline_value
    if base is None:
        from tryggplan.progress.measure import kommun_series, series_points

        points = series_points(kommun_series(indicator, target.breakdown))
        if not points:
            return None
        base = points[0][1]
    if target.kind == "change_percent":
        return float(base) * (1 + float(target.value) / 100)
    return float(base) + float(target.value)


def target_phrase(target: Target, indicator: Indicator) -> str:
    """"högst 15 procent till 2026", "en minskning med 20 procent från 9 000 (2022) till 2025" …"""
    unit = indicator.unit
    year = f" till {target.year}" if target.year else ""
    if target.value is None:
        return f"{target.text}{year}" if not target.text.endswith(".") else target.text[:-1]
    if target.kind == "at_most":
        return f"högst {value_phrase(target.value, unit)}{year}"
    if target.kind == "at_least":
        return f"minst {value_phrase(target.value, unit)}{year}"
    change = "en minskning" if target.value < 0 else "en ökning"
    amount = (f"{swedish_number(abs(target.value))} procent" if target.kind == "change_percent"
              else value_phrase(abs(target.value), unit))
    base = ""
    if target.baseline_period and target.baseline_value is not None:
        base = f" från {value_phrase(target.baseline_value, unit)} ({swedish_period(target.baseline_period)})"
    goal = target_value(target, indicator)
    goal_text = f", det vill säga till {value_phrase(round(goal, 2), unit)}" if goal is not None else ""
    return f"{change} med {amount}{base}{year}{goal_text}"


def describe(indicator: Indicator, municipality_name: str = "") -> str:
    """The chart's text alternative: the trend in words, comparisons and the target."""
    unit = indicator.unit
    subject = _SUBJECT.get(unit, "Värdet")
    sentences: list[str] = []
    own = [s for s in ordered_series(indicator) if s.comparison == "kommun"]
    others = [s for s in ordered_series(indicator) if s.comparison != "kommun"]
    for index, series in enumerate(own):
        values = [v for v in series.values if v.value is not None]
        label = series_label(indicator, series)
        where = f" i {municipality_name}" if municipality_name and index == 0 else ""
        prefix = subject + where if index == 0 else f"{label}:"
        if not values:
            sentences.append(f"{prefix} saknar värden." if index else f"{subject}{where}: det finns inga värden ännu.")
            continue
        first, last = values[0], values[-1]
        assert first.value is not None and last.value is not None  # values holds only reported values
        prel = " (preliminärt)" if last.preliminary else ""
        if len(values) == 1:
            verb = "var" if index == 0 else ""
            sentences.append(f"{prefix} {verb} {value_phrase(first.value, unit)} {swedish_period(first.period)}{prel}."
                             .replace("  ", " "))
            continue
        if last.value > first.value:
            verb = "ökade från" if index == 0 else "från"
        elif last.value < first.value:
            verb = "minskade från" if index == 0 else "från"
        else:
            verb = "var oförändrat från" if index == 0 else "oförändrat från"
        text = (f"{prefix} {verb} {value_phrase(first.value, unit)} {swedish_period(first.period)} till "
                f"{value_phrase(last.value, unit)} {swedish_period(last.period)}{prel}")
        missing = [v.period for v in series.values if v.value is None]
        if missing:
            text += f"; värde saknas för {', '.join(swedish_period(p) for p in missing)}"
        sentences.append(text + ".")
    for series in others:
        values = [v for v in series.values if v.value is not None]
        if values:
            last = values[-1]
            assert last.value is not None
            sentences.append(f"{series_label(indicator, series)}: {value_phrase(last.value, unit)} "
                             f"{swedish_period(last.period)}.")
    for target in indicator.targets:
        which = "" if target.breakdown == TOTAL else f" ({indicator.breakdowns.get(target.breakdown, target.breakdown)})"
        sentences.append(f"Målet{which}: {target_phrase(target, indicator)}.")
    if not sentences:
        return "Det finns inga värden att visa ännu."
    return " ".join(sentences)


@dataclass(slots=True)
class _Line:
    label: str
    colour: str
    dash: str
    marker: str
    hollow: bool
    points: list[tuple[float, float, bool]]  # x-position, value, preliminary
    segments: list[list[tuple[float, float]]]


def _marker(shape: str, x: float, y: float, colour: str, hollow: bool) -> str:
    fill = "#ffffff" if hollow else colour
    attrs = f'fill="{fill}" stroke="{colour}" stroke-width="2"'
    if shape == "square":
        return f'<rect x="{_fmt(x - 4)}" y="{_fmt(y - 4)}" width="8" height="8" {attrs}/>'
    if shape == "triangle":
        return (f'<path d="M{_fmt(x)} {_fmt(y - 5.5)}L{_fmt(x + 5)} {_fmt(y + 3.5)}L{_fmt(x - 5)} {_fmt(y + 3.5)}Z" '
                f'{attrs}/>')
    if shape == "diamond":
        return f'<path d="M{_fmt(x)} {_fmt(y - 5.5)}L{_fmt(x + 5.5)} {_fmt(y)}L{_fmt(x)} {_fmt(y + 5.5)}L{_fmt(x - 5.5)} {_fmt(y)}Z" {attrs}/>'
    if shape == "star":
        return (f'<path d="M{_fmt(x)} {_fmt(y - 7)}L{_fmt(x + 2)} {_fmt(y - 2)}L{_fmt(x + 7)} {_fmt(y - 2)}'
                f'L{_fmt(x + 3)} {_fmt(y + 1.5)}L{_fmt(x + 4.5)} {_fmt(y + 6.5)}L{_fmt(x)} {_fmt(y + 3.5)}'
                f'L{_fmt(x - 4.5)} {_fmt(y + 6.5)}L{_fmt(x - 3)} {_fmt(y + 1.5)}L{_fmt(x - 7)} {_fmt(y - 2)}'
                f'L{_fmt(x - 2)} {_fmt(y - 2)}Z" {attrs}/>')
    return f'<circle cx="{_fmt(x)}" cy="{_fmt(y)}" r="4" {attrs}/>'


def _wrap(text: str, width: int = 13) -> list[str]:
    words, lines, line = [w for w in text.split(" ") if w], [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines[:3] or [""]


def _spread(labels: list[tuple[float, list[str]]]) -> list[float]:
    """Move label positions apart so multi-line labels do not overlap, keeping them in the plot."""
    order = sorted(range(len(labels)), key=lambda i: labels[i][0])
    ys = [0.0] * len(labels)
    cursor = -math.inf
    for i in order:
        y, lines = labels[i]
        top = max(y - LINE_HEIGHT * (len(lines) - 1) / 2, cursor)
        ys[i] = top
        cursor = top + LINE_HEIGHT * len(lines)
    overflow = cursor - (PLOT_Y1 + 8)
    if overflow > 0:
        for i in order:
            ys[i] -= overflow
    return ys


def chart_id(indicator: Indicator) -> str:
    return "tp-chart-" + re.sub(r"[^a-z0-9-]", "-", indicator.id)


def render_chart(indicator: Indicator, municipality_name: str = "") -> str:
    """An SVG line chart of every series of the indicator, with the targets."""
    cid = chart_id(indicator)
    title = f"Diagram: {indicator.name}"
    desc = describe(indicator, municipality_name)
    lines: list[_Line] = []
    own_index = 0
    for series in ordered_series(indicator):
        if series.comparison == "kommun":
            colour = OWN_COLOURS[own_index % len(OWN_COLOURS)]
            marker, dash, hollow = OWN_MARKERS[own_index % len(OWN_MARKERS)], "", False
            own_index += 1
        else:
            colour, dash, marker = COMPARISON_STYLES.get(series.comparison, ("#374151", "3 3", "circle"))
            hollow = True
        points: list[tuple[float, float, bool]] = []
        segments: list[list[tuple[float, float]]] = []
        current: list[tuple[float, float]] = []
        for value in series.values:
            if value.value is None or not math.isfinite(float(value.value)):
                if current:
                    segments.append(current)
                current = []
                continue
            x = period_position(value.period)
            points.append((x, float(value.value), value.preliminary))
            current.append((x, float(value.value)))
        if current:
            segments.append(current)
        if points:
            lines.append(_Line(series_label(indicator, series), colour, dash, marker, hollow, points, segments))

    targets = [(t, v) for t in indicator.targets if (v := target_value(t, indicator)) is not None]
    xs = [p[0] for line in lines for p in line.points]
    values = [p[1] for line in lines for p in line.points] + [v for _, v in targets]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" '
           f'style="max-width:{WIDTH * 1.5:.0f}px;height:auto" role="img" class="tp-chart" '
           f'aria-labelledby="{cid}-title {cid}-desc" font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" '
           f'font-size="{FONT_SIZE}">',
           f'<title id="{cid}-title">{escape(title)}</title>',
           f'<desc id="{cid}-desc">{escape(desc)}</desc>']
    if not xs:
        out.append(f'<text x="{WIDTH / 2:.0f}" y="{HEIGHT / 2:.0f}" text-anchor="middle" fill="{TEXT_COLOUR}">'
                   'Det finns inga värden att visa ännu.</text>')
        out.append("</svg>")
        return "\n".join(out)

    target_years = [float(t.year) for t, _ in targets if t.year]
    x_min = min(xs)
    x_max = max(xs + [y for y in target_years if y - max(xs) <= 10])
    if x_max - x_min < 1:
        x_min, x_max = x_min - 0.5, x_max + 0.5
    y_low = min(0.0, min(values))
    y_high = max(values)
    step = nice_step(y_high - y_low)
    y_max = math.ceil(y_high / step) * step if y_high > 0 else step
    if y_max <= y_high:
        y_max += step
    y_min = math.floor(y_low / step) * step if y_low < 0 else 0.0
    pad = 12

    def px(x: float) -> float:
        return PLOT_X0 + pad + (x - x_min) / (x_max - x_min) * (PLOT_X1 - PLOT_X0 - 2 * pad)

    def py(v: float) -> float:
        return PLOT_Y1 - (v - y_min) / (y_max - y_min) * (PLOT_Y1 - PLOT_Y0)

    decimals = _decimals(step)
    out.append(f'<text x="4" y="{TOP - 14}" fill="{TEXT_COLOUR}">{escape(UNIT_LABELS.get(indicator.unit, indicator.unit))}</text>')
    out.append('<g class="tp-chart-axes" aria-hidden="true">')
    tick = y_min
    count = 0
    while tick <= y_max + step / 1000 and count < 50:
        y = py(tick)
        out.append(f'<line x1="{PLOT_X0}" y1="{_fmt(y)}" x2="{PLOT_X1}" y2="{_fmt(y)}" stroke="{GRID_COLOUR}" stroke-width="1"/>')
        out.append(f'<text x="{PLOT_X0 - 6}" y="{_fmt(y + 4)}" text-anchor="end" fill="{TEXT_COLOUR}">'
                   f'{escape(swedish_number(round(tick, decimals), decimals))}</text>')
        tick += step
        count += 1
    out.append(f'<line x1="{PLOT_X0}" y1="{PLOT_Y1}" x2="{PLOT_X1}" y2="{PLOT_Y1}" stroke="{AXIS_COLOUR}" stroke-width="1"/>')
    periods: dict[float, str] = {}
    for series in indicator.series:
        for value in series.values:
            periods.setdefault(period_position(value.period), value.period)
    for year in target_years:
        if x_min <= year <= x_max:
            periods.setdefault(year, str(int(year)))
    positions = sorted(p for p in periods if x_min <= p <= x_max)
    shown: list[float] = []
    for position in reversed(positions):  # the latest period always gets its label
        x = px(position)
        width = len(short_period(periods[position])) * FONT_SIZE * 0.6
        if not shown or shown[-1] - x >= width + 6:
            shown.append(x)
        out.append(f'<line x1="{_fmt(x)}" y1="{PLOT_Y1}" x2="{_fmt(x)}" y2="{PLOT_Y1 + 4}" stroke="{AXIS_COLOUR}" stroke-width="1"/>')
        if shown[-1] == x:
            out.append(f'<text x="{_fmt(x)}" y="{PLOT_Y1 + 18}" text-anchor="middle" fill="{TEXT_COLOUR}">'
                       f'{escape(short_period(periods[position]))}</text>')
    out.append("</g>")

    labels: list[tuple[float, list[str]]] = []
    label_styles: list[tuple[str, str, bool]] = []
    for target, target_number in targets:
        y = py(target_number)
        out.append('<g class="tp-chart-target" aria-hidden="true">')
        out.append(f'<line x1="{PLOT_X0}" y1="{_fmt(y)}" x2="{PLOT_X1}" y2="{_fmt(y)}" stroke="{TARGET_COLOUR}" '
                   'stroke-width="1.5" stroke-dasharray="1 3" stroke-linecap="round"/>')
        if target.year and x_min <= target.year <= x_max:
            out.append(_marker("star", px(float(target.year)), y, TARGET_COLOUR, False))
        out.append("</g>")
        when = f" {target.year}" if target.year else ""
        which = "" if target.breakdown == TOTAL else f" {indicator.breakdowns.get(target.breakdown, target.breakdown).lower()}"
        labels.append((y, _wrap(f"Mål{which}{when}: {swedish_number(round(target_number, 2))}")))
        label_styles.append((TARGET_COLOUR, "", False))

    for line in lines:
        out.append('<g class="tp-chart-series" aria-hidden="true">')
        for segment in line.segments:
            if len(segment) > 1:
                d = "".join(f"{'M' if i == 0 else 'L'}{_fmt(px(x))} {_fmt(py(v))}" for i, (x, v) in enumerate(segment))
                dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
                out.append(f'<path d="{d}" fill="none" stroke="{line.colour}" stroke-width="2.5"{dash}/>')
        for x, v, preliminary in line.points:
            out.append(_marker(line.marker, px(x), py(v), line.colour, line.hollow or preliminary))
        out.append("</g>")
        last_x, last_v, _ = line.points[-1]
        labels.append((py(last_v), _wrap(line.label)))
        label_styles.append((line.colour, line.marker, line.hollow))

    out.append('<g class="tp-chart-labels" aria-hidden="true">')
    for (_anchor, text_lines), y_top, (colour, marker, hollow) in zip(labels, _spread(labels), label_styles):
        if marker:
            out.append(_marker(marker, PLOT_X1 + 12, y_top, colour, hollow))
        else:
            out.append(f'<line x1="{PLOT_X1 + 6}" y1="{_fmt(y_top)}" x2="{PLOT_X1 + 18}" y2="{_fmt(y_top)}" '
                       f'stroke="{colour}" stroke-width="1.5" stroke-dasharray="1 3" stroke-linecap="round"/>')
        x = PLOT_X1 + 22
        tspans = "".join(f'<tspan x="{x}" dy="{0 if i == 0 else LINE_HEIGHT}">{escape(t)}</tspan>'
                         for i, t in enumerate(text_lines))
        out.append(f'<text x="{x}" y="{_fmt(y_top + 4)}" fill="{colour}" font-weight="600">{tspans}</text>')
    out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #rrggbb colour."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str = "#ffffff") -> float:
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)
