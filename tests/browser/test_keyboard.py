"""Keyboard-only navigation on every plan page.

What is asserted, per plan page (desktop 1280 px, fresh load, nothing focused):
1. The first Tab focuses Material's skip link ("Hoppa till innehåll"), and it is visible.
2. Pressing Tab repeatedly from the top of the page walks the whole focus order. For EVERY action
   on the page (each card with a heading id "atgard-…"), some element in that order lies inside
   the action's card (its "Mer om åtgärden" or a link in it): the cards come first on the page.
3. Every element focused on the way has a visible focus indicator: a non-zero outline or a
   box-shadow, and it lies inside the viewport once focused.
4. A link to "#atgard-…" (as "Vem gör vad" and the follow-up pages use) shows the action's heading,
   and Enter on "Mer om åtgärden" opens the action's details.
Documents without actions (e.g. a policy without an action list) get checks 1 and 3 only.
"""

from __future__ import annotations

import pytest
from conftest import site_pages

PLANS = site_pages().documents

_RECORDER = """() => {
  window.__focusLog = [];
  document.addEventListener('focusin', (event) => {
    const el = event.target;
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    window.__focusLog.push({
      tag: el.tagName.toLowerCase(), href: el.getAttribute('href'), text: (el.textContent || '').trim().slice(0, 60),
      cls: typeof el.className === 'string' ? el.className : '',
      card: (el.closest('.tp-action-card') && el.closest('.tp-action-card').querySelector('.tp-action-title'))
            ? el.closest('.tp-action-card').querySelector('.tp-action-title').id : '',
      outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1,
      shadow: s.boxShadow !== 'none',
      size: r.width > 0 && r.height > 0,
      inView: r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth,
    });
  }, true);
}"""


def _walk_focus_order(page, limit: int) -> list[dict]:
    page.evaluate(_RECORDER)
    focusables = page.evaluate("() => document.querySelectorAll('a[href], button, input, select, textarea, "
                               "summary, [tabindex]:not([tabindex=\"-1\"])').length")
    for _ in range(min(limit, focusables + 5)):
        page.keyboard.press("Tab")
    return page.evaluate("() => window.__focusLog")


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.strip("/"))
def test_tab_reaches_every_action_with_visible_focus(desktop, path):
    page = desktop.page
    desktop.open(path)
    actions = page.evaluate("() => [...document.querySelectorAll('.tp-action-title[id^=\"atgard-\"]')].map(e => e.id)")
    log = _walk_focus_order(page, limit=2000)
    assert log, "Tab flyttade inte fokus alls"
    first = log[0]
    assert "md-skip" in first["cls"], f"första Tab ska nå länken Hoppa till innehåll, nådde {first}"
    reached = {entry["card"] for entry in log if entry["card"]}
    missing = [a for a in actions if a not in reached]
    assert not missing, f"/{path}: {len(missing)} av {len(actions)} åtgärder nås inte med Tab: {missing[:10]}"
    invisible = [e for e in log if not ((e["outline"] or e["shadow"]) and e["size"] and e["inView"])]
    assert not invisible, f"/{path}: fokus syns inte på {len(invisible)} element, t.ex. {invisible[:5]}"


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.strip("/"))
def test_action_links_show_the_action_and_enter_opens_details(desktop, path):
    page = desktop.page
    desktop.open(path)
    actions = page.evaluate("() => [...document.querySelectorAll('.tp-action-title[id^=\"atgard-\"]')].map(e => e.id)")
    for action in actions[:1] + actions[-1:]:
        page.evaluate("(id) => { location.hash = id; }", action)
        page.wait_for_function("(id) => location.hash === '#' + id", arg=action, timeout=3000)
        page.wait_for_timeout(100)
        on_screen = page.evaluate("""(id) => { const r = document.getElementById(id).getBoundingClientRect();
                                    return r.top >= 0 && r.top < window.innerHeight; }""", action)
        assert on_screen, f"/{path}#{action}: åtgärdens rubrik syns inte"
    if actions:
        summary = page.locator(f"#{actions[0]} ~ details.tp-more > summary")
        if summary.count():
            summary.focus()
            page.keyboard.press("Enter")
            assert page.evaluate(f"() => document.querySelector('#{actions[0]} ~ details.tp-more').open")
