"""The strict loader: data, line marks and problems, one small input per behaviour."""

from __future__ import annotations

import pytest

from tryggplan.load.yamlmarks import MAX_FILE_BYTES, load_yaml_bytes, load_yaml_text


def _codes(text: str) -> list[tuple[str, int, int]]:
    return [(p.code, p.line, p.column) for p in load_yaml_text(text, "f.yaml").problems]


def test_marks_for_values_keys_and_list_items():
    loaded = load_yaml_text("# kommentar\na:\n  b: text\n  c:\n    - 1\n    - x\n", "f.yaml")
    assert loaded.ok
    assert loaded.data == {"a": {"b": "text", "c": [1, "x"]}}
    assert loaded.marks.values[()] == (2, 1)
    assert loaded.marks.values[("a", "b")] == (3, 6)
    assert loaded.marks.keys[("a", "b")] == (3, 3)
    assert loaded.marks.values[("a", "c", 1)] == (6, 7)


def test_locate_falls_back_to_nearest_parent():
    loaded = load_yaml_text("a:\n  b: 1\n", "f.yaml")
    assert loaded.marks.locate(("a", "saknas", 3)) == (2, 3)
    assert loaded.marks.locate(("a", "b"), key=True) == (2, 3)
    assert loaded.marks.locate(("finns-inte",)) == (1, 1)


@pytest.mark.parametrize(("source", "value"), [
    ("2024-09-17", "2024-09-17"),          # an unquoted date is the text written, as a quoted one
    ("\"2024-09-17\"", "2024-09-17"),
    ("2024-02-30", "2024-02-30"),          # impossible date stays text for the schema to report
    ("2024-9-7", "2024-9-7"),              # not rewritten to 2024-09-07: the schema says how to write it
    ("2024-09-17 10:30:00", "2024-09-17 10:30:00"),
    ("no", False),
    ("\"no\"", "no"),
    ("0123", 83),                          # YAML 1.1 octal
    ("0999", "0999"),                      # not octal, so text
    ("1482", 1482),
    ("~", None),
    ("1.5", 1.5),
])
def test_scalar_values(source, value):
    loaded = load_yaml_text(f"v: {source}\n", "f.yaml")
    assert loaded.ok
    assert loaded.data["v"] == value
    assert type(loaded.data["v"]) is type(value)


def test_coerced_plain_scalars_remember_source_text():
    loaded = load_yaml_text("a: no\nb: \"no\"\nc: 0123\nd: text\n", "f.yaml")
    assert loaded.marks.coerced == {("a",): "no", ("c",): "0123"}


def test_duplicate_key_reported_at_second_with_first_line():
    loaded = load_yaml_text("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert [(p.code, p.line, p.column) for p in loaded.problems] == [("yaml-duplicate-key", 3, 1)]
    assert "rad 1" in loaded.problems[0].message
    assert loaded.data == {"a": 1, "b": 2}


def test_nested_duplicate_keys_in_duplicate_value_are_found():
    problems = _codes("a:\n  x: 1\na:\n  y: 1\n  y: 2\n")
    assert problems == [("yaml-duplicate-key", 3, 1), ("yaml-duplicate-key", 5, 3)]


@pytest.mark.parametrize(("text", "expected"), [
    ("a:\n\tb: 1\n", [("yaml-tab", 2, 1)]),
    ("a:\n  - x\n  \t- y\n", [("yaml-tab", 3, 3)]),
    ("a: &x 1\n", [("yaml-alias", 1, 4)]),
    ("a: *x\n", [("yaml-alias", 1, 4)]),
    ("a: !!python/name:os.system x\n", [("yaml-tag", 1, 4)]),
    ("a: !lokal x\n", [("yaml-tag", 1, 4)]),
    ("? [a]\n: 1\n", [("yaml-key-type", 1, 3)]),
    ("a: 1\n---\nb: 2\n", [("yaml-syntax", 2, 1)]),
    ("a: b: c\n", [("yaml-syntax", 1, 5)]),
    ("a: [1, 2\n", [("yaml-syntax", 2, 1)]),
    ("", [("yaml-empty", 1, 1)]),
    ("# bara kommentarer\n---\n...\n", [("yaml-empty", 1, 1)]),
    ("~\n", [("yaml-empty", 1, 1)]),
])
def test_problems(text, expected):
    assert _codes(text) == expected


def test_tab_inside_text_is_content_not_indentation():
    loaded = load_yaml_text("a: |\n  rad ett\n  \tindragen med tabb\nb: [1,\n\t2]\n", "f.yaml")
    assert loaded.ok
    assert loaded.data == {"a": "rad ett\n\tindragen med tabb\n", "b": [1, 2]}


def test_standard_tags_are_allowed():
    loaded = load_yaml_text("a: !!str 2024\nb: !!int \"7\"\n", "f.yaml")
    assert loaded.ok
    assert loaded.data == {"a": "2024", "b": 7}


@pytest.mark.parametrize(("raw", "code", "line", "column"), [
    (b"\xef\xbb\xbfa: 1\n", "yaml-bom", 1, 1),
    (b"a: 1\nb: \xe5\n", "yaml-encoding", 2, 4),
    ("å: 1\nb: x\x00y\n".encode(), "yaml-syntax", 2, 5),   # control character, column in characters
    (b"a: \x07\n", "yaml-syntax", 1, 4),
    (b"a: " + b"x" * MAX_FILE_BYTES, "yaml-too-large", 1, 1),
])
def test_byte_level_problems(raw, code, line, column):
    loaded = load_yaml_bytes(raw, "f.yaml")
    assert loaded.data is None
    assert [(p.code, p.line, p.column) for p in loaded.problems] == [(code, line, column)]


def test_every_problem_has_swedish_message_and_hint(assert_swedish):
    samples = ["a:\n\tb: 1\n", "a: &x 1\n", "a: *x\n", "a: !x y\n", "? [a]\n: 1\n", "a: 1\n---\nb: 2\n",
               "a: b: c\n", "a: [1, 2\n", "a: {b: 1\n", "a: \"x\n", "a: \"\\q\"\n", "%FOO bar\n---\na: 1\n",
               "a:\n  - b\n  c: d\n", "- a\nb: 1\n", "a: \"\\ud800\"\n", "a: |0\n  x\n", "", "a: 1\na: 2\n"]
    for text in samples:
        problems = load_yaml_text(text, "f.yaml").problems
        assert problems, text
        for problem in problems:
            assert_swedish(problem.message)
            assert_swedish(problem.hint)
            assert "\n" not in problem.message
