from __future__ import annotations

import csv
import io
import json

from tryggplan.exchange.opendata import CSV_COLUMNS, document_csv, document_json


def test_json_round_trip_without_person_names(project):
    muni = project.municipalities["exempelby"]
    doc = muni.documents["trygg-i-exempelby"]
    data = json.loads(document_json(muni, doc))
    assert data["document"]["id"] == "trygg-i-exempelby"
    assert "Testa Testsson" not in json.dumps(data, ensure_ascii=False)
    assert "Testa Testsson" in document_json(muni, doc, include_person_names=True)


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
