"""JSON Schema validation with Swedish messages that name the field by its schema title."""

from __future__ import annotations

import datetime as _dt
import json
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

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
def _registry_and_schemas() -> tuple[Registry, dict[str, dict[str, Any]]]:
    schemas: dict[str, dict[str, Any]] = {}
    registry = Registry()
    for path in sorted(schema_dir().glob("*.schema.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        schemas[path.name.removesuffix(".schema.json")] = contents
        registry = registry.with_resource(path.name, Resource.from_contents(contents))
    return registry.crawl(), schemas


def load_schema(kind: str) -> dict[str, Any]:
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
def _compiled_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(anchored(pattern))


def _anchored_pattern(validator: Any, pattern: Any, instance: Any, schema: Any) -> Iterator[Any]:
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
    """Validate one loaded file; one Swedish problem per thing wrong, every unknown key its own."""
    if is_certainly_valid(kind, data):
        return []
    problems: list[Problem] = []
    for error in _leaf_errors(_validator(kind).iter_errors(data)):
        problems.extend(_translate(kind, error, marks, file, data))
    # A date such as 2024-13-01 breaks both the pattern and the date format: say it once.
    malformed = {p.json_path for p in problems if p.code == "schema-pattern"}
    problems = [p for p in problems if not (p.code == "date-invalid" and p.json_path in malformed)]
    # `titel:` typed for `title:` is one mistake: the unknown key says "Menade du title?", so the
    # missing title is not reported a second time.
    suggested = {(p.extra.get("object"), p.extra.get("suggestion")) for p in problems if p.code == "schema-unknown-key"}
    problems = [p for p in problems
                if not (p.code == "schema-required" and (p.json_path, p.extra.get("missing")) in suggested)]
    # One message per value, also where a value breaks several rules of the schema.
    seen: set[tuple[Any, ...]] = set()
    unique = []
    for p in problems:
        key = (p.json_path,) if p.extra.get("empty") or p.code == "schema-unknown-key" else (p.json_path, p.code)
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _leaf_errors(errors: Any) -> Iterator[Any]:
    """Flatten anyOf/oneOf groups: report the best match, not a wall of alternatives."""
    for error in errors:
        if error.context:
            best = jsonschema.exceptions.best_match(error.context)
            yield best if best is not None else error
        else:
            yield error


def _title(schema: dict[str, Any] | None, fallback: str) -> str:
    if isinstance(schema, dict) and schema.get("title"):
        return str(schema["title"])
    return fallback


def _resolve(schema: dict[str, Any], kind_file: str) -> tuple[dict[str, Any], str]:
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
def title_for(kind: str, shape: tuple[Any, ...]) -> str:
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
    return str(title)


def _shape(path: Any) -> tuple[Any, ...]:
    return tuple("*" if isinstance(part, int) else part for part in path)


def _pointer(path: Any) -> str:
    return "/" + "/".join(str(part) for part in path) if path else "/"


# What a value of each JSON type is called in a message, in words an officer uses.
_TYPE_NAMES = {"string": "en text", "integer": "ett heltal", "number": "ett tal", "boolean": "true eller false",
               "array": "en lista", "object": "fält på indragna rader under nyckeln", "null": "tomt"}


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true eller false"
    if isinstance(value, int):
        return "ett heltal"
    if isinstance(value, float):
        return "ett decimaltal"
    if isinstance(value, str):
        return "en text"
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "fält på indragna rader"
    if value is None:
        return "tomt"
    return "ett värde av okänd typ"


def _node_at(kind: str, shape: tuple[Any, ...]) -> dict[str, Any] | None:
    """The (resolved) schema of the value at a path shape, or None when the path leaves the schema."""
    schema, file = _resolve(load_schema(kind), kind)
    for part in shape:
        if not isinstance(schema, dict):
            return None
        sub = schema.get("items") if part == "*" else schema.get("properties", {}).get(part)
        if not isinstance(sub, dict):
            return None
        schema, file = _resolve(sub, file)
    return schema if isinstance(schema, dict) else None


def _key_name(path: tuple[Any, ...]) -> str | None:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return None


def _where(kind: str, path: tuple[Any, ...], instance_parent: Any) -> str:
    """The object a problem is in, for a message: its title and, if it has one, its id."""
    name = title_for(kind, _shape(path)) if path else title_for(kind, ())
    if isinstance(instance_parent, dict) and isinstance(instance_parent.get("id"), str) and instance_parent["id"].strip():
        return f"{name} \"{instance_parent['id']}\""
    return name


def _parent_instance(root: Any, path: tuple[Any, ...]) -> Any:
    node = root
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _field(kind: str, path: tuple[Any, ...]) -> str:
    """A field as a message names it: its Swedish title and, when it is a key, the key itself."""
    title = title_for(kind, _shape(path))
    key = path[-1] if path and isinstance(path[-1], str) else None
    if key and key.lower() != title.lower():
        return f"{title} (`{key}`)"
    return title


def _empty(kind: str, path: tuple[Any, ...], marks: Marks, file: str, root: Any) -> Problem:
    """An empty value (`title:` with nothing after it, or ""): one message whatever rules it breaks."""
    key = path[-1] if path and isinstance(path[-1], str) else None
    line, col = marks.locate(path, key=key is not None)
    parent_schema = _node_at(kind, _shape(path[:-1])) if key else None
    required = bool(parent_schema and key in parent_schema.get("required", ()))
    schema = _node_at(kind, _shape(path)) or {}
    expected = schema.get("type", "string")
    expected = expected[0] if isinstance(expected, list) else expected
    if expected == "object":
        fields = list(schema.get("required", ())) or list(schema.get("properties", {}))[:2]
        what = "fälten" + (f" (till exempel {', '.join(f'`{f}:`' for f in fields)})" if fields else "")
    elif schema.get("enum"):
        what = "ett av " + ", ".join(f"\"{v}\"" for v in schema["enum"])
    else:
        what = {"array": "en lista, till exempel [a1, a2],", "integer": "ett heltal", "number": "ett tal",
                "boolean": "true eller false"}.get(expected, "en text")
    if key is None:
        listed = _field(kind, path[:-1]) if len(path) > 1 else "listan"
        if expected == "object":
            hint = f"Skriv {what} på raderna under strecket (-), indragna som de andra posterna, eller ta bort raden."
        else:
            hint = f"Skriv {what} i posten, eller ta bort den."
        return Problem("schema-length", file, line, col, f"En post i {listed} är tom.", hint, _pointer(path),
                       extra={"empty": True})
    if expected == "object":
        place = f"på indragna rader under `{key}:`"
    else:
        place = f"efter `{key}:`"
    if required:
        hint = f"Skriv {what} {place}. Fältet måste finnas och får inte vara tomt."
    else:
        hint = f"Skriv {what} {place}, eller ta bort raden om uppgiften saknas."
    where = ""
    if len(path) > 1:
        where = f" i {_where(kind, path[:-1], _parent_instance(root, path[:-1]))}"
    return Problem("schema-required" if required else "schema-length", file, line, col,
                   f"{_field(kind, path)}{where} saknar värde.", hint, _pointer(path), extra={"empty": True})


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


def _translate(kind: str, error: jsonschema.ValidationError, marks: Marks, file: str, root: Any=None) -> list[Problem]:
    path = tuple(error.absolute_path)
    pointer = _pointer(path)
    validator = error.validator
    field = _field(kind, path)
    line, col = marks.locate(path)
    if validator == "additionalProperties":
        properties = error.schema.get("properties", {})
        extra = sorted(set(error.instance) - set(properties), key=lambda k: marks.locate(path + (k,), key=True))
        where = _where(kind, path, error.instance)
        known = ", ".join(sorted(properties))
        missing = [name for name in error.schema.get("required", ()) if name not in error.instance]
        problems = []
        for name in extra:
            key_line, key_col = marks.locate(path + (name,), key=True)
            close = _closest_key(str(name), properties, missing)
            hint = f"Menade du `{close}`{_title_note(properties, close, title_for(kind, _shape(path)))}? " if close else ""
            problems.append(Problem(
                "schema-unknown-key", file, key_line, key_col,
                f"Okänd nyckel `{name}` i {where}.",
                f"{hint}Nycklar som kan stå här: {known}.", _pointer(path + (name,)),
                extra={"object": pointer, "suggestion": close}))
        return problems
    if validator == "required":
        field_name = error.message.split("'")[1] if "'" in error.message else "?"
        title = title_for(kind, _shape(path + (field_name,)))
        plain = (field_name.lower(), title_for(kind, _shape(path)).lower())
        named = f"`{field_name}` ({title})" if title.lower() not in plain else f"`{field_name}`"
        if path and isinstance(path[-1], str):
            line, col = marks.locate(path, key=True)
        return [Problem("schema-required", file, line, col,
                        f"{_where(kind, path, error.instance)} saknar det obligatoriska fältet {named}.",
                        f"Lägg till `{field_name}:` med ett värde.", pointer, extra={"missing": field_name})]
    if _is_empty(error.instance) and validator in ("type", "minLength", "pattern", "format", "enum", "const"):
        return [_empty(kind, path, marks, file, root)]
    if validator == "type":
        expected = error.validator_value
        expected_list = expected if isinstance(expected, list) else [expected]
        wanted = " eller ".join(str(_TYPE_NAMES.get(t, t)) for t in expected_list)
        if path and isinstance(path[-1], str):
            line, col = marks.locate(path, key=True)
        coerced = marks.coerced.get(path)
        if coerced is not None and "string" in expected_list:
            return [Problem("schema-type", file, line, col,
                            f"{field} ska vara en text, men YAML läser {coerced} utan citattecken som "
                            f"{_type_name(error.instance)}.",
                            f"Skriv \"{coerced}\" inom citattecken.", pointer)]
        if "object" in expected_list:
            hint = (f"Skriv fälten på egna rader under `{_key_name(path) or 'nyckeln'}:`, indragna två mellanslag "
                    "mer än nyckeln.")
        elif "array" in expected_list:
            hint = "Skriv en lista: [a, b] på samma rad, eller en rad per post som börjar med - ."
        else:
            hint = f"Ändra värdet till {wanted}."
        return [Problem("schema-type", file, line, col,
                        f"{field} ska vara {wanted}, men är {_type_name(error.instance)}.", hint, pointer)]
    if validator in ("enum", "const"):
        allowed = error.validator_value if validator == "enum" else [error.validator_value]
        allowed_text = ", ".join(f"\"{a}\"" for a in allowed)
        hint = f"Välj ett av: {allowed_text}."
        close = _closest(str(error.instance), [str(a) for a in allowed])
        if close:
            hint = f"Menade du \"{close}\"? " + hint
        coerced = marks.coerced.get(path)
        shown = coerced if coerced is not None else error.instance
        if coerced is not None:
            hint = f"YAML läser {coerced} utan citattecken som {_type_name(error.instance)}. " + hint
        return [Problem("schema-enum", file, line, col,
                        f"{field}: \"{shown}\" är inte ett tillåtet värde.", hint, pointer)]
    if validator in ("pattern", "format"):
        description = error.schema.get("description", "") if isinstance(error.schema, dict) else ""
        code = "schema-pattern" if validator == "pattern" else "schema-format"
        if validator == "format" and error.validator_value == "date":
            return [Problem("date-invalid", file, line, col,
                            f"{field}: \"{error.instance}\" är inget giltigt datum.",
                            "Datumet finns inte i kalendern. Skriv det som ÅÅÅÅ-MM-DD, till exempel 2024-09-17.",
                            pointer)]
        return [Problem(code, file, line, col,
                        f"{field}: \"{error.instance}\" har fel format.",
                        description or "Kontrollera formatet.", pointer)]
    if validator in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bound = error.validator_value
        relation = "minst" if "inimum" in validator else "högst"
        return [Problem("schema-range", file, line, col,
                        f"{field}: {error.instance} ligger utanför tillåtet intervall.",
                        f"Värdet ska vara {relation} {bound}.", pointer)]
    if validator in ("minLength", "maxLength", "minItems", "maxItems"):
        if validator == "minItems" and error.validator_value == 1:
            return [Problem("schema-length", file, line, col, f"{field} är en tom lista.",
                            "Skriv minst en post i listan, eller ta bort raden.", pointer)]
        relation = "minst" if validator.startswith("min") else "högst"
        unit = "tecken" if validator.endswith("Length") else "poster"
        return [Problem("schema-length", file, line, col, f"{field} är för {'kort' if relation == 'minst' else 'lång'}.",
                        f"Det ska vara {relation} {error.validator_value} {unit}.", pointer)]
    if validator == "uniqueItems":
        return [Problem("schema-unique", file, line, col, f"{field} innehåller samma värde flera gånger.",
                        "Ta bort dubbletten.", pointer)]
    return [Problem("schema-other", file, line, col, f"{field} följer inte reglerna för fältet.",
                    "Jämför med schemareferensen på webbplatsen (Bidra → Schemareferens).", pointer)]


def _title_note(properties: dict[str, Any], key: str | None, object_title: str = "") -> str:
    """" (Ansvar)" after a suggested key: its Swedish title, unless that says nothing new."""
    if not key:
        return ""
    sub = properties.get(key)
    title = sub.get("title") if isinstance(sub, dict) else None
    return f" ({title})" if title and title.lower() not in (key.lower(), object_title.lower()) else ""


def _closest_key(name: str, properties: dict[str, Any], missing: list[str]) -> str | None:
    """The key the writer most likely meant: a close spelling, or a key whose Swedish title it is
    (`ansvar` for `responsible`, titled "Ansvar"). A missing required key wins a tie."""
    lowered = name.lower()
    for key, sub in properties.items():
        title = sub.get("title") if isinstance(sub, dict) else None
        if title and title.lower() == lowered:
            return key
    candidates = [k for k in missing if k in properties] + [k for k in properties if k not in missing]
    close = _closest(lowered, candidates)
    if close:
        return close
    titles = {sub["title"].lower(): key for key, sub in properties.items() if isinstance(sub, dict) and sub.get("title")}
    by_title = _closest(lowered, list(titles))
    return titles[by_title] if by_title else None


def _closest(name: str, options: Any) -> str | None:
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
_TYPE_CHECKS: dict[str, Callable[[Any], bool]] = {
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


def _never(_value: Any) -> bool:
    return False


def _is_date(value: Any) -> bool:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        return not isinstance(value, str)
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class _Compiler:
    def __init__(self, schemas: dict[str, dict[str, Any]]) -> None:
        self.schemas = schemas
        self.compiled: dict[tuple[str, str], list[Any]] = {}  # (file, pointer) -> [check], filled lazily for recursion

    def ref(self, ref: str, file: str) -> Any:
        target, _, fragment = ref.partition("#")
        if target:
            file = target.removesuffix(".schema.json")
        key = (file, fragment)
        if key not in self.compiled:
            cell: list[Any] = [None]
            self.compiled[key] = cell
            node = self.schemas[file]
            for part in fragment.strip("/").split("/") if fragment else []:
                node = node[part]
            cell[0] = self.node(node, file)
        compiled = self.compiled[key]
        if compiled[0] is not None:  # already compiled: call it directly
            return compiled[0]
        later = compiled  # a recursive reference, compiled later
        return lambda value: later[0](value)

    def node(self, schema: Any, file: str) -> Any:
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

        def every(value: Any) -> bool:
            for check in checks:  # noqa: SIM110 - a plain loop is faster than all() over a generator
                if not check(value):
                    return False
            return True
        return every

    def keyword(self, keyword: str, arg: Any, schema: dict[str, Any], file: str) -> Any:
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

            def items(value: Any) -> bool:
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

            def properties(value: Any) -> bool:
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


def _string_check(keywords: dict[str, Any]) -> Any:
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

    def check(value: Any) -> bool:
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


def _unique_scalars(value: Any) -> bool:
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
def _fast_check(kind: str) -> Any:
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
