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
        "%0AVälj ett av: \"utkast\", \"beslutad\", \"upphävd\", \"okänd\".\n"
        "::error file=plans/exempelby/trygghetsplan/plan.yaml,line=43,col=18,"
        "title=ref-unknown-unit%3A Okänd enhet eller part::Hittar inte enheten eller parten \"socialtjansten\"."
        "%0AMenade du \"socialforvaltningen\"? Lägg till den i organisation.yaml (units eller partners) eller "
        "rätta stavningen.\n"
    )


def test_github_annotations_escape_and_clean_run(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    write_plans(tmp_path)
    assert main(["validate", "plans", "--format", "github"]) == 0
    assert capsys.readouterr().out == ""
