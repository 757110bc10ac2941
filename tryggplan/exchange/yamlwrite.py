"""YAML text as the guides ask for it: block style, literal blocks for multi-line text, and double quotes
around dates, periods, years, codes and anything YAML would otherwise read as something other than text."""

from __future__ import annotations

import re

import yaml

_RESOLVER = yaml.resolver.Resolver()
# Dates, months, periods ("2022-03", "2024-T1"), years and codes: quoted even where YAML would read them as text.
_LOOKS_LIKE_DATA = re.compile(r"^[0-9][0-9:\-./ T]*$|^[0-9]{4}-[A-Z][0-9]$")


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, as in the hand-written plan files."""

    def increase_indent(self, flow: bool = False, indentless: bool = False):
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data) -> bool:
        return True


def needs_quotes(value: str) -> bool:
    if _LOOKS_LIKE_DATA.match(value):
        return True
    return _RESOLVER.resolve(yaml.ScalarNode, value, (True, False)) != "tag:yaml.org,2002:str"


def _represent_str(dumper: yaml.SafeDumper, value: str):
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    if needs_quotes(value) or ": " in value or " #" in value or value != value.strip():
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _represent_str)


def dump(data, modeline: str = "") -> str:
    """data as YAML text after an optional `# yaml-language-server` modeline."""
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**9,
                     default_flow_style=False)
    if modeline and not modeline.endswith("\n"):
        modeline += "\n"
    return modeline + body
