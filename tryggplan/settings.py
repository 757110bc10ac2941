"""Site settings from mkdocs.yml `extra.tryggplan` (or defaults): shared by views and site below both."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field


@dataclass(slots=True)
class SiteSettings:
    """Settings from mkdocs.yml `extra.tryggplan` (or defaults), passed to every provider."""

    today: _dt.date = field(default_factory=_dt.date.today)
    show_person_names: bool = False
    licence: str = "Data och text får återanvändas fritt (CC0 1.0). Källa: respektive kommuns beslutade dokument."
    licence_url: str = "https://creativecommons.org/publicdomain/zero/1.0/deed.sv"
    site_name: str = "Trygg plan"
    repo_url: str = ""
    git_root: str = ""
    accessibility: dict = field(default_factory=dict)
    publish_drafts: bool = False
    brand: dict = field(default_factory=dict)
