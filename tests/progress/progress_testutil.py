"""Helpers for progress tests: golden files and a small well-formedness check for generated HTML fragments: balanced tags, unique ids,
valid table/heading structure basics. Not a full validator; the browser tests run axe."""

from __future__ import annotations

import os
from html.parser import HTMLParser
from pathlib import Path

VOID = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source"}
SVG_SELF_CLOSING_OK = True


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.ids: dict[str, int] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids[attributes["id"]] = self.ids.get(attributes["id"], 0) + 1
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        attributes = dict(attrs)
        if "id" in attributes:
            self.ids[attributes["id"]] = self.ids.get(attributes["id"], 0) + 1

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unexpected </{tag}>, open: {self.stack[-3:]}")
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()


def check_html(fragment: str) -> list[str]:
    checker = _Checker()
    checker.feed(fragment)
    checker.close()
    errors = list(checker.errors)
    if checker.stack:
        errors.append(f"unclosed: {checker.stack}")
    errors += [f"duplicate id {i}" for i, n in checker.ids.items() if n > 1]
    return errors


GOLDEN = Path(__file__).resolve().parent / "golden"


def golden(name: str, text: str) -> None:
    """Compare with a golden file; UPDATE_GOLDEN=1 (or a missing file) writes it instead."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN") == "1" or not path.exists():
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed; rerun with UPDATE_GOLDEN=1 if intended"
