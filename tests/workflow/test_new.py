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
    assert "Lade till åtgärden a1 i området otrygghet-i-centrum" in out
    assert "Lade till åtgärden a2 i området otrygghet-i-centrum" in out
    assert f"Skapade {plan_dir}/followup/2026.yaml" in out
    assert _problems(tmp_path) == []
    plan = (tmp_path / plan_dir / "plan.yaml").read_text(encoding="utf-8")
    assert plan.startswith("# yaml-language-server: $schema=../../../schema/plan.schema.json\n")
    assert '    title: "Belysning: busstationen"\n' in plan
    followup = (tmp_path / plan_dir / "followup/2026.yaml").read_text(encoding="utf-8")
    # Without an earlier follow-up nothing is invented: every action is a commented-out template.
    assert "#   - action: a1  # Trygghetsvandringar\n#     status: VÄLJ\n" in followup
    assert "\nactions:" not in followup and "status: \n" not in followup


def test_followup_copies_the_previous_status(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_plans(tmp_path)
    assert main(["new", "followup", "plans/exempelby/trygghetsplan", "--period", "2026"]) == 0
    text = (tmp_path / "plans/exempelby/trygghetsplan/followup/2026.yaml").read_text(encoding="utf-8")
    assert "  - action: a1  # Trygghetsvandringar i centrum\n    status: påbörjad  # status 2025" in text
    assert "#   - action: a2  # Bättre belysning vid busstationen\n#     status: VÄLJ\n" in text
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
    assert slugify("Åtgärdsplan 2023–2024") == "atgardsplan-2023-2024"
    assert slugify("Plan 2024/2025") == "plan-2024-2025"
    # "nästa lediga": the next number of the plan's series; a1 when the actions have no numbered ids.
    assert next_action_id({"areas": [{"id": "x", "actions": [{"id": "trygghet"}]}]}, "Ny åtgärd") == "a1"
    assert next_action_id({"areas": [{"id": "x", "actions": [{"id": "a1"}, {"id": "a7"}, {"id": "ssp"}]}]}) == "a8"
    assert next_action_id({"areas": [{"id": "a1", "actions": [{"id": "x"}]}]}) == "a2"  # a1 is an area


def _uncomment(text: str, start: str, count: int, replace: dict[str, str]) -> str:
    """Follow a template's own comment: remove '# ' before `count` lines from the line starting with start."""
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(start))
    for i in range(index, index + count):
        lines[i] = lines[i][2:] if lines[i].startswith("# ") else lines[i][1:]
        for old, new in replace.items():
            lines[i] = lines[i].replace(old, new)
    return "\n".join(lines)


def test_templates_write_no_facts_and_stay_valid_after_following_their_comments(tmp_path: Path, monkeypatch,
                                                                                capsys) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "organisation", "--id", "exempelby", "--name", "Exempelby (fiktiv)", "--code", "0999"]) == 0
    assert main(["new", "plan", "plans/exempelby", "--title", "Medborgarlöfte 2023–2024", "--kind",
                 "medborgarlöfte"]) == 0
    assert "Skapade plans/exempelby/medborgarlofte-2023-2024/plan.yaml" in capsys.readouterr().out
    org_file = tmp_path / "plans/exempelby/organisation.yaml"
    plan_file = tmp_path / "plans/exempelby/medborgarlofte-2023-2024/plan.yaml"
    org, plan = org_file.read_text(encoding="utf-8"), plan_file.read_text(encoding="utf-8")
    assert "Kommunstyrelsen" not in org and "Polisen" not in org and "kommunstyrelsen" not in plan
    assert "status: okänd" in plan and "utkast  #" not in plan
    assert _problems(tmp_path) == []
    # Follow the comments: units with one unit, the decision and the validity filled in.
    org = org.replace("units: []", "units:")
    org = _uncomment(org, "#   - id: enhetens-id", 3, {"enhetens-id": "trygghetsenheten",
                                                        "Enhetens namn enligt källan": "Trygghetsenheten"})
    org = _uncomment(org, "# partners:", 4, {"partens-id": "polisen", "Partens namn enligt källan": "Polisen"})
    org_file.write_text(org, encoding="utf-8")
    plan = _uncomment(plan, "# decision:", 4, {"Beslutande organ enligt källan": "Kommunfullmäktige",
                                               "ÅÅÅÅ-MM-DD": "2023-01-30", "§ …": "§ 3"})
    plan = _uncomment(plan, "# validity:", 3, {})
    plan = plan.replace('start: "ÅÅÅÅ-MM-DD"', 'start: "2023-01-01"').replace('end: "ÅÅÅÅ-MM-DD"', 'end: "2024-12-31"')
    plan_file.write_text(plan, encoding="utf-8")
    assert _problems(tmp_path) == []
    folder = "plans/exempelby/medborgarlofte-2023-2024"
    assert main(["new", "area", folder, "--title", "Trygg i centrum"]) == 0
    assert main(["new", "action", folder, "--area", "trygg-i-centrum", "--title", "Trygghetsvandringar"]) == 0
    assert main(["new", "followup", folder, "--period", "2024"]) == 0
    followup_file = tmp_path / folder / "followup/2024.yaml"
    followup = followup_file.read_text(encoding="utf-8")
    assert '# title: "Uppföljning Medborgarlöfte 2023–2024"' in followup  # the period is in the title already
    assert _problems(tmp_path) == []
    followup = _uncomment(followup, "# actions:", 3, {"VÄLJ": "påbörjad"})
    followup_file.write_text(followup, encoding="utf-8")
    assert _problems(tmp_path) == []
    assert "status: påbörjad" in followup_file.read_text(encoding="utf-8")


def test_followup_of_a_round_lists_only_that_rounds_actions(tmp_path: Path, monkeypatch) -> None:
    import shutil

    shutil.copytree(Path(__file__).resolve().parents[1] / "cases/valid/rolling-medborgarlofte/plans",
                    tmp_path / "plans")
    monkeypatch.chdir(tmp_path)
    assert main(["new", "followup", "plans/exempelby/medborgarlofte", "--period", "2022-03--2022-05"]) == 0
    text = (tmp_path / "plans/exempelby/medborgarlofte/followup/2022-03--2022-05.yaml").read_text(encoding="utf-8")
    assert "round: omgang-2022-1\n" in text and "parker" in text
    assert "skolvagar" not in text and "sommarlov" not in text
    assert _problems(tmp_path) == []
    assert main(["new", "followup", "plans/exempelby/medborgarlofte", "--period", "2022-3--2022-5"]) == 2


def test_a_path_that_cannot_be_written_is_a_swedish_usage_error(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "fil").write_text("inte en mapp", encoding="utf-8")
    code = main(["new", "organisation", "--id", "exempelby", "--name", "Exempelby (fiktiv)", "--code", "0999",
                 "--plans", "fil"])
    err = capsys.readouterr().err
    assert code == 2 and "kan inte skriva fil/exempelby/organisation.yaml" in err and "internt fel" not in err
