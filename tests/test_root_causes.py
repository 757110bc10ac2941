"""The validator names the real mistake first and does not bury it under its consequences.

A file that cannot be read or breaks its schema must not make references to the ids it defines
look wrong elsewhere; every unknown key is reported; an empty value gives one clear message.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tryggplan.load.project import load_paths
from tryggplan.load.yamlmarks import load_yaml_text
from tryggplan.problems import rank

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"
FIVE = CASES / "invalid" / "five-mistakes"


def _largest(pattern: str) -> Path:
    """The largest bundled file of a kind: cascades grow with the number of references."""
    return max((ROOT / "plans").glob(pattern), key=lambda p: p.stat().st_size)


def _copy_plans(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "plans", tmp_path / "plans")
    return tmp_path / "plans"


def _break_indentation(path: Path) -> int:
    """Indent one `key: value` line (after the first 40 lines) one space too far; returns its line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for index in range(40, len(lines)):
        line, above = lines[index], lines[index - 1]
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if (stripped[:1].isalpha() and ": " in stripped and not stripped.rstrip().endswith(("|", ">", ":"))
                and len(above) - len(above.lstrip(" -")) == indent and ": " in above
                and not above.rstrip().endswith((":", "|", ">", "[", "{")) and not above.lstrip().startswith("#")):
            lines[index] = " " + line
            path.write_text("\n".join(lines), encoding="utf-8")
            return index + 1
    raise AssertionError(f"ingen rad att förstöra i {path}")


@pytest.mark.parametrize("pattern", ["*/*/plan.yaml", "*/*/indicators.yaml", "*/organisation.yaml"])
def test_one_syntax_error_in_a_large_file_gives_problems_only_in_that_file(tmp_path, pattern):
    plans = _copy_plans(tmp_path)
    target = _largest(pattern)
    broken = plans / target.relative_to(ROOT / "plans")
    line = _break_indentation(broken)
    result = load_paths([plans], base=tmp_path)
    where = broken.relative_to(tmp_path).as_posix()
    assert [(p.file, p.line, p.code) for p in result.problems] == [(where, line, "yaml-syntax")]
    assert "indragen" in result.problems[0].message


def test_schema_error_in_indicators_does_not_make_references_to_it_unknown(tmp_path):
    plans = _copy_plans(tmp_path)
    target = plans / _largest("*/*/indicators.yaml").relative_to(ROOT / "plans")
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("\nindicators:\n", "\nindikatorer:\n", 1), encoding="utf-8")
    result = load_paths([plans], base=tmp_path)
    assert result.problems, "felet ska rapporteras"
    assert {p.file for p in result.problems} == {target.relative_to(tmp_path).as_posix()}
    assert {p.code for p in result.problems} <= {"schema-unknown-key", "schema-required"}


def test_reference_to_an_id_missing_even_from_the_broken_file_is_still_reported(tmp_path):
    case = tmp_path / "case"
    shutil.copytree(FIVE, case)
    plan = case / "plans" / "exempelby" / "trygghetsplan" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("indicators: [inbrott]", "indicators: [inbrot]", 1),
                    encoding="utf-8")
    result = load_paths([case / "plans"], base=case)
    unknown = [p for p in result.problems if p.code == "ref-unknown-indicator"]
    assert [p.message for p in unknown] == ["Hittar inte indikatorn \"inbrot\"."]
    assert "Menade du \"inbrott\"?" in unknown[0].hint


def test_five_mistakes_give_one_problem_each_root_cause_first():
    expected = json.loads((FIVE / "expected.json").read_text(encoding="utf-8"))
    result = load_paths([FIVE / "plans"], base=FIVE)
    got = [{"file": p.file, "line": p.line, "code": p.code} for p in result.problems]
    assert got == expected
    assert len(got) == 6  # five mistakes; one of them misnames two keys of the same action
    assert result.problems[0].code == "yaml-syntax"
    ranks = [rank(p.code) for p in result.problems]
    assert ranks == sorted(ranks)
    unit = next(p for p in result.problems if p.code == "ref-unknown-unit")
    assert "Menade du \"socialforvaltningen\"?" in unit.hint


def test_the_five_mistakes_case_is_the_realistic_plan_with_exactly_those_changes():
    valid = CASES / "valid" / "realistic-plan" / "plans"
    changed = 0
    for path in sorted(valid.rglob("*.yaml")):
        before = path.read_text(encoding="utf-8").split("\n")
        after = (FIVE / "plans" / path.relative_to(valid)).read_text(encoding="utf-8").split("\n")
        assert len(before) == len(after)
        changed += sum(a != b for a, b in zip(before, after))
    assert changed == 6


def _schema_problems(kind: str, text: str):
    from tryggplan.load.schemas import validate

    loaded = load_yaml_text(text, "f.yaml")
    found = validate(kind, loaded.data, loaded.marks, "f.yaml")
    return loaded.problems + [p for p in found if p.line not in loaded.guessed_lines]


ORG = """\
municipality:
  id: exempelby
  name: "Exempelby (fiktiv)"
  code: "0999"
units:
  - id: socialforvaltningen
    namn: "Socialförvaltningen"
    typ: förvaltning
    kort: SoF
"""


def test_every_unknown_key_of_an_object_is_reported_at_its_key():
    problems = _schema_problems("organisation", ORG)
    unknown = [(p.line, p.column, p.message) for p in problems if p.code == "schema-unknown-key"]
    assert unknown == [
        (7, 5, "Okänd nyckel `namn` i Enhet eller roll \"socialforvaltningen\"."),
        (8, 5, "Okänd nyckel `typ` i Enhet eller roll \"socialforvaltningen\"."),
        (9, 5, "Okänd nyckel `kort` i Enhet eller roll \"socialforvaltningen\"."),
    ]
    # `namn` is Swedish for `name`: the suggestion replaces a second "name is missing" message.
    assert "Menade du `name`" in problems[0].hint
    assert [p for p in problems if p.code == "schema-required" and "`name`" in p.message] == []


def test_duplicate_key_does_not_hide_the_other_problems():
    text = ORG.replace('  name: "Exempelby (fiktiv)"\n', '  name: "Exempelby (fiktiv)"\n  name: "Igen"\n')
    codes = [p.code for p in _schema_problems("organisation", text)]
    assert codes.count("yaml-duplicate-key") == 1
    assert codes.count("schema-unknown-key") == 3


def test_tab_does_not_hide_the_other_problems():
    text = ORG.replace("  code:", "\tcode:").replace("    kort:", "\t  kort:")
    problems = _schema_problems("organisation", text)
    assert [(p.line, p.code) for p in problems if p.code == "yaml-tab"] == [(4, "yaml-tab"), (9, "yaml-tab")]
    # The rows after the tabs were still read: the unknown keys on untouched rows are reported.
    assert [p.line for p in problems if p.code == "schema-unknown-key"] == [7, 8]


@pytest.mark.parametrize("value", ["", " \"\"", " ''"])
def test_empty_required_value_gives_one_true_message(value):
    problems = _schema_problems("organisation", ORG.replace('  name: "Exempelby (fiktiv)"', f"  name:{value}"))
    problems = [p for p in problems if p.line == 3]
    assert len(problems) == 1
    problem = problems[0]
    text = problem.message + " " + problem.hint
    assert "None" not in text and "  " not in text
    assert problem.message == "Namn (`name`) i Kommun \"exempelby\" saknar värde."
    assert "`name:`" in problem.hint and "ta bort" not in problem.hint  # removing a required field is no fix
    assert problem.column == 3  # at the key


def test_empty_optional_value_may_be_removed():
    problems = _schema_problems("organisation", ORG.replace("    kort: SoF", "    abbreviation:"))
    empty = [p for p in problems if "saknar värde" in p.message]
    assert len(empty) == 1 and "ta bort raden" in empty[0].hint


def test_no_jargon_in_type_messages():
    problems = _schema_problems("organisation", "municipality: exempelby\nunits: []\n")
    text = " ".join(p.message + " " + p.hint for p in problems)
    assert "samling nycklar" not in text
    assert "indragna" in text
