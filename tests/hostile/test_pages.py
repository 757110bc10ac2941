"""Generated pages from hostile but valid plans: unique HTML ids, headings without stray backslashes."""

from __future__ import annotations

import collections
import re

import markdown

from tryggplan.load.project import load_paths
from tryggplan.settings import SiteSettings
from tryggplan.site import generate
from tryggplan.views import html as h

from .hostile_support import PLAN

SETTINGS = SiteSettings(accessibility={"organisation": "x", "compliance": "delvis", "assessment_date": "2026-01-01",
                                       "method": "x", "updated": "2026-01-01", "contact": "x"})
_ID = re.compile(r'\sid="([^"]+)"|\{ #([^ }]+)')


def _pages(hostile):
    result = load_paths([hostile.root], base=hostile.base)
    assert result.problems == []
    return generate(result.project, SETTINGS)[0]


def test_ids_that_look_like_sub_anchors_and_footnotes_in_many_fields_give_unique_ids(hostile):
    # An area "unga-mal" next to area "unga" (whose goals heading was "omrade-unga-mal"), and the same
    # footnote number in several Markdown fields rendered on one page.
    hostile.edit(PLAN, "    areas:\n      - id: unga-skola\n", "    areas:\n      - id: unga-mal\n")
    hostile.edit(PLAN, "        remark: Orsaken är otydligt formulerad i källan.",
                 '        remark: "Otydligt[^1].\\n\\n[^1]: I källan."')
    hostile.edit(PLAN, "        remark: Ansvaret står bara som fritext i källan.",
                 '        remark: "Fritext[^1].\\n\\n[^1]: I källan, sidan 3."')
    for page in _pages(hostile):
        ids = [a or b for a, b in _ID.findall(page.content)]
        duplicates = [i for i, n in collections.Counter(ids).items() if n > 1]
        assert not duplicates, (page.path, duplicates)


def test_heading_text_has_no_stray_backslashes():
    text = "Mål ~ 50 % ^ och = lika"
    rendered = markdown.markdown("# " + h.md_inline_text(text), extensions=["attr_list", "tables"])
    assert rendered == "<h1>Mål ~ 50 % ^ och = lika</h1>"
    tricky = "*a* _b_ [c](d) #e `f` |g| <h> !i"
    rendered = markdown.markdown("# " + h.md_inline_text(tricky), extensions=["attr_list", "tables"])
    assert "\\" not in rendered and "<em>" not in rendered and "<a " not in rendered and "<h>" not in rendered
