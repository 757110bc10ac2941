"""The schema files themselves: Swedish titles and descriptions everywhere, closed objects, modelines.

The titles are what validation messages and the schema reference page show, so a property without one
would surface as a bare English key to the person editing a plan.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_DIR = ROOT / "schema"
SCHEMA_FILES = sorted(SCHEMA_DIR.glob("*.schema.json"))
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)$")


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


SCHEMAS = {p.name: _load(p) for p in SCHEMA_FILES}


def _resolve(node: dict, file: str) -> tuple[dict, str]:
    while "$ref" in node:
        target, _, fragment = node["$ref"].partition("#")
        file = target or file
        node = SCHEMAS[file]
        for part in fragment.strip("/").split("/") if fragment else []:
            node = node[part]
    return node, file


def _walk(node, file: str, where: str):
    """Yield (where, schema node, file) for every subschema in a schema file."""
    if isinstance(node, dict):
        yield where, node, file
        for key, value in node.items():
            if key in ("properties", "$defs"):
                for name, sub in value.items():
                    yield from _walk(sub, file, f"{where}/{key}/{name}")
            elif key in ("items", "additionalProperties") and isinstance(value, dict):
                yield from _walk(value, file, f"{where}/{key}")
            elif key in ("anyOf", "oneOf", "allOf") and isinstance(value, list):
                for index, sub in enumerate(value):
                    yield from _walk(sub, file, f"{where}/{key}/{index}")


_SWEDISH = re.compile(r"[åäö]|\b(och|eller|som|för|med|till|en|ett|av|i|på|är|om|id|den|det|denna|vem|vad|hur)\b"
                      r"|\w(ens|ets|erna|arna|orna)\b|\w{3}(en|et)\b",
                      re.IGNORECASE)
_ENGLISH = re.compile(r"\b(the|of|and|is|with|this|that|must|should|value|field|list|number)\b", re.IGNORECASE)


def _looks_swedish(text: str) -> bool:
    without_quotes = re.sub(r"\"[^\"]*\"", " ", text)
    return bool(_SWEDISH.search(without_quotes)) and not _ENGLISH.search(without_quotes)


def test_schema_files_found():
    assert {p.name for p in SCHEMA_FILES} >= {"common.schema.json", "organisation.schema.json", "plan.schema.json",
                                              "indicators.schema.json", "followup.schema.json"}


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_every_property_has_swedish_title_and_description(path: Path):
    missing = []
    for where, node, file in _walk(SCHEMAS[path.name], path.name, ""):
        for name, prop in node.get("properties", {}).items():
            target, _ = _resolve(prop, file)
            for field in ("title", "description"):
                text = prop.get(field) or target.get(field)
                if not isinstance(text, str) or not text.strip():
                    missing.append(f"{where}/properties/{name}: saknar {field}")
                elif field == "title" and text == name and not _looks_swedish(text):
                    missing.append(f"{where}/properties/{name}: title är bara nyckelns namn")
                elif field == "description" and not _looks_swedish(text):
                    missing.append(f"{where}/properties/{name}: {field} ser inte svensk ut: {text!r}")
    assert missing == []


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_every_object_is_closed(path: Path):
    open_objects = [where or "/" for where, node, _ in _walk(SCHEMAS[path.name], path.name, "")
                    if (node.get("type") == "object" or "properties" in node)
                    and node.get("additionalProperties") is not False]
    assert open_objects == []


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_every_ref_resolves(path: Path):
    for where, node, file in _walk(SCHEMAS[path.name], path.name, ""):
        if "$ref" in node:
            target, _ = _resolve(node, file)
            assert isinstance(target, dict) and target, f"{where}: {node['$ref']}"


@pytest.mark.parametrize("path", SCHEMA_FILES, ids=lambda p: p.name)
def test_schema_is_valid_2020_12(path: Path):
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(SCHEMAS[path.name])
    assert SCHEMAS[path.name]["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def _expected_schema(path: Path) -> str:
    rel = path.relative_to(ROOT / "plans").parts
    if len(rel) == 2:
        return "organisation"
    if len(rel) == 3:
        return {"plan.yaml": "plan", "indicators.yaml": "indicators"}[rel[2]]
    assert len(rel) == 4 and rel[2] == "followup", f"okänd plats: {path}"
    return "followup"


PLAN_FILES = sorted((ROOT / "plans").rglob("*.yaml"))


@pytest.mark.parametrize("path", PLAN_FILES, ids=lambda p: p.relative_to(ROOT / "plans").as_posix())
def test_plan_file_starts_with_modeline_to_right_schema(path: Path):
    first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
    match = MODELINE.match(first_line)
    assert match, f"första raden ska vara # yaml-language-server: $schema=…, är {first_line!r}"
    target = (path.parent / match.group(1)).resolve()
    assert target.is_file(), f"{match.group(1)} finns inte"
    assert target == (SCHEMA_DIR / f"{_expected_schema(path)}.schema.json").resolve()
