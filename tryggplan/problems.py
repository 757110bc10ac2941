"""Problems are values: every check returns them, nothing in the core prints or exits.

Each problem has a stable code (a slug, as in frictionless' error catalogue), a location
and a Swedish message plus a hint that tells the reader what to do.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

# code -> short Swedish title, used in annotations and documentation.
CATALOGUE: dict[str, str] = {
    "yaml-syntax": "YAML-syntaxfel",
    "yaml-tab": "Tabb i indrag",
    "yaml-duplicate-key": "Nyckeln finns två gånger",
    "yaml-alias": "Ankare eller alias",
    "yaml-tag": "Otillåten YAML-tagg",
    "yaml-encoding": "Filen är inte UTF-8",
    "yaml-bom": "Byte order mark i början av filen",
    "yaml-empty": "Tom fil",
    "yaml-too-large": "Filen är för stor",
    "yaml-not-mapping": "Filen har inte formen nyckel: värde",
    "yaml-key-type": "Nyckeln är inte text",
    "yaml-too-deep": "För många nivåer",
    "limit-text-length": "Texten är för lång",
    "limit-list-items": "Listan är för lång",
    "text-control-character": "Osynligt styrtecken i texten",
    "text-single-line": "Radbrytning i ett fält för en rad",
    "number-not-finite": "Inget visningsbart tal",
    "number-range": "Orimligt tal",
    "date-out-of-range": "Året ligger utanför tillåtet intervall",
    "layout-symlink": "Symbolisk länk i plans/",
    "id-reserved": "Id:t är reserverat för webbplatsens egna sidor",
    "schema-unknown-key": "Okänd nyckel",
    "schema-required": "Obligatoriskt fält saknas",
    "schema-type": "Fel typ av värde",
    "schema-enum": "Otillåtet värde",
    "schema-pattern": "Fel format",
    "schema-format": "Fel format",
    "schema-range": "Värdet ligger utanför tillåtet intervall",
    "schema-length": "Fel längd",
    "schema-unique": "Samma värde flera gånger",
    "schema-other": "Följer inte schemat",
    "ref-unknown-unit": "Okänd enhet eller part",
    "ref-unknown-indicator": "Okänd indikator",
    "ref-unknown-cause": "Okänd orsak",
    "ref-unknown-action": "Okänd åtgärd",
    "ref-unknown-area": "Okänt område",
    "ref-unknown-document": "Okänt dokument",
    "ref-unknown-method": "Okänd metod",
    "ref-unknown-forum": "Okänt forum",
    "ref-unknown-breakdown": "Okänd uppdelning",
    "id-duplicate": "Id används två gånger",
    "id-mismatch": "Id stämmer inte med mappen eller filen",
    "date-invalid": "Ogiltigt datum",
    "validity-inverted": "Giltighetstiden slutar före start",
    "period-outside-validity": "Perioden ligger utanför giltighetstiden",
    "value-percent-range": "Procentvärde utanför 0–100",
    "value-duplicate": "Två värden för samma år",
    "layout-unknown-file": "Okänd fil i plans/",
    "layout-missing-organisation": "organisation.yaml saknas",
    "layout-missing-plan": "plan.yaml saknas",
    "path-not-found": "Sökvägen finns inte",
    "import-unreadable": "Arbetsboken kan inte läsas",
    "import-no-sheets": "Arbetsboken saknar blad",
    "import-no-header": "Rubrikraden saknas",
    "import-empty-row": "Tom rad",
    "import-missing-action": "Åtgärd saknas på raden",
    "import-unknown-unit": "Okänd enhet i Vem-kolumnen",
    "import-activity-without-action": "Aktivitet utan åtgärd",
    "import-bad-id": "Ogiltigt id i arbetsboken",
    "import-bad-level": "Okänd eller ändrad nivå",
    "import-missing-sheet": "Fliken för området saknas",
    "import-missing-text": "Texten saknas på raden",
    "import-missing-title": "Områdets rubrik saknas",
    "import-no-title": "Dokumentets titel saknas",
    "import-too-large": "Arbetsboken är för stor",
    "import-unused-cell": "Kolumnen används inte på den här nivån",
    "xlsx-unreadable": "Arbetsboken kan inte läsas",
    "xlsx-metadata": "Arbetsbokens metadata saknas eller är fel",
    "xlsx-missing-status": "Status saknas",
    "ref-unknown-municipality": "Okänd kommun",
    "ref-unknown-round": "Okänd omgång",
    "ref-action-other-round": "Åtgärden hör till en annan omgång",
    "party-unnamed": "Parten saknar kommun, organisation och namn",
    "code-duplicate": "Kommunkoden används i flera organisationsfiler",
    "ref-unknown-order": "Okänd post i order",
    "ref-unknown-section": "Okänt textavsnitt",
}


_ONE_LINE = re.compile(r"\r\n|\r|\n")

# Root causes first: a file that cannot be read explains problems found later, a schema problem
# explains a reference that looks wrong. Lower rank is reported first; unknown codes come last.
_RANK_BY_PREFIX = (("path-", 0), ("yaml-", 0), ("layout-", 0), ("schema-", 1), ("date-", 1),
                   ("id-mismatch", 1), ("id-reserved", 1), ("limit-", 1), ("text-", 1), ("number-", 1))


def rank(code: str) -> int:
    """How early a problem with this code is reported: 0 file, 1 schema, 2 cross-file checks."""
    for prefix, value in _RANK_BY_PREFIX:
        if code.startswith(prefix):
            return value
    return 2


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the data, located as precisely as we can."""

    code: str
    file: str
    line: int
    column: int
    message: str
    hint: str = ""
    json_path: str = ""
    severity: str = "error"
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        # One problem is one line of output: a value quoted from the file may hold line breaks.
        for name in ("message", "hint"):
            text = getattr(self, name)
            if "\n" in text or "\r" in text:
                object.__setattr__(self, name, _ONE_LINE.sub("↵", text))

    @property
    def title(self) -> str:
        return CATALOGUE.get(self.code, self.code)

    def sort_key(self) -> tuple:
        """Root causes first (see rank), then by file and position."""
        return (rank(self.code), self.file, self.line, self.column, self.code, self.message)

    def as_dict(self) -> dict:
        data = asdict(self)
        data.pop("extra")
        data["title"] = self.title
        return data


def display_path(path: Path | str, base: Path | None = None) -> str:
    """A path as the user typed it relative to the working directory, with forward slashes."""
    path = Path(path)
    base = base or Path.cwd()
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


class ProblemList(list):
    """A list of problems with a helper to add one at a location."""

    def add(self, code: str, file: str, line: int, column: int, message: str, hint: str = "",
            json_path: str = "") -> None:
        self.append(Problem(code, file, line, column, message, hint, json_path))

    def sorted(self) -> list[Problem]:
        return sorted(self, key=Problem.sort_key)
