"""Symbolic links under plans/ are reported with a location, never followed (validate, build and diff)."""

from __future__ import annotations

import os
import subprocess

import pytest

from tryggplan.authoring.diff import diff_refs
from tryggplan.authoring.diff_render import to_markdown
from tryggplan.authoring.gitsnap import GitRunner

from .hostile_support import FOLLOWUP


def _codes(problems):
    return [(p.code, p.file) for p in problems]


def test_a_symlinked_plan_file_outside_the_repository_is_not_read(hostile, tmp_path):
    outside = tmp_path / "hemligt.yaml"
    outside.write_text("document: trygg-i-exempelby\nperiod: \"2025\"\nactions: []\n", encoding="utf-8")
    link = hostile.root / "exempelby" / "trygg-i-exempelby" / "followup" / "2024.yaml"
    os.symlink(outside, link)
    assert _codes(hostile.problems()) == [("layout-symlink", "plans/exempelby/trygg-i-exempelby/followup/2024.yaml")]


def test_problems_in_a_symlinked_file_are_not_dropped(hostile, tmp_path):
    broken = tmp_path / "trasig.yaml"
    broken.write_text("document: [\n", encoding="utf-8")
    (hostile.root / FOLLOWUP).unlink()
    os.symlink(broken, hostile.root / FOLLOWUP)
    problems = hostile.problems()
    assert problems and problems[0].code == "layout-symlink"


@pytest.mark.parametrize("where", ["plans/rot", "plans/exempelby/rot", "plans/exempelby/trygg-i-exempelby/rot"])
def test_a_symlink_to_the_filesystem_root_is_a_problem_not_an_internal_error(hostile, where):
    os.symlink("/", hostile.base / where)
    assert _codes(hostile.problems()) == [("layout-symlink", where)]


def _git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                   env=os.environ | {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                                     "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"})


def test_diff_reports_a_committed_symlink_instead_of_crashing(hostile, tmp_path):
    repo = hostile.base
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "start")
    os.symlink("/", repo / "plans" / "exempelby" / "rot")
    os.symlink("/etc/passwd", repo / "plans" / "exempelby" / "trygg-i-exempelby" / "followup" / "2024.yaml")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "länkar")
    work = tmp_path / "diff"
    for head in ("HEAD", None):  # a commit, and the working tree
        result = diff_refs(GitRunner(repo), "HEAD~1", head, work / str(head))
        assert {p.code for p in result.head_problems} == {"layout-symlink"}
        assert "root:" not in to_markdown(result)
