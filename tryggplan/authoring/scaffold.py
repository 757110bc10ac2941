"""`tryggplan new`: start new files and add areas and actions without disturbing the rest of a file.

Everything here works on text and returns text; the CLI writes it. New list items are inserted
as text after the last item of the list, so comments, quoting and ordering elsewhere in the file
survive untouched. Every result is parsed and schema-validated again, and compared with the
expected data, before it is handed back: a file is never made worse.
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata

from tryggplan.load import schemas
from tryggplan.load.yamlmarks import LoadedYaml, load_yaml_text
from tryggplan.model import Document, FollowUp

MODELINE = "# yaml-language-server: $schema={up}schema/{kind}.schema.json\n"
_NUMBERED = re.compile(r"^([a-z]+(?:-[a-z]+)*-?)(\d+)$")


class ScaffoldError(Exception):
    """The request cannot be carried out; the message says why in Swedish."""


def modeline(kind: str) -> str:
    depth = {"organisation": 2, "plan": 3, "indicators": 3, "followup": 4}[kind]
    return MODELINE.format(up="../" * depth, kind=kind)


def q(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def slugify(text: str, limit: int = 60) -> str:
    """An id from a title: a–z, digits and hyphens; digit groups stay apart ("2023–2024" → "2023-2024")."""
    text = text.lower().replace("å", "a").replace("ä", "a").replace("ö", "o")
    text = re.sub(r"[^\w]+", " ", text)  # dashes, slashes and other signs separate words before ASCII folding
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def unique_id(base: str, taken: set[str], fallback: str) -> str:
    base = base or fallback
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    return candidate


def next_free_id(ids: list[str], taken: set[str], prefix: str) -> str:
    """The next free id in the series the items already use: a1, a2 → a3; o-3 → o-4.

    The series is the numbered prefix most of the ids share (the first one on a tie); with no numbered
    ids it is `prefix` (a1 for the first action). Ids taken anywhere in the document are skipped."""
    numbered = [m for m in (_NUMBERED.match(i) for i in ids) if m]
    if numbered:
        counts: dict[str, int] = {}
        for match in numbered:
            counts[match[1]] = counts.get(match[1], 0) + 1
        prefix = max(counts, key=lambda p: counts[p])
        number = max(int(m[2]) for m in numbered if m[1] == prefix) + 1
    else:
        number = 1
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


def next_action_id(doc_data: dict, title: str = "") -> str:
    """The "nästa lediga" id of `tryggplan new action`: the next number in the plan's series of action ids."""
    return next_free_id([a["id"] for a in _walk_actions(doc_data)], document_ids(doc_data), "a")


def document_ids(data) -> set[str]:
    """Every id used anywhere in a plan file, so new ids never collide."""
    found: set[str] = set()
    if isinstance(data, dict):
        if isinstance(data.get("id"), str):
            found.add(data["id"])
        for value in data.values():
            found |= document_ids(value)
    elif isinstance(data, list):
        for value in data:
            found |= document_ids(value)
    return found


def _walk_areas(data: dict, path: tuple = ()):
    for index, area in enumerate(data.get("areas") or []):
        if isinstance(area, dict):
            yield path + ("areas", index), area
            yield from _walk_areas(area, path + ("areas", index))


def _walk_actions(data: dict):
    for _, area in _walk_areas(data):
        for action in area.get("actions") or []:
            if isinstance(action, dict) and isinstance(action.get("id"), str):
                yield action


def _load_valid(text: str, file: str, kind: str) -> LoadedYaml:
    loaded = load_yaml_text(text, file)
    if loaded.problems or not isinstance(loaded.data, dict):
        first = loaded.problems[0].message if loaded.problems else "filen är inte en samling nycklar"
        raise ScaffoldError(f"{file} går inte att läsa: {first} Rätta filen först (kör `tryggplan validate`).")
    problems = schemas.validate(kind, loaded.data, loaded.marks, file)
    if problems:
        p = problems[0]
        raise ScaffoldError(f"{file}:{p.line}:{p.column}: {p.message} Rätta filen först (kör `tryggplan validate`).")
    return loaded


# ----------------------------------------------------------------------------------------------
# Whole new files


def organisation_text(muni_id: str, name: str, code: str) -> str:
    return (
        modeline("organisation")
        + "municipality:\n"
        + f"  id: {muni_id}\n  name: {q(name)}\n  code: {q(code)}  # SCB:s kommunkod, alltid inom citattecken\n"
        + "# Enheter: en post per nämnd, förvaltning, enhet eller roll som har ansvar i en plan, med namnet\n"
        + "# som det står i källan. Ta bort [] efter units: och # framför de tre raderna, och fyll i.\n"
        + "units: []\n"
        + "#   - id: enhetens-id  # a–z, siffror och bindestreck\n"
        + "#     name: \"Enhetens namn enligt källan\"\n"
        + "#     kind: förvaltning  # nämnd, förvaltning, sektor, stab, avdelning, enhet, verksamhet, bolag, roll, råd\n"
        + "# Externa parter som planen nämner (till exempel polisen): ta bort # framför raderna och fyll i.\n"
        + "# partners:\n"
        + "#   - id: partens-id\n#     name: \"Partens namn enligt källan\"\n#     kind: myndighet\n"
    )


def plan_text(muni_id: str, doc_id: str, title: str, kind: str = "åtgärdsplan") -> str:
    return (
        modeline("plan")
        + f"id: {doc_id}\nmunicipality: {muni_id}\nkind: {kind}\ntitle: {q(title)}\n"
        + "status: okänd  # ändra till utkast, beslutad eller upphävd när källan visar det\n"
        + "# Beslutet: ta bort # framför raderna och skriv in uppgifterna som de står i källan.\n"
        + "# decision:\n#   body: \"Beslutande organ enligt källan\"\n"
        + "#   date: \"ÅÅÅÅ-MM-DD\"  # beslutsdatum inom citattecken\n"
        + "#   paragraph: \"§ …\"\n"
        + "# Giltighetstid: ta bort # och skriv datumen (ÅÅÅÅ-MM-DD); utelämna end om dokumentet gäller tills vidare.\n"
        + "# validity:\n#   start: \"ÅÅÅÅ-MM-DD\"\n#   end: \"ÅÅÅÅ-MM-DD\"\n"
        + f"# Lägg till områden med: .venv/bin/tryggplan new area plans/{muni_id}/{doc_id} --title \"…\"\n"
    )


def followup_title(doc: Document, period: str) -> str:
    """"Uppföljning <dokument> <period>" without saying the period or "Uppföljning" twice."""
    title = " ".join(doc.display_title.split())
    if not title.casefold().startswith("uppföljning"):
        title = f"Uppföljning {title}"
    if period not in title:
        title = f"{title} {period}"
    return title


def followup_text(doc: Document, period: str, previous: FollowUp | None) -> str:
    """A follow-up for one period. Statuses are copied from the previous period, never invented.

    Actions without an earlier status are commented out with the placeholder VÄLJ, so nothing is reported
    until someone chooses a status; the file is valid as written and after following its comments."""
    statuses = ", ".join(schemas.load_schema("followup")["$defs"]["action_report"]["properties"]["status"]["enum"])
    lines = [modeline("followup").rstrip("\n"), f"document: {doc.id}", f"period: {q(period)}"]
    current = next((r for r in getattr(doc, "rounds", []) if r.period == period), None)
    if current is not None:  # a round of a rolling document: only that round's actions can be reported
        lines.append(f"round: {current.id}")
        actions = list(current.actions)
    else:
        actions = [a for a in doc.all_actions() if not getattr(a, "round_id", "")]
    lines.append(f"# title: {q(followup_title(doc, period))}")
    reported = {r.action: r for r in previous.actions if r.status} if previous else {}
    copied = [a for a in actions if a.id in reported]
    if previous is not None and copied:
        lines.append(f"# Status för åtgärderna nedan är kopierad från uppföljningen {previous.period}.")
    lines.append(f"# Tillåtna statusar: {statuses}.")
    lines.append("# En åtgärd som står bortkommenterad (#) rapporteras inte. För att rapportera den: ta bort # "
                 "framför dess rader och byt VÄLJ mot en status.")
    lines.append("# Uppföljning i ord utan status (till exempel för ett medborgarlöfte): ta bort # framför raderna")
    lines.append("# och skriv texten; actions på raden under text är de åtgärder texten handlar om.")
    lines.append("# entries:")
    lines.append("#   - text: \"Vad som har gjorts under perioden, som det står i uppföljningen.\"")
    if actions:
        lines.append(f"#     actions: [{actions[0].id}]")
    if copied:
        lines.append("actions:")
    elif not actions:
        pass
    else:
        lines.append("# Ta också bort # framför raden actions: nedan.")
        lines.append("# actions:")
    for action in actions:
        title = " ".join(action.title.split())
        title = title if len(title) <= 70 else title[:69] + "…"
        report = reported.get(action.id)
        if report is not None:
            lines.append(f"  - action: {action.id}  # {title}")
            lines.append(f"    status: {report.status}  # status {previous.period}; ändra om den har ändrats")
            lines.append("    # done: |-")
            lines.append("    #   Vad har genomförts under perioden?")
        else:
            lines.append(f"#   - action: {action.id}  # {title}")
            lines.append("#     status: VÄLJ")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------------------------
# Text-level insertion into plan.yaml


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _block_end(lines: list[str], start: int, indent: int) -> int:
    """Index after the last line of the block that starts at `start` and is indented deeper than indent."""
    last = start
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if not line.strip():
            continue
        if _indent(line) <= indent:
            break
        last = index
    return last + 1


def _get(data, path: tuple):
    for part in path:
        data = data[part]
    return data


def append_item(text: str, file: str, container: tuple, key: str, fields: list[tuple[str, str]],
                kind: str = "plan") -> tuple[str, int]:
    """Append a mapping to the list `key` of the mapping at `container`; returns (new text, line number).

    fields are (key, YAML scalar text) pairs, written in that order.
    """
    loaded = _load_valid(text, file, kind)
    data, marks = loaded.data, loaded.marks
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    holder = _get(data, container)
    existing = holder.get(key)

    def item(dash: int) -> list[str]:
        out = [" " * dash + f"- {fields[0][0]}: {fields[0][1]}\n"]
        out.extend(" " * (dash + 2) + f"{name}: {value}\n" for name, value in fields[1:])
        return out

    if existing:
        last_path = container + (key, len(existing) - 1)
        line_no, col = marks.values[last_path]
        row = lines[line_no - 1]
        dash = row.rfind("-", 0, col - 1)
        if dash < 0 or row[dash + 1:col - 1].strip():
            raise ScaffoldError(f"Listan {key} i {file} är skriven i flödesformat ([ ... ]). "
                                "Lägg till posten för hand eller skriv om listan med en post per rad.")
        at = _block_end(lines, line_no - 1, dash)
        new_lines = item(dash)
    else:
        if container:
            line_no, col = marks.values[container]
            key_indent = col - 1
        else:
            line_no, key_indent = None, 0
        if key in holder:  # an empty flow list: `actions: []`
            key_line = marks.keys[container + (key,)][0] - 1
            if not re.match(r"^\s*" + re.escape(key) + r":\s*\[\s*\]\s*(#.*)?$", lines[key_line]):
                raise ScaffoldError(f"Kan inte lägga till i {key} på rad {key_line + 1} i {file}; gör det för hand.")
            lines[key_line] = " " * key_indent + f"{key}:\n"
            at = key_line + 1
        elif line_no is None:
            at = len(lines)
            while at > 0 and not lines[at - 1].strip():
                at -= 1
            lines.insert(at, f"{key}:\n")
            at += 1
        else:
            row = lines[line_no - 1]
            dash = row.rfind("-", 0, col - 1)
            at = _block_end(lines, line_no - 1, dash if dash >= 0 else key_indent - 1)
            lines.insert(at, " " * key_indent + f"{key}:\n")
            at += 1
        new_lines = item(key_indent + 2)
    lines[at:at] = new_lines
    result = "".join(lines)
    # Safety net: the new file must parse, validate, and equal the old data plus exactly this item.
    checked = _load_valid(result, file, kind)
    expected = copy.deepcopy(data)
    holder_expected = _get(expected, container)
    new_item = {name: load_yaml_text(f"v: {value}\n", "<fält>").data["v"] for name, value in fields}
    holder_expected.setdefault(key, []).append(new_item)
    if checked.data != expected:
        raise ScaffoldError(f"Kunde inte lägga till posten i {file} utan att ändra något annat; gör det för hand.")
    return result, at + 1


def add_area(text: str, file: str, title: str, area_id: str = "", parent: str = "", kind: str = "") -> tuple[str, str, int]:
    data = _load_valid(text, file, "plan").data
    container: tuple = ()
    if parent:
        found = [path for path, area in _walk_areas(data) if area.get("id") == parent]
        if not found:
            raise ScaffoldError(_unknown_area(parent, data))
        container = found[0]
    taken = document_ids(data)
    area_id = area_id or unique_id(slugify(title), taken, "omrade")
    if area_id in taken:
        raise ScaffoldError(f"Id \"{area_id}\" används redan i {file}. Välj ett annat med --id.")
    fields = [("id", area_id), ("title", q(title))]
    if kind:
        fields.append(("kind", kind))
    new_text, line = append_item(text, file, container, "areas", fields)
    return new_text, area_id, line


def add_action(text: str, file: str, area: str, title: str, action_id: str = "") -> tuple[str, str, int]:
    data = _load_valid(text, file, "plan").data
    found = [path for path, item in _walk_areas(data) if item.get("id") == area]
    if not found:
        raise ScaffoldError(_unknown_area(area, data))
    action_id = action_id or next_action_id(data, title)
    if action_id in document_ids(data):
        raise ScaffoldError(f"Id \"{action_id}\" används redan i {file}. Välj ett annat med --id.")
    new_text, line = append_item(text, file, found[0], "actions", [("id", action_id), ("title", q(title))])
    return new_text, action_id, line


def _unknown_area(area: str, data: dict) -> str:
    known = ", ".join(a.get("id", "?") for _, a in _walk_areas(data)) or "inga"
    return f"Området \"{area}\" finns inte i planen. Områden: {known}."
