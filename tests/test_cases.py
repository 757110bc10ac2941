"""Case folders, as check-jsonschema does: tests/cases/{valid,invalid}/<case>/plans/...

Each invalid case holds expected.json: the problems as (file, line, code), compared exactly.
Adding a case is adding a folder; nothing here needs to change.
"""

from __future__ import annotations

import json
import time
import tracemalloc
from pathlib import Path

import pytest

from tryggplan.load.project import load_paths
from tryggplan.load.yamlmarks import load_yaml_bytes
from tryggplan.problems import CATALOGUE, Problem

CASES = Path(__file__).resolve().parent / "cases"


def _case_dirs(kind: str) -> list[Path]:
    return sorted(p for p in (CASES / kind).iterdir() if p.is_dir())


def _load(case: Path):
    return load_paths([case / "plans"], base=case)


def test_case_folders_exist():
    assert len(_case_dirs("invalid")) >= 20
    assert len(_case_dirs("valid")) >= 2


@pytest.mark.parametrize("case", _case_dirs("valid"), ids=lambda p: p.name)
def test_valid_case(case: Path):
    assert not (case / "expected.json").exists(), "ett giltigt fall ska inte ha expected.json"
    result = _load(case)
    assert [(p.file, p.line, p.code, p.message) for p in result.problems] == []
    assert result.project is not None
    assert result.files, "fallet ska innehålla minst en fil"


@pytest.mark.parametrize("case", _case_dirs("invalid"), ids=lambda p: p.name)
def test_invalid_case(case: Path, assert_swedish):
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    result = _load(case)
    got = [{"file": p.file, "line": p.line, "code": p.code} for p in result.problems]
    assert got == expected, "\n".join(f"{p.file}:{p.line}:{p.column}: {p.code}: {p.message}" for p in result.problems)
    assert result.project is None
    for problem in result.problems:
        assert isinstance(problem, Problem)
        assert problem.code in CATALOGUE
        assert problem.column >= 1
        assert_swedish(problem.message)
        assert_swedish(problem.hint)


def _only(case: str) -> Problem:
    result = _load(CASES / "invalid" / case)
    assert len(result.problems) == 1
    return result.problems[0]


@pytest.mark.parametrize(("case", "source_text"), [
    ("unquoted-no", "no"), ("unquoted-kommunkod", "1999"), ("unquoted-octal-kommunkod", "0123")])
def test_yaml_1_1_coercion_tells_to_quote(case, source_text):
    problem = _only(case)
    text = problem.message + " " + problem.hint
    assert "citattecken" in text
    # The user's own spelling, not the value YAML made of it (0123 would otherwise read as 83).
    assert f"\"{source_text}\"" in text


def test_unknown_key_suggests_and_points_at_key():
    problem = _only("unknown-key")
    assert "subtitle" in problem.message
    assert problem.column == 1
    assert "Nycklar som kan stå här" in problem.hint


def test_unknown_reference_suggests_close_match():
    problem = _only("unknown-indicator")
    assert "otrygghet-natt" in problem.message
    assert "otrygghet-kvall" in problem.hint


def test_duplicate_id_names_first_line():
    assert "rad 18" in _only("duplicate-id").message


def test_unsafe_tag_is_not_executed(tmp_path, monkeypatch):
    import os

    calls = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args) or 0)
    problem = _only("unsafe-tag")
    assert "python/object/apply:os.system" in problem.message
    assert calls == []


def test_yaml_bomb_rejected_fast_without_memory_growth():
    # Twelve levels of nine: 9**12 (282 billion) strings if anything expanded the aliases.
    text = "a: &a [" + ", ".join(["\"lol\""] * 9) + "]\n"
    for prev, name in zip("abcdefghijk", "bcdefghijkl"):
        text += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]\n"
    tracemalloc.start()
    started = time.perf_counter()
    try:
        loaded = load_yaml_bytes(text.encode(), "bomb.yaml")
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [p.code for p in loaded.problems] == ["yaml-alias"]
    assert loaded.data is None
    assert elapsed < 1.0
    assert peak < 2 * 1024 * 1024


def test_too_large_file_rejected_before_parsing():
    raw = b"a: " + b"x" * (2 * 1024 * 1024) + b"\n"
    loaded = load_yaml_bytes(raw, "stor.yaml")
    assert [p.code for p in loaded.problems] == ["yaml-too-large"]


def test_bytes_cases_are_stored_as_bytes():
    """Git must not touch these files: .gitattributes marks tests/cases as binary-safe."""
    bom = (CASES / "invalid" / "bom" / "plans" / "exempelby" / "organisation.yaml").read_bytes()
    assert bom.startswith(b"\xef\xbb\xbf")
    latin = (CASES / "invalid" / "non-utf8" / "plans" / "exempelby" / "organisation.yaml").read_bytes()
    assert "påhittad".encode("latin-1") in latin
    attributes = (CASES.parent.parent / ".gitattributes").read_text(encoding="utf-8").split("\n")
    assert "tests/cases/** -text" in attributes
