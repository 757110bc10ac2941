from __future__ import annotations

import copy
import csv
import io
import json

import pytest

from tryggplan.exchange.opendata import CSV_COLUMNS, document_csv, document_json


def test_json_round_trip_without_person_names(project):
    muni = project.municipalities["exempelby"]
    doc = muni.documents["trygg-i-exempelby"]
    data = json.loads(document_json(muni, doc))
    assert data["document"]["id"] == "trygg-i-exempelby"
    assert "Testa Testsson" not in json.dumps(data, ensure_ascii=False)
    assert "Testa Testsson" in document_json(muni, doc, include_person_names=True)


def test_json_download_leaves_out_editorial_notes_at_every_level(project):
    """Encoding notes are for staff: not in the public JSON, with or without person names."""
    project = copy.deepcopy(project)  # the fixture is shared: never change it
    muni = project.municipalities["exempelby"]
    doc = muni.documents["trygg-i-exempelby"]
    doc.editorial_note = "Anteckning om dokumentet (fiktiv)."
    action = doc.all_actions()[0]
    action.editorial_note = "Anteckning om åtgärden (fiktiv)."
    unit_id = action.responsible.lead[0]
    muni.units[unit_id].editorial_note = "Anteckning om enheten (fiktiv)."
    for names in (False, True):
        text = document_json(muni, doc, include_person_names=names)
        assert "Anteckning om" not in text and "editorial_note" not in text
        data = json.loads(text)
        assert data["document"]["id"] == "trygg-i-exempelby"
        assert any(u["id"] == unit_id for u in data["units"])  # the unit is still there, only the note is gone
    assert ("Testa Testsson" in document_json(muni, doc, include_person_names=True)) and \
        ("Testa Testsson" not in document_json(muni, doc))


def test_csv_one_row_per_action_and_activity(project):
    muni = project.municipalities["exempelby"]
    doc = muni.documents["trygg-i-exempelby"]
    text = document_csv(muni, doc)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert list(rows[0]) == CSV_COLUMNS
    assert [r["nivå"] for r in rows].count("åtgärd") == len(doc.all_actions())
    assert [r["nivå"] for r in rows].count("aktivitet") == 2
    first = rows[0]
    assert first["ansvarig"] == "Sektor Trygghet och stöd" and first["medverkande"] == "Skolförvaltningen"


# --- residents' downloads ------------------------------------------------------------------

def _resident(project, **changes):
    import datetime as dt

    from tryggplan.exchange.opendata import resident_csv

    project = copy.deepcopy(project)  # the fixture is shared: never change it
    muni = project.municipalities["exempelby"]
    doc = muni.documents["trygg-i-exempelby"]
    for key, value in changes.items():
        setattr(doc.all_actions()[0], key, value)
    return muni, doc, resident_csv(muni, doc, dt.date(2026, 1, 15))


def test_resident_csv_opens_in_swedish_excel(project):
    from tryggplan.exchange.opendata import RESIDENT_COLUMNS

    muni, doc, text = _resident(project)
    raw = text.encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf\"Kommun\";\"Dokument\";")  # UTF-8 BOM, then semicolons
    assert "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
    assert list(rows[0]) == RESIDENT_COLUMNS
    actions = [r for r in rows if r["Nivå"] == "åtgärd"]
    assert len(actions) == len(doc.all_actions())
    assert all(r["Status"] for r in actions) and all(r["Statusen bygger på"] for r in actions)
    assert all(r["Licens"].startswith("Data och text får återanvändas fritt") for r in rows)
    assert all(r["Källa"].startswith(f"Källa: {doc.title} ({muni.name})") for r in rows)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_resident_csv_and_xlsx_neutralise_formulas(project, start):
    import datetime as dt

    from openpyxl import load_workbook

    from tryggplan.exchange.opendata import resident_xlsx

    title = start + 'HYPERLINK("https://example.invalid";"klicka")'
    muni, doc, text = _resident(project, title=title)
    rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0]["Åtgärd eller aktivitet"] == "'" + title  # OWASP: a leading apostrophe makes it text
    data = resident_xlsx(muni, doc, dt.date(2026, 1, 15))
    sheet = load_workbook(io.BytesIO(data))["Åtgärder"]
    cell = next(c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and "HYPERLINK" in c.value)
    assert cell.data_type == "s"


def test_resident_xlsx_is_reproducible_and_states_licence_and_source(project):
    import datetime as dt

    from openpyxl import load_workbook

    from tryggplan.exchange.opendata import resident_xlsx

    muni = project.municipalities["exempelby"]
    doc = muni.documents["trygg-i-exempelby"]
    first = resident_xlsx(muni, doc, dt.date(2026, 1, 15))
    assert first == resident_xlsx(muni, doc, dt.date(2026, 1, 15))
    about = {r[0]: r[1] for r in load_workbook(io.BytesIO(first))["Om filen"].iter_rows(values_only=True)}
    assert about["Licens"].startswith("Data och text får återanvändas fritt") and about["Källa"].startswith("Källa:")


def test_indicator_csv_has_one_row_per_value_with_decimal_comma(project):
    from tryggplan.exchange.opendata import indicator_csv

    muni = project.municipalities["exempelby"]
    doc = muni.documents["trygg-i-exempelby"]
    for indicator in doc.indicators:
        text = indicator_csv(muni, doc, indicator)
        assert text.startswith('\ufeff"Kommun";')
        rows = list(csv.DictReader(io.StringIO(text[1:]), delimiter=";"))
        assert len(rows) == sum(len(s.values) for s in indicator.series)
        values = [v.value for s in indicator.series for v in s.values]
        assert [r["Värde"] for r in rows] == [("" if v is None else str(int(v) if float(v).is_integer() else v)
                                               .replace(".", ",")) for v in values]
        assert all(r["Licens"] and r["Källa"] for r in rows)


def test_site_offers_excel_csv_json_and_indicator_csv_for_every_document(project):
    from tryggplan.settings import SiteSettings
    from tryggplan.site.plan_pages import plan_pages
    from tryggplan.site.pages import Download

    downloads = {d.path: d.content for d in plan_pages(project, SiteSettings()) if isinstance(d, Download)}
    for doc in project.documents():
        base = f"{doc.municipality_id}/{doc.id}/{doc.municipality_id}-{doc.id}"
        assert downloads[f"{base}.xlsx"][:2] == b"PK"
        assert downloads[f"{base}.csv"].encode("utf-8").startswith(b'\xef\xbb\xbf"Kommun";')
        assert json.loads(downloads[f"{base}.json"])["licence"]["text"]
        for indicator in doc.indicators:
            assert downloads[f"{doc.municipality_id}/indikatorer/{indicator.id}.csv"].startswith('\ufeff"Kommun";')
