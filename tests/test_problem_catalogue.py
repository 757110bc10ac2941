"""Every problem code the code base can emit has a Swedish title in the catalogue."""

import re
from pathlib import Path

from tryggplan.problems import CATALOGUE

ROOT = Path(__file__).resolve().parent.parent / "tryggplan"
# Codes appear as the first argument of Problem(...), or as quoted slugs with a known prefix.
_PATTERNS = [
    re.compile(r'Problem\(\s*"([a-z0-9-]+)"'),
    re.compile(r'"((?:yaml|schema|ref|id|layout|import|xlsx|value|period|validity|date|path)-[a-z0-9-]+)"'),
]


def _codes_in_source() -> set[str]:
    codes: set[str] = set()
    for path in ROOT.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for pattern in _PATTERNS:
            codes.update(pattern.findall(text))
    return codes


def test_every_emitted_code_has_a_title():
    missing = sorted(_codes_in_source() - set(CATALOGUE))
    assert not missing, f"Koder utan titel i problems.CATALOGUE: {missing}"


def test_titles_are_swedish_sentences():
    for code, title in CATALOGUE.items():
        assert title and (title[0].isupper() or title.split()[0].endswith(".yaml")), code
        assert not title.endswith("."), code
