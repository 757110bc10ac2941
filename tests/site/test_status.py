from __future__ import annotations

import datetime as dt

from tryggplan.model import Decision, Document
from tryggplan.views.status import document_status


def _doc(**kw) -> Document:
    base = {"id": "d", "municipality_id": "m", "kind": "plan", "title": "T", "status": "beslutad"}
    return Document(**(base | kw))


def test_statuses():
    today = dt.date(2026, 11, 22)
    assert document_status(_doc(validity_start="2024-01-01"), today).one_line == "Gäller"
    assert document_status(_doc(validity_end="2024-12-31", status="okänd"), today).one_line == \
        "Har upphört, beslut saknas i källan"
    assert document_status(_doc(revise_by="2026-07"), today).code == "revidering-forsenad"
    assert document_status(_doc(validity_start="2024-01-01", revise_by="2026-11"), today).code == "galler"
    # No validity in the source: never "Gäller".
    unknown = document_status(_doc(), today)
    assert unknown.code == "giltighet-anges-inte" and "Gäller" not in unknown.one_line
    assert unknown.one_line == "Giltighetstid anges inte"
    signed = document_status(_doc(status="undertecknad", validity_start="2024-01-01"), today)
    assert signed.one_line == "Gäller, undertecknat"
    assert document_status(_doc(status="utkast"), today).code == "utkast"
    assert document_status(_doc(validity_start="2027-01-01"), today).code == "kommande"
    assert not Decision()


def test_derived_flags_say_so_and_the_sources_own_do_not():
    today = dt.date(2026, 11, 22)
    derived = {
        "galler": _doc(validity_start="2024-01-01"),
        "har-upphort": _doc(validity_end="2025-12-31"),
        "kommande": _doc(validity_start="2027-01-01"),
        "revidering-forsenad": _doc(revise_by="2026-07"),
    }
    for code, doc in derived.items():
        status = document_status(doc, today)
        assert status.code == code and status.derived
        assert status.tag_text.startswith(status.label + " (beräknat)"), status.tag_text
    stated = [_doc(status="utkast"), _doc(status="upphävd"), _doc(), _doc(status="okänd"),
              _doc(status="undertecknad")]
    for doc in stated:
        status = document_status(doc, today)
        assert not status.derived and "beräknat" not in status.tag_text, status.tag_text
    mixed = document_status(_doc(status="undertecknad", validity_start="2024-01-01"), today)
    assert mixed.tag_text == "Gäller (beräknat), undertecknat"


def test_overview_marks_computed_states_and_expiring_has_its_own_colour():
    import re
    from pathlib import Path

    from tryggplan.views.home import overview_table

    today = dt.date(2026, 11, 22)
    docs = [_doc(id="a", validity_start="2024-01-01", validity_end="2027-03-31"),  # ends within six months
            _doc(id="b", validity_start="2024-01-01", revise_by="2026-01"),  # in force, revision overdue
            _doc(id="c", status="utkast")]
    out = overview_table(docs, "oversikt.md", today, with_municipality=False)
    assert 'tp-doc-status--upphor-snart">Upphör inom sex månader (beräknat)</span>' in out
    assert 'tp-doc-status--revidering-forsenad">Revidering försenad (beräknat)</span>' in out
    assert ">Utkast – inte beslutat</span>" in out  # from the data: no mark
    assert "Beräknat av tryggplan" in out and "22 november 2026" in out
    css = (Path(__file__).resolve().parents[2] / "docs/assets/stylesheets/tp-public.css").read_text(encoding="utf-8")

    def colours(name: str) -> tuple[str, str]:
        rule = re.search(r"\.tp-doc-status--" + name + r"\b[^{]*\{([^}]*)\}", css).group(1)
        return (re.search(r"background:\s*(#[0-9a-f]{6})", rule).group(1), re.search(r"color:\s*(#[0-9a-f]{6})", rule).group(1))

    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    soon, late = colours("upphor-snart"), colours("revidering-forsenad")
    assert soon[0] != late[0]
    for background, text in (soon, late):
        light, dark = sorted((luminance(background), luminance(text)), reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5
