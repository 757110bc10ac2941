"""Reporters: the only code that turns problems into text. Chosen by name."""

from __future__ import annotations

import json

from tryggplan.problems import Problem


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_text(problems: list[Problem]) -> str:
    lines = []
    for p in problems:
        lines.append(f"{p.file}:{p.line}:{p.column}: {p.code}: {p.message}")
        if p.hint:
            lines.append(f"    Åtgärd: {p.hint}")
    return "\n".join(lines)


def format_github(problems: list[Problem]) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line."""
    lines = []
    for p in problems:
        message = p.message + (f"\n{p.hint}" if p.hint else "")
        lines.append(
            f"::{p.severity} file={_escape_property(p.file)},line={p.line},col={p.column},"
            f"title={_escape_property(p.code + ': ' + p.title)}::{_escape_data(message)}")
    return "\n".join(lines)


def format_json(problems: list[Problem]) -> str:
    return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2)


REPORTERS = {"text": format_text, "github": format_github, "json": format_json}


def summary_line(problems: list[Problem], files: int) -> str:
    if not problems:
        return f"Inga problem hittades i {files} filer."
    file_count = len({p.file for p in problems})
    noun = "problem"
    return f"{len(problems)} {noun} i {file_count} av {files} filer."
