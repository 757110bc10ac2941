"""The Swedish contributor guides: present, free of template markers, links that resolve."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tryggplan.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
BIDRA = ROOT / "docs" / "bidra"
PAGES = ["index.md", "andra-planen.md", "rapportera-uppfoljning.md", "granska-andring.md", "filstruktur.md",
         "ny-kommun.md", "rullande-perioder.md"]
GENERATED = {"schemareferens.md"}
LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.mark.parametrize("name", PAGES)
def test_page_exists_and_is_not_a_template(name: str) -> None:
    text = (BIDRA / name).read_text(encoding="utf-8")
    assert text.startswith("# ")
    assert "{{" not in text and "{%" not in text
    assert "\t" not in text


@pytest.mark.parametrize("name", PAGES)
def test_relative_links_resolve(name: str) -> None:
    text = (BIDRA / name).read_text(encoding="utf-8")
    for target in LINK.findall(text):
        if target.startswith(("http://", "https://", "#", "mailto:")):
            continue
        path = target.split("#", 1)[0]
        assert path in GENERATED or (BIDRA / path).resolve().is_file(), f"{name}: {target}"


def test_guides_mention_the_commands_that_exist() -> None:
    commands = set(build_parser()._subparsers._group_actions[0].choices)  # noqa: SLF001 - argparse API
    text = "\n".join((BIDRA / name).read_text(encoding="utf-8") for name in PAGES)
    for used in set(re.findall(r"tryggplan ([a-z]+)", text)):
        assert used in commands, used
    for status in ("inte påbörjad", "påbörjad", "genomförd", "försenad", "inställd", "löpande"):
        assert f"`{status}`" in (BIDRA / "rapportera-uppfoljning.md").read_text(encoding="utf-8")
