"""Git history: NUL-separated fields, committer date, commit messages never used; Swedish summaries."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tryggplan.authoring.history import LOG_ARGS, change_summaries, changes_for, collect, parse_log

A = "a" * 40
B = "b" * 40
LOG = (f"{A}\x002026-11-22T10:00:00+01:00\x00\nplans/k/a/plan.yaml\x00plans/k/organisation.yaml\x00"
       f"{B}\x002026-11-20T09:00:00+00:00\x00\nplans/k/a/plan.yaml\x00plans/k/a/indicators.yaml\x00")


def test_parse_and_merge():
    history = parse_log(LOG)
    changes = changes_for(history, ["plans/k/a/plan.yaml", "plans/k/a/indicators.yaml"])
    assert [(c.commit, c.date) for c in changes] == [(A, "2026-11-22"), (B, "2026-11-20")]
    assert all(c.subject == "" for c in changes)


def test_log_uses_nul_separators_and_the_committer_date():
    assert "-z" in LOG_ARGS
    fmt = next(a for a in LOG_ARGS if a.startswith("--format="))
    assert "%x00" in fmt and "%cI" in fmt and "%ad" not in fmt and "%s" not in fmt


def test_separator_characters_in_file_names_cannot_forge_a_change():
    # Old record/field separators and a fake header inside a path are just part of the path.
    forged = f"{A}\x002026-11-22T10:00:00+01:00\x00\nplans/k/\x1e{B}\x1f1999-01-01\x1fHacked/plan.yaml\x00"
    history = parse_log(forged)
    assert list(history) == [f"plans/k/\x1e{B}\x1f1999-01-01\x1fHacked/plan.yaml"]
    assert [c.date for c in history[next(iter(history))]] == ["2026-11-22"]


def test_runner_gets_one_call_and_empty_output_is_empty_history():
    calls = []

    def runner(args):
        calls.append(args)
        return ""

    assert collect(runner) == {}
    assert calls == [[*LOG_ARGS, "--", "plans"]]


def _git(repo: Path, *args: str, env: dict | None = None) -> str:
    import os

    full_env = dict(os.environ, GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="t@example.invalid",
                    GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="t@example.invalid", **(env or {}))
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True,
                          env=full_env).stdout


@pytest.mark.skipif(subprocess.run(["git", "--version"], capture_output=True).returncode != 0, reason="git saknas")
def test_history_from_a_real_repository_uses_committer_date_and_diff_summaries(tmp_path):
    import shutil

    from tryggplan.authoring.history import subprocess_runner

    fixture = Path(__file__).parent / "fixtures" / "plans"
    repo = tmp_path / "repo"
    shutil.copytree(fixture, repo / "plans")
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    # A forged commit message and an author date far in the past: neither may show.
    _git(repo, "commit", "-q", "-m", "Senast ändrad 1999\x1f1999-01-01", env={
        "GIT_AUTHOR_DATE": "1999-01-01T00:00:00+00:00", "GIT_COMMITTER_DATE": "2026-11-20T12:00:00+00:00"})
    plan = repo / "plans" / "exempelby" / "trygg-i-exempelby" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("\ntitle: Åtgärdsplan för ett tryggt Exempelby 2025–2026",
                                                            "\ntitle: Åtgärdsplan för ett tryggare Exempelby", 1),
                    encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "x", env={"GIT_COMMITTER_DATE": "2026-11-21T12:00:00+00:00"})
    history = collect(subprocess_runner(repo))
    changes = changes_for(history, ["plans/exempelby/trygg-i-exempelby/plan.yaml"])
    assert [c.date for c in changes] == ["2026-11-21", "2026-11-20"]
    summaries = change_summaries(repo, {"exempelby/trygg-i-exempelby": changes})
    first = summaries[("exempelby/trygg-i-exempelby", changes[-1].commit)]
    assert first == ["Dokumentet lades till på webbplatsen."]
    second = summaries[("exempelby/trygg-i-exempelby", changes[0].commit)]
    assert second[0].startswith("Ändrade uppgifter om dokumentet:"), second
    assert all("1999" not in line and "x" != line for lines in summaries.values() for line in lines)
