"""Excel: the lossless plan workbook (export → import gives the same plan), filled-in templates, and safety."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from tests.conftest import check_swedish
from tryggplan.authoring.diff import diff_sides
from tryggplan.authoring.diff_render import to_markdown
from tryggplan.authoring.gitsnap import load_side
from tryggplan.cli import main
from tryggplan.exchange.plan_workbook_export import sheet_title
from tryggplan.exchange.plan_workbook_import import find_header, import_workbook
from tryggplan.load.project import load_project
from tryggplan.load.schemas import load_schema
from tryggplan.load.yamlmarks import load_yaml_file, load_yaml_text
from tryggplan.model import Municipality

from .exempelby import ORGANISATION, PLAN, write_plans


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
        'plan.xlsx:8:4: error: import-unknown-unit: Blad "Otrygghet i centrum", rad 8, kolumn D: "Torgföreningen" i '
        'kolumnen Vem finns inte i organisation.yaml. Texten finns kvar i responsible.description.',
        'plan.xlsx:9:2: error: import-missing-action: Blad "Otrygghet i centrum", rad 9, kolumn B: raden har När, Vem '
        'eller Uppföljning men ingen Åtgärd. Raden hoppades över.',
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
    args = ["import", "xlsx", "plan.xlsx", "--municipality", "exempelby", "--id", "trygghetsplan-2026"]
    assert main(args) == 1  # a template without a title: nothing invented, nothing written
    assert "Ange titeln med --title" in capsys.readouterr().err
    assert main([*args, "--title", "Trygghetsplan 2026"]) == 1  # row 9 would be lost: nothing written
    assert "ingenting skrevs" in capsys.readouterr().err
    wb = load_workbook(tmp_path / "plan.xlsx")
    wb["Otrygghet i centrum"].delete_rows(9)
    wb.save(tmp_path / "plan.xlsx")
    code = main([*args, "--title", "Trygghetsplan 2026"])
    captured = capsys.readouterr()
    assert code == 1  # written, but with a unit name to check (kept as text)
    assert "Skrev plans/exempelby/trygghetsplan-2026/plan.yaml: 2 områden och 4 åtgärder, 3 saker att kontrollera" \
        in captured.out
    assert 'plan.xlsx:8:4: import-unknown-unit: Blad "Otrygghet i centrum", rad 8, kolumn D: "Torgföreningen"' \
        in captured.err
    written = (tmp_path / "plans/exempelby/trygghetsplan-2026/plan.yaml").read_text(encoding="utf-8")
    assert "status: okänd" in written and "utkast" not in written
    result = load_project(tmp_path / "plans", base=tmp_path)
    assert result.problems == []
    # Once more: the plan exists, so nothing is written without --force.
    before = written
    assert main([*args, "--title", "Trygghetsplan 2026"]) == 0
    assert "Inga ändringar" in capsys.readouterr().out
    assert main(["import", "xlsx", "saknas.xlsx", "--municipality", "exempelby", "--id", "x"]) == 2
    assert (tmp_path / "plans/exempelby/trygghetsplan-2026/plan.yaml").read_text(encoding="utf-8") == before


def test_template_instruction_rows_are_skipped_and_near_names_suggested(tmp_path: Path, muni: Municipality) -> None:
    wb = Workbook()
    sheet = wb.active
    sheet.title = "Unga i riskzon"
    sheet.append(["Prioriterat samverkansområde", "Orsak", "Åtgärd", "När", "Vem", "Uppföljning"])
    sheet.append(["Unga i riskzon", "<i>Beskriv orsaken till problemet, kan vara flera.</i>",
                  "<i>Koppla åtgärd mot respektive orsak.</i>", "<i>Ange tid för när åtgärden ska vara genomförd.</i>",
                  "Ange vem som ansvarar för åtgärden.", "Beskriv vad som har genomförts."])
    sheet.append(["Exempel", "Orsak", "Åtgärd", "När", "Vem", None])
    sheet.append([None, "Unga saknar vuxna på kvällar", "Fältgrupp", "Löpande", "Socialförvaltning", None])
    wb.save(tmp_path / "mall.xlsx")
    result = import_workbook(tmp_path / "mall.xlsx", muni, "mall", "Mall")
    actions = result.data["areas"][0]["actions"]
    assert [a["title"] for a in actions] == ["Fältgrupp"]
    unknown = [p for p in result.problems if p.code == "import-unknown-unit"]
    assert len(unknown) == 1 and 'Menade du "Socialförvaltningen"?' in unknown[0].message


# --- the lossless round trip ------------------------------------------------------------------

_REPO = Path(__file__).resolve().parents[2]


def _bundled() -> list[str]:
    plans = _REPO / "plans"
    return sorted(p.parent.relative_to(plans).as_posix() for p in plans.glob("*/*/plan.yaml"))


def _all_shapes() -> list[tuple[str, str]]:
    """(plans folder, kommun/dokument) for every bundled plan and every valid case (the data model's shapes)."""
    roots = [_REPO / "plans", *sorted((_REPO / "tests/cases/valid").glob("*/plans"))]
    return [(root.relative_to(_REPO).as_posix(), p.parent.relative_to(root).as_posix())
            for root in roots for p in sorted(root.glob("*/*/plan.yaml"))]


def _copy_plans(repo_root: Path, dest: Path, folder: str = "plans") -> Path:
    shutil.copytree(repo_root / folder, dest / "plans")
    return dest / "plans"


def _raw(path: Path) -> dict:
    return load_yaml_file(path, path.as_posix()).data


def _no_semantic_changes(before: Path, after: Path) -> None:
    result = diff_sides(load_side(before, "före"), load_side(after, "efter"))
    assert not result.has_changes, to_markdown(result)


@pytest.mark.parametrize(("folder", "ref"), _all_shapes())
def test_every_bundled_plan_round_trips_through_excel(folder: str, ref: str, repo_root: Path, tmp_path: Path,
                                                      monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    original = _copy_plans(repo_root, tmp_path / "a", folder)
    assert main(["export", f"{original}/{ref}", "--format", "xlsx", "-o", "plan.xlsx"]) == 0
    copy_root = _copy_plans(repo_root, tmp_path / "b", folder)
    (copy_root / ref / "plan.yaml").unlink()
    muni, doc = ref.split("/")
    # Into an empty place: everything comes from the workbook (ids, municipality and document included).
    assert main(["import", "xlsx", "plan.xlsx", "--plans", str(copy_root)]) == 0, capsys.readouterr().err
    assert _raw(copy_root / ref / "plan.yaml") == _raw(original / ref / "plan.yaml")
    _no_semantic_changes(tmp_path / "a", tmp_path / "b")
    assert load_project(copy_root).problems == []
    # Over the plan itself: no changes, nothing written, exit 0.
    before = (original / ref / "plan.yaml").read_bytes()
    capsys.readouterr()
    assert main(["import", "xlsx", "plan.xlsx", "--plans", str(original)]) == 0
    assert "Inga ändringar" in capsys.readouterr().out
    assert (original / ref / "plan.yaml").read_bytes() == before


# Fields that have no column and travel only in the hidden sheet (or stay in the plan on disk).
_VISIBLE = {"id", "title", "kind", "areas", "causes", "text", "goals", "actions", "activities", "responsible",
            "lead", "participants", "partners", "timing", "start", "deadline", "recurrence", "continuous",
            "responsible_text", "followup_plan", "label", "work_type", "remark", "editorial_note",
            "detailed_plan_proposal"}


def _leaves(data, path=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaves(value, (*path, key))
    elif isinstance(data, list) and data and all(isinstance(v, dict) for v in data):
        for index, value in enumerate(data):
            yield from _leaves(value, (*path, index))
    else:
        yield path, data


@pytest.mark.parametrize("ref", _bundled())
def test_visible_columns_alone_carry_ids_units_timing_and_remarks(ref: str, repo_root: Path, tmp_path: Path) -> None:
    from tryggplan.exchange.plan_workbook_export import export_plan_xlsx

    plans = repo_root / "plans"
    project = load_project(plans).project
    muni_id, doc_id = ref.split("/")
    raw = _raw(plans / ref / "plan.yaml")
    export_plan_xlsx(project.municipalities[muni_id], raw, tmp_path / "p.xlsx")
    wb = load_workbook(tmp_path / "p.xlsx")
    del wb["tryggplan-data"]
    wb.save(tmp_path / "p.xlsx")
    back = import_workbook(tmp_path / "p.xlsx", project.municipalities[muni_id], doc_id, raw["title"]).data
    expected = {path: value for path, value in _leaves({"areas": raw.get("areas", [])})
                if all(isinstance(p, int) or p in _VISIBLE for p in path) and path[-1] != "description"}
    got = dict(_leaves({"areas": back.get("areas", [])}))
    assert {p: got.get(p) for p in expected} == expected


def _workbook_rows(path: Path, sheet: str) -> tuple:
    wb = load_workbook(path)
    ws = wb[sheet]
    header = [c.value for c in ws[4]]
    return wb, ws, header


def test_edit_add_and_remove_rows_then_force(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    write_plans(tmp_path)
    plan_file = tmp_path / "plans/exempelby/trygghetsplan/plan.yaml"
    plan_file.write_text(plan_file.read_text(encoding="utf-8").replace(
        '        title: "Trygghetsvandringar i centrum"\n',
        '        title: "Trygghetsvandringar i centrum"\n        description: "Text som bara finns i YAML."\n'),
        encoding="utf-8")
    assert main(["export", "plans/exempelby/trygghetsplan", "--format", "xlsx", "-o", "ut.xlsx"]) == 0
    wb, ws, header = _workbook_rows(tmp_path / "ut.xlsx", "Otrygghet i centrum")
    col = {name: header.index(name) + 1 for name in header if name}
    rows = {ws.cell(r, 1).value: r for r in range(5, ws.max_row + 1)}
    ws.cell(rows["a1"], col["Åtgärd"]).value = "Trygghetsvandringar i centrum och vid stationen"
    ws.cell(rows["a1"], col["Medverkande"]).value = "Polisen; SoF"
    ws.delete_rows(rows["a2"])
    new = ws.max_row + 1
    ws.cell(new, col["Åtgärd"]).value = "Ny belysning i parken"
    ws.cell(new, col["Ansvarig enhet"]).value = "Kultur- och fritidsförvaltningen"
    ws.cell(new, col["Orsak"]).value = "Dålig belysning vid busstationen"
    wb.save(tmp_path / "ut.xlsx")
    before = plan_file.read_text(encoding="utf-8")
    assert main(["import", "xlsx", "ut.xlsx"]) == 2  # shows the changes, writes nothing
    out = capsys.readouterr()
    assert "--force" in out.err and "Trygghetsvandringar i centrum och vid stationen" in out.out
    assert plan_file.read_text(encoding="utf-8") == before
    assert main(["import", "xlsx", "ut.xlsx", "--force"]) == 0
    data = _raw(plan_file)
    actions = data["areas"][0]["actions"]
    assert [a["id"] for a in actions] == ["a1", "a4"]  # a2 removed; the new row gets the next free id
    assert actions[0]["title"] == "Trygghetsvandringar i centrum och vid stationen"
    assert actions[0]["description"] == "Text som bara finns i YAML."  # not in the workbook: kept
    assert actions[0]["responsible"] == {"lead": ["trygghetssamordnare"], "participants": ["polisen",
                                                                                       "socialforvaltningen"]}
    assert actions[1]["causes"] == ["o1"] and actions[1]["responsible"] == {"lead": ["kultur-och-fritid"]}
    assert data["decision"] == {"body": "Kommunstyrelsen", "date": "2025-02-10"}
    assert load_project(tmp_path / "plans").problems == []


def test_copied_row_and_unknown_unit_are_located_and_nothing_is_written(tmp_path: Path, monkeypatch,
                                                                        capsys) -> None:
    monkeypatch.chdir(tmp_path)
    write_plans(tmp_path)
    assert main(["export", "plans/exempelby/trygghetsplan", "--format", "xlsx", "-o", "ut.xlsx"]) == 0
    wb, ws, header = _workbook_rows(tmp_path / "ut.xlsx", "Otrygghet i centrum")
    col = {name: header.index(name) + 1 for name in header if name}
    last = ws.max_row
    for c in range(1, len(header) + 1):
        ws.cell(last + 1, c).value = ws.cell(last, c).value
    ws.cell(last, col["Ansvarig enhet"]).value = "Trygghetssamordnaren"
    wb.save(tmp_path / "ut.xlsx")
    before = (tmp_path / "plans/exempelby/trygghetsplan/plan.yaml").read_bytes()
    assert main(["import", "xlsx", "ut.xlsx", "--force"]) == 1
    err = capsys.readouterr().err
    assert f'rad {last + 1}, kolumn A: id "a2" finns redan på blad "Otrygghet i centrum", rad {last}' in err
    assert f'rad {last}, kolumn {get_column_letter(col["Ansvarig enhet"])}: "Trygghetssamordnaren" finns inte ' \
           'i organisation.yaml. Menade du "Trygghetssamordnare"?' in err
    assert (tmp_path / "plans/exempelby/trygghetsplan/plan.yaml").read_bytes() == before


_TEXT = st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Zs")), min_size=1,
                max_size=40).map(str.strip).filter(bool)


@st.composite
def _plans(draw) -> dict:
    units = ["kommunstyrelsen", "socialforvaltningen", "kultur-och-fritid", "trygghetssamordnare"]
    counter = iter(range(1, 10_000))
    areas = []
    for _ in range(draw(st.integers(1, 3))):
        area_id = f"omrade-{next(counter)}"
        causes = [{"id": f"o{next(counter)}", "number": n + 1, "text": draw(_TEXT)}
                  for n in range(draw(st.integers(0, 2)))]
        actions = []
        for _ in range(draw(st.integers(0, 3))):
            action = {"id": f"a{next(counter)}", "title": draw(_TEXT)}
            if causes and draw(st.booleans()):
                action["causes"] = [draw(st.sampled_from(causes))["id"]]
            lead = draw(st.lists(st.sampled_from(units), max_size=2, unique=True))
            if lead:
                action["responsible"] = {"lead": lead}
            if draw(st.booleans()):
                action["partners"] = ["polisen"]
            timing = draw(st.fixed_dictionaries({}, optional={
                "deadline": st.sampled_from(["2025-06", "2026-12-31"]), "text": _TEXT,
                "continuous": st.booleans(), "recurrence": _TEXT}))
            if timing:
                action["timing"] = timing
            for key in ("remark", "editorial_note", "followup_plan", "responsible_text"):
                if draw(st.booleans()):
                    action[key] = draw(_TEXT)
            if draw(st.booleans()):
                action["goals"] = draw(st.lists(_TEXT, min_size=1, max_size=2))
            if draw(st.booleans()):
                action["activities"] = [{"id": f"akt{next(counter)}", "title": draw(_TEXT),
                                         **({"remark": draw(_TEXT)} if draw(st.booleans()) else {})}]
            actions.append(action)
        area = {"id": area_id, "title": draw(_TEXT)}
        if causes:
            area["causes"] = causes
        if actions:
            area["actions"] = actions
        areas.append(area)
    return {"id": "trygghetsplan", "municipality": "exempelby", "kind": "åtgärdsplan", "title": draw(_TEXT),
            "status": draw(st.sampled_from(["utkast", "beslutad", "okänd"])), "areas": areas}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=_plans())
def test_round_trip_property(plan: dict, tmp_path_factory) -> None:
    from tryggplan.exchange.plan_workbook_export import export_plan_xlsx
    from tryggplan.exchange.yamlwrite import dump

    tmp = tmp_path_factory.mktemp("rt")
    if any("editorial_note" in a for area in plan["areas"] for a in area.get("actions", [])) and \
            "editorial_note" not in load_schema("plan")["$defs"]["action"]["properties"]:
        for area in plan["areas"]:
            for action in area.get("actions", []):
                action.pop("editorial_note", None)
    for side in ("a", "b"):
        write_plans(tmp / side, plan=dump(plan), followup=None)
    muni = Municipality.from_data(load_yaml_text(ORGANISATION, "organisation.yaml").data)
    export_plan_xlsx(muni, plan, tmp / "p.xlsx")
    back = import_workbook(tmp / "p.xlsx", muni)
    assert back.problems == []
    assert back.data == plan
    (tmp / "b/plans/exempelby/trygghetsplan/plan.yaml").write_text(back.text, encoding="utf-8")
    _no_semantic_changes(tmp / "a", tmp / "b")


def test_export_json_and_csv(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    write_plans(tmp_path)
    assert main(["export", "exempelby/trygghetsplan", "--format", "json"]) == 0
    assert '"name": "Exempelby (fiktiv)"' in capsys.readouterr().out
    assert main(["export", "plans/exempelby/trygghetsplan", "--format", "csv", "-o", "ut.csv"]) == 0
    assert (tmp_path / "ut.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert main(["export", "exempelby/finns-inte", "--format", "json"]) == 2


def test_bad_output_paths_are_usage_errors_in_swedish(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.chdir(tmp_path)
    write_plans(tmp_path)
    for args in (["export", "exempelby/trygghetsplan", "-o", "saknas/ut.xlsx"],
                 ["export", "exempelby/trygghetsplan", "-o", "plans"],
                 ["export", "exempelby/trygghetsplan", "--format", "csv", "-o", "saknas/ut.csv"],
                 ["export", "followup", "exempelby/trygghetsplan", "--period", "2026", "-o", "saknas/f.xlsx"]):
        assert main(args) == 2, args
        err = capsys.readouterr().err
        assert "internt fel" not in err and "finns inte" in err or "är en mapp" in err
        check_swedish(err)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formulas_are_written_as_text(start: str, tmp_path: Path, muni: Municipality) -> None:
    from tryggplan.exchange.plan_workbook_export import export_plan_xlsx

    plan = load_yaml_text(PLAN, "plan.yaml").data
    plan["areas"][0]["actions"][0]["title"] = start + 'HYPERLINK("https://example.invalid","x")'
    export_plan_xlsx(muni, plan, tmp_path / "p.xlsx")
    wb = load_workbook(tmp_path / "p.xlsx")
    cells = [c for row in wb["Otrygghet i centrum"].iter_rows() for c in row
             if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells and all(c.data_type == "s" for c in cells)
    assert import_workbook(tmp_path / "p.xlsx", muni).data == plan  # and it reads back as the same text


def test_zip_bomb_and_huge_sheets_are_refused(tmp_path: Path, muni: Municipality) -> None:
    import zipfile

    from tryggplan.exchange import spreadsheets

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (spreadsheets.MAX_UNPACKED_BYTES + 1))
    assert bomb.stat().st_size < 200_000
    result = import_workbook(bomb, muni, "x", "X")
    assert [p.code for p in result.problems] == ["import-too-large"] and not result.writable
    wb = Workbook()
    ws = wb.active
    ws.append(["Orsak", "Åtgärd", "När", "Vem"])
    for n in range(spreadsheets.MAX_ROWS + 5):
        ws.append([None, f"Åtgärd {n}", None, None])
    wb.save(tmp_path / "rader.xlsx")
    result = import_workbook(tmp_path / "rader.xlsx", muni, "x", "X")
    assert [p.code for p in result.problems] == ["import-too-large"] and result.text == ""


def test_header_detection_and_sheet_titles() -> None:
    rows = [("Titel",), (None,), ("Anteckning", "Åtgärd"), ("ORSAK:", "Åtgärder", "Vem", None)]
    assert find_header(rows) == (3, {"cause": 0, "title": 1, "who": 2})
    taken: set[str] = set()
    assert sheet_title("Våld i nära relationer: hedersrelaterat våld och förtryck", taken) == \
        "Våld i nära relationer  hedersr"
    assert sheet_title("Våld i nära relationer: hedersrelaterat våld och förtryck", taken) == \
        "Våld i nära relationer  hed (2)"
    assert sheet_title("Områden", taken) == "Områden (2)"


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


def test_followup_text_without_status_is_a_narrative_entry_and_plans_folder_is_respected(
        tmp_path: Path, monkeypatch, capsys) -> None:
    write_plans(tmp_path / "annan", followup=None)
    monkeypatch.chdir(tmp_path)
    plans = tmp_path / "annan" / "plans"
    assert main(["export", "followup", f"{plans}/exempelby/trygghetsplan", "--period", "2026-03",
                 "-o", "f.xlsx"]) == 0
    wb = load_workbook(tmp_path / "f.xlsx")
    sheet = wb["Uppföljning"]
    header = [c.value for c in sheet[1]]
    rows = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    sheet.cell(rows["a1"], header.index("Vad har genomförts") + 1).value = "Två vandringar i mars."
    sheet.cell(rows["a2"], header.index("Rapporterad av") + 1).value = "Trygghetssamordnare"
    wb.save(tmp_path / "f.xlsx")
    assert main(["import", "followup", "f.xlsx", "--plans", str(plans)]) == 1  # a2: a name but nothing to report
    assert "rad 3, kolumn F: raden har Rapporterad av eller Datum men varken status eller text" in \
        capsys.readouterr().err
    sheet.cell(rows["a2"], header.index("Rapporterad av") + 1).value = None
    wb.save(tmp_path / "f.xlsx")
    assert main(["import", "followup", "f.xlsx", "--plans", str(plans)]) == 0
    written = plans / "exempelby/trygghetsplan/followup/2026-03.yaml"
    assert f"Skrev {written.as_posix()}" in capsys.readouterr().out
    assert not (tmp_path / "plans").exists()  # never a sibling plans/ folder
    text = written.read_text(encoding="utf-8")
    assert 'period: "2026-03"' in text
    data = load_yaml_text(text, "f.yaml").data
    assert data["entries"] == [{"text": "Två vandringar i mars.", "actions": ["a1"]}] and "actions" not in data
    assert load_project(plans).problems == []


def test_actions_directly_under_the_document_are_rows_too(repo_root: Path, tmp_path: Path) -> None:
    from tryggplan.exchange.plan_workbook_export import export_plan_xlsx

    plans = repo_root / "tests/cases/valid/actions-under-document/plans"
    project = load_project(plans).project
    (muni,) = project.municipalities.values()
    (doc,) = muni.documents.values()
    raw = _raw(plans / muni.id / doc.id / "plan.yaml")
    export_plan_xlsx(muni, raw, tmp_path / "p.xlsx")
    wb, ws, header = _workbook_rows(tmp_path / "p.xlsx", "Åtgärder utan område")
    ws.cell(5, header.index("Åtgärd") + 1).value = "Ändrad åtgärd"
    ws.cell(ws.max_row + 1, header.index("Åtgärd") + 1).value = "Ny åtgärd utan område"
    wb.save(tmp_path / "p.xlsx")
    back = import_workbook(tmp_path / "p.xlsx", muni, existing=raw)
    assert back.problems == []
    ids = [a["id"] for a in raw["actions"]]
    assert [a["id"] for a in back.data["actions"]][:len(ids)] == ids and len(back.data["actions"]) == len(ids) + 1
    assert back.data["actions"][0]["title"] == "Ändrad åtgärd"
    assert back.data["actions"][-1]["id"] not in ids
