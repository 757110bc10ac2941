"""Excel: importing a Stockholm-template workbook, and exporting a plan in the same layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tryggplan.cli import main
from tryggplan.exchange.plan_workbook_export import build_workbook, sheet_title
from tryggplan.exchange.plan_workbook_import import find_header, import_workbook
from tryggplan.load.project import load_project
from tryggplan.load.yamlmarks import load_yaml_text
from tryggplan.model import Municipality

from .exempelby import ORGANISATION, write_plans


@pytest.fixture()
def muni() -> Municipality:
    return Municipality.from_data(load_yaml_text(ORGANISATION, "organisation.yaml").data)


def _workbook(path: Path) -> Path:
    wb = Workbook()
    first = wb.active
    first.title = "Otrygghet i centrum"
    first.append(["Åtgärdsplan 2026, Exempelby (fiktiv)"])
    first.append(["Prioriterat samverkansområde: Otrygghet i centrum och vid stationen"])
    first.append([])
    first.append(["Orsak", "Åtgärd", "När?", "Vem?", "Uppföljning"])                 # row 4
    first.append(["Dålig belysning", "Trygghetsvandringar", "Löpande",
                  "Trygghetssamordnare, Polisen", "Protokoll från vandringarna"])       # row 5
    first.append([None, "Ny belysning vid busstationen", "2026-10",
                  "Kultur- och fritidsförvaltningen och SoF", "Besiktning"])           # row 6: cause continues
    first.append([])                                                                   # row 7: empty
    first.append(["Ödsliga platser", "Fler aktiviteter på torget", "Under 2026",
                  "KoF, Torgföreningen", None])                                        # row 8: unknown unit
    first.append([None, None, "2026", "SoF", None])                                    # row 9: no action
    first.append([])                                                                   # trailing: not reported
    second = wb.create_sheet("Unga")
    second.append(["Orsak", "Åtgärd", "När", "Vem", "Uppföljning"])
    second.append(["Unga saknar mötesplatser", "Fältgrupp på kvällstid", "Kontinuerligt", "socialforvaltningen",
                   "Antal kvällar"])
    notes = wb.create_sheet("Instruktioner")
    notes.append(["Fyll i en rad per åtgärd."])
    wb.save(path)
    return path


def test_import_workbook(tmp_path: Path, muni: Municipality) -> None:
    result = import_workbook(_workbook(tmp_path / "plan.xlsx"), muni, "trygghetsplan-2026", "Trygghetsplan 2026",
                             display="plan.xlsx")
    messages = [f"{p.file}:{p.line}:{p.column}: {p.severity}: {p.code}: {p.message}" for p in result.problems]
    assert messages == [
        'plan.xlsx:7:1: warning: import-empty-row: Blad "Otrygghet i centrum", rad 7: raden är tom och hoppades över.',
        'plan.xlsx:8:4: error: import-unknown-unit: Blad "Otrygghet i centrum", rad 8: "Torgföreningen" i kolumnen '
        'Vem finns inte i organisation.yaml. Texten finns kvar i responsible.description.',
        'plan.xlsx:9:2: error: import-missing-action: Blad "Otrygghet i centrum", rad 9: raden har När, Vem eller '
        'Uppföljning men ingen Åtgärd. Raden hoppades över.',
        'plan.xlsx:1:1: warning: import-no-header: Blad "Instruktioner": hittar ingen rubrikrad med Orsak, Åtgärd, '
        'När, Vem och Uppföljning. Bladet hoppades över.',
    ]
    assert (result.sheets, result.actions) == (2, 4)
    first, second = result.data["areas"]
    assert first["title"] == "Otrygghet i centrum och vid stationen"
    assert [c["text"] for c in first["causes"]] == ["Dålig belysning", "Ödsliga platser"]
    a1, a2, a3 = first["actions"]
    assert a1 == {"id": "a1", "title": "Trygghetsvandringar", "causes": ["otrygghet-i-centrum-o1"],
                  "responsible": {"lead": ["trygghetssamordnare"], "participants": ["polisen"]},
                  "responsible_text": "Trygghetssamordnare, Polisen",
                  "timing": {"text": "Löpande", "continuous": True}, "followup_plan": "Protokoll från vandringarna"}
    assert a2["causes"] == ["otrygghet-i-centrum-o1"]
    assert a2["responsible"] == {"lead": ["kultur-och-fritid"], "participants": ["socialforvaltningen"]}
    assert a2["timing"] == {"text": "2026-10", "deadline": "2026-10"}
    assert a3["responsible"] == {"lead": ["kultur-och-fritid"], "description": "Torgföreningen"}
    assert second["actions"][0]["responsible"] == {"lead": ["socialforvaltningen"]}


def test_import_cli_writes_a_plan_that_validates(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    write_plans(tmp_path)
    _workbook(tmp_path / "plan.xlsx")
    code = main(["import", "xlsx", "plan.xlsx", "--municipality", "exempelby", "--id", "trygghetsplan-2026"])
    captured = capsys.readouterr()
    assert code == 1  # written, but with rows to check
    assert "Skrev plans/exempelby/trygghetsplan-2026/plan.yaml: 2 områden och 4 åtgärder, 4 saker att kontrollera" \
        in captured.out
    assert 'plan.xlsx:8:4: import-unknown-unit: Blad "Otrygghet i centrum", rad 8: "Torgföreningen"' in captured.err
    result = load_project(tmp_path / "plans", base=tmp_path)
    assert result.problems == []
    assert main(["import", "xlsx", "plan.xlsx", "--municipality", "exempelby", "--id", "trygghetsplan-2026"]) == 2
    assert main(["import", "xlsx", "saknas.xlsx", "--municipality", "exempelby", "--id", "x"]) == 2


def test_export_then_import_round_trip(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_plans(tmp_path)
    assert main(["export", "plans/exempelby/trygghetsplan", "--format", "xlsx", "-o", "ut.xlsx"]) == 0
    wb = load_workbook(tmp_path / "ut.xlsx")
    assert wb.sheetnames == ["Otrygghet i centrum", "Unga i riskmiljöer"]
    assert [c.value for c in wb["Otrygghet i centrum"][4]] == ["Orsak", "Åtgärd", "När", "Vem", "Uppföljning"]
    project = load_project(tmp_path / "plans").project
    muni = project.municipalities["exempelby"]
    back = import_workbook(tmp_path / "ut.xlsx", muni, "kopia")
    assert back.problems == []
    original = project.document("exempelby/trygghetsplan")
    titles = [[a["title"] for a in area.get("actions", [])] for area in back.data["areas"]]
    assert titles == [[a.title for a in area.actions] for area in original.areas]
    leads = [a["responsible"]["lead"] for area in back.data["areas"] for a in area["actions"]]
    assert leads == [a.responsible.lead for a in original.all_actions()]


def test_export_json_and_csv(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    write_plans(tmp_path)
    assert main(["export", "exempelby/trygghetsplan", "--format", "json"]) == 0
    assert '"name": "Exempelby (fiktiv)"' in capsys.readouterr().out
    assert main(["export", "plans/exempelby/trygghetsplan", "--format", "csv", "-o", "ut.csv"]) == 0
    assert (tmp_path / "ut.csv").read_text(encoding="utf-8-sig").startswith("kommun,dokument,")
    assert main(["export", "exempelby/finns-inte", "--format", "json"]) == 2


def test_formulas_are_written_as_text(tmp_path: Path, muni: Municipality) -> None:
    write_plans(tmp_path)
    project = load_project(tmp_path / "plans").project
    doc = project.document("exempelby/trygghetsplan")
    doc.areas[0].actions[0].title = "=HYPERLINK(\"https://example.invalid\")"
    wb = build_workbook(project.municipalities["exempelby"], doc)
    assert wb.worksheets[0].cell(5, 2).data_type == "s"


def test_header_detection_and_sheet_titles() -> None:
    rows = [("Titel",), (None,), ("Anteckning", "Åtgärd"), ("ORSAK:", "Åtgärder", "Vem", None)]
    assert find_header(rows) == (3, {"cause": 0, "action": 1, "who": 2})
    taken: set[str] = set()
    assert sheet_title("Våld i nära relationer: hedersrelaterat våld och förtryck", taken) == \
        "Våld i nära relationer  hedersr"
    assert sheet_title("Våld i nära relationer: hedersrelaterat våld och förtryck", taken) == \
        "Våld i nära relationer  hed (2)"


def test_followup_routes_to_the_progress_module(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    write_plans(tmp_path, followup=None)
    assert main(["export", "followup", "plans/exempelby/trygghetsplan", "--period", "2026", "-o", "f.xlsx"]) == 0
    wb = load_workbook(tmp_path / "f.xlsx")
    sheet = wb["Uppföljning"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "a1")
    sheet.cell(row, header.index("Ny status") + 1).value = "genomförd"
    wb.save(tmp_path / "f.xlsx")
    assert main(["import", "followup", "f.xlsx"]) == 0
    assert "Skrev plans/exempelby/trygghetsplan/followup/2026.yaml" in capsys.readouterr().out
    assert load_project(tmp_path / "plans").problems == []
    assert main(["export", "followup", "plans/exempelby/trygghetsplan", "--format", "csv", "--period", "2026"]) == 2
    assert main(["export", "followup", "plans/exempelby/trygghetsplan"]) == 2
