"""XLSX export and import for follow-up meetings: round trips and cell-level problems."""

from __future__ import annotations

import datetime as _dt

import pytest
from openpyxl import load_workbook
from progress_testutil import golden

from tryggplan.exchange import followup_workbook as fx
from tryggplan.load.yamlmarks import load_yaml_text

FIXTURE_2024 = "tests/progress/fixtures/plans/exempelby/trygghetsplan/followup/2024.yaml"


def test_export_layout(project, tmp_path):
    path = fx.export_followup(project, "exempelby/trygghetsplan", "2025", tmp_path / "f.xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["Uppföljning", "Instruktioner", "Metadata"]
    ws = wb["Uppföljning"]
    assert [c.value for c in ws[1]] == [h for h, _ in fx.COLUMNS]
    assert ws.freeze_panes == "B2"
    assert [ws.cell(r, 1).value for r in range(2, 8)] == [
        "belysning", "trygghetsvandringar", "grannsamverkan", "fritidsgard", "skolsamverkan", "sommarjobb"]
    assert ws["D2"].value == "Kommunstyrelsen, Polisen"
    assert ws["E2"].value == "påbörjad (2024)"  # latest status before 2025 and its period
    assert ws["E3"].value == "genomförd (2023)"
    assert ws["E7"].value == "ingen uppföljning rapporterad"
    assert ws["F2"].value is None
    (validation,) = ws.data_validations.dataValidation
    assert validation.type == "list" and "inte påbörjad" in validation.formula1 and "F2:F" in str(validation.sqref)
    assert wb["Metadata"].sheet_state == "hidden"
    assert wb["Metadata"]["B2"].value == "exempelby/trygghetsplan" and wb["Metadata"]["B3"].value == "2025"
    assert "Så fyller du i uppföljningen" in wb["Instruktioner"]["A1"].value


def test_round_trip_new_period(project, tmp_path):
    path = fx.export_followup(project, "exempelby/trygghetsplan", "2025", tmp_path / "f.xlsx")
    wb = load_workbook(path)
    ws = wb["Uppföljning"]
    ws["F2"], ws["G2"], ws["J2"], ws["K2"] = "genomförd", "Armaturerna är monterade.", "Trygghetssamordnare", _dt.datetime(2025, 11, 3)
    ws["F4"], ws["G4"] = " Löpande ", "Fjorton områden."  # case and spaces are forgiven
    ws["F7"], ws["G7"], ws["H7"] = "påbörjad", "Första stycket.\n\nAndra stycket.", "Rekrytera handledare."
    ws["K7"] = "2025-06-30"
    wb.save(path)
    result = fx.import_followup(path, project)
    assert result.problems == []
    assert result.target_path == "plans/exempelby/trygghetsplan/followup/2025.yaml"
    assert result.yaml_text.startswith("# yaml-language-server: $schema=../../../../schema/followup.schema.json\n")
    golden("../expected/followup-2025.yaml", result.yaml_text)
    assert load_yaml_text(result.yaml_text, "x").problems == []


def test_unchanged_import_of_existing_period_is_identical(project, tmp_path, repo_root, monkeypatch):
    monkeypatch.chdir(repo_root)
    path = fx.export_followup(project, "exempelby/trygghetsplan", "2024", tmp_path / "f.xlsx")
    ws = load_workbook(path)["Uppföljning"]
    assert ws["F2"].value == "påbörjad" and ws["I2"].value == "Överprövad upphandling."
    result = fx.import_followup(path, project)
    assert result.problems == []
    assert result.yaml_text == (repo_root / FIXTURE_2024).read_text(encoding="utf-8")


def test_bad_cells_give_located_swedish_problems(project, tmp_path):
    path = fx.export_followup(project, "exempelby/trygghetsplan", "2025", tmp_path / "möte.xlsx")
    wb = load_workbook(path)
    ws = wb["Uppföljning"]
    ws["F7"] = "klar"
    ws["F2"], ws["K2"] = "påbörjad", "igår"
    ws["G3"] = "Text utan status"
    ws["A8"], ws["F8"] = "finns-inte", "påbörjad"
    ws["A9"], ws["F9"] = "belysning", "genomförd"
    wb.save(path)
    result = fx.import_followup(path, project)
    found = {(p.line, p.column, p.code, p.severity): p.message for p in result.problems}
    assert found[(7, 6, "schema-enum", "error")] == 'Blad Uppföljning, rad 7, kolumn F: "klar" är inte en tillåten status.'
    assert found[(2, 11, "date-invalid", "error")] == 'Blad Uppföljning, rad 2, kolumn K: "igår" är inte ett datum.'
    assert (3, 6, "xlsx-missing-status", "error") not in found  # text without status: a narrative entry
    assert found[(8, 1, "ref-unknown-action", "error")].startswith('Blad Uppföljning, rad 8, kolumn A: "finns-inte"')
    assert "rad 2" in found[(9, 1, "id-duplicate", "error")]
    assert all(p.file == "möte.xlsx" for p in result.problems)
    assert not result.ok


def test_empty_status_rows_are_not_reported(project, tmp_path):
    path = fx.export_followup(project, "exempelby/trygghetsplan", "2025", tmp_path / "f.xlsx")
    result = fx.import_followup(path, project)
    assert result.problems == []
    assert "actions" not in result.yaml_text


def test_unreadable_and_foreign_files(project, tmp_path):
    broken = tmp_path / "x.xlsx"
    broken.write_text("inte excel")
    assert fx.import_followup(broken, project).problems[0].code == "xlsx-unreadable"
    from openpyxl import Workbook

    Workbook().save(tmp_path / "y.xlsx")
    assert fx.import_followup(tmp_path / "y.xlsx", project).problems[0].code == "xlsx-metadata"


def test_export_errors(project, tmp_path):
    with pytest.raises(fx.ExportError):
        fx.export_followup(project, "exempelby/finns-inte", "2025", tmp_path / "f.xlsx")
    with pytest.raises(fx.ExportError):
        fx.export_followup(project, "exempelby/trygghetsplan", "år 2025", tmp_path / "f.xlsx")
