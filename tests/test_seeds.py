"""The real seed data in plans/: it validates, and its counts match the hand-counted files.

tests/expected/seed_counts/<kommun>--<dokument>.json is counted by hand from the source document,
not generated, so a wrong count here means either the encoding or the hand count is wrong.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tryggplan.cli import main
from tryggplan.load.project import load_project
from tryggplan.progress.stats import document_counts

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "plans"
EXPECTED = Path(__file__).resolve().parent / "expected" / "seed_counts"
STATS_KEYS = {"id", "municipality", "kind", "title", "areas", "actions", "activities", "causes", "indicators",
              "indicator_values", "followup_entries", "units_referenced"}


def _document_keys() -> list[str]:
    return sorted(f"{p.parent.parent.name}--{p.parent.name}" for p in PLANS.glob("*/*/plan.yaml"))


def _expected_files() -> list[Path]:
    return sorted(EXPECTED.glob("*.json"))


@pytest.fixture(scope="module")
def project():
    result = load_project(PLANS, base=ROOT)
    assert result.problems == [], "\n".join(f"{p.file}:{p.line}: {p.code}: {p.message}" for p in result.problems)
    return result.project


def test_validate_plans_passes(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code = main(["validate", "plans/"])
    out, err = capsys.readouterr()
    assert code == 0, out
    assert out == ""
    assert err.startswith("Inga problem hittades i ")


def test_every_document_has_hand_counted_expectations():
    documents = _document_keys()
    assert documents, "plans/ ska innehålla minst ett dokument"
    expected = [p.stem for p in _expected_files()]
    missing = sorted(set(documents) - set(expected))
    orphans = sorted(set(expected) - set(documents))
    assert missing == [], f"lägg till handräknade antal i tests/expected/seed_counts/ för: {missing}"
    assert orphans == [], f"antal utan dokument i plans/: {orphans}"


@pytest.mark.parametrize("expected_file", _expected_files(), ids=lambda p: p.stem)
def test_counts_match_hand_count(project, expected_file: Path):
    muni_id, _, doc_id = expected_file.stem.partition("--")
    expected = json.loads(expected_file.read_text(encoding="utf-8"))
    doc = project.municipalities[muni_id].documents[doc_id]
    counts = document_counts(doc)
    assert set(expected) == set(counts), "samma nycklar som document_counts"
    differences = {key: {"räknat": counts[key], "förväntat": expected[key]}
                   for key in expected if counts[key] != expected[key]}
    assert differences == {}


def test_stats_json_lists_every_document_with_the_issue_keys(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code = main(["stats", "--format", "json"])
    out, _ = capsys.readouterr()
    assert code == 0
    plans = json.loads(out)["plans"]
    assert sorted(p["id"].replace("/", "--") for p in plans) == _document_keys()
    for plan in plans:
        assert set(plan) >= STATS_KEYS, STATS_KEYS - set(plan)
        assert plan["title"] and plan["municipality"] and plan["kind"]
        for key in STATS_KEYS - {"id", "municipality", "kind", "title"}:
            assert isinstance(plan[key], int) and plan[key] >= 0


def test_stats_for_one_municipality_lists_only_its_documents(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    muni = sorted(p.name for p in PLANS.iterdir() if (p / "organisation.yaml").is_file())[0]
    assert main(["stats", f"plans/{muni}", "--format", "json"]) == 0
    plans = json.loads(capsys.readouterr()[0])["plans"]
    assert plans and {p["id"].split("/")[0] for p in plans} == {muni}
