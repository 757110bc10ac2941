"""Printing a plan page: only the plan itself, no navigation."""

from __future__ import annotations

from conftest import SCREENSHOTS, site_pages

HIDDEN_IN_PRINT = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".md-search",
                   ".md-top", ".tp-quicklinks"]

_VISIBLE = """(selector) => [...document.querySelectorAll(selector)].filter(e => {
    const s = getComputedStyle(e); const r = e.getBoundingClientRect();
    return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0; }).length"""


def test_print_hides_navigation_header_and_sidebars(desktop):
    plan = site_pages().documents[0]
    desktop.open(plan)
    desktop.page.emulate_media(media="print")
    shown = {sel: desktop.page.evaluate(_VISIBLE, sel) for sel in HIDDEN_IN_PRINT}
    assert not any(shown.values()), f"syns i utskrift: {[s for s, n in shown.items() if n]}"
    assert desktop.page.evaluate(_VISIBLE, "h1") == 1, "planens rubrik syns inte i utskrift"
    assert desktop.page.evaluate(_VISIBLE, ".tp-action-title") == desktop.page.locator(".tp-action-title").count()


def test_print_to_pdf_works(desktop):
    plan = site_pages().documents[0]
    desktop.open(plan)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf = desktop.page.pdf(format="A4", print_background=True, path=str(SCREENSHOTS / "plan-utskrift.pdf"))
    assert pdf[:5] == b"%PDF-" and len(pdf) > 10_000
