"""Limits as data: every reproduction from the hostile review is rejected with a located problem."""

from __future__ import annotations

import json

import pytest

from tryggplan.load import limits, schemas
from tryggplan.load.yamlmarks import MAX_DEPTH, load_yaml_text

from .hostile_support import FOLLOWUP, INDICATORS, PLAN, SUMMARY


def _codes(problems):
    return [(p.code, p.file.rsplit("/", 1)[-1], p.line) for p in problems]


def test_deep_flow_nesting_is_refused_while_parsing():
    # 80 KB of [[[[…]]]] took 6.3 GB before: now the parser stops at the limit, with a location.
    loaded = load_yaml_text("summary: " + "[" * 40_000 + "]" * 40_000 + "\n", "plan.yaml")
    assert [(p.code, p.line, p.column) for p in loaded.problems] == [("yaml-too-deep", 1, 9 + MAX_DEPTH)]
    assert loaded.data is None


def test_nesting_just_below_the_limit_still_loads():
    depth = MAX_DEPTH - 1
    loaded = load_yaml_text("a: " + "[" * depth + "]" * depth + "\n", "plan.yaml")
    assert loaded.problems == []


def test_sections_nested_500_deep_are_rejected_not_a_recursion_error(hostile):
    lines = ["sections:"]
    for depth in range(500):
        pad = "  " * depth
        lines += [f"{pad}  - id: s{depth}", f"{pad}    title: T", f"{pad}    body: B", f"{pad}    sections:"]
    lines += ["  " * 500 + "  - id: sista", "  " * 500 + "    title: T", "  " * 500 + "    body: B"]
    hostile.edit(PLAN, "sections:\n", "\n".join(lines) + "\nold_sections:\n")
    assert [c for c, _, _ in _codes(hostile.problems())] == ["yaml-too-deep"]


@pytest.mark.parametrize("value", ['"trygghetsvandringar\\n"', '"trygghets\\nvandringar"'])
def test_ids_with_a_newline_are_rejected(hostile, value):
    hostile.edit(PLAN, "      - id: trygghetsvandringar", f"      - id: {value}")
    problems = hostile.problems()
    assert ("schema-pattern", "plan.yaml", 103) in _codes(problems)


def test_patterns_treat_dollar_as_the_very_end():
    assert schemas.anchored("^[a-z]+$") == "^[a-z]+\\Z"
    assert schemas.anchored("^[^$]+$") == "^[^$]+\\Z"  # a $ inside a class is a character
    assert schemas.anchored("^a\\$$") == "^a\\$\\Z"  # an escaped $ is a character
    validator = schemas._validator("common")
    for pattern in {p for p in _all_patterns()}:
        assert list(schemas._anchored_pattern(validator, pattern, "2024\n", {})), pattern


def _all_patterns():
    for path in schemas.schema_dir().glob("*.schema.json"):
        stack = [json.loads(path.read_text(encoding="utf-8"))]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                if isinstance(node.get("pattern"), str):
                    yield node["pattern"]
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)


def test_a_url_with_a_trailing_newline_is_rejected(hostile):
    hostile.edit(PLAN, "url: https://example.org/lag", 'url: "https://example.org/lag\\n"')
    assert "schema-pattern" in [c for c, _, _ in _codes(hostile.problems())]


def test_a_newline_in_a_title_is_rejected_with_its_location(hostile, assert_swedish):
    hostile.edit(PLAN, "        title: Trygghetsvandringar",
                 '        title: "Trygghets\\n# Rubrik\\n\\n[klicka](https://example.invalid)"')
    problems = hostile.problems()
    assert _codes(problems) == [("text-single-line", "plan.yaml", 104)]
    assert_swedish(problems[0].message)


def test_a_newline_in_a_markdown_field_is_fine(hostile):
    hostile.edit(PLAN, SUMMARY, 'summary: "Rad ett.\\n\\nRad två."')
    assert hostile.problems() == []


@pytest.mark.parametrize("char", ["\\0", "\\e[2J", "\\u202e", "\\u2066", "\\x7f", "\\x85", "\\u2028"])
def test_control_and_bidi_characters_are_rejected_everywhere(hostile, char):
    hostile.edit(PLAN, SUMMARY, f'summary: "Text{char}mer"')
    assert _codes(hostile.problems()) == [("text-control-character", "plan.yaml", 6)]


def test_a_tab_is_fine_in_markdown_but_not_in_a_title(hostile):
    hostile.edit(PLAN, SUMMARY, 'summary: "a\\tb"')
    assert hostile.problems() == []
    hostile.edit(PLAN, "        title: Trygghetsvandringar", '        title: "a\\tb"')
    assert _codes(hostile.problems()) == [("text-single-line", "plan.yaml", 104)]


def test_a_title_longer_than_a_line_is_rejected(hostile):
    limit = limits.table()["text_length"]["line"]
    hostile.edit(PLAN, "        title: Trygghetsvandringar", "        title: " + "x" * (limit + 1))
    assert _codes(hostile.problems()) == [("limit-text-length", "plan.yaml", 104)]


def test_a_list_longer_than_the_limit_is_rejected(hostile):
    limit = limits.table()["list_items"]
    hostile.edit(PLAN, "    action_summary:\n", "    action_summary:\n" + "      - x\n" * (limit + 1))
    assert ("limit-list-items", "plan.yaml") in [(c, f) for c, f, _ in _codes(hostile.problems())]


@pytest.mark.parametrize("value, code", [
    (".inf", "number-not-finite"), ("-.inf", "number-not-finite"), (".nan", "number-not-finite"),
    ("1" + "0" * 400, "number-range"), ("1.0e+300", "number-range"), ("0.0000001", "number-range"),
])
def test_numbers_that_cannot_be_shown_are_rejected_once(hostile, value, code):
    hostile.edit(INDICATORS, "value: 20", f"value: {value}")
    assert _codes(hostile.problems()) == [(code, "indicators.yaml", 12)]


def test_a_value_out_of_range_for_its_unit_is_rejected(hostile):
    hostile.edit(INDICATORS, "unit: procent\n    direction: lower\n    series:",
                 "unit: per-100000\n    direction: lower\n    series:")
    hostile.edit(INDICATORS, "value: 20", "value: 200000")
    assert _codes(hostile.problems()) == [("number-range", "indicators.yaml", 12)]


def test_a_small_value_is_accepted(hostile):
    hostile.edit(INDICATORS, "value: 20", "value: 0.00001")
    assert hostile.problems() == []


@pytest.mark.parametrize("period", ["9999-12", "1899", "2101-Q1"])
def test_a_followup_period_outside_1900_2100_is_rejected_not_a_crash(hostile, period):
    hostile.edit(FOLLOWUP, 'period: "2025"', f'period: "{period}"')
    codes = [c for c, _, _ in _codes(hostile.problems())]
    assert "date-out-of-range" in codes


def test_a_date_in_year_9999_is_rejected(hostile):
    hostile.edit(PLAN, 'end: "2026-12-31"', 'end: "9999-12-31"')
    assert ("date-out-of-range", "plan.yaml", 18) in _codes(hostile.problems())


def test_schema_lengths_agree_with_the_limits_table():
    lengths = limits.table()["text_length"]
    defs = schemas.load_schema("common")["$defs"]
    for name in ("text", "remark", "editorial_note", "markdown"):
        assert defs[name]["maxLength"] == lengths[name], name


def test_the_yaml_loader_reads_its_limits_from_the_table():
    from tryggplan.load import yamlmarks

    assert limits.table()["file_bytes"] == yamlmarks.MAX_FILE_BYTES
    assert limits.table()["nesting_depth"] == yamlmarks.MAX_DEPTH


def test_the_contributor_guide_states_the_limits_of_the_table():
    from .hostile_support import ROOT

    guide = (ROOT / "docs" / "bidra" / "filstruktur.md").read_text(encoding="utf-8")
    years = limits.table()["years"]
    assert f"mellan {years['min']} och {years['max']}" in guide
    words = {6: "sex"}
    assert f"högst {words[limits.table()['number_max_decimals']]} decimaler" in guide
