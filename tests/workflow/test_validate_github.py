"""`tryggplan validate --format github`: workflow commands that GitHub shows on the changed lines."""

from __future__ import annotations

from pathlib import Path

from tryggplan.cli import main

from .exempelby import PLAN, write_plans


def test_github_annotations_exact(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    plan = PLAN.replace("status: utkast", "status: klar").replace("lead: [socialforvaltningen]",
                                                                  "lead: [socialtjansten]")
    write_plans(tmp_path, plan=plan)
    assert main(["validate", "plans", "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert out == (
        "::error file=plans/exempelby/trygghetsplan/plan.yaml,line=6,col=9,"
        "title=schema-enum%3A Otillåtet värde::Status: \"klar\" är inte ett tillåtet värde."
        "%0AVälj ett av: \"utkast\", \"beslutad\", \"undertecknad\", \"upphävd\", \"okänd\".\n"
        "::error file=plans/exempelby/trygghetsplan/plan.yaml,line=43,col=18,"
        "title=ref-unknown-unit%3A Okänd enhet eller part::Hittar inte enheten eller parten \"socialtjansten\"."
        "%0AMenade du \"socialforvaltningen\" (Socialförvaltningen)? Lägg till den i organisation.yaml (units eller partners) eller "
        "rätta stavningen.\n"
    )


def test_github_annotations_escape_and_clean_run(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    write_plans(tmp_path)
    assert main(["validate", "plans", "--format", "github"]) == 0
    assert capsys.readouterr().out == ""


def test_more_than_ten_problems_root_causes_first_and_a_summary(tmp_path: Path, monkeypatch, capsys) -> None:
    """GitHub shows ten error annotations per step: the tenth says how many more there are."""
    monkeypatch.chdir(tmp_path)
    # Eleven unknown units in the plan, and a broken follow-up file that sorts after the plan.
    plan = PLAN.replace("lead: [socialforvaltningen]",
                        "lead: [" + ", ".join(f"enhet-{n}" for n in range(11)) + "]")
    write_plans(tmp_path, plan=plan, followup="document: trygghetsplan\nperiod: \"2025\"\nactions:\n- action: a1\n"
                                                "   status: påbörjad\n")
    assert main(["validate", "plans", "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == 10
    assert annotations[0].startswith("::error file=plans/exempelby/trygghetsplan/followup/2025.yaml,line=5,")
    assert "yaml-syntax" in annotations[0]
    assert all("ref-unknown-unit" in line for line in annotations[1:9])
    assert annotations[9] == (
        "::error title=Fler problem::3 problem till i 1 fil visas inte som anteckningar (GitHub visar högst 10)."
        "%0AHela listan står i loggen för steget. De första problemen kan vara orsaken till resten: rätta dem "
        "först och kör kontrollen igen.")
    rest = lines[lines.index(annotations[9]) + 1:]
    assert [line.split(": ")[1] for line in rest if not line.startswith("    ")] == ["ref-unknown-unit"] * 3


def test_ten_problems_need_no_summary(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    plan = PLAN.replace("lead: [socialforvaltningen]",
                        "lead: [" + ", ".join(f"enhet-{n}" for n in range(10)) + "]")
    write_plans(tmp_path, plan=plan)
    assert main(["validate", "plans", "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 10 and all(line.startswith("::error file=") for line in lines)
