"""The limits of schema/limits.json applied to one loaded file, with located Swedish problems.

`check()` walks the data once together with its JSON schema (so its cost is linear in the file)
and reports text with control characters, line breaks in single-line fields, over-long texts and
lists, numbers that are not finite or absurd, dates outside the allowed years and indicator values
outside the range of their unit.
"""

from __future__ import annotations

import math
import re
from typing import Any

from tryggplan.load import schemas
from tryggplan.load.limits import table
from tryggplan.problems import Problem

# C0 controls except tab and line feed, DEL, C1 controls, bidi embeddings/overrides/isolates,
# line/paragraph separators and the BOM/zero-width no-break space. Tab and line feed are allowed
# only where a text may span lines.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]")
_LINE_BREAK = re.compile("[\n\t]")
_YEAR_DEFS = {"date", "month_or_date", "period"}
_YEAR = re.compile(r"[0-9]{4}")


def describe_char(char: str) -> str:
    """A control character as the reader can look it up: U+001B."""
    return f"U+{ord(char):04X}"


class _Walker:
    def __init__(self, kind: str, marks: Any, file: str) -> None:
        self.schemas = schemas
        self.kind = kind
        self.marks = marks
        self.file = file
        self.problems: list[Problem] = []
        limits = table()
        self.max_items = int(limits["list_items"])
        self.lengths = {k: int(v) for k, v in limits["text_length"].items()}
        self.single_line = frozenset(limits["single_line_keys"])
        self.max_abs = float(limits["number_max_abs"])
        self.max_decimals = int(limits["number_max_decimals"])
        self.years = (int(limits["years"]["min"]), int(limits["years"]["max"]))
        self.unit_ranges = {k: (float(a), float(b)) for k, (a, b) in limits["indicator_value_ranges"].items()}

    def add(self, code: str, path: tuple[Any, ...], message: str, hint: str) -> None:
        line, col = self.marks.locate(path)
        pointer = "/" + "/".join(str(p) for p in path) if path else "/"
        self.problems.append(Problem(code, self.file, line, col, message, hint, pointer))

    def field(self, path: tuple[Any, ...]) -> str:
        shape = tuple("*" if isinstance(p, int) else p for p in path)
        try:
            return self.schemas.title_for(self.kind, shape)
        except (KeyError, TypeError, AttributeError):
            return str(path[-1]) if path else "dokumentet"

    def resolve(self, node: Any, file: str) -> tuple[dict[str, Any], str, set[str]]:
        """Follow $ref; returns the merged schema (the referring node's own keys win), its file and
        the names of the $defs passed through."""
        merged: dict[str, Any] = {}
        names: set[str] = set()
        seen = 0
        while isinstance(node, dict) and "$ref" in node and seen < 20:
            seen += 1
            for key, value in node.items():
                if key != "$ref":
                    merged.setdefault(key, value)
            ref = node["$ref"]
            target, _, fragment = ref.partition("#")
            if target:
                file = target.removesuffix(".schema.json")
            names.add(fragment.rsplit("/", 1)[-1])
            node = self.schemas.load_schema(file)
            for part in fragment.strip("/").split("/") if fragment else []:
                node = node[part]
        if isinstance(node, dict):
            for key, value in node.items():
                merged.setdefault(key, value)
        return merged, file, names

    def walk(self, value: Any, schema: Any, file: str, path: tuple[Any, ...], key: str) -> None:
        # An explicit stack, not recursion: the depth is bounded by the loader, but stay safe anyway.
        stack = [(value, schema, file, path, key)]
        while stack:
            value, schema, file, path, key = stack.pop()
            node, file, names = self.resolve(schema, file) if schema is not None else ({}, file, set())
            if isinstance(value, dict):
                props = node.get("properties", {}) if node else {}
                if self.kind == "indicators" and path[:1] == ("indicators",) and len(path) == 2:
                    self.indicator_values(value, path)
                for name, item in value.items():
                    if isinstance(name, str):
                        stack.append((item, props.get(name), file, path + (name,), name))
            elif isinstance(value, list):
                if len(value) > self.max_items:
                    self.add("limit-list-items", path,
                             f"{self.field(path)} har {len(value)} poster, fler än gränsen {self.max_items}.",
                             "Dela upp innehållet, till exempel i flera dokument eller uppföljningsfiler.")
                items = node.get("items") if node else None
                for index in range(len(value) - 1, -1, -1):
                    stack.append((value[index], items, file, path + (index,), key))
            elif isinstance(value, str):
                self.text(value, node, names, path, key)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                self.number(value, path)

    def text(self, value: str, node: dict[str, Any], names: set[str], path: tuple[Any, ...], key: str) -> None:
        markdown = node.get("contentMediaType") == "text/markdown"
        restricted = any(k in node for k in ("pattern", "enum", "format", "const"))
        multi_line = markdown or (not restricted and key not in self.single_line)
        named = [self.lengths[n] for n in names if n in self.lengths]  # e.g. remark, editorial_note
        if not multi_line:
            limit = self.lengths["line"]
        elif named:
            limit = min(named)
        else:
            limit = self.lengths["markdown" if markdown else "text"]
        limit = min(limit, int(node.get("maxLength", limit)))
        if len(value) > limit:
            self.add("limit-text-length", path,
                     f"{self.field(path)} är {len(value)} tecken lång, mer än gränsen {limit} tecken.",
                     "Korta texten eller dela upp den.")
        bad = _CONTROL.search(value)
        if bad is not None:
            self.add("text-control-character", path,
                     f"{self.field(path)} innehåller ett osynligt styrtecken ({describe_char(bad.group())}) "
                     f"på position {bad.start() + 1}.",
                     "Ta bort tecknet. Sådana tecken följer ofta med text som kopierats från en PDF eller ett "
                     "ordbehandlingsprogram, och kan vända eller dölja text.")
        elif not multi_line:
            brk = _LINE_BREAK.search(value)
            if brk is not None:
                what = "en radbrytning" if brk.group() == "\n" else "ett tabbtecken"
                self.add("text-single-line", path,
                         f"{self.field(path)} ska vara en enda rad men innehåller {what}.",
                         "Skriv texten på en rad. Använd ett beskrivande fält om mer text behövs.")
        if names & _YEAR_DEFS and _YEAR.match(value):
            year = int(value[:4])
            low, high = self.years
            if not low <= year <= high:
                self.add("date-out-of-range", path,
                         f"{self.field(path)}: året {year} ligger utanför {low}–{high}.",
                         f"Ange ett år mellan {low} och {high}.")

    def number(self, value: int | float, path: tuple[Any, ...]) -> None:
        if isinstance(value, float) and not math.isfinite(value):
            self.add("number-not-finite", path,
                     f"{self.field(path)}: {'inf' if not math.isnan(value) else 'nan'} är inget tal som kan visas.",
                     "Skriv ett vanligt tal, eller ta bort värdet om det saknas i källan.")
            return
        if abs(value) > self.max_abs:
            self.add("number-range", path,
                     f"{self.field(path)}: talet är större än gränsen {self.max_abs:.0f}.",
                     "Kontrollera värdet; orimligt stora tal beror oftast på ett skrivfel.")
            return
        if isinstance(value, float) and not value.is_integer() and round(value, self.max_decimals) != value:
            self.add("number-range", path,
                     f"{self.field(path)}: talet har fler än {self.max_decimals} decimaler.",
                     f"Avrunda till högst {self.max_decimals} decimaler, som i källan.")

    def indicator_values(self, indicator: dict[str, Any], path: tuple[Any, ...]) -> None:
        unit = indicator.get("unit")
        bounds = self.unit_ranges.get(unit) if isinstance(unit, str) else None
        series = indicator.get("series")
        if bounds is None or unit == "procent" or not isinstance(series, list):
            return  # procent has its own check (value-percent-range)
        low, high = bounds
        for s_index, entry in enumerate(series):
            values = entry.get("values") if isinstance(entry, dict) else None
            for v_index, item in enumerate(values if isinstance(values, list) else []):
                value = item.get("value") if isinstance(item, dict) else None
                if isinstance(value, (int, float)) and not isinstance(value, bool) \
                        and abs(value) <= self.max_abs and math.isfinite(value) and not low <= value <= high:
                    where = path + ("series", s_index, "values", v_index, "value")
                    self.add("number-range", where,
                             f"Värdet {value} ligger utanför det rimliga intervallet för enheten {unit} "
                             f"({low:g}–{high:g}).",
                             "Kontrollera värdet och indikatorns enhet.")


def check(kind: str, data: object, marks: Any, file: str) -> list[Problem]:
    """Every limit problem in one loaded file, located; linear in the size of the file."""
    if data is None:
        return []
    walker = _Walker(kind, marks, file)
    try:
        root = schemas.load_schema(kind)
    except KeyError:
        root = None
    walker.walk(data, root, kind, (), "")
    return walker.problems
