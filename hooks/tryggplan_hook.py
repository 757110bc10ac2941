"""MkDocs glue: load plans/ once, fail with located Swedish messages, add the generated pages.

All work happens in the tryggplan package (tryggplan.site.build and the providers); this file
only wires it to MkDocs events.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel, get_files

from tryggplan.site import catalogue, crash, generate
from tryggplan.site.build import BuildState, SettingsError, format_problems, load, set_current, settings_from_extra

PLANS = "plans"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load, validate and generate every page here, before MkDocs empties site/: a plan that
    cannot be built leaves the previous site as it was."""
    root = Path(config.config_file_path).resolve().parent
    plans = root / PLANS
    config.watch.append(str(plans))
    try:
        settings = settings_from_extra(config.extra.get("tryggplan", {}), site_name=config.site_name,
                                       repo_url=config.repo_url or "", git_root=str(root))
    except SettingsError as err:
        raise PluginError(str(err)) from None
    try:
        loaded = load(root, plans, settings)
    except Exception as err:  # noqa: BLE001 - no traceback reaches the person who opened the PR
        raise PluginError(crash.describe(err)) from None
    if not isinstance(loaded, BuildState):
        raise PluginError(format_problems(loaded))
    set_current(loaded)
    catalogue.FAILURES.clear()
    try:
        _GENERATED[:] = [generate(loaded.project, loaded.settings)]
    except ValueError as err:
        raise PluginError(str(err)) from None
    except Exception as err:  # noqa: BLE001
        raise PluginError(crash.describe(err)) from None
    return config


_GENERATED: list = []  # (pages, downloads) made in on_config, added in on_files


def on_pre_build(config: MkDocsConfig) -> None:
    """Refuse generated pages that would replace hand-written ones, before MkDocs empties site/."""
    _refuse_collisions(get_files(config), config)


def on_env(env, *, config: MkDocsConfig, files: Files):
    """Every page is rendered by now and nothing is written yet: stop on any failed macro call."""
    failures = catalogue.take_failures()
    if failures:
        raise PluginError(failures)
    return env


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    _refuse_collisions(files, config)
    for file in _generated_files(config):
        files.append(file)
    return files


def _generated_files(config: MkDocsConfig) -> list[File]:
    pages, downloads = _GENERATED[-1]
    made = []
    for page in pages:
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        made.append(File.generated(config, page.path, content=_with_meta(page.content), inclusion=inclusion))
    made.extend(File.generated(config, download.path, content=download.content) for download in downloads)
    return made


def _refuse_collisions(files: Files, config: MkDocsConfig) -> None:
    hand_written = {file.dest_uri: file.src_uri for file in files}
    collisions = [f"{file.src_uri} (samma adress som {hand_written.get(file.dest_uri, file.src_uri)} i docs/)"
                  for file in _generated_files(config)
                  if file.dest_uri in hand_written or files.get_file_from_path(file.src_uri) is not None]
    if collisions:
        raise PluginError("Webbplatsen byggdes inte: genererade sidor skulle ersätta handskrivna sidor i docs/:\n  "
                          + "\n  ".join(collisions)
                          + "\nByt namn på kommun- eller dokumentmappen i plans/ (eller på sidan i docs/).")


def _with_meta(content: str) -> str:
    """Generated pages always carry render_macros: false, so Jinja never sees them."""
    if content.startswith("---\n"):
        return content
    return "---\n" + yaml.safe_dump({"render_macros": False}) + "---\n\n" + content
