"""The semantic diff rendered for a reviewer: Markdown for the pull request, or JSON."""

from __future__ import annotations

import re
from dataclasses import asdict

from tryggplan.authoring.diffdata import DiffResult, ItemChange, shorten
from tryggplan.problems import Problem

_NEUTER = {"område"}


def _verb(change: str, noun: str) -> str:
    if noun in _NEUTER:
        return {"tillagd": "Nytt", "borttagen": "Borttaget", "ändrad": "Ändrat"}[change]
    return {"tillagd": "Ny", "borttagen": "Borttagen", "ändrad": "Ändrad"}[change]


_MD_SPECIAL = re.compile(r"[\\`*_\[\]<>&~|#!]")
_MD_REPLACE = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "`": "'"}


def _md(text: str) -> str:
    """Neutralise a quoted value for the summary: one line (a line break in a title must not start
    a heading or a link of its own), and no character that would make Markdown or HTML of it."""
    one_line = " ".join(str(text).split())
    return _MD_SPECIAL.sub(lambda m: _MD_REPLACE.get(m.group(), "\\" + m.group()), one_line)


def _code(text: str) -> str:
    """A value shown as code (ids, file names): one line, and no backtick that could close the span."""
    return " ".join(str(text).replace("`", "'").split()) or "–"


def _item_line(item: ItemChange, noun: str) -> list[str]:
    if item.change == "nytt-id":
        head = f"- **Nytt id:** `{_code(item.old_id)}` → `{_code(item.id)}` {_md(shorten(item.title))}"
    else:
        head = f"- **{_verb(item.change, noun)} {noun}:** `{_code(item.id)}` {_md(shorten(item.title))}"
    if item.details:
        head += f" ({_md('; '.join(item.details))})"
    lines = [head]
    lines.extend(f"  - {_md(f.field)}: {_md(f.old)} → {_md(f.new)}" for f in item.fields)
    return lines


def _problem_lines(problems: list[Problem], limit: int = 20) -> list[str]:
    lines = [f"> - `{_code(p.file)}:{p.line}:{p.column}` {p.code}: {_md(p.message)}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"> - … och {len(problems) - limit} problem till (kör `tryggplan validate`).")
    return lines


def _status(value: str) -> str:
    return value if value else "ej rapporterad"


def to_markdown(result: DiffResult) -> str:
    lines = ["# Ändringar i planerna", "", f"Jämför `{_code(result.base)}` (före) med `{_code(result.head)}` (efter).", ""]
    for label, problems in (("före", result.base_problems), ("efter", result.head_problems)):
        if problems:
            lines.append(f"> **Obs!** Versionen {label} (`{_code(result.base if label == 'före' else result.head)}`) "
                         f"har {len(problems)} valideringsproblem. Sammanfattningen visar bara det som gick att läsa.")
            lines.append(">")
            lines.extend(_problem_lines(problems))
            lines.append("")
    if not result.has_changes:
        lines.append("Inga ändringar i planernas innehåll.")
        return "\n".join(lines) + "\n"
    for org in result.organisations:
        lines.append(f"## {_md(org.name)}: organisation")
        lines.append("")
        if org.change != "ändrad":
            lines.append(f"- **{'Ny kommun' if org.change == 'tillagd' else 'Kommunen borttagen'}:** "
                         f"`{_code(org.municipality)}` {_md(org.name)}")
        lines.extend(f"- {_md(f.field)}: {_md(f.old)} → {_md(f.new)}" for f in org.metadata)
        for unit in org.units:
            noun = unit.details[0] if unit.details else "enhet"
            shown = ItemChange(unit.change, unit.id, unit.title, fields=unit.fields)
            lines.extend(_item_line(shown, noun))
        lines.append("")
    for plan in result.plans:
        lines.append(f"## {_md(plan.municipality)}: {_md(plan.title)}")
        lines.append("")
        if plan.change == "tillagd":
            lines.extend([f"- **Nytt dokument:** `{_code(plan.key)}` ({_md(plan.summary)})", ""])
        elif plan.change == "borttagen":
            lines.extend([f"- **Borttaget dokument:** `{_code(plan.key)}` (hade {_md(plan.summary)})", ""])
        elif plan.change == "oläslig":
            lines.extend([f"- **Kunde inte jämföras:** plan.yaml i `{_code(plan.key)}` går inte att läsa i versionen "
                          f"{plan.summary}. Rätta problemen ovan.", ""])
            continue
        else:
            lines.extend([f"`{_code(plan.key)}`", ""])
        if plan.metadata:
            lines.extend(["### Uppgifter om dokumentet", ""])
            lines.extend(f"- {_md(f.field)}: {_md(f.old)} → {_md(f.new)}" for f in plan.metadata)
            lines.append("")
        if plan.areas:
            lines.extend(["### Områden", ""])
            for item in plan.areas:
                lines.extend(_item_line(item, "område"))
            lines.append("")
        if plan.actions:
            lines.extend(["### Åtgärder", ""])
            for item in plan.actions:
                lines.extend(_item_line(item, "åtgärd"))
            lines.append("")
        if plan.statuses or plan.followups:
            lines.extend(["### Uppföljning", ""])
            for item in plan.followups:
                if item.old_id:
                    lines.append(f"- **{_md(item.id)}**, `{_code(item.old_id)}` {_md(shorten(item.title))}: rapporten ändrad")
                    lines.extend(f"  - {_md(f.field)}: {_md(f.old)} → {_md(f.new)}" for f in item.fields)
                elif item.change == "ändrad":
                    lines.append(f"- **{_md(item.id)}**: {_md(item.title)} ändrad")
                    lines.extend(f"  - {_md(f.field)}: {_md(f.old)} → {_md(f.new)}" for f in item.fields)
                else:
                    lines.extend(_item_line(item, "uppföljning"))
            for status in plan.statuses:
                lines.append(f"- **{_md(status.period)}**, `{_code(status.action)}` {_md(shorten(status.title))}: "
                             f"{_md(_status(status.old))} → {_md(_status(status.new))}")
            lines.append("")
        if plan.indicators:
            lines.extend(["### Indikatorer", ""])
            for item in plan.indicators:
                if item.change == "ändrad":
                    lines.append(f"- `{_code(item.id)}` {_md(shorten(item.title))}")
                    lines.extend(f"  - {_md(d)}" for d in item.details)
                    lines.extend(f"  - {_md(f.field)}: {_md(f.old)} → {_md(f.new)}" for f in item.fields)
                else:
                    lines.extend(_item_line(item, "indikator"))
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def to_json(result: DiffResult) -> dict:
    data = asdict(result)
    data["base_problems"] = [p.as_dict() for p in result.base_problems]
    data["head_problems"] = [p.as_dict() for p in result.head_problems]
    return data

