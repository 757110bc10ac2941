"""Change history of plan files from git: "Senast ändrad" and Swedish change summaries per document.

One `git log` call for the whole plans folder per build (not one per document), read with
NUL-separated fields (`-z`, `%x00`) so nothing in a commit can forge a date or a file name, and
with the committer date (`%cI`), not the author-set date. Commit messages are never shown: the
summary of each change comes from comparing the plan before and after the commit with the same
semantic diff as `tryggplan diff`. Outside a git checkout, or without git, the history is empty.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

GitRunner = Callable[[list[str]], str]

LOG_ARGS = ["log", "-z", "--no-renames", "--relative", "--name-only", "--format=%H%x00%cI"]
_HASH = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z")


@dataclass(frozen=True, slots=True)
class Change:
    """One commit that touched a document's files: its id and committer date (ÅÅÅÅ-MM-DD)."""

    commit: str
    date: str
    subject: str = ""  # never filled: commit messages are not shown to residents


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
    """`git log -z --name-only` output in LOG_ARGS format -> path -> changes, newest first.

    Tokens are NUL-separated: hash, committer date, then the file names (the first one starts
    with a newline). A header is a full hash followed by an ISO date; anything else is a path.
    """
    by_path: dict[str, list[Change]] = {}
    tokens = output.split("\0")
    current: Change | None = None
    index = 0
    while index < len(tokens):
        token = tokens[index].lstrip("\n")
        nxt = tokens[index + 1] if index + 1 < len(tokens) else ""
        if _HASH.fullmatch(token) and _DATE.fullmatch(nxt):
            current = Change(token, nxt[:10])
            index += 2
            continue
        if token and current is not None:
            by_path.setdefault(token, []).append(current)
        index += 1
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


# --- Swedish change summaries (from the semantic diff, never from commit messages) ------------

def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


_VERBS = {"tillagd": "tillagd", "borttagen": "borttagen", "ändrad": "ändrad", "nytt-id": "ändrad"}


def _items(items, one: str, many: str) -> list[str]:
    by_change: dict[str, int] = {}
    for item in items:
        verb = _VERBS.get(item.change, "ändrad")
        by_change[verb] = by_change.get(verb, 0) + 1
    out = []
    for verb in ("tillagd", "ändrad", "borttagen"):
        if by_change.get(verb):
            n = by_change[verb]
            plural = {"tillagd": "tillagda", "ändrad": "ändrade", "borttagen": "borttagna"}[verb]
            out.append(f"{_count(n, one, many)} {verb if n == 1 else plural}")
    return out


def plan_summary(plan) -> list[str]:
    """A PlanDiff (from tryggplan.authoring.diff) as short Swedish sentences for residents."""
    if plan.change == "tillagd":
        return ["Dokumentet lades till på webbplatsen."]
    if plan.change == "borttagen":
        return ["Dokumentet togs bort från webbplatsen."]
    if plan.change == "oläslig":
        return ["Ändringen gick inte att jämföra."]
    lines = []
    if plan.metadata:
        fields = sorted({f.field for f in plan.metadata})
        lines.append("Ändrade uppgifter om dokumentet: " + ", ".join(f.lower() for f in fields) + ".")
    for label, items, one, many in (("Områden", plan.areas, "område", "områden"),
                                    ("Åtgärder", plan.actions, "åtgärd", "åtgärder"),
                                    ("Uppföljning", plan.followups, "uppföljning", "uppföljningar"),
                                    ("Indikatorer", plan.indicators, "indikator", "indikatorer")):
        parts = _items(items, one, many)
        if parts:
            lines.append(f"{label}: " + ", ".join(parts) + ".")
    if plan.statuses:
        lines.append(f"Uppföljning: {_count(len(plan.statuses), 'rapporterad status', 'rapporterade statusar')} ändrade.")
    return lines or ["Filerna ändrades utan att innehållet på sidan ändrades (till exempel formatering)."]


def change_summaries(repo: Path, wanted: dict[str, list[Change]], limit: int = 8,
                     max_commits: int = 12) -> dict[tuple[str, str], list[str]]:
    """(document key "muni/doc", commit) -> summary lines, for the latest `limit` changes per document.

    Each commit is compared with its first parent by loading plans/ at both versions (each
    version loaded once); at most `max_commits` commits (the newest) are compared per build, so
    the cost stays bounded as the history grows. Errors leave a change without a summary; they
    never stop the build.
    """
    from tryggplan.authoring.diff import diff_sides
    from tryggplan.authoring.gitsnap import GitError, load_side, snapshot
    from tryggplan.authoring.gitsnap import GitRunner as SnapshotRunner

    runner = SnapshotRunner(repo)
    dated = {c.commit: c.date for changes in wanted.values() for c in changes[:limit]}
    commits = set(sorted(dated, key=lambda c: dated[c], reverse=True)[:max_commits])
    out: dict[tuple[str, str], list[str]] = {}
    sides: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="tryggplan-historik-") as tmp:
        def side(ref: str):
            if ref not in sides:
                sides[ref] = load_side(snapshot(runner, ref, Path(tmp) / ref.replace("^", "-förälder")), ref)
            return sides[ref]

        for commit in sorted(commits):
            try:
                parent = f"{commit}^"
                base = side(parent) if runner.has_ref(parent) else load_side(_empty(Path(tmp)), "tom")
                result = diff_sides(base, side(commit))
            except (GitError, OSError, ValueError):
                continue
            for plan in result.plans:
                out[(plan.key, commit)] = plan_summary(plan)
            for org in result.organisations:
                for key in wanted:
                    if key.startswith(f"{org.municipality}/") and (key, commit) not in out:
                        out[(key, commit)] = ["Uppgifter om kommunens enheter och parter ändrades."]
    return out


def _empty(tmp: Path) -> Path:
    folder = tmp / "tom"
    (folder / "plans").mkdir(parents=True, exist_ok=True)
    return folder
