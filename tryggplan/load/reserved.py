"""Names that would make a generated page replace one of the site's own pages, rejected with a location.

A municipality folder called `om` or `tillganglighet`, a document folder called `samverkan`, or a
unit or indicator with the id `index` would be written over an existing page (the accessibility
statement among them). The names come from tryggplan.urls and from the hand-written pages in the
docs/ folder next to plans/.
"""

from __future__ import annotations

from pathlib import Path

from tryggplan import urls
from tryggplan.load.files import MunicipalityFiles
from tryggplan.problems import Problem, display_path


def hand_written_names(plans_root: Path) -> set[str]:
    """First path parts of the pages in docs/ beside plans/ (om.md -> om, bidra/ -> bidra)."""
    docs = plans_root.parent / "docs"
    try:
        entries = list(docs.iterdir()) if docs.is_dir() and not docs.is_symlink() else []
    except OSError:
        return set()
    return {entry.name.removesuffix(".md").lower() for entry in entries if not entry.name.startswith(".")}


def check(munis: list[MunicipalityFiles], plans_root: Path, base: Path | None) -> list[Problem]:
    top = urls.RESERVED_TOP_LEVEL | hand_written_names(plans_root)
    problems: list[Problem] = []
    for muni in munis:
        name = muni.folder.name
        if name.lower() in top:
            where = muni.organisation.display if muni.organisation else display_path(muni.folder, base) + "/"
            problems.append(Problem(
                "id-reserved", where, 1, 1,
                f"Kommunmappen heter \"{name}\", som webbplatsen redan använder för en egen sida.",
                f"Byt namn på mappen och kommunens id. Reserverade namn: {', '.join(sorted(top))}."))
        for doc_name, entry in muni.documents.items():
            if doc_name.lower() in urls.RESERVED_IN_MUNICIPALITY:
                plan = entry.get("plan")
                where = plan.display if plan else display_path(muni.folder / doc_name, base) + "/"
                problems.append(Problem(
                    "id-reserved", where, 1, 1,
                    f"Dokumentmappen heter \"{doc_name}\", som kommunens egna sidor redan använder.",
                    "Byt namn på mappen och dokumentets id. Reserverade namn i en kommunmapp: "
                    f"{', '.join(sorted(urls.RESERVED_IN_MUNICIPALITY))}."))
        problems.extend(_listed_ids(muni))
    return problems


def _listed_ids(muni: MunicipalityFiles) -> list[Problem]:
    """Unit, partner and indicator ids become file names next to an index page."""
    found: list[Problem] = []
    sources = []
    if muni.organisation is not None and isinstance(muni.organisation.data, dict):
        for key in ("units", "partners"):
            sources.append((muni.organisation, key))
    for entry in muni.documents.values():
        indicators = entry.get("indicators")
        if indicators is not None and isinstance(indicators.data, dict):
            sources.append((indicators, "indicators"))
    for source, key in sources:
        items = source.data.get(key)
        for index, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get("id"), str) \
                    and item["id"].lower() in urls.RESERVED_IN_LISTING:
                line, col = source.loaded.marks.locate((key, index, "id"))
                found.append(Problem(
                    "id-reserved", source.display, line, col,
                    f"Id:t \"{item['id']}\" är reserverat: sidan med förteckningen heter så.",
                    "Välj ett annat id.", f"/{key}/{index}/id"))
    return found
