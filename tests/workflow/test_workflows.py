"""Rules for the GitHub workflows: least privilege, pinned actions, the events we rely on."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[^@\s]+)@(?P<ref>\S+)\s*#\s*(?P<version>v\d+(?:\.\d+)*)\s*$")
SHA = re.compile(r"^[0-9a-f]{40}$")


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), path
    if True in data:  # YAML 1.1 reads the key `on` as the boolean true
        data["on"] = data.pop(True)
    return data


def _uses_lines(path: Path) -> list[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines()
            if re.match(r"^\s*(?:-\s+)?uses:", line)]


def test_the_expected_workflows_exist() -> None:
    assert {p.name for p in WORKFLOWS} >= {"pr.yml", "deploy.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_top_level_permissions_are_read_only(path: Path) -> None:
    assert _load(path).get("permissions") == {"contents": "read"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_pull_request_target(path: Path) -> None:
    assert "pull_request_target" not in _load(path)["on"]
    assert "pull_request_target" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    lines = _uses_lines(path)
    assert lines, "a workflow without actions is unexpected here"
    for line in lines:
        match = PINNED.match(line)
        assert match, f"{path.name}: `{line.strip()}` must be owner/action@<40-hex sha> # vX.Y.Z"
        assert SHA.match(match["ref"]), f"{path.name}: {match['action']} is pinned to {match['ref']}, not a commit"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_write_permissions_only_in_the_deploy_job(path: Path) -> None:
    for name, job in _load(path)["jobs"].items():
        permissions = job.get("permissions") or {}
        writes = {k for k, v in permissions.items() if v == "write"}
        if path.name == "deploy.yml" and name == "publicera":
            assert permissions == {"pages": "write", "id-token": "write"}
        else:
            assert not writes, f"{path.name}/{name} asks for {writes}"
            assert "id-token" not in permissions


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_no_secrets_and_no_untrusted_expressions_in_scripts(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert "secrets." not in text
    for job in _load(path)["jobs"].values():
        for step in job.get("steps", []):
            script = step.get("run", "")
            assert "${{" not in script, f"pass `{script.strip()}` its values through env:, not ${{{{ }}}}"


def test_pr_workflow() -> None:
    data = _load(ROOT / ".github/workflows/pr.yml")
    assert set(data["on"]) == {"pull_request"}
    steps = data["jobs"]["kontroll"]["steps"]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    assert uses[0] == "actions/checkout" and steps[0]["with"]["fetch-depth"] == 0
    python = steps[uses.index("actions/setup-python")]["with"]
    assert python == {"python-version": "3.11", "cache": "pip", "cache-dependency-path": "requirements.txt"}
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "tryggplan validate plans --format github" in runs
    assert "mkdocs build --strict" in runs
    assert re.search(r'tryggplan diff "origin/\$\{BASE_REF\}" HEAD >> "\$GITHUB_STEP_SUMMARY"', runs)
    assert "actions/upload-artifact" in uses
    test_steps = data["jobs"]["tester"]["steps"]
    assert any(s.get("run") == "bash .ci/run" for s in test_steps)


def test_deploy_workflow() -> None:
    data = _load(ROOT / ".github/workflows/deploy.yml")
    assert data["on"] == {"push": {"branches": ["main"]}}
    assert data["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build = [s.get("uses", "").split("@")[0] for s in data["jobs"]["bygg"]["steps"]]
    assert "actions/upload-pages-artifact" in build
    # configure-pages calls the Pages API, which needs pages: read; the build job has contents: read
    # only, and nothing used its outputs. It must not come back without that permission.
    permissions = data["jobs"]["bygg"].get("permissions", data.get("permissions", {}))
    assert "actions/configure-pages" not in build or permissions.get("pages") in ("read", "write")
    deploy = data["jobs"]["publicera"]
    assert deploy["needs"] == "bygg"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_pre_commit_hook_validates_changed_plan_files() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    assert hook["entry"] == ".venv/bin/tryggplan validate"  # works after `make setup`, without PATH changes
    assert hook["files"] == r"^plans/.*\.ya?ml$" and hook["pass_filenames"] is True
    assert re.search(hook["files"], "plans/kungalv/trygg-i-kungalv/followup/2023.yaml")
    assert not re.search(hook["files"], "schema/plan.schema.json")


def test_vscode_maps_every_schema_to_its_files() -> None:
    import json

    settings = json.loads((ROOT / ".vscode/settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    for kind in ("organisation", "plan", "indicators", "followup"):
        assert (ROOT / "schema" / f"{kind}.schema.json").is_file()
        assert f"./schema/{kind}.schema.json" in mapping
    assert mapping["./schema/plan.schema.json"] == "plans/*/*/plan.yaml"


def test_codeowners_covers_every_municipality_without_a_line_each() -> None:
    """A new municipality folder is owned by the catch-all rule until someone adds its own line:
    adding a municipality under plans/ never requires a change to CODEOWNERS. Lines that exist
    must name a municipality folder that exists."""
    text = (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8")
    assert "EXEMPEL" in text
    assert re.search(r"^\*\s+@\S+", text, re.MULTILINE), "en regel för alla filer (*) ska finnas"
    folders = {p.name for p in (ROOT / "plans").iterdir() if p.is_dir()}
    named = re.findall(r"^/plans/([^/\s]+)/\s+@\S+", text, re.MULTILINE)
    assert set(named) <= folders, sorted(set(named) - folders)
