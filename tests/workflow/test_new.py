"""`tryggplan new …` produces files that validate, and keeps the rest of plan.yaml as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from tryggplan.authoring.scaffold import ScaffoldError, add_action, next_action_id, slugify
from tryggplan.cli import main
from tryggplan.load.project import load_project
from tryggplan.load.yamlmarks import load_yaml_text

from .exempelby import PLAN, write_plans


def _problems(root: Path) -> list[str]:
    result = load_project(root / "plans", base=root)
    return [f"{p.file}:{p.line}: {p.code}: {p.message}" for p in result.problems]


def test_new_municipality_plan_area_action_followup_validate(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "organisation", "--id", "exempelby", "--name", "Exempelby (fiktiv)", "--code", "0999"]) == 0
    assert main(["new", "plan", "plans/exempelby", "--title", "Åtgärdsplan för trygghet 2026"]) == 0
    plan_dir = "plans/exempelby/atgardsplan-for-trygghet-2026"
    assert _problems(tmp_path) == []
    assert main(["new", "area", plan_dir, "--title", "Otrygghet i centrum", "--kind",
                 "prioriterat samverkansområde"]) == 0
    assert main(["new", "action", plan_dir, "--area", "otrygghet-i-centrum", "--title", "Trygghetsvandringar"]) == 0
    assert main(["new", "action", plan_dir, "--area", "otrygghet-i-centrum", "--title", "Belysning: busstationen"]) == 0
    assert main(["new", "followup", plan_dir, "--period", "2026"]) == 0
    out = capsys.readouterr().out
    assert "Lade till åtgärden trygghetsvandringar i området otrygghet-i-centrum" in out
    assert f"Skapade {plan_dir}/followup/2026.yaml" in out
    assert _problems(tmp_path) == []
    plan = (tmp_path / plan_dir / "plan.yaml").read_text(encoding="utf-8")
    assert plan.startswith("# yaml-language-server: $schema=../../../schema/plan.schema.json\n")
    assert '    title: "Belysning: busstationen"\n' in plan
    followup = (tmp_path / plan_dir / "followup/2026.yaml").read_text(encoding="utf-8")
    # Without an earlier follow-up nothing is invented: every action is a commented-out template.
    assert "#   - action: trygghetsvandringar  # Trygghetsvandringar\n#     status: \n" in followup
    assert "\nactions:" not in followup


def test_followup_copies_the_previous_status(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_plans(tmp_path)
    assert main(["new", "followup", "plans/exempelby/trygghetsplan", "--period", "2026"]) == 0
    text = (tmp_path / "plans/exempelby/trygghetsplan/followup/2026.yaml").read_text(encoding="utf-8")
    assert "  - action: a1  # Trygghetsvandringar i centrum\n    status: påbörjad  # status 2025" in text
    assert "#   - action: a2  # Bättre belysning vid busstationen\n#     status: \n" in text
    assert _problems(tmp_path) == []
    assert main(["new", "followup", "plans/exempelby/trygghetsplan", "--period", "2026"]) == 2
    assert main(["new", "followup", "plans/exempelby/trygghetsplan", "--period", "26"]) == 2


def test_action_insertion_keeps_comments_and_everything_else(tmp_path: Path) -> None:
    text, action_id, line = add_action(PLAN, "plan.yaml", "otrygghet", "Kameror vid torget")
    assert action_id == "a4"  # a1, a2, a3 are taken
    assert "    actions:  # åtgärderna i området\n" in text
    lines = text.splitlines()
    assert lines[line - 1] == "      - id: a4"
    assert lines[line] == '        title: "Kameror vid torget"'
    assert lines[line + 1] == "  - id: unga"
    removed = "\n".join(lines[: line - 1] + lines[line + 1:]) + "\n"
    assert removed == PLAN
    data = load_yaml_text(text, "plan.yaml").data
    assert [a["id"] for a in data["areas"][0]["actions"]] == ["a1", "a2", "a4"]


def test_action_errors() -> None:
    with pytest.raises(ScaffoldError, match="Området \"finns-inte\" finns inte i planen. Områden: otrygghet, unga"):
        add_action(PLAN, "plan.yaml", "finns-inte", "X")
    with pytest.raises(ScaffoldError, match="Id \"a1\" används redan"):
        add_action(PLAN, "plan.yaml", "unga", "X", "a1")
    flow = PLAN.replace("  - id: unga\n", "  - id: tom\n    title: \"Tom\"\n    actions: []\n  - id: unga\n")
    text, action_id, _ = add_action(flow, "plan.yaml", "tom", "Första")
    assert '    actions:\n      - id: a4\n        title: "Första"\n  - id: unga\n' in text


def test_ids() -> None:
    assert slugify("Våld i nära relationer – Öckerö") == "vald-i-nara-relationer-ockero"
    assert next_action_id({"areas": [{"id": "x", "actions": [{"id": "trygghet"}]}]}, "Ny åtgärd") == "ny-atgard"
