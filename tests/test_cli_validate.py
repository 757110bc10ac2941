"""`tryggplan validate`: output shapes asserted as exact strings, exit codes, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tryggplan.cli import main

CASES = Path(__file__).resolve().parent / "cases"
TAB_CASE = CASES / "invalid" / "tab-indentation"
SEVERAL = CASES / "invalid" / "several-problems"


def _run(capsys, monkeypatch, folder: Path, *args: str) -> tuple[int, str, str]:
    monkeypatch.chdir(folder)
    code = main(["validate", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_text_format_exact(capsys, monkeypatch):
    code, out, err = _run(capsys, monkeypatch, TAB_CASE, "plans")
    assert code == 1
    assert out == (
        "plans/exempelby/organisation.yaml:3:1: yaml-tab: "
        "Raden är indragen med tabbtecken. YAML tillåter bara mellanslag i indrag.\n"
        "    Åtgärd: Byt tabben mot mellanslag (två per nivå).\n")
    assert err == "1 problem i 1 av 1 filer.\n"


def test_text_format_every_problem_line_has_the_shape(capsys, monkeypatch):
    code, out, _ = _run(capsys, monkeypatch, SEVERAL, "plans")
    assert code == 1
    lines = out.splitlines()
    problem_lines = [line for line in lines if not line.startswith("    Åtgärd: ")]
    assert problem_lines == [
        "plans/exempelby/trygghetsplan/indicators.yaml:15:20: value-percent-range: "
        "Värdet 123.5 är en procentsats utanför 0–100.",
        "plans/exempelby/trygghetsplan/plan.yaml:20:18: ref-unknown-cause: Hittar inte orsaken \"o2\".",
        "plans/exempelby/trygghetsplan/plan.yaml:24:26: ref-unknown-unit: "
        "Hittar inte enheten eller parten \"brandkaren\".",
    ]
    assert len(lines) == 6  # one hint line per problem


def test_github_format_exact(capsys, monkeypatch):
    code, out, err = _run(capsys, monkeypatch, TAB_CASE, "plans", "--format", "github")
    assert code == 1
    assert out == (
        "::error file=plans/exempelby/organisation.yaml,line=3,col=1,title=yaml-tab%3A Tabb i indrag::"
        "Raden är indragen med tabbtecken. YAML tillåter bara mellanslag i indrag.%0A"
        "Byt tabben mot mellanslag (två per nivå).\n")
    assert err == ""


def test_json_format_is_a_list_of_problems(capsys, monkeypatch):
    code, out, err = _run(capsys, monkeypatch, SEVERAL, "plans", "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert isinstance(data, list)
    assert [(p["file"], p["line"], p["column"], p["code"]) for p in data] == [
        ("plans/exempelby/trygghetsplan/indicators.yaml", 15, 20, "value-percent-range"),
        ("plans/exempelby/trygghetsplan/plan.yaml", 20, 18, "ref-unknown-cause"),
        ("plans/exempelby/trygghetsplan/plan.yaml", 24, 26, "ref-unknown-unit"),
    ]
    assert data[1]["json_path"] == "/areas/0/actions/0/causes/0"
    assert data[1]["title"] == "Okänd orsak"
    assert all(p["hint"] for p in data)
    assert err == ""


def test_json_format_empty_list_when_valid(capsys, monkeypatch):
    code, out, _ = _run(capsys, monkeypatch, CASES / "valid" / "full-document", "plans", "--format", "json")
    assert code == 0
    assert json.loads(out) == []


def test_valid_tree_exit_0_and_summary(capsys, monkeypatch):
    code, out, err = _run(capsys, monkeypatch, CASES / "valid" / "full-document", "plans")
    assert code == 0
    assert out == ""
    assert err == "Inga problem hittades i 4 filer.\n"


def test_single_file_only_reports_that_file(capsys, monkeypatch):
    code, out, _ = _run(capsys, monkeypatch, SEVERAL, "plans/exempelby/trygghetsplan/plan.yaml", "--format", "json")
    assert code == 1
    assert {p["file"] for p in json.loads(out)} == {"plans/exempelby/trygghetsplan/plan.yaml"}


def test_missing_path_is_a_problem_not_a_crash(capsys, monkeypatch):
    code, out, _ = _run(capsys, monkeypatch, TAB_CASE, "finns-inte")
    assert code == 1
    assert out.startswith("finns-inte:1:1: path-not-found: ")


@pytest.mark.parametrize("args", [["--okand-flagga"], ["--format", "xml"], ["plans", "--format"]])
def test_usage_errors_exit_2_in_swedish(capsys, monkeypatch, args, assert_swedish):
    monkeypatch.chdir(TAB_CASE)
    with pytest.raises(SystemExit) as raised:
        main(["validate", *args])
    assert raised.value.code == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "användning:" in err
    assert_swedish(err.splitlines()[-2])


@pytest.mark.parametrize("case", sorted(p for p in (CASES / "invalid").iterdir() if p.is_dir()), ids=lambda p: p.name)
def test_every_invalid_case_exits_1_without_internal_error(capsys, monkeypatch, case):
    for fmt in ("text", "github", "json"):
        code, out, err = _run(capsys, monkeypatch, case, "plans", "--format", fmt)
        assert code == 1, err
        assert "internt fel" not in err
        assert "Traceback" not in out + err


def _subprocess(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from tryggplan.cli import run; run()", *args],
                          cwd=folder, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(("folder", "args", "exit_code"), [
    (CASES / "valid" / "full-document", ["validate", "plans"], 0),
    (CASES / "invalid" / "non-utf8", ["validate", "plans"], 1),
    (CASES / "invalid" / "yaml-bomb", ["validate", "plans", "--format", "github"], 1),
    (CASES / "invalid" / "bom", ["validate"], 1),
    (TAB_CASE, ["validate", "--okand"], 2),
    (TAB_CASE, ["validate", "plans", "--format", "xml"], 2),
])
def test_real_process_never_prints_a_traceback(folder, args, exit_code):
    done = _subprocess(folder, *args)
    assert done.returncode == exit_code, done.stderr
    assert "Traceback" not in done.stderr
    assert "Traceback" not in done.stdout


HOSTILE = "Trygghet\x1b[2J\x1b[HInga problem hittades.\x00\u202egnalb\x9b31m\u2028slut"


def _hostile_case(tmp_path: Path) -> Path:
    import shutil

    case = tmp_path / "case"
    shutil.copytree(CASES / "valid" / "full-document", case)
    plan = case / "plans" / "exempelby" / "trygghetsplan" / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    # A wrong status quoting the hostile text, written with YAML escapes so the file itself parses.
    escaped = HOSTILE.encode("unicode_escape").decode("ascii").replace("\\x", "\\x")
    plan.write_text(text.replace("status: beslutad", f"status: \"{escaped}\""), encoding="utf-8")
    return case


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_control_characters_are_printed_escaped(tmp_path, capsys, monkeypatch, fmt):
    case = _hostile_case(tmp_path)
    code, out, err = _run(capsys, monkeypatch, case, "plans", "--format", fmt)
    assert code == 1
    for char in "\x1b\x00\u202e\x9b\u2028":
        assert char not in out + err, repr(char)
    if fmt == "json":
        assert json.loads(out)[0]["message"].count("\x1b") == 2  # the data survives, escaped in JSON
    else:
        assert "\\x1b[2J" in out and "\\u202e" in out and "\\x00" in out and "\\x9b" in out
    assert not any(line.startswith("Inga problem") for line in (out + err).splitlines())


def test_terminal_safe_leaves_ordinary_text_alone():
    from tryggplan.reporting import terminal_safe

    text = "Åtgärd 3: \"Trygghetsvandring\" – kväll, 50 % (ÅÅÅÅ-MM-DD)\ttabb"
    assert terminal_safe(text) == text.replace("\t", "\\x09")
