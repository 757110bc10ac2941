"""Generated hostile plans: validate either rejects them with located problems, or the site builds.

Each example takes the fictional Exempelby plans and puts one generated value (deep nesting, long or
odd Unicode text, edge-case numbers) into one field. The build here is the page generation the
MkDocs hook runs, plus Python-Markdown over every generated page with the site's extensions. The
time bound is the module timeout, not an assertion.
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tryggplan.load.project import load_paths
from tryggplan.problems import CATALOGUE
from tryggplan.site import generate

from .hostile_support import FIXTURE, FOLLOWUP, INDICATORS, PLAN
from .test_pages import SETTINGS

pytestmark = pytest.mark.timeout(900)

TARGETS = [
    (PLAN, ("title",)), (PLAN, ("short_title",)), (PLAN, ("summary",)), (PLAN, ("diarienummer",)),
    (PLAN, ("sections", 0, "title")), (PLAN, ("sections", 0, "body")), (PLAN, ("sections", 0, "id")),
    (PLAN, ("areas", 0, "title")), (PLAN, ("areas", 0, "id")), (PLAN, ("areas", 0, "actions", 0, "title")),
    (PLAN, ("areas", 0, "actions", 0, "description")), (PLAN, ("areas", 0, "actions", 0, "id")),
    (PLAN, ("areas", 0, "actions", 1, "remark")), (PLAN, ("validity", "end")), (PLAN, ("revise_by",)),
    (PLAN, ("legal_basis", 0, "url")), (INDICATORS, ("indicators", 0, "name")),
    (INDICATORS, ("indicators", 0, "series", 0, "values", 0, "value")),
    (INDICATORS, ("indicators", 0, "series", 0, "values", 0, "period")), (FOLLOWUP, ("period",)),
    (FOLLOWUP, ("actions", 0, "status")),
]

odd_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
markdownish = st.lists(st.sampled_from(["[", "]", "(", ")", "<a ", "<", ">", "*", "_", "`", "[^1]", "\\", "!",
                                        "&#60;", "\n", "\n\n", "    ", "- ", "# ", "|", "x", "å", "\u202e", "\x00"]),
                       max_size=400).map("".join)
long_text = st.integers(0, 3).map(lambda k: "å" * (10 ** k * 3))
numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-(10 ** 30), 10 ** 30),
                    st.sampled_from([0.00001, 1e-7, 1e15, -0.0, 9999, 1899, 2101]))
scalars = st.one_of(odd_text, markdownish, long_text, numbers, st.booleans(), st.none(),
                    st.sampled_from(["9999-12", "2025\n", "trygghetsvandringar\n", "om", "index", "0000-00-00"]))
nested = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.sampled_from(["a", "id", "title"]), inner,
                                                                       max_size=2)), max_leaves=8)
deep = st.integers(1, 80).map(lambda depth: _deep(depth))
values = st.one_of(scalars, nested, deep)


def _deep(depth: int):
    value: object = "x"
    for _ in range(depth):
        value = [value]
    return value


def _set(data, path, value):
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


@settings(max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(target=st.sampled_from(TARGETS), value=values)
def test_hostile_value_is_rejected_with_a_location_or_builds(target, value):
    rel, path = target
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        root = base / "plans"
        shutil.copytree(FIXTURE, root)
        file = root / rel
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        _set(data, path, value)
        file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        result = load_paths([root], base=base)
        if result.problems:
            for problem in result.problems:
                assert problem.code in CATALOGUE, problem
                assert problem.file.startswith("plans/") and problem.line >= 1 and problem.column >= 1, problem
                assert problem.message and "\n" not in problem.message
            return
        assert result.project is not None
        if isinstance(value, float):
            assert math.isfinite(value)
        pages, _ = generate(result.project, SETTINGS)
        converter = markdown.Markdown(extensions=["attr_list", "admonition", "footnotes", "tables", "def_list",
                                                  "md_in_html", "toc"])
        for page in pages:
            converter.reset().convert(page.content)
