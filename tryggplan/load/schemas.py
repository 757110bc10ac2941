"""JSON Schema validation with Swedish messages that name the field by its schema title."""

from __future__ import annotations

import datetime as _dt
import json
import re
from functools import cache
from pathlib import Path

import jsonschema
from referencing import Registry, Resource

from tryggplan.load.yamlmarks import Marks
from tryggplan.problems import Problem

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
SCHEMA_DIR = _PACKAGE_DIR.parent / "schema"
# The schema files also ship inside the package so an installed tryggplan works outside a checkout.
_PACKAGED_SCHEMA_DIR = _PACKAGE_DIR / "schema"

KINDS = ("organisation", "plan", "indicators", "followup")


def schema_dir() -> Path:
    return SCHEMA_DIR if SCHEMA_DIR.is_dir() else _PACKAGED_SCHEMA_DIR


@cache
def _registry_and_schemas() -> tuple[Registry, dict[str, dict]]:
    schemas: dict[str, dict] = {}
    registry = Registry()
    for path in sorted(schema_dir().glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        schemas[path.name.removesuffix(".schema.json")] = contents
        registry = registry.with_resource(path.name, Resource.from_contents(contents))
    return registry.crawl(), schemas


def load_schema(kind: str) -> dict:
    return _registry_and_schemas()[1][kind]


def anchored(pattern: str) -> str:
    """The pattern with every end anchor `$` (outside a character class, unescaped) made `\\Z`.

    In Python `$` also matches before a final line break, so "a1\\n" would pass "^[a-z0-9]+$":
    an id, period or address with a trailing newline. Every schema pattern goes through here.
    """
    out: list[str] = []
    escaped = in_class = False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "$":
            out.append("\\Z")
            continue
        out.append(char)
    return "".join(out)


@cache
def _compiled_pattern(pattern: str) -> re.Pattern:
    return re.compile(anchored(pattern))


def _anchored_pattern(validator, pattern, instance, schema):
    """JSON Schema `pattern` with `$` meaning the very end of the text (see anchored())."""
    if validator.is_type(instance, "string") and not _compiled_pattern(pattern).search(instance):
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _validator(kind: str) -> jsonschema.protocols.Validator:
    registry, schemas = _registry_and_schemas()
    base = jsonschema.validators.validator_for(schemas[kind])
    cls = jsonschema.validators.extend(base, {"pattern": _anchored_pattern})
    return cls(schemas[kind], registry=registry, format_checker=base.FORMAT_CHECKER)


def validate(kind: str, data: object, marks: Marks, file: str) -> list[Problem]:
    """Validate one loaded file; one Swedish problem per schema error."""
    if is_certainly_valid(kind, data):
        return []
    problems = [_translate(kind, error, marks, file)
                for error in _leaf_errors(_validator(kind).iter_errors(data))]
    # A date such as 2024-13-01 breaks both the pattern and the date format: say it once.
    malformed = {p.json_path for p in problems if p.code == "schema-pattern"}
    return [p for p in problems if not (p.code == "date-invalid" and p.json_path in malformed)]


def _leaf_errors(errors):
    """Flatten anyOf/oneOf groups: report the best match, not a wall of alternatives."""
    for error in errors:
        if error.context:
            best = jsonschema.exceptions.best_match(error.context)
            yield best if best is not None else error
        else:
            yield error


def _title(schema: dict | None, fallback: str) -> str:
    if isinstance(schema, dict) and schema.get("title"):
        return schema["title"]
    return fallback


def _resolve(schema: dict, kind_file: str) -> tuple[dict, str]:
    """Follow a local or cross-file $ref; returns the target schema and the file it lives in."""
    _, schemas = _registry_and_schemas()
    while isinstance(schema, dict) and "$ref" in schema:
        ref = schema["$ref"]
        target_file, _, fragment = ref.partition("#")
        if target_file:
            kind_file = target_file.removesuffix(".schema.json")
        node = schemas[kind_file]
        for part in fragment.strip("/").split("/") if fragment else []:
            node = node[part]
        schema = node
    return schema, kind_file


@cache
def title_for(kind: str, shape: tuple) -> str:
    """The Swedish title of the field at a JSON path shape (list indexes as "*")."""
    schema, file = load_schema(kind), kind
    title = schema.get("title", "dokumentet")
    for part in shape:
        schema, file = _resolve(schema, file)
        if part == "*":
            sub = schema.get("items") if isinstance(schema, dict) else None
        else:
            sub = schema.get("properties", {}).get(part) if isinstance(schema, dict) else None
        if not isinstance(sub, dict):
            return str(part)
        own = sub.get("title")
        if own is None:
            own = _resolve(sub, file)[0].get("title") if isinstance(_resolve(sub, file)[0], dict) else None
        title = own or (str(part) if part != "*" else title)
        schema = sub
    return title


def _shape(path) -> tuple:
    return tuple("*" if isinstance(part, int) else part for part in path)


def _pointer(path) -> str:
    return "/" + "/".join(str(part) for part in path) if path else "/"


_TYPE_NAMES = {"string": "text", "integer": "heltal", "number": "tal", "boolean": "sant/falskt (true/false)",
               "array": "lista", "object": "en samling nycklar", "null": "tomt (null)"}


def _type_name(value) -> str:
    if isinstance(value, bool):
        return "sant/falskt"
    if isinstance(value, int):
        return "ett heltal"
    if isinstance(value, float):
        return "ett decimaltal"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "en samling nycklar"
    if value is None:
        return "tomt"
    return type(value).__name__


def _translate(kind: str, error: jsonschema.ValidationError, marks: Marks, file: str) -> Problem:
    path = tuple(error.absolute_path)
    pointer = _pointer(path)
    validator = error.validator
    field = title_for(kind, _shape(path))
    line, col = marks.locate(path)
    if validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        name = extra[0] if extra else "?"
        line, col = marks.locate(path + (name,), key=True)
        known = ", ".join(sorted(error.schema.get("properties", {})))
        close = _closest(name, error.schema.get("properties", {}))
        hint = f"Menade du \"{close}\"? " if close else ""
        return Problem("schema-unknown-key", file, line, col,
                       f"Okänd nyckel \"{name}\" i {field}.",
                       f"{hint}Tillåtna nycklar här: {known}.", _pointer(path + (name,)))
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        title = title_for(kind, _shape(path + (missing,)))
        return Problem("schema-required", file, line, col,
                       f"Obligatoriskt fält \"{missing}\" ({title}) saknas i {field}.",
                       f"Lägg till `{missing}:` med ett värde.", pointer)
    if validator == "type":
        expected = error.validator_value
        expected_list = expected if isinstance(expected, list) else [expected]
        wanted = " eller ".join(_TYPE_NAMES.get(t, t) for t in expected_list)
        hint = f"Ändra värdet till {wanted}."
        coerced = marks.coerced.get(path)
        if coerced is not None and "string" in expected_list:
            return Problem("schema-type", file, line, col,
                           f"{field} ska vara {wanted}, men YAML läser {coerced} utan citattecken som "
                           f"{_type_name(error.instance)}.",
                           f"Skriv \"{coerced}\" inom citattecken.", pointer)
        return Problem("schema-type", file, line, col,
                       f"{field} ska vara {wanted}, men är {_type_name(error.instance)}.", hint, pointer)
    if validator in ("enum", "const"):
        allowed = error.validator_value if validator == "enum" else [error.validator_value]
        allowed_text = ", ".join(f"\"{a}\"" for a in allowed)
        hint = f"Välj ett av: {allowed_text}."
        coerced = marks.coerced.get(path)
        if coerced is not None:
            hint = f"YAML tolkar \"{coerced}\" utan citattecken som {_type_name(error.instance)}. " + hint
        return Problem("schema-enum", file, line, col,
                       f"{field}: \"{error.instance}\" är inte ett tillåtet värde.", hint, pointer)
    if validator in ("pattern", "format"):
        description = error.schema.get("description", "") if isinstance(error.schema, dict) else ""
        code = "schema-pattern" if validator == "pattern" else "schema-format"
        if validator == "format" and error.validator_value == "date":
            return Problem("date-invalid", file, line, col,
                           f"{field}: \"{error.instance}\" är inget giltigt datum.",
                           "Datumet finns inte i kalendern. Skriv det som ÅÅÅÅ-MM-DD, till exempel 2024-09-17.",
                           pointer)
        return Problem(code, file, line, col,
                       f"{field}: \"{error.instance}\" har fel format.",
                       description or "Kontrollera formatet.", pointer)
    if validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = error.validator_value
        relation = "minst" if "inimum" in validator else "högst"
        return Problem("schema-range", file, line, col,
                       f"{field}: {error.instance} ligger utanför tillåtet intervall.",
                       f"Värdet ska vara {relation} {bound}.", pointer)
    if validator in ("minLength", "maxLength", "minItems", "maxItems"):
        if validator == "minLength" and error.validator_value == 1:
            return Problem("schema-length", file, line, col, f"{field} är tomt.",
                           "Fyll i en text eller ta bort raden.", pointer)
        relation = "minst" if validator.startswith("min") else "högst"
        unit = "tecken" if validator.endswith("Length") else "poster"
        return Problem("schema-length", file, line, col, f"{field} har fel längd.",
                       f"Det ska vara {relation} {error.validator_value} {unit}.", pointer)
    if validator == "uniqueItems":
        return Problem("schema-unique", file, line, col, f"{field} innehåller samma värde flera gånger.",
                       "Ta bort dubbletten.", pointer)
    return Problem("schema-other", file, line, col, f"{field} följer inte schemat ({error.message}).",
                   "Jämför med schemareferensen i dokumentationen.", pointer)


def _closest(name: str, options) -> str | None:
    import difflib

    matches = difflib.get_close_matches(name, list(options), n=1, cutoff=0.6)
    return matches[0] if matches else None


# ---- Fast path ----------------------------------------------------------------------------------
# jsonschema walks every value through generic keyword dispatch and $ref lookups; for a valid file
# (the normal case) that is most of the time `tryggplan validate` takes. The schemas use a small set
# of keywords, so they compile to plain Python checks. The compiled check only answers "certainly
# valid"; when it says no, or meets anything it does not know, jsonschema runs and its errors are
# the ones reported, so messages never depend on this code.

_ANNOTATIONS = frozenset({"title", "description", "default", "$schema", "$defs", "$comment", "examples",
                          "contentMediaType", "deprecated", "readOnly", "writeOnly"})
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_TYPE_CHECKS = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}


class _Unsupported(Exception):
    """The schema uses something the fast path does not compile: always use jsonschema."""


def _never(_value) -> bool:
    return False


def _is_date(value) -> bool:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return not isinstance(value, str)
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class _Compiler:
    def __init__(self, schemas: dict[str, dict]):
        self.schemas = schemas
        self.compiled: dict[tuple[str, str], list] = {}  # (file, pointer) -> [check], filled lazily for recursion

    def ref(self, ref: str, file: str):
        target, _, fragment = ref.partition("#")
        if target:
            file = target.removesuffix(".schema.json")
        key = (file, fragment)
        if key not in self.compiled:
            cell: list = [None]
            self.compiled[key] = cell
            node = self.schemas[file]
            for part in fragment.strip("/").split("/") if fragment else []:
                node = node[part]
            cell[0] = self.node(node, file)
        cell = self.compiled[key]
        if cell[0] is not None:  # already compiled: call it directly
            return cell[0]
        return lambda value: cell[0](value)  # a recursive reference, compiled later

    def node(self, schema, file: str):
        if schema is True:
            return lambda value: True
        if not isinstance(schema, dict):
            raise _Unsupported(schema)
        keywords = {k: v for k, v in schema.items() if k not in _ANNOTATIONS}
        if keywords.get("type") == "string" and set(keywords) <= _STRING_KEYWORDS:
            return _string_check(keywords)
        checks = [self.keyword(keyword, arg, schema, file) for keyword, arg in keywords.items()]
        if not checks:
            return lambda value: True
        if len(checks) == 1:
            return checks[0]

        def every(value) -> bool:
            for check in checks:  # noqa: SIM110 - a plain loop is faster than all() over a generator
                if not check(value):
                    return False
            return True
        return every

    def keyword(self, keyword: str, arg, schema: dict, file: str):
        if keyword == "$ref":
            return self.ref(arg, file)
        if keyword == "type":
            tests = [_TYPE_CHECKS[t] for t in (arg if isinstance(arg, list) else [arg])]
            if len(tests) == 1:
                return tests[0]
            return lambda value: any(test(value) for test in tests)
        if keyword == "enum":
            if not all(isinstance(item, str) for item in arg):
                raise _Unsupported(keyword)
            allowed = frozenset(arg)
            return lambda value: isinstance(value, str) and value in allowed
        if keyword == "pattern":
            search = _compiled_pattern(arg).search
            return lambda value: not isinstance(value, str) or search(value) is not None
        if keyword == "format":
            if arg != "date":
                raise _Unsupported(keyword)
            return _is_date
        if keyword == "minLength":
            return lambda value: not isinstance(value, str) or len(value) >= arg
        if keyword == "maxLength":
            return lambda value: not isinstance(value, str) or len(value) <= arg
        if keyword == "minimum":
            return lambda value: not _number(value) or value >= arg
        if keyword == "maximum":
            return lambda value: not _number(value) or value <= arg
        if keyword == "uniqueItems":
            if not arg:
                return lambda value: True
            return _unique_scalars
        if keyword == "required":
            names = tuple(arg)
            return lambda value: not isinstance(value, dict) or all(name in value for name in names)
        if keyword == "items":
            item = self.node(arg, file)

            def items(value) -> bool:
                if isinstance(value, list):
                    for entry in value:
                        if not item(entry):
                            return False
                return True
            return items
        if keyword == "properties":
            props = {name: self.node(sub, file) for name, sub in arg.items()}
            closed = schema.get("additionalProperties") is False
            if not closed and "additionalProperties" in schema:
                raise _Unsupported("additionalProperties")

            def properties(value) -> bool:
                if not isinstance(value, dict):
                    return True
                for name, item in value.items():
                    check = props.get(name)
                    if check is None:
                        if closed:
                            return False
                    elif not check(item):
                        return False
                return True
            return properties
        if keyword == "additionalProperties":
            if arg is False and "properties" in schema:
                return lambda value: True  # handled together with properties
            if arg is False:
                return lambda value: not isinstance(value, dict) or not value
            raise _Unsupported(keyword)
        raise _Unsupported(keyword)


_STRING_KEYWORDS = frozenset({"type", "pattern", "minLength", "maxLength", "enum", "format"})


def _string_check(keywords: dict):
    """One function for a text field (the most common node): type, length, pattern, enum and date."""
    if "format" in keywords and keywords["format"] != "date":
        raise _Unsupported("format")
    enum = keywords.get("enum")
    if enum is not None and not all(isinstance(item, str) for item in enum):
        raise _Unsupported("enum")
    allowed = frozenset(enum) if enum is not None else None
    search = _compiled_pattern(keywords["pattern"]).search if "pattern" in keywords else None
    low, high = keywords.get("minLength", 0), keywords.get("maxLength")
    date = "format" in keywords

    def check(value) -> bool:
        if not isinstance(value, str):
            return False
        if low and len(value) < low or high is not None and len(value) > high:
            return False
        if allowed is not None and value not in allowed:
            return False
        if search is not None and search(value) is None:
            return False
        return not date or _is_date(value)
    return check


def _unique_scalars(value) -> bool:
    """uniqueItems for lists of text and numbers; anything else is left to jsonschema."""
    if not isinstance(value, list):
        return True
    seen = set()
    for item in value:
        if not isinstance(item, (str, int, float)) or isinstance(item, bool):
            return False
        if item in seen:
            return False
        seen.add(item)
    return True


@cache
def _fast_check(kind: str):
    schemas = _registry_and_schemas()[1]
    try:
        return _Compiler(schemas).node(schemas[kind], kind)
    except (_Unsupported, KeyError, re.error):
        return _never


def is_certainly_valid(kind: str, data: object) -> bool:
    """True only if data certainly passes the schema; False means "ask jsonschema"."""
    try:
        return bool(_fast_check(kind)(data))
    except RecursionError:
        return False
