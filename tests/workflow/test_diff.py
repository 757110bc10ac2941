"""Golden-file tests of `tryggplan diff` on a real git repository built in a temp dir."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tryggplan.authoring.diff import diff_refs
from tryggplan.authoring.diff_render import to_markdown
from tryggplan.authoring.gitsnap import GitError, GitRunner
from tryggplan.cli import main

from .exempelby import FOLLOWUP, INDICATORS, ORGANISATION, PLAN, commit_all, init_repo, write_plans

EXPECTED = Path(__file__).parent / "expected"


def _changed() -> dict[str, str]:
    organisation = ORGANISATION.replace(
        'name: "Trygghetssamordnare"', 'name: "Säkerhets- och trygghetssamordnare"'
    ).replace("partners:", """  - id: fritidsgarden
    name: "Fritidsgården Navet"
    kind: verksamhet
    parent: kultur-och-fritid
partners:""")
    plan = PLAN.replace("status: utkast", "status: beslutad").replace('date: "2025-02-10"', 'date: "2025-03-17"')
    plan = plan.replace("      - id: a1\n", "      - id: a1-trygghetsvandringar\n")
    start = plan.index("      - id: a2\n")
    end = plan.index("  - id: unga\n")
    plan = plan[:start] + plan[end:]
    plan = plan.replace("""          lead: [socialforvaltningen]
        timing:
          continuous: true
""", """          lead: [kultur-och-fritid]
          participants: [polisen]
        timing:
          continuous: true
          deadline: "2025-12"
      - id: a4
        title: "Läxhjälp på biblioteket"
        responsible:
          lead: [kultur-och-fritid]
        timing:
          text: "Från hösten 2025"
""")
    indicators = INDICATORS.replace("""            value: 24
""", """            value: 24
          - period: "2024"
            value: 22.5
""").replace("value: 20\n", "value: 18\n").replace("högst 20 procent", "högst 18 procent")
    followup = FOLLOWUP.replace("""  - action: a1
    status: påbörjad""", """  - action: a1-trygghetsvandringar
    status: genomförd""") + "  - action: a4\n    status: inte påbörjad\n"
    return {"organisation": organisation, "plan": plan, "indicators": indicators, "followup": followup}


@pytest.fixture()
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    init_repo(repo)
    write_plans(repo)
    commit_all(repo, "Exempelby: första versionen")
    write_plans(repo, **_changed())
    commit_all(repo, "Exempelby: beslutad plan och uppföljning")
    return repo


def test_diff_markdown_matches_golden_file(repo: Path, tmp_path: Path) -> None:
    result = diff_refs(GitRunner(repo), "HEAD~1", "HEAD", tmp_path / "work")
    assert not result.base_problems and not result.head_problems
    text = to_markdown(result)
    expected = EXPECTED / "diff-exempelby.md"
    if os.environ.get("TRYGGPLAN_UPDATE_GOLDEN"):
        expected.write_text(text, encoding="utf-8")
    assert text == expected.read_text(encoding="utf-8")


def test_diff_reports_the_rename_not_an_add_and_remove(repo: Path, tmp_path: Path) -> None:
    result = diff_refs(GitRunner(repo), "HEAD~1", "HEAD", tmp_path / "work")
    (plan,) = result.plans
    kinds = {(a.change, a.id) for a in plan.actions}
    assert ("nytt-id", "a1-trygghetsvandringar") in kinds
    assert ("tillagd", "a1-trygghetsvandringar") not in kinds
    assert ("borttagen", "a1") not in kinds
    statuses = {(s.action, s.old, s.new) for s in plan.statuses}
    assert ("a1-trygghetsvandringar", "påbörjad", "genomförd") in statuses


def test_diff_working_tree_and_problems_are_reported(repo: Path, tmp_path: Path) -> None:
    plan_file = repo / "plans/exempelby/trygghetsplan/plan.yaml"
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace("status: beslutad", "status: klar"),
                         encoding="utf-8")
    result = diff_refs(GitRunner(repo), "HEAD", None, tmp_path / "work")
    assert result.head == "arbetskopian"
    assert [p.code for p in result.head_problems] == ["schema-enum"]
    text = to_markdown(result)
    assert "**Obs!** Versionen efter (`arbetskopian`) har 1 valideringsproblem" in text
    assert "> - `plans/exempelby/trygghetsplan/plan.yaml:6:9` schema-enum: Status: \"klar\"" in text
    # The file breaks the schema but still loads, so the change is shown all the same.
    assert "- Status: beslutad → klar" in text


def test_diff_cli_json_and_unknown_ref(repo: Path, capsys) -> None:
    assert main(["diff", "HEAD~1", "HEAD", "--repo", str(repo), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["plans"][0]["key"] == "exempelby/trygghetsplan"
    assert {o["municipality"] for o in data["organisations"]} == {"exempelby"}
    assert main(["diff", "origin/main", "--repo", str(repo)]) == 2
    assert "Hittar inte git-referensen \"origin/main\"" in capsys.readouterr().err


def test_ref_without_plans_is_empty(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    init_repo(repo)
    (repo / "README.md").write_text("tom\n", encoding="utf-8")
    commit_all(repo, "tomt")
    write_plans(repo)
    result = diff_refs(GitRunner(repo), "HEAD", None, tmp_path / "work")
    assert [p.change for p in result.plans] == ["tillagd"]
    with pytest.raises(GitError):
        GitRunner(tmp_path / "nowhere").toplevel()
