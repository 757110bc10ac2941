"""Hostile input against the real build: no page takeover, no emptied site/, no Python traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tryggplan.model import Document
from tryggplan.site import crash

from .hostile_support import INDICATORS, ROOT

pytestmark = [pytest.mark.build, pytest.mark.xdist_group("build"), pytest.mark.timeout(600)]
ENV = os.environ | {"NO_MKDOCS_2_WARNING": "1"}


def _project(hostile) -> Path:
    for name in ("hooks", "overrides", "docs"):
        shutil.copytree(ROOT / name, hostile.base / name)
    example = hostile.base / "docs" / "bidra" / "exempelsida.md"
    if example.exists():  # it calls macros with the bundled plans' ids, which the fixture lacks
        example.write_text("# Exempel\n", encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("    # today: 2026-11-22", '    today: "2026-11-22"')
    (hostile.base / "mkdocs.yml").write_text(config, encoding="utf-8")
    site = hostile.base / "site"
    site.mkdir()
    (site / "index.html").write_text("förra bygget", encoding="utf-8")
    return hostile.base


def _build(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"], cwd=project,
                          capture_output=True, text=True, env=ENV, timeout=600, check=False)


def test_a_hand_written_page_is_never_replaced_by_a_generated_one(hostile):
    project = _project(hostile)
    # The accessibility statement written by hand next to the generated one: the build must refuse.
    (project / "docs" / "tillganglighet").mkdir()
    (project / "docs" / "tillganglighet" / "index.md").write_text("# Handskriven\n", encoding="utf-8")
    result = _build(project)
    assert result.returncode != 0
    assert "skulle ersätta handskrivna sidor" in result.stderr and "tillganglighet.md" in result.stderr
    assert "Traceback" not in result.stderr
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "förra bygget"


def test_a_municipality_named_after_a_hand_written_page_fails_validation_in_the_build(hostile):
    project = _project(hostile)
    hostile.rename_municipality("om")
    result = _build(project)
    assert result.returncode != 0 and "id-reserved" in result.stderr and "Traceback" not in result.stderr
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "förra bygget"


def test_values_that_used_to_crash_the_build_after_cleaning_now_stop_it_before(hostile):
    project = _project(hostile)
    hostile.edit(INDICATORS, "value: 20", "value: .nan")
    result = _build(project)
    assert result.returncode != 0 and "number-not-finite" in result.stderr and "Traceback" not in result.stderr
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "förra bygget"


def test_a_tiny_value_builds(hostile):
    project = _project(hostile)
    hostile.edit(INDICATORS, "value: 20", "value: 0.00001")
    result = _build(project)
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "exempelby" / "indikatorer" / "otrygghet" / "index.html").read_text(encoding="utf-8")
    assert "0,00001" in page


def _render(doc: Document):
    raise IndexError("list index out of range")


def test_a_crash_is_one_swedish_message_naming_the_file(assert_swedish):
    doc = Document("trygg-i-exempelby", "exempelby", "åtgärdsplan", "Trygg", "beslutad")
    doc.source_files.append("plans/exempelby/trygg-i-exempelby/plan.yaml")
    try:
        _render(doc)
    except IndexError as exc:
        message = crash.describe(exc, "exempelby/trygg-i-exempelby/index.md")
    assert "plans/exempelby/trygg-i-exempelby/plan.yaml" in message
    assert "Traceback" not in message
    assert_swedish(message.splitlines()[0])
