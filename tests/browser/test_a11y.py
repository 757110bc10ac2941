"""WCAG 2.1 AA with axe-core, console errors, third-party requests and phone-width overflow.

The pages come from the project model (see conftest.site_pages): the start page, the
municipalities index, every plan document, every "vem gör vad" page, every follow-up page,
every samverkan page, every indicators index, one unit page, one indicator page and the
accessibility statement.
"""

from __future__ import annotations

import pytest
from conftest import format_violations, run_axe, site_pages

PAGES = site_pages().a11y_pages()


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.strip("/") or "start")
def test_axe_finds_no_wcag_violations(desktop, path):
    desktop.open(path)
    violations = run_axe(desktop.page)
    assert not violations, format_violations(path, violations)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.strip("/") or "start")
def test_no_console_errors_and_no_third_party_requests(desktop, path):
    desktop.open(path)
    desktop.page.wait_for_load_state("networkidle")
    assert desktop.foreign_requests() == [], f"/{path} hämtar från andra värdar än den lokala servern"
    assert desktop.errors == [], f"/{path}: fel i webbläsarkonsolen:\n" + "\n".join(desktop.errors)


# Elements wider than the viewport: each must sit inside its own horizontal scroll container.
_OVERFLOW = """() => {
  const vw = window.innerWidth;
  const problems = [];
  for (const el of document.querySelectorAll('.md-content *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= vw + 1) continue;
    let scroller = el.parentElement, ok = false;
    while (scroller && scroller !== document.body) {
      const s = getComputedStyle(scroller);
      if ((s.overflowX === 'auto' || s.overflowX === 'scroll' || s.overflowX === 'hidden')
          && scroller.getBoundingClientRect().right <= vw + 1) { ok = true; break; }
      scroller = scroller.parentElement;
    }
    if (!ok) problems.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
      (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '') +
      ` (höger kant ${Math.round(r.right)} px)`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, problems: problems.slice(0, 10)};
}"""


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.strip("/") or "start")
def test_no_horizontal_overflow_at_375px(mobile, path):
    mobile.open(path)
    result = mobile.page.evaluate(_OVERFLOW)
    assert result["scrollWidth"] <= result["innerWidth"], (
        f"/{path} är {result['scrollWidth']} px bred i ett {result['innerWidth']} px fönster; "
        f"för breda element: {result['problems']}")
    assert not result["problems"], f"/{path}: element går utanför skärmen utan egen rullning: {result['problems']}"
