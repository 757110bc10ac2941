"""The validator names the real mistake first and does not bury it under its consequences.

A file that cannot be read or breaks its schema must not make references to the ids it defines
look wrong elsewhere; every unknown key is reported; an empty value gives one clear message.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
    assert unit.hint.startswith("Menade du \"socialforvaltningen\" (Socialförvaltningen)?")


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


@pytest.mark.parametrize(("written", "meant"), [
    ("socialtjansten", "socialforvaltningen"),      # a misspelt id
    ("Socialförvaltningen", "socialforvaltningen"),  # the unit's name instead of its id
    ("SoF", "socialforvaltningen"),                  # its abbreviation
    ("Polisen", "polisen"),                          # a partner by name
    ("exempelbostäder", "exempelbostader"),          # å, ä, ö in an id
])
def test_unknown_unit_suggests_by_id_name_or_abbreviation(tmp_path, written, meant):
    case = tmp_path / "case"
    shutil.copytree(CASES / "valid" / "realistic-plan", case)
    plan = case / "plans" / "exempelby" / "trygghetsplan" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("lead: [samhallsbyggnad]", f"lead: [\"{written}\"]", 1),
                    encoding="utf-8")
    result = load_paths([case / "plans"], base=case)
    assert [p.code for p in result.problems] == ["ref-unknown-unit"]
    assert result.problems[0].hint.startswith(f"Menade du \"{meant}\"")


def test_unknown_municipality_in_a_document_reference_suggests_by_name(tmp_path):
    case = tmp_path / "case"
    shutil.copytree(CASES / "valid" / "realistic-plan", case)
    plan = case / "plans" / "exempelby" / "trygghetsplan" / "plan.yaml"
    text = plan.read_text(encoding="utf-8").replace("\nareas:\n", "\nparent: \"Exempelby kommun/trygghetsplan\"\nareas:\n", 1)
    plan.write_text(text, encoding="utf-8")
    result = load_paths([case / "plans"], base=case)
    assert [p.code for p in result.problems] == ["ref-unknown-municipality"]
    assert result.problems[0].hint.startswith("Menade du \"exempelby\" (Exempelby (fiktiv))?")


def test_unquoted_dates_are_accepted_everywhere_as_the_text_written():
    """The decision: a date needs no quotes (as in YAML 1.2 and the editors' schema check). It is
    read as exactly the text written, so `2025-02-10` and `"2025-02-10"` mean the same."""
    case = CASES / "valid" / "unquoted-dates" / "plans"
    unquoted = 0
    for path in case.rglob("*.yaml"):
        loaded = load_yaml_text(path.read_text(encoding="utf-8"), path.name)
        assert loaded.problems == []
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.search(r":\s+\d{4}-\d{2}-\d{2}\s*$", line):
                unquoted += 1
    assert unquoted >= 6  # decision, validity, document date, follow-up report dates
    result = load_paths([case], base=case.parent)
    assert result.problems == []
    plan = next(f.data for f in result.files if f.kind == "plan")
    assert plan["validity"] == {"start": "2025-03-01", "end": "2026-12-31"}
    assert plan["decision"]["date"] == "2025-02-10"


@pytest.mark.parametrize(("written", "code"), [("2025-02-30", "date-invalid"), ("2025-2-10", "schema-pattern")])
def test_wrong_unquoted_date_is_reported_as_written(tmp_path, written, code):
    case = tmp_path / "case"
    shutil.copytree(CASES / "valid" / "unquoted-dates", case)
    plan = case / "plans" / "exempelby" / "trygghetsplan" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("date: 2025-02-10", f"date: {written}"), encoding="utf-8")
    result = load_paths([case / "plans"], base=case)
    assert [p.code for p in result.problems] == [code]
    assert f"\"{written}\"" in result.problems[0].message


BIDRA = ROOT / "docs" / "bidra"


def test_guides_say_what_the_validator_does_with_dates():
    for guide in sorted(BIDRA.glob("*.md")):
        for sentence in re.split(r"(?<=[.!?])\s+", guide.read_text(encoding="utf-8")):
            if re.search(r"\bdatum\b", sentence, re.IGNORECASE) and "citattecken" in sentence:
                assert "med eller utan citattecken" in sentence, f"{guide.name}: {sentence!r}"


def test_guide_example_message_is_real_output(capsys, monkeypatch):
    from tryggplan.cli import main

    text = (BIDRA / "filstruktur.md").read_text(encoding="utf-8")
    example = re.search(r"```text\n(.+?)\n    Åtgärd: (.+?) …\n```", text, re.S)
    monkeypatch.chdir(FIVE)
    assert main(["validate", "plans"]) == 1
    out = capsys.readouterr().out.splitlines()
    index = out.index(example.group(1))
    assert out[index + 1].startswith("    Åtgärd: " + example.group(2))


@pytest.mark.parametrize("case", ["rolling-medborgarlofte", "joint-document", "actions-under-document"])
def test_broken_plan_of_every_document_shape_gives_problems_only_in_that_file(tmp_path, case):
    copy = tmp_path / case
    shutil.copytree(CASES / "valid" / case, copy)
    for plan in sorted((copy / "plans").glob("*/*/plan.yaml")):
        broken = copy / "broken"
        shutil.rmtree(broken, ignore_errors=True)
        shutil.copytree(copy / "plans", broken / "plans")
        target = broken / "plans" / plan.relative_to(copy / "plans")
        target.write_text(target.read_text(encoding="utf-8") + "\n  stray: [\n", encoding="utf-8")
        result = load_paths([broken / "plans"], base=broken)
        assert [p.code for p in result.problems] == ["yaml-syntax"], [
            (p.file, p.code, p.message) for p in result.problems]


def test_party_municipality_written_as_a_name_suggests_the_folder(tmp_path):
    copy = tmp_path / "joint"
    shutil.copytree(CASES / "valid" / "joint-document", copy)
    plan = next((copy / "plans" / "norrvik").glob("*/plan.yaml"))
    text = plan.read_text(encoding="utf-8")
    assert "  - municipality: sodervik\n" in text
    plan.write_text(text.replace("  - municipality: sodervik\n", "  - municipality: \"Södervik\"\n", 1), encoding="utf-8")
    result = load_paths([copy / "plans"], base=copy)
    unknown = [p for p in result.problems if p.code == "ref-unknown-municipality"]
    assert len(unknown) == 1
    assert unknown[0].hint.startswith("Menade du \"sodervik\" (Södervik (fiktiv))?")


REALISTIC_PLAN = (CASES / "valid" / "realistic-plan" / "plans" / "exempelby" / "trygghetsplan" / "plan.yaml")


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("      - id: a8\n", "      -\n      - id: a8\n", "En post i Åtgärder (`actions`) är tom."),
    ("        causes: [c1]\n", "        causes:\n", "Orsaker (`causes`) i Åtgärd \"a2\" saknar värde."),
    ("        responsible:\n          lead: [samhallsbyggnad]\n", "        responsible:\n",
     "Ansvar (`responsible`) i Åtgärd \"a2\" saknar värde."),
    ("status: beslutad", "status:", "Status saknar värde."),
    ("status: beslutad", "status: \"\"", "Status saknar värde."),
    ("id: a1\n", "id: \"\"\n", "Id i Åtgärd saknar värde."),
])
def test_every_kind_of_empty_value_gives_one_message(old, new, expected, assert_swedish):
    text = REALISTIC_PLAN.read_text(encoding="utf-8")
    assert old in text
    problems = _schema_problems("plan", text.replace(old, new, 1))
    assert [p.message for p in problems] == [expected]
    for part in (problems[0].message, problems[0].hint):
        assert "None" not in part and "  " not in part
        assert_swedish(part)


_JUNK = ["  stray: [", "\"not closed", "title: a: b", "@", "{", "]", "   - x", "\t\tkey: value", "key value", "- [", "*alias"]
_FIXTURE_FILES = sorted(p.relative_to(CASES / "valid" / "realistic-plan").as_posix()
                        for p in (CASES / "valid" / "realistic-plan").rglob("*.yaml"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file=st.sampled_from(_FIXTURE_FILES), where=st.integers(min_value=2, max_value=400), junk=st.sampled_from(_JUNK))
def test_a_broken_file_never_causes_problems_in_other_files(tmp_path_factory, file, where, junk):
    case = tmp_path_factory.mktemp("kaskad")
    shutil.copytree(CASES / "valid" / "realistic-plan", case, dirs_exist_ok=True)
    target = case / file
    lines = target.read_text(encoding="utf-8").split("\n")
    lines.insert(where % len(lines), junk)
    target.write_text("\n".join(lines), encoding="utf-8")
    result = load_paths([case / "plans"], base=case)
    others = [p for p in result.problems if p.file != file]
    assert others == [], [(p.file, p.code, p.message) for p in others]
