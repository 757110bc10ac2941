"""Reporters, chosen by name: the only code that turns problems into text.

Every reporter shows control characters from the data escaped (ESC as \\x1b, a bidi override as
\\u202e), so a value quoted in a message can never move the cursor, clear the terminal, colour
GitHub's log or reorder the text around it.
"""

from __future__ import annotations

import json
import re

from tryggplan.problems import Problem

# GitHub shows at most this many error annotations per step; the rest are dropped silently.
GITHUB_ANNOTATION_LIMIT = 10

# C0 and C1 controls and DEL, bidi embeddings, overrides, isolates and marks, line and paragraph
# separators, and the byte order mark: characters that change how a terminal or browser shows text.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def _escape_char(match: re.Match) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str) -> str:
    """text with every character that could control a terminal written as a visible escape."""
    return _UNSAFE.sub(_escape_char, text)


def _safe(problem: Problem) -> tuple[str, str, str, str]:
    return (terminal_safe(problem.file), terminal_safe(problem.code), terminal_safe(problem.message),
            terminal_safe(problem.hint))


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_text(problems: list[Problem]) -> str:
    lines = []
    for p in problems:
        file, code, message, hint = _safe(p)
        lines.append(f"{file}:{p.line}:{p.column}: {code}: {message}")
        if hint:
            lines.append(f"    Åtgärd: {hint}")
    return "\n".join(lines)


def _annotation(p: Problem) -> str:
    file, code, message, hint = _safe(p)
    text = message + (f"\n{hint}" if hint else "")
    title = terminal_safe(code + ": " + p.title)
    return (f"::{p.severity} file={_escape_property(file)},line={p.line},col={p.column},"
            f"title={_escape_property(title)}::{_escape_data(text)}")


def format_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line.

    GitHub keeps only the first ten error annotations of a step. Problems arrive root causes
    first; when there are more than ten, the tenth annotation says how many more there are and
    the rest follow as plain log lines, so nothing is silently lost.
    """
    if len(problems) <= GITHUB_ANNOTATION_LIMIT:
        return "\n".join(_annotation(p) for p in problems)
    shown = problems[:GITHUB_ANNOTATION_LIMIT - 1]
    rest = problems[GITHUB_ANNOTATION_LIMIT - 1:]
    files = len({p.file for p in rest})
    summary = (f"::error title={_escape_property('Fler problem')}::"
               + _escape_data(f"{len(rest)} problem till i {files} {'fil' if files == 1 else 'filer'} visas inte "
                              f"som anteckningar (GitHub visar högst {GITHUB_ANNOTATION_LIMIT}).\n"
                              "Hela listan står i loggen för steget. De första problemen kan vara orsaken "
                              "till resten: rätta dem först och kör kontrollen igen."))
    lines = [_annotation(p) for p in shown] + [summary, format_text(rest)]
    return "\n".join(lines)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]")


def format_json(problems: list[Problem]) -> str:
    # json.dumps escapes C0 controls itself; the others are escaped here (still valid JSON).
    text = json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


REPORTERS = {"text": format_text, "github": format_github, "json": format_json}


def summary_line(problems: list[Problem], files: int) -> str:
    if not problems:
        return f"Inga problem hittades i {files} filer."
    file_count = len({p.file for p in problems})
    noun = "problem"
    return f"{len(problems)} {noun} i {file_count} av {files} filer."

