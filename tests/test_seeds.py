"""The real seed data in plans/: it validates, and its counts match the hand-counted files.

tests/expected/seed_counts/<kommun>--<dokument>.json is counted by hand from the source document,
not generated, so a wrong count here means either the encoding or the hand count is wrong. Exact
counts exist for the five bundled seeds only: any other document under plans/ is checked by rules
that follow from the data (see check_plans_tree), so adding a municipality or a document never
needs a change here.
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


# The five bundled seed documents, the only ones with hand-counted expectations.
BUNDLED_SEEDS = ("hedemora--atgardsplan-brottsforebyggande", "koping--riktlinje-trygghet-2024-2026",
                 "kungalv--program-social-hallbarhet", "kungalv--trygg-i-kungalv",
                 "stockholm--kungsholmen-atgardsplan-2024")


def _document_keys(plans: Path = PLANS) -> list[str]:
    return sorted(f"{p.parent.parent.name}--{p.parent.name}" for p in plans.glob("*/*/plan.yaml"))


def _expected_files() -> list[Path]:
    return sorted(EXPECTED.glob("*.json"))


def check_plans_tree(plans: Path, cwd: Path) -> None:
    """What must hold for any plans/ tree, whatever municipalities and documents it holds: it
    validates, every document is in the stats with every key, counts are whole and not negative,
    and stats for one municipality lists exactly its documents."""
    import contextlib
    import io
    import os

    previous = Path.cwd()
    os.chdir(cwd)
    try:
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["validate", str(plans)])
        assert code == 0, out.getvalue()
        assert out.getvalue() == ""
        assert err.getvalue().startswith("Inga problem hittades i ")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["stats", str(plans), "--format", "json"]) == 0
        stats = json.loads(out.getvalue())["plans"]
        assert sorted(p["id"].replace("/", "--") for p in stats) == _document_keys(plans)
        for plan in stats:
            assert set(plan) >= STATS_KEYS, STATS_KEYS - set(plan)
            assert plan["title"] and plan["municipality"] and plan["kind"]
            for key in STATS_KEYS - {"id", "municipality", "kind", "title"}:
                assert isinstance(plan[key], int) and plan[key] >= 0, (plan["id"], key)
        for muni in sorted(p.name for p in plans.iterdir() if (p / "organisation.yaml").is_file()):
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                assert main(["stats", str(plans / muni), "--format", "json"]) == 0
            own = json.loads(out.getvalue())["plans"]
            assert sorted(p["id"] for p in own) == sorted(
                f"{muni}/{p.parent.name}" for p in (plans / muni).glob("*/plan.yaml"))
    finally:
        os.chdir(previous)


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


def test_hand_counted_expectations_are_for_the_bundled_seeds():
    assert [p.stem for p in _expected_files()] == sorted(BUNDLED_SEEDS)
    missing = sorted(set(BUNDLED_SEEDS) - set(_document_keys()))
    assert missing == [], f"de medföljande dokumenten saknas i plans/: {missing}"


def test_plans_tree_follows_the_data_driven_rules():
    check_plans_tree(PLANS, ROOT)


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
