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
