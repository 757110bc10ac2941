"""MkDocs glue: load plans/ once, fail with located Swedish messages, add the generated pages.

All work happens in the tryggplan package (tryggplan.site.build and the providers); this file
only wires it to MkDocs events.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from tryggplan.site import catalogue, generate
from tryggplan.site.build import BuildState, SettingsError, format_problems, load, set_current, settings_from_extra

PLANS = "plans"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    root = Path(config.config_file_path).resolve().parent
    plans = root / PLANS
    config.watch.append(str(plans))
    try:
        settings = settings_from_extra(config.extra.get("tryggplan", {}), site_name=config.site_name,
                                       repo_url=config.repo_url or "", git_root=str(root))
    except SettingsError as err:
        raise PluginError(str(err)) from None
    loaded = load(root, plans, settings)
    if not isinstance(loaded, BuildState):
        raise PluginError(format_problems(loaded))
    set_current(loaded)
    catalogue.FAILURES.clear()
    return config


def on_env(env, *, config: MkDocsConfig, files: Files):
    """Every page is rendered by now and nothing is written yet: stop on any failed macro call."""
    failures = catalogue.take_failures()
    if failures:
        raise PluginError(failures)
    return env


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    from tryggplan.site.build import current

    state = current()
    try:
        pages, downloads = generate(state.project, state.settings)
    except ValueError as err:
        raise PluginError(str(err)) from None
    for page in pages:
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.path, content=_with_meta(page.content), inclusion=inclusion))
    for download in downloads:
        files.append(File.generated(config, download.path, content=download.content))
    return files


def _with_meta(content: str) -> str:
    """Generated pages always carry render_macros: false, so Jinja never sees them."""
    if content.startswith("---\n"):
        return content
    return "---\n" + yaml.safe_dump({"render_macros": False}) + "---\n\n" + content
