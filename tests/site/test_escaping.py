"""Hostile text in every string field of the fixture plans must come out as text, never as markup."""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_build import FIXTURE_PLANS, build, make_project  # noqa: E402

PAYLOAD = ' <script>alert(1)</script> " onerror="alert(1) [klick](javascript:alert(1)) {{ 7*7 }} {% raw %}'
# Values that must stay valid for the schema: ids, references, enums, dates, codes and URLs.
STRUCTURAL_KEYS = {
    "id", "municipality", "document", "parent", "kind", "status", "work_type", "prevention", "direction", "unit",
    "code", "website", "url", "email", "phone", "date", "start", "end", "deadline", "revise_by", "period", "action", "area",
    "indicator", "lead", "participants", "partners", "members", "convenor", "reports_to", "methods", "forums",
    "indicators", "causes", "breakdown", "comparison", "document_date", "author_date",
}
SHORT_PAYLOAD = '<b onclick="x">'  # abbreviations are at most 20 characters

pytestmark = [pytest.mark.build, pytest.mark.xdist_group("build")]


def inject(value, key: str = ""):
    if isinstance(value, dict):
        return {k: (v if k in STRUCTURAL_KEYS and not isinstance(v, dict) else inject(v, k))
                for k, v in value.items()}
    if isinstance(value, list):
        return [inject(v, key) for v in value]
    if isinstance(value, str) and key == "abbreviation":
        return value + SHORT_PAYLOAD
    if isinstance(value, str) and key not in STRUCTURAL_KEYS:
        return value + PAYLOAD
    return value


def hostile_plans(target: Path) -> int:
    count = 0
    for path in FIXTURE_PLANS.rglob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        injected = inject(data)
        count += yaml.safe_dump(injected, allow_unicode=True).count("alert(1)</script>")
        out = target / path.relative_to(FIXTURE_PLANS)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(yaml.safe_dump(injected, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return count


class MarkupCheck(HTMLParser):
    """Collects what the browser would see as markup: tags, event attributes, link targets, script text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        if tag in ("b", "iframe", "img") and any(name.startswith("on") for name, _ in attrs):
            self.bad.append(f"<{tag}> with event handler")
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"{name} attribute on <{tag}>")
            if name in ("href", "src") and (value or "").strip().lower().startswith("javascript:"):
                self.bad.append(f"{name}={value}")
        self.in_script = tag == "script"

    def handle_endtag(self, tag):
        self.in_script = False

    def handle_data(self, data):
        if self.in_script and "alert(1)" in data:
            self.bad.append("script with alert(1)")


def test_injected_text_never_becomes_markup(tmp_path):
    plans = tmp_path / "hostile"
    assert hostile_plans(plans) > 40
    project = make_project(tmp_path / "proj", plans)
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = [p for p in site.rglob("*.html") if p.parent.relative_to(site).parts[:1] in
             (("exempelby",), ("kommuner",), ("tillganglighet",), ("bidra",), ())]
    assert len(pages) > 10
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in text, path
        checker = MarkupCheck()
        checker.feed(text)
        assert checker.bad == [], path
        body = re.sub(r"<[^>]+>", "", text)
        assert not re.search(r"(?<![\d\u202f])49(?!\d)", body), path
    # The payload is visible as text on the plan page.
    plan = (site / "exempelby" / "trygg-i-exempelby" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in plan
    # The same text reaches a hand-written page through the macros, still as text.
    example = (site / "bidra" / "exempelsida" / "index.html").read_text(encoding="utf-8")
    assert example.count("&lt;script&gt;alert(1)&lt;/script&gt;") > 10
    assert "{{ 7*7 }}" in example
    for download in site.rglob("*.json"):  # the plan downloads; Pagefind's bundles hold no page text
        assert download.relative_to(site).parts[0] in ("pagefind", "pagefind-fler") or "alert(1)" in download.read_text(encoding="utf-8")
