"""Everything a site build needs, loaded once: the project, settings and git history.

The MkDocs hook and the macros module are glue that both read `current()`; the state lives here
in the core package because MkDocs imports hook files under their path string (see
STACK-NOTES), so module globals in a hook are not shared with anything else.
"""

from __future__ import annotations

import datetime as _dt
import re
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
    settings.publish_drafts = bool(extra.get("publish_drafts", False))
    settings.brand = brand_from_extra(extra.get("brand"))
    if extra.get("licence"):
        settings.licence = str(extra["licence"])
    if extra.get("licence_url"):
        settings.licence_url = str(extra["licence_url"])
    return settings


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast_with_white(colour: str) -> float:
    return 1.05 / (_luminance(colour) + 0.05)


def brand_from_extra(brand) -> dict:
    """extra.tryggplan.brand: {name, colour "#rrggbb" (4.5:1 with white text), logo}; {} by default."""
    if not brand:
        return {}
    if not isinstance(brand, dict):
        raise SettingsError("extra.tryggplan.brand ska ha nycklarna name, colour och logo.")
    unknown = sorted(set(brand) - {"name", "colour", "logo"})
    if unknown:
        raise SettingsError(f"extra.tryggplan.brand: okänd nyckel {', '.join(unknown)} (tillåtna: name, colour, logo).")
    colour = str(brand.get("colour") or "")
    if colour:
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
            raise SettingsError(f"extra.tryggplan.brand.colour: \"{colour}\" ska skrivas #rrggbb, till exempel #1f3a5a.")
        ratio = contrast_with_white(colour)
        if ratio < 4.5:
            raise SettingsError(f"extra.tryggplan.brand.colour: {colour} har kontrasten {ratio:.1f}:1 mot vit text; "
                                "minst 4,5:1 krävs (WCAG 2.1 AA). Välj en mörkare nyans.")
    return {k: str(v) for k, v in brand.items() if v}


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
    project = result.project
    if not settings.publish_drafts:  # drafts are not published: not as pages, not in macros' counts
        from tryggplan.site.publish import without_drafts

        project = without_drafts(project)
    return BuildState(root, project, settings)
