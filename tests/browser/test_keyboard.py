"""Keyboard-only navigation on every plan page.

What is asserted, per plan page (desktop 1280 px, fresh load, nothing focused):
1. The first Tab focuses Material's skip link ("Hoppa till innehåll"), and it is visible.
2. Pressing Tab repeatedly from the top of the page walks the whole focus order. For EVERY action
   on the page (each element with id "atgard-…"), some element in that order is a link to
   "#atgard-…" (the plan's contents list under "Innehåll" lists every action under its area).
3. Every element focused on the way has a visible focus indicator: a non-zero outline or a
   box-shadow, and it lies inside the viewport once focused.
4. Activating each of those links with Enter moves to the action: the URL fragment becomes
   "#atgard-…" and the action's heading is on screen.
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
    actions = page.evaluate("() => [...document.querySelectorAll('[id^=\"atgard-\"]')].map(e => e.id)")
    log = _walk_focus_order(page, limit=2000)
    assert log, "Tab flyttade inte fokus alls"
    first = log[0]
    assert "md-skip" in first["cls"], f"första Tab ska nå länken Hoppa till innehåll, nådde {first}"
    reached = {entry["href"][1:] for entry in log if (entry["href"] or "").startswith("#atgard-")}
    missing = [a for a in actions if a not in reached]
    assert not missing, f"/{path}: {len(missing)} av {len(actions)} åtgärder nås inte med Tab: {missing[:10]}"
    invisible = [e for e in log if not ((e["outline"] or e["shadow"]) and e["size"] and e["inView"])]
    assert not invisible, f"/{path}: fokus syns inte på {len(invisible)} element, t.ex. {invisible[:5]}"


@pytest.mark.parametrize("path", PLANS, ids=lambda p: p.strip("/"))
def test_enter_on_contents_link_moves_to_action(desktop, path):
    page = desktop.page
    desktop.open(path)
    actions = page.evaluate("() => [...document.querySelectorAll('[id^=\"atgard-\"]')].map(e => e.id)")
    for action in actions:
        link = page.locator(f'.tp-toc a[href="#{action}"]')
        assert link.count() == 1, f"innehållslistan saknar länk till #{action}"
        link.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("(id) => location.hash === '#' + id", arg=action, timeout=3000)
        on_screen = page.evaluate("""(id) => { const r = document.getElementById(id).getBoundingClientRect();
                                    return r.top >= 0 && r.top < window.innerHeight; }""", action)
        assert on_screen, f"/{path}: Enter på länken till #{action} visar inte åtgärdens rubrik"
