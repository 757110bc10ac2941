"""Shared, generic fixtures only. Feature-specific fixtures live next to their tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The checkout's root folder (holds plans/, schema/ and tests/)."""
    return REPO_ROOT


# Words that almost every Swedish sentence the tool writes contains at least one of.
_SWEDISH_WORDS = frozenset([
    "är", "inte", "och", "ska", "finns", "saknas", "har", "i", "på", "som", "för", "med", "till", "fel",
    "en", "ett", "av", "om", "den", "det", "eller", "kan", "får", "hittar", "filen", "kontrollera",
    "värdet", "lägg", "ändra", "ta", "skriv", "byt", "spara", "fyll", "ange", "använd", "dela",
])
# English that would mean a library message leaked through untranslated (data in quotes excluded).
_ENGLISH = re.compile(r"\b(the|is not|is a|are|was|this|allowed|expected|found|could not|cannot|unexpected|while|"
                      r"traceback|exception|none is|not valid|should be)\b", re.IGNORECASE)
_QUOTED = re.compile(r"\"[^\"]*\"|`[^`]*`")


def check_swedish(text: str) -> None:
    """Fail unless text reads as Swedish: a Swedish word or letter, and no leaked English phrase."""
    assert text.strip(), "tom text"
    outside_quotes = _QUOTED.sub(" ", text)
    words = set(re.findall(r"[a-zåäö]+", text.lower()))
    assert words & _SWEDISH_WORDS or re.search("[åäöÅÄÖ]", text), f"inte svenska: {text!r}"
    leaked = _ENGLISH.search(outside_quotes)
    assert leaked is None, f"engelska ({leaked.group(0)!r}) i: {text!r}"


@pytest.fixture(scope="session")
def assert_swedish():
    """The check above as a fixture, so any test folder can use it without importing conftest."""
    return check_swedish
