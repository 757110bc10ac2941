"""Strict, safe YAML loading that remembers where every value came from.

PyYAML's C parser produces events; we build plain Python data from them ourselves so that we can
record the line and column of every key and value, reject duplicate keys, anchors, aliases
(no YAML bombs) and tags, and turn YAML 1.1 surprises (unquoted dates) into consistent values.
Nothing here prints or raises on bad input: problems are returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tryggplan.load import limits
from tryggplan.problems import Problem

try:  # libyaml is 5-10 times faster; fall back to the pure-Python parser if it is missing.
    from yaml import CSafeLoader as _Loader
    _LIBYAML = True
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _Loader
    _LIBYAML = False

MAX_FILE_BYTES = limits.file_bytes()
# Deeper nesting is refused while parsing, before the data (and its marks) grow with depth squared.
MAX_DEPTH = limits.nesting_depth()
_BOM = b"\xef\xbb\xbf"
_TAB_INDENT = re.compile(r" *\t")
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()
_CONSTRUCT = {
    "tag:yaml.org,2002:int": _constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _constructor.construct_yaml_float,
    "tag:yaml.org,2002:bool": _constructor.construct_yaml_bool,
    "tag:yaml.org,2002:null": _constructor.construct_yaml_null,
}

Path_ = tuple[Any, ...]  # a JSON path as a tuple of keys (str) and indexes (int)


@dataclass(slots=True)
class Marks:
    """Where each value (and each mapping key) starts in the file, 1-based."""

    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    # Plain scalars that YAML 1.1 turned into something other than text: path -> source text.
    coerced: dict[Path_, str] = field(default_factory=dict)

    def locate(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Best location for a path: the key itself if asked, else the value, else the nearest parent."""
        path = tuple(path)
        if key and path in self.keys:
            return self.keys[path]
        while True:
            if path in self.values:
                return self.values[path]
            if not path:
                return (1, 1)
            path = path[:-1]


@dataclass(slots=True)
class LoadedYaml:
    file: str
    data: Any
    marks: Marks  # or _LazyMarks, which answers the same questions
    problems: list[Problem]
    # The file's text when it could not be parsed, so later checks can still see which ids it
    # would have defined (and not report references to them as unknown).
    source_text: str | None = None
    # Rows whose tab indentation was replaced by a guess: later problems on them are not reported.
    guessed_lines: frozenset[int] = frozenset()

    @property
    def ok(self) -> bool:
        return not self.problems


def _problem(code: str, file: str, line: int, col: int, message: str, hint: str) -> Problem:
    return Problem(code, file, line, col, message, hint)


def load_yaml_bytes(raw: bytes, file: str) -> LoadedYaml:
    """Parse one YAML file's bytes. Returns data (None on a fatal problem), marks and problems."""
    marks = Marks()
    if len(raw) > MAX_FILE_BYTES:
        return LoadedYaml(file, None, marks, [_problem(
            "yaml-too-large", file, 1, 1,
            f"Filen är {len(raw) // 1024} kB, mer än gränsen {MAX_FILE_BYTES // 1024} kB.",
            "Dela upp innehållet i flera filer, till exempel en uppföljning per period.")])
    if raw.startswith(_BOM):
        return LoadedYaml(file, None, marks, source_text=raw[3:].decode("utf-8", errors="replace"), problems=[_problem(
            "yaml-bom", file, 1, 1,
            "Filen börjar med ett osynligt BOM-tecken (byte order mark).",
            "Spara filen som UTF-8 utan BOM (i VS Code: klicka på \"UTF-8 with BOM\" i statusraden och välj \"Save with Encoding\" → \"UTF-8\").")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return LoadedYaml(file, None, marks, source_text=raw.decode("utf-8", errors="replace"), problems=[_problem(
            "yaml-encoding", file, line, col,
            "Filen är inte sparad som UTF-8 (den är troligen sparad som Windows-1252 eller Latin-1).",
            "Spara om filen med teckenkodningen UTF-8 så att å, ä och ö blir rätt.")])
    return load_yaml_text(text, file)


def load_yaml_text(text: str, file: str) -> LoadedYaml:
    """Parse one YAML text. Returns data (None on a fatal problem), marks and problems."""
    loaded = _load_yaml_text(text, file)
    if loaded.data is None and loaded.problems:
        loaded.source_text = text
    return loaded


def _load_yaml_text(text: str, file: str) -> LoadedYaml:
    marks = Marks()
    if not _has_content(text):
        return LoadedYaml(file, None, marks, [_problem(
            "yaml-empty", file, 1, 1, "Filen är tom.",
            "Fyll i innehållet eller ta bort filen. Kommandot `tryggplan new` skapar en ifylld mall.")])
    # First pass without marks: most files are fine, and then nobody asks where a value is.
    # At the first sign of trouble, or when a check later asks for a location, the file is parsed
    # again with marks (see _LazyMarks), so every problem is still located exactly.
    fast = _FastBuilder(file, marks)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            fast.feed(event)
        if fast.root is not None:
            return LoadedYaml(file, fast.root, _LazyMarks(text, file), [])
    except (_NeedsMarks, yaml.YAMLError):
        pass
    builder = _Builder(file, marks)
    try:
        for event in yaml.parse(text, Loader=_Loader):
            builder.feed(event)
            if builder.fatal:
                break
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        tab = _tab_in_indent(text, line)
        if tab:
            return _recover_from_tabs(text, file, tab)
        reason = exc.problem or ""
        slip = None
        if "mapping values" in reason:
            slip = _indented_too_far(text, line, col)
        elif "expected key" in reason or "expected <block end>" in reason:
            slip = _indented_too_far(text, line, None)
        if slip:
            return LoadedYaml(file, None, marks, [_problem(
                "yaml-syntax", file, line, slip[0] + 1,
                f"YAML-syntaxfel: raden är indragen {slip[0] - slip[1]} mellanslag mer än raden ovanför, "
                "så den läses som en fortsättning på värdet där.",
                f"Ge raden samma indrag som raden ovanför ({slip[1]} mellanslag), eller flytta den under "
                "rätt nyckel.")])
        return LoadedYaml(file, None, marks, [_problem(
            "yaml-syntax", file, line, col,
            f"YAML-syntaxfel: {_swedish_syntax(exc.problem or str(exc))}.",
            "Kontrollera indraget och att text med kolon (:) eller # står inom citattecken.")])
    except yaml.reader.ReaderError as exc:
        # A control character such as NUL or U+FFFE: text copied from a PDF or a word processor.
        position = exc.position if isinstance(exc.position, int) else 0
        if _LIBYAML:  # libyaml counts UTF-8 bytes, PyYAML counts characters
            position = len(text.encode("utf-8")[:position].decode("utf-8", errors="ignore"))
        line = text.count("\n", 0, position) + 1
        col = position - (text.rfind("\n", 0, position) + 1) + 1
        char = ord(exc.character) if isinstance(exc.character, str) else int(exc.character or 0)
        return LoadedYaml(file, None, marks, [_problem(
            "yaml-syntax", file, line, col,
            f"Filen innehåller ett osynligt styrtecken (U+{char:04X}) som inte är tillåtet i YAML.",
            "Ta bort tecknet, eller skriv om raden för hand. Sådana tecken följer ofta med text som kopierats från en PDF.")])
    except yaml.YAMLError as exc:
        return LoadedYaml(file, None, marks, [_problem(
            "yaml-syntax", file, 1, 1, f"YAML-syntaxfel: {_swedish_syntax(str(exc))}.",
            "Kontrollera att filen är giltig YAML.")])
    if builder.problems:
        return LoadedYaml(file, None if builder.fatal else builder.root, marks, builder.problems)
    if builder.root is None:
        return LoadedYaml(file, None, marks, [_problem(
            "yaml-empty", file, 1, 1, "Filen innehåller inga värden.",
            "Fyll i innehållet eller ta bort filen.")])
    return LoadedYaml(file, builder.root, marks, [])


_SIMPLE_KEY = re.compile(r"( *)[^\s:#'\"\[\]{}&*!|>%@`-][^:#]*?:(?: |$)")
_KEY_VALUE = re.compile(r"( *)(?:- +)?[^\s:#'\"\[\]{}][^:#]*?: +[^\s|>&*!#]")


def _indented_too_far(text: str, line: int, col: int | None) -> tuple[int, int] | None:
    """(indent of the line, indent of the line above) when a `key: value` line is indented more
    than the `key: value` line above it: YAML then reads it as more text of the value above and
    stops at its colon. That is an indentation slip, not a colon that needs quoting."""
    lines = text.split("\n")
    if not 1 < line <= len(lines):
        return None
    current = _SIMPLE_KEY.match(lines[line - 1])
    if current is None:
        return None
    if col is not None and (current.end() - 1 > col or col > current.end() + 1):
        return None  # the colon YAML stopped at is not the one after the line's first key
    above = line - 2
    while above >= 0 and (not lines[above].strip() or lines[above].lstrip().startswith("#")):
        above -= 1
    previous = _KEY_VALUE.match(lines[above]) if above >= 0 else None
    if previous is None:
        return None
    indent, previous_indent = len(current.group(1)), len(previous.group(1))
    if lines[above].lstrip().startswith("-"):
        previous_indent = len(previous.group(0)) - len(previous.group(0).lstrip(" -"))
    return (indent, previous_indent) if indent > previous_indent else None


def _tab_problem(file: str, tab: tuple[int, int]) -> Problem:
    return _problem("yaml-tab", file, tab[0], tab[1],
                    "Raden är indragen med tabbtecken. YAML tillåter bara mellanslag i indrag.",
                    "Byt tabben mot mellanslag (två per nivå).")


def _parse_error_line(text: str) -> int | None:
    """None if text parses, else the line of the parse error (0 for an error without a line)."""
    try:
        for _ in yaml.parse(text, Loader=_Loader):
            pass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return mark.line + 1 if mark else 0
    except yaml.YAMLError:
        return 0
    return None


def _recover_from_tabs(text: str, file: str, tab: tuple[int, int]) -> LoadedYaml:
    """Report every tab that breaks the indentation, and read the rest of the file anyway.

    Each such tab is replaced by the number of spaces (2, 4 or 8, the one that lines the row up
    with the row above first) that lets parsing get past that row. If the file then parses, its
    data is checked like any other file's, except that problems on the guessed rows are dropped;
    if not, the tabs found so far are reported alone.
    """
    problems = [_tab_problem(file, tab)]
    guessed: set[int] = set()
    lines = text.split("\n")
    for _ in range(200):
        row = tab[0] - 1
        indent = len(lines[row]) - len(lines[row].lstrip(" \t"))
        above = next((ln for ln in reversed(lines[:row]) if ln.strip() and not ln.lstrip().startswith("#")), "")
        above_indent = len(above.expandtabs(2)) - len(above.lstrip(" \t"))
        widths = sorted((2, 4, 8), key=lambda w: len(lines[row][:indent].expandtabs(w)) != above_indent)
        for width in widths:
            candidate = lines[:row] + [lines[row][:indent].expandtabs(width) + lines[row][indent:]] + lines[row + 1:]
            error_line = _parse_error_line("\n".join(candidate))
            if error_line is None or error_line > tab[0]:
                break
        else:
            return LoadedYaml(file, None, Marks(), problems)
        lines = candidate
        guessed.add(tab[0])
        if error_line is None:
            break
        next_tab = _tab_in_indent("\n".join(lines), error_line)
        if next_tab is None:
            return LoadedYaml(file, None, Marks(), problems)
        tab = next_tab
        problems.append(_tab_problem(file, tab))
    else:
        return LoadedYaml(file, None, Marks(), problems)
    recovered = _load_yaml_text("\n".join(lines), file)
    if recovered.data is None:
        return LoadedYaml(file, None, Marks(), problems)
    return LoadedYaml(file, recovered.data, recovered.marks, problems + recovered.problems,
                      guessed_lines=frozenset(guessed))


def _tab_in_indent(text: str, error_line: int) -> tuple[int, int] | None:
    """The tab that caused a parse error on error_line, if that line is indented with one.

    Tabs are only checked when parsing fails: inside a block scalar (`|`) or a quoted text a tab
    at the start of a line is ordinary content, and the parser accepts it.
    """
    start = 0
    for _ in range(error_line - 1):
        start = text.find("\n", start) + 1
        if start == 0:
            return None
    tab = _TAB_INDENT.match(text, start)
    if tab is None or text.count("\n", start, tab.end()):
        return None
    return error_line, tab.end() - start


def load_yaml_file(path: Path, display: str) -> LoadedYaml:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return LoadedYaml(display, None, Marks(), [_problem(
            "path-not-found", display, 1, 1, f"Filen kunde inte läsas: {exc.strerror}.",
            "Kontrollera sökvägen och filens rättigheter.")])
    return load_yaml_bytes(raw, display)


def _has_content(text: str) -> bool:
    for line in text.splitlines():
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and stripped not in ("---", "..."):
            return True
    return False


_SYNTAX_PHRASES = [  # libyaml's and PyYAML's wording -> what it means for the person editing
    ("mapping values are not allowed", "ett kolon (:) på fel ställe, troligen i text som behöver citattecken"),
    ("mapping keys are not allowed", "en nyckel på fel ställe, troligen fel indrag"),
    ("block sequence entries are not allowed", "ett listtecken (-) på fel ställe, troligen fel indrag"),
    ("could not find expected ':'", "ett kolon (:) saknas efter en nyckel"),
    ("did not find expected key", "indraget stämmer inte, eller en nyckel saknas"),
    ("did not find expected '-' indicator", "indraget stämmer inte i en lista"),
    ("did not find expected ',' or ']'", "en lista inom [ ] stängs inte, eller ett kommatecken saknas"),
    ("did not find expected ',' or '}'", "en { som inte stängs med }, eller ett kommatecken som saknas mellan fälten"),
    ("did not find expected node content", "ett värde saknas"),
    ("did not find expected comment or line break", "text efter ett värde som borde stå på en egen rad"),
    ("did not find expected whitespace", "ett mellanslag saknas"),
    ("did not find expected <document start>", "innehåll på fel ställe efter dokumentets slut"),
    ("found character that cannot start any token", "ett tecken som inte får inleda ett värde (sätt texten inom citattecken)"),
    ("found unexpected end of stream", "filen tar slut mitt i ett värde, troligen ett citattecken som inte stängs"),
    ("found unexpected document indicator", "--- eller ... i början av en rad inne i en text"),
    ("found unknown escape character", "ett okänt specialtecken efter \\ i en text inom dubbla citattecken"),
    ("found invalid Unicode character escape code", "en ogiltig teckenkod efter \\ i en text inom dubbla citattecken"),
    ("found a tab character", "ett tabbtecken där YAML kräver mellanslag"),
    ("found unexpected ':'", "ett kolon (:) på fel ställe"),
    ("found an indentation indicator equal to 0", "en siffra 0 efter | eller >"),
    ("expected <block end>, but found", "indraget stämmer inte"),
    ("found undefined tag handle", "en okänd tagg (!)"),
    ("found undefined alias", "ett alias (*) som inte finns"),
    ("alphabetic or numeric character", "ett ogiltigt namn efter & eller *"),
    ("directive", "en ogiltig rad som börjar med %"),
    ("version number", "en ogiltig rad som börjar med %YAML"),
    ("found incompatible YAML document", "en YAML-version som inte stöds"),
    ("tag URI", "en ogiltig tagg (!)"),
    ("expected '!'", "en ogiltig tagg (!)"),
    ("hexdecimal number", "en ogiltig teckenkod efter \\ i en text inom dubbla citattecken"),
]


def _swedish_syntax(problem: str) -> str:
    for english, swedish in _SYNTAX_PHRASES:
        if english in problem:
            return swedish
    return f"filen går inte att tolka här (tolkaren säger \"{problem}\")"


def _show_tag(tag: str) -> str:
    """The tag as it is written in the file: tag:yaml.org,2002:python/... is written !!python/..."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix):] if tag.startswith(prefix) else tag


class _Builder:
    """Turns parser events into dicts, lists and scalars while recording marks."""

    __slots__ = ("file", "marks", "problems", "stack", "root", "fatal", "documents", "values", "keys")

    def __init__(self, file: str, marks: Marks):
        self.file = file
        self.marks = marks
        self.problems: list[Problem] = []
        self.stack: list[list[Any]] = []  # frames: [container, path, pending_key, is_mapping]
        self.root = None
        self.fatal = False
        self.documents = 0
        self.values = marks.values  # bound once: _place runs for every value in the file
        self.keys = marks.keys

    def _fail(self, code: str, mark: Any, message: str, hint: str) -> None:
        self.problems.append(_problem(code, self.file, mark.line + 1, mark.column + 1, message, hint))
        self.fatal = True

    def feed(self, event: Any) -> None:
        kind = type(event)
        if kind is _ScalarEvent:
            if event.anchor is None and event.tag is None:  # the common case: no checks needed
                value = event.value
                if event.implicit[0] and (not value or value[0] in _RESOLVED_FIRST):
                    value = self._scalar(event)
                self._place(value, event)
            elif self._check_node(event):
                self._place(self._scalar(event), event)
        elif kind is yaml.MappingStartEvent:
            if len(self.stack) >= MAX_DEPTH:
                self._too_deep(event)
            elif self._check_node(event):
                container: dict[str, Any] = {}
                path = self._place(container, event)
                if path is not None:
                    self.stack.append([container, path, _NO_KEY, True])
        elif kind is yaml.SequenceStartEvent:
            if len(self.stack) >= MAX_DEPTH:
                self._too_deep(event)
            elif self._check_node(event):
                container_list: list[Any] = []
                path = self._place(container_list, event)
                if path is not None:
                    self.stack.append([container_list, path, _NO_KEY, False])
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self.stack.pop()
        elif kind is yaml.AliasEvent:
            self._fail("yaml-alias", event.start_mark,
                       f"Alias (*{event.anchor}) är inte tillåtna i planfiler.",
                       "Skriv ut värdet i stället för att hänvisa till ett ankare (&). Det gör filen lättare att läsa och skyddar mot så kallade YAML-bomber.")
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self._fail("yaml-syntax", event.start_mark,
                           "Filen innehåller mer än ett YAML-dokument (flera ---).",
                           "Ta bort den extra raden med --- eller dela upp innehållet i flera filer.")

    def _too_deep(self, event: Any) -> None:
        self._fail("yaml-too-deep", event.start_mark,
                   f"Värdena är inbäddade i mer än {MAX_DEPTH} nivåer.",
                   "Planfiler behöver inte så många nivåer av listor och avsnitt. Lägg innehållet på färre "
                   "nivåer, till exempel underavsnitt som egna avsnitt.")

    def _check_node(self, event: Any) -> bool:
        if event.anchor is not None:
            self._fail("yaml-alias", event.start_mark,
                       f"Ankare (&{event.anchor}) är inte tillåtna i planfiler.",
                       "Ta bort ankaret och skriv ut värdet där det behövs. Det skyddar mot så kallade YAML-bomber.")
            return False
        tag = event.tag
        if tag is not None and tag != "!" and tag not in _STANDARD_TAGS:
            self._fail("yaml-tag", event.start_mark,
                       f"Taggen {_show_tag(tag)} är inte tillåten.",
                       "Ta bort taggen (det som börjar med !). Planfiler får bara innehålla text, tal, listor och nycklar.")
            return False
        return True

    def _scalar(self, event: Any) -> Any:
        value = event.value
        if event.tag == "!" or not event.implicit[0]:
            # Quoted, or explicitly tagged with a standard tag.
            tag = event.tag if event.tag not in (None, "!") else "tag:yaml.org,2002:str"
        else:
            tag = _resolver.resolve(yaml.ScalarNode, value, event.implicit)
        if tag == "tag:yaml.org,2002:str" or tag == "tag:yaml.org,2002:timestamp":
            # An unquoted date is read as exactly the text written, like a quoted one (and like
            # YAML 1.2 and the editors' schema check): dates need no quotes, anywhere.
            return value
        construct = _CONSTRUCT.get(tag)
        if construct is None:
            return value
        try:
            result = construct(yaml.ScalarNode(tag, value))
        except (ValueError, yaml.YAMLError):
            return value
        return result

    def _place(self, value: Any, event: Any) -> Path_ | None:
        """Attach a value to its parent; returns the value's path (None if it was a bad key)."""
        mark = event.start_mark
        where = (mark.line + 1, mark.column + 1)
        if not self.stack:
            self.root = value
            self.values[()] = where
            return ()
        frame = self.stack[-1]
        container, path, pending, is_mapping = frame
        if is_mapping:
            if pending is _NO_KEY:
                if isinstance(value, (dict, list)):
                    self._fail("yaml-key-type", mark, "En nyckel måste vara en enkel text.",
                               "Skriv nyckeln som text följd av kolon, till exempel `title:`.")
                    return None
                key = value if isinstance(value, str) else _scalar_source(event)
                key_path = path + (key,)
                if key in container:
                    first = self.keys.get(key_path, (0, 0))[0]
                    self.problems.append(_problem(
                        "yaml-duplicate-key", self.file, where[0], where[1],
                        f"Nyckeln \"{key}\" finns redan på rad {first} i samma avsnitt.",
                        "Ta bort den ena eller slå ihop dem. Bara ett värde per nyckel räknas."))
                    frame[2] = _DUPLICATE
                    return None
                self.keys[key_path] = where
                frame[2] = key
                return None
            key = pending
            frame[2] = _NO_KEY
            if key is _DUPLICATE:
                # Keep the first value; still walk into the duplicate to find its own problems.
                child_path = path + ("\x00dup",)
                return child_path if isinstance(value, (dict, list)) else None
            container[key] = value
            child_path = path + (key,)
        else:
            child_path = path + (len(container),)
            container.append(value)
        self.values[child_path] = where
        if value.__class__ is not str and not isinstance(value, (str, dict, list)) and event.__class__ is _ScalarEvent \
                and event.implicit[0]:
            self.marks.coerced[child_path] = event.value
        return tuple(child_path)


class _NeedsMarks(Exception):
    """Raised by the fast builder on anything unusual: the full builder then reports it."""


class _FastBuilder(_Builder):
    """Builds the same data as _Builder but records no marks and gives up on the first problem."""

    __slots__ = ()

    def _fail(self, code: str, mark: Any, message: str, hint: str) -> None:
        raise _NeedsMarks

    def _place(self, value: Any, event: Any) -> Path_ | None:
        stack = self.stack
        if not stack:
            self.root = value
            return ()
        frame = stack[-1]
        if frame[3]:  # a mapping
            pending = frame[2]
            if pending is _NO_KEY:
                if value.__class__ is not str:
                    if isinstance(value, (dict, list)):
                        raise _NeedsMarks
                    value = event.value  # a key that YAML read as a number or boolean: keep its text
                if value in frame[0]:
                    raise _NeedsMarks  # duplicate key
                frame[2] = value
                return None
            frame[0][pending] = value
            frame[2] = _NO_KEY
        else:
            frame[0].append(value)
        return ()


class _LazyMarks:
    """Marks for a file that parsed without problems, worked out only if something asks for them."""

    __slots__ = ("_text", "_file", "_marks")

    def __init__(self, text: str, file: str):
        self._text = text
        self._file = file
        self._marks: Marks | None = None

    def _load(self) -> Marks:
        if self._marks is None:
            marks = Marks()
            builder = _Builder(self._file, marks)
            for event in yaml.parse(self._text, Loader=_Loader):
                builder.feed(event)
            self._marks = marks
            self._text = ""
        return self._marks

    @property
    def values(self) -> dict[Path_, tuple[int, int]]:
        return self._load().values

    @property
    def keys(self) -> dict[Path_, tuple[int, int]]:
        return self._load().keys

    @property
    def coerced(self) -> dict[Path_, str]:
        return self._load().coerced

    def locate(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        return self._load().locate(path, key=key)


_NO_KEY = object()
_ScalarEvent = yaml.ScalarEvent
# First characters of plain scalars that YAML 1.1 may turn into something other than text
# (numbers, booleans, null, dates, merge keys); any other plain scalar is text as it stands.
_RESOLVED_FIRST = frozenset(key for key in _resolver.yaml_implicit_resolvers if key)
_DUPLICATE = object()


def _scalar_source(event: Any) -> str:
    return str(event.value)
