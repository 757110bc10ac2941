"""Hypothesis: the validator never crashes on mutated data, and the loader round-trips YAML.

Mutations start from the valid case folder tests/cases/valid/full-document (a fictional municipality)
and break it the ways people do: deleted keys, wrong types, stray text, copied list items, swapped
ids, random bytes. Whatever comes in, only Problems come out, each located and in Swedish.
"""

from __future__ import annotations

import copy
import math
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tryggplan.load import schemas
from tryggplan.load.project import load_project
from tryggplan.load.yamlmarks import load_yaml_bytes, load_yaml_text
from tryggplan.problems import CATALOGUE, Problem

BASE_CASE = Path(__file__).resolve().parent / "cases" / "valid" / "full-document"
BASE_FILES = {p.relative_to(BASE_CASE).as_posix(): p.read_text(encoding="utf-8")
              for p in sorted(BASE_CASE.rglob("*.yaml"))}
BASE_DATA = {rel: yaml.safe_load(text) for rel, text in BASE_FILES.items()}
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like what people type, YAML punctuation included.
_typed_text = st.text(alphabet=st.sampled_from(list("abcåäö ÅÖ019-_:#&*!|>'\"%@`[]{},.?\n\t\\")), max_size=30)
_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                     st.floats(allow_nan=False, allow_infinity=False), _typed_text, st.text(max_size=20))
_values = st.recursive(_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)), max_leaves=6)


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, prefix + (index,))


def _get(node, path):
    for part in path:
        node = node[part]
    return node


def _id_paths(node):
    return [p for p in _paths(node) if p and p[-1] == "id" and isinstance(_get(node, p), str)]


@st.composite
def mutated_trees(draw) -> dict[str, bytes]:
    """The base tree with one to three mutations; returns file -> bytes."""
    data = copy.deepcopy(BASE_DATA)
    raw: dict[str, bytes] = {}
    for _ in range(draw(st.integers(1, 3))):
        rel = draw(st.sampled_from(sorted(BASE_FILES)))
        kind = draw(st.sampled_from(["delete", "retype", "text", "duplicate", "swap", "bytes", "yaml-text"]))
        doc = data[rel]
        paths = list(_paths(doc))
        if len(paths) == 1 and kind in ("delete", "retype"):  # an earlier mutation left a bare value
            data[rel] = draw(_values)
            continue
        if kind == "delete":
            path = draw(st.sampled_from([p for p in paths if p]))
            parent = _get(doc, path[:-1])
            del parent[path[-1]]
        elif kind == "retype":
            path = draw(st.sampled_from([p for p in paths if p]))
            _get(doc, path[:-1])[path[-1]] = draw(_values)
        elif kind == "text":
            strings = [p for p in paths if p and isinstance(_get(doc, p), str)]
            if strings:
                path = draw(st.sampled_from(strings))
                _get(doc, path[:-1])[path[-1]] = draw(_typed_text)
        elif kind == "duplicate":
            lists = [p for p in paths if isinstance(_get(doc, p), list) and _get(doc, p)]
            if lists:
                items = _get(doc, draw(st.sampled_from(lists)))
                items.insert(draw(st.integers(0, len(items))), copy.deepcopy(draw(st.sampled_from(items))))
        elif kind == "swap":
            ids = [p for name in sorted(data) for p in [(name, q) for q in _id_paths(data[name])]]
            (file_a, a), (file_b, b) = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
            first, second = _get(data[file_a], a), _get(data[file_b], b)
            _get(data[file_a], a[:-1])[a[-1]], _get(data[file_b], b[:-1])[b[-1]] = second, first
        elif kind == "bytes":
            raw[rel] = draw(st.binary(max_size=200))
        else:  # insert typed text somewhere in the YAML source
            text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
            at = draw(st.integers(0, len(text)))
            raw[rel] = (text[:at] + draw(_typed_text) + text[at:]).encode("utf-8")
    out = {}
    for rel in BASE_FILES:
        out[rel] = raw.get(rel) or yaml.safe_dump(data[rel], allow_unicode=True, sort_keys=False).encode("utf-8")
    return out


def _check_problem(problem, files: set[str], assert_swedish) -> None:
    assert isinstance(problem, Problem)
    assert problem.code in CATALOGUE
    assert problem.line >= 1 and problem.column >= 1
    assert problem.file in files or any(f.startswith(problem.file) for f in files)
    assert "\n" not in problem.message
    assert_swedish(problem.message)
    assert_swedish(problem.hint)


@SETTINGS
@given(tree=mutated_trees())
def test_mutated_data_gives_only_located_swedish_problems(tree, assert_swedish):
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        for rel, content in tree.items():
            (base / rel).parent.mkdir(parents=True, exist_ok=True)
            (base / rel).write_bytes(content)
        result = load_project(base / "plans", base=base)
    for problem in result.problems:
        _check_problem(problem, set(tree), assert_swedish)
    assert (result.project is None) == bool(result.problems)


@SETTINGS
@given(text=st.one_of(st.text(max_size=300), _typed_text.map(lambda t: "a:\n  b: " + t)))
def test_any_text_gives_data_or_problems(text, assert_swedish):
    loaded = load_yaml_text(text, "f.yaml")
    assert loaded.problems or loaded.data is not None
    for problem in loaded.problems:
        _check_problem(problem, {"f.yaml"}, assert_swedish)


# ---- loader round trip ----

# PyYAML's emitter writes NEL, LS, PS and CR raw inside single quotes, where any YAML reader folds them
# (yaml.safe_load too), so they cannot round-trip through safe_dump; everything else must.
_chars = st.characters(exclude_categories=("Cs",), exclude_characters="\x85\u2028\u2029\r")
_keys = st.text(_chars, min_size=1, max_size=12)
_plain = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                   st.floats(allow_nan=False, allow_infinity=False), st.text(_chars, max_size=40))
_structures = st.dictionaries(_keys, st.recursive(_plain, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=4)), max_leaves=12), min_size=1, max_size=6)


def _same(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isclose(a, b) and a != 0)
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


@SETTINGS
@given(data=_structures, flow=st.booleans())
def test_safe_dump_round_trips_with_marks_for_every_path(data, flow):
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, default_flow_style=flow)
    loaded = load_yaml_text(text, "f.yaml")
    assert loaded.problems == []
    assert _same(loaded.data, data)
    assert _same(loaded.data, yaml.safe_load(text))
    lines = text.count("\n") + 1
    for path in _paths(data):
        line, column = loaded.marks.values[path]
        assert 1 <= line <= lines and column >= 1
        if path and isinstance(path[-1], str):
            assert path in loaded.marks.keys


# ---- the compiled fast path agrees with jsonschema ----

_KIND_BY_FILE = {"organisation.yaml": "organisation", "plan.yaml": "plan", "indicators.yaml": "indicators"}


@SETTINGS
@given(tree=mutated_trees())
def test_fast_schema_check_agrees_with_jsonschema(tree):
    for rel, content in tree.items():
        loaded = load_yaml_bytes(content, rel)
        if loaded.data is None or loaded.problems:
            continue
        kind = "followup" if "/followup/" in rel else _KIND_BY_FILE[rel.rsplit("/", 1)[1]]
        errors = list(schemas._validator(kind).iter_errors(loaded.data))
        assert schemas.is_certainly_valid(kind, loaded.data) == (not errors), [e.message for e in errors]
