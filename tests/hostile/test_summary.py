"""The pull-request summary (`tryggplan diff`) quotes values from the PR: none may add Markdown of its own."""

from __future__ import annotations

import os
import re
import subprocess

from tryggplan.authoring.diff import diff_refs
from tryggplan.authoring.diff_render import to_markdown
from tryggplan.authoring.gitsnap import GitRunner

from .hostile_support import PLAN


def _git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                   env=os.environ | {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid",
                                     "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.invalid"})


def _summary(hostile, tmp_path, change) -> str:
    repo = hostile.base
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "start")
    change(hostile)
    return to_markdown(diff_refs(GitRunner(repo), "HEAD", None, tmp_path / "diff"))


SPOOF = 'Trygg\\n# Godkänd av kommunen\\n\\n[Logga in](https://example.invalid) <img src=x> `kod` ~~x~~ &lt;b&gt;'


def test_a_title_with_line_breaks_adds_no_heading_or_link(hostile, tmp_path):
    markdown = _summary(hostile, tmp_path, lambda h: h.edit(
        PLAN, "title: Åtgärdsplan för ett tryggt Exempelby 2025–2026", f'title: "{SPOOF}"'))
    assert "Godkänd av kommunen" in markdown  # quoted …
    assert not [line for line in markdown.splitlines() if line.startswith("# Godkänd")]  # … but not a heading
    assert "](https://example.invalid)" not in markdown.replace("\\]", "")
    assert "<img" not in markdown and "&lt;b&gt;" not in markdown and "~~x" not in markdown


def test_file_names_are_quoted_as_code_that_cannot_be_closed(hostile, tmp_path):
    def add(h):
        (h.root / "exempelby" / "x`[länk](https:⁄⁄example.invalid)`\n# Rubrik.xls").write_text("x", encoding="utf-8")
    markdown = _summary(hostile, tmp_path, add)
    problem_lines = [line for line in markdown.splitlines() if "layout-unknown-file" in line]
    assert problem_lines, markdown
    assert not [line for line in markdown.splitlines() if line.startswith("# Rubrik")]
    for line in problem_lines:
        assert re.match(r"^> - `[^`]*:1:1` layout-unknown-file: ", line), line
