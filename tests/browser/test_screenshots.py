"""Screenshots of the main pages at 1280 px and 375 px, for people to look at.

Written to test-artifacts/screenshots/ (gitignored). The tests only fail if a page cannot be
opened; what the pictures show is judged by a person (see tests/browser/README.md).
"""

from __future__ import annotations

import pytest
from conftest import SCREENSHOTS, site_pages

PAGES = site_pages()


def _shots() -> list[tuple[str, str, str]]:
    """(name, path, anchor) for every page worth looking at."""
    kungalv_plan = next(p for p in PAGES.documents if p.startswith("kungalv/trygg"))
    shots = [("start", PAGES.start, ""), ("kommuner", PAGES.municipalities_index, ""),
             ("plan-topp", kungalv_plan, ""), ("plan-innehall", kungalv_plan, "tp-toc-rubrik"),
             ("plan-atgard", kungalv_plan, "atgard-trygghet-unga-i-skolan"),
             ("vem-gor-vad", PAGES.responsibilities[0], ""), ("enhet", PAGES.units[0], ""),
             ("samverkan", PAGES.forums[0], ""), ("indikator", PAGES.indicators[0], ""),
             ("indikatorer", PAGES.indicator_indexes[0], ""), ("tillganglighet", PAGES.accessibility, ""),
             ("kommun", PAGES.municipalities[0], ""), ("oversikt", "oversikt/", ""),
             ("sida-saknas", "404.html", "")]
    shots += [(f"plan-{p.strip('/').replace('/', '_')}", p, "") for p in PAGES.documents if p != kungalv_plan]
    shots += [(f"uppfoljning-{i}", p, "") for i, p in enumerate(PAGES.followups)]
    return shots


@pytest.mark.parametrize(("name", "path", "anchor"), _shots(), ids=[s[0] for s in _shots()])
@pytest.mark.parametrize("device", ["desktop", "mobile"])
def test_screenshot(request, device, name, path, anchor):
    tab = request.getfixturevalue(device)
    tab.page.goto(tab.base_url + path + (f"#{anchor}" if anchor else ""), wait_until="load")
    tab.page.wait_for_timeout(150)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.page.screenshot(path=str(SCREENSHOTS / f"{name}-{device}.png"), full_page=False)
    if not anchor:
        tab.page.screenshot(path=str(SCREENSHOTS / f"{name}-{device}-hel.png"), full_page=True)
