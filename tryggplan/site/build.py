"""Everything a site build needs, loaded once: the project, settings and git history.

The MkDocs hook and the macros module are glue that both read `current()`; the state lives here
in the core package because MkDocs imports hook files under their path string (see
STACK-NOTES), so module globals in a hook are not shared with anything else.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from tryggplan.model import Project
from tryggplan.problems import Problem
from tryggplan.load.project import load_paths
from tryggplan.settings import SiteSettings

ACCESSIBILITY_REQUIRED = ("organisation", "compliance", "assessment_date", "method", "updated", "contact")
COMPLIANCE = {"helt": "helt förenlig", "delvis": "delvis förenlig", "inte": "inte förenlig"}


@dataclass(slots=True)
class BuildState:
    root: Path
    project: Project
    settings: SiteSettings


_CURRENT: list[BuildState] = []


def current() -> BuildState:
    if not _CURRENT:
        raise RuntimeError("tryggplan: projektet är inte inläst (kör bygget med hooks/tryggplan_hook.py).")
    return _CURRENT[-1]


def set_current(state: BuildState) -> None:
    _CURRENT[:] = [state]


class SettingsError(ValueError):
    """extra.tryggplan in mkdocs.yml is incomplete; the message is Swedish and names the key."""


def settings_from_extra(extra: dict, *, site_name: str = "", repo_url: str = "", git_root: str = "") -> SiteSettings:
    extra = dict(extra or {})
    today = extra.get("today") or _dt.date.today()
    if isinstance(today, str):
        try:
            today = _dt.date.fromisoformat(today)
        except ValueError as err:
            raise SettingsError(f"extra.tryggplan.today: \"{today}\" är inte ett datum (ÅÅÅÅ-MM-DD).") from err
    accessibility = dict(extra.get("accessibility") or {})
    missing = [key for key in ACCESSIBILITY_REQUIRED if not accessibility.get(key)]
    if missing:
        raise SettingsError("extra.tryggplan.accessibility saknar " + ", ".join(missing)
                            + ". Tillgänglighetsredogörelsen kräver dem (se Diggs mall).")
    if accessibility["compliance"] not in COMPLIANCE:
        raise SettingsError("extra.tryggplan.accessibility.compliance ska vara helt, delvis eller inte.")
    settings = SiteSettings(today=today, show_person_names=bool(extra.get("show_person_names", False)),
                            site_name=site_name or SiteSettings().site_name, repo_url=repo_url or "",
                            git_root=git_root, accessibility=accessibility)
    if extra.get("licence"):
        settings.licence = str(extra["licence"])
    if extra.get("licence_url"):
        settings.licence_url = str(extra["licence_url"])
    return settings


def format_problems(problems: list[Problem]) -> str:
    """All problems as `path:line:col: code: message` plus an indented hint line."""
    count = len(problems)
    lines = [f"Planfilerna innehåller {count} {'fel' if count != 1 else 'fel'} och webbplatsen byggdes inte:"]
    for p in problems:
        lines.append(f"{p.file}:{p.line}:{p.column}: {p.code}: {p.message}")
        if p.hint:
            lines.append(f"    Tips: {p.hint}")
    return "\n".join(lines)


def load(root: Path, plans: Path, settings: SiteSettings) -> BuildState | list[Problem]:
    """Load and validate plans once; problems are returned, never raised."""
    result = load_paths([plans], base=root)
    if result.problems or result.project is None:
        return result.problems
    return BuildState(root, result.project, settings)
