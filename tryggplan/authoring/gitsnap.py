"""One version of plans/ on disk and loaded: a small git runner, snapshots and tolerant loading.

`snapshot()` copies one version of plans/ (a git ref, or the working tree) into a folder;
`load_side()` loads it with the core and, when validation fails, still builds whatever files are
usable. The only code in the diff that starts processes.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import tarfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tryggplan.load.project import load_project
from tryggplan.model import Document, FollowUp, Indicator, Municipality, Project
from tryggplan.problems import Problem

PLANS = "plans"
WORKTREE = None  # a side that is the working tree rather than a git ref


class GitError(Exception):
    """git could not answer: an unknown ref, not a repository, git missing."""


@dataclass(slots=True)
class GitRunner:
    """Runs git in one repository. Replaceable in tests; the only code here that starts processes."""

    repo: Path

    def run(self, *args: str) -> bytes:
        try:
            done = subprocess.run(["git", "-C", str(self.repo), *args], capture_output=True, check=False)
        except FileNotFoundError as exc:
            raise GitError("Programmet git finns inte installerat.") from exc
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitError(message[-1] if message else f"git {' '.join(args)} misslyckades.")
        return done.stdout

    def toplevel(self) -> Path:
        return Path(self.run("rev-parse", "--show-toplevel").decode().strip())

    def has_ref(self, ref: str) -> bool:
        try:
            self.run("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        except GitError:
            return False
        return True


def snapshot(runner: GitRunner, ref: str | None, dest: Path) -> Path:
    """Copy plans/ at ref (None: the working tree) into dest/plans; returns dest."""
    dest.mkdir(parents=True, exist_ok=True)
    if ref is WORKTREE:
        source = runner.repo / PLANS
        if source.is_dir():
            # symlinks=True: a link is copied as a link, so loading reports it instead of reading its target.
            shutil.copytree(source, dest / PLANS, ignore=shutil.ignore_patterns(".*"), symlinks=True)
        else:
            (dest / PLANS).mkdir()
        return dest
    if not runner.has_ref(ref):
        raise GitError(f"Hittar inte git-referensen \"{ref}\".")
    listing = runner.run("ls-tree", "-d", "--name-only", ref, "--", PLANS).decode().strip()
    if not listing:
        (dest / PLANS).mkdir()
        return dest
    archive = runner.run("archive", "--format=tar", ref, "--", PLANS)
    links: list[tarfile.TarInfo] = []

    def keep_links_aside(member: tarfile.TarInfo, path: str) -> tarfile.TarInfo | None:
        if member.issym() or member.islnk():
            links.append(member)
            return None
        return tarfile.data_filter(member, path)

    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter=keep_links_aside)
    # A committed symlink (even to / or outside the repository) is recreated as a link, never
    # followed: loading reports it as a problem, like it does in the working tree.
    for member in links:
        target = (dest / member.name).resolve(strict=False)
        if dest.resolve() in target.parents and not target.exists() and not target.is_symlink():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(member.linkname, target)
    return dest


@dataclass(slots=True)
class Side:
    """One loaded version: the model of everything usable, and the problems found."""

    label: str
    project: Project
    problems: list[Problem]
    unreadable: set[str] = field(default_factory=set)  # "muni/doc" keys whose plan.yaml could not be used


def load_side(folder: Path, label: str) -> Side:
    """Load folder/plans. With problems, build a model from the files that are usable on their own."""
    root = folder / PLANS
    result = load_project(root, base=folder)
    if result.project is not None:
        return Side(label, result.project, [])
    # Schema problems do not stop us: the model constructors read with .get() and we skip what breaks.
    usable = {f.display: f for f in result.files if isinstance(f.data, dict)}
    unreadable: set[str] = set()
    project = Project()
    for muni_folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.is_symlink()) if root.is_dir() else []:
        org = usable.get(f"{PLANS}/{muni_folder.name}/organisation.yaml")
        muni = _build(Municipality.from_data, org.data) if org else None
        if muni is None:
            muni = Municipality(muni_folder.name, muni_folder.name, "")
        for doc_folder in sorted(p for p in muni_folder.iterdir() if p.is_dir() and not p.is_symlink()):
            prefix = f"{PLANS}/{muni_folder.name}/{doc_folder.name}"
            plan = usable.get(f"{prefix}/plan.yaml")
            doc = _build(Document.from_data, plan.data) if plan else None
            if doc is None:
                if (doc_folder / "plan.yaml").is_file():
                    unreadable.add(f"{muni.id}/{doc_folder.name}")
                continue
            indicators = usable.get(f"{prefix}/indicators.yaml")
            if indicators:
                built = _build(lambda d, doc_id=doc.id: [Indicator.from_data(i, doc_id) for i in d["indicators"]],
                               indicators.data)
                doc.indicators = built or []
            for display in sorted(k for k in usable if k.startswith(f"{prefix}/followup/")):
                followup = _build(FollowUp.from_data, usable[display].data)
                if followup is not None:
                    doc.followups.append(followup)
            muni.documents[doc.id] = doc
        project.municipalities[muni.id] = muni
    return Side(label, project, result.problems, unreadable)


def _build(make: Callable, data):
    try:
        return make(data)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
