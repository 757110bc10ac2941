"""Change history of plan files from git: "Senast ändrad" and a list of changes per document.

One `git log` call for the whole plans folder per build (not one per document), parsed by a
pure function. Outside a git checkout, or without git, the history is simply empty.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

GitRunner = Callable[[list[str]], str]

_RECORD = "\x1e"
_FIELD = "\x1f"
LOG_ARGS = ["log", "--no-renames", "--relative", "--name-only", "--date=short",
            f"--format={_RECORD}%H{_FIELD}%ad{_FIELD}%s"]


@dataclass(frozen=True, slots=True)
class Change:
    commit: str
    date: str
    subject: str


def subprocess_runner(root: Path) -> GitRunner:
    """Run git in root; any failure (no git, not a checkout) gives empty output."""

    def run(args: list[str]) -> str:
        try:
            result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                                    timeout=60, check=False)
        except (OSError, subprocess.SubprocessError):
            return ""
        return result.stdout if result.returncode == 0 else ""

    return run


def parse_log(output: str) -> dict[str, list[Change]]:
    """`git log --name-only` output in LOG_ARGS format -> path -> changes, newest first."""
    by_path: dict[str, list[Change]] = {}
    for record in output.split(_RECORD):
        if not record.strip():
            continue
        header, _, names = record.partition("\n")
        fields = header.split(_FIELD)
        if len(fields) != 3:
            continue
        change = Change(fields[0], fields[1], fields[2])
        for name in names.splitlines():
            name = name.strip()
            if name:
                by_path.setdefault(name, []).append(change)
    return by_path


def collect(runner: GitRunner, folder: str = "plans") -> dict[str, list[Change]]:
    return parse_log(runner([*LOG_ARGS, "--", folder]))


def changes_for(history: dict[str, list[Change]], files: Iterable[str]) -> list[Change]:
    """Changes touching any of the files, newest first, each commit once."""
    seen: dict[str, Change] = {}
    for path in files:
        for change in history.get(path, []):
            seen.setdefault(change.commit, change)
    return sorted(seen.values(), key=lambda c: c.date, reverse=True)
