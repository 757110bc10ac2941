"""JSON Schema validation with Swedish messages that name the field by its schema title."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import jsonschema
from referencing import Registry, Resource

from .problems import Problem
from .yamlload import Marks

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"
# The schema files also ship inside the package so an installed tryggplan works outside a checkout.
_PACKAGED_SCHEMA_DIR = Path(__file__).resolve().parent / "schema"

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


@cache
def _validator(kind: str) -> jsonschema.protocols.Validator:
    registry, schemas = _registry_and_schemas()
    cls = jsonschema.validators.validator_for(schemas[kind])
    return cls(schemas[kind], registry=registry, format_checker=cls.FORMAT_CHECKER)


def validate(kind: str, data: object, marks: Marks, file: str) -> list[Problem]:
    """Validate one loaded file; one Swedish problem per schema error."""
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
