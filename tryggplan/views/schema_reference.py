"""The schema reference: every field of every schema, from the schemas themselves.

`schema_fields(kind)` walks a schema (following $ref across files, stopping at recursion) and
returns one FieldDoc per property: its path in the file, Swedish title, description, type,
whether it is required, allowed values and an example. `render_schema_reference()` turns them
into the Markdown page published at bidra/schemareferens.md. Never out of date: the page and
the validator read the same files.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from tryggplan.load.schemas import KINDS, load_schema

FILES = {
    "organisation": "plans/<kommun>/organisation.yaml",
    "plan": "plans/<kommun>/<dokument>/plan.yaml",
    "indicators": "plans/<kommun>/<dokument>/indicators.yaml",
    "followup": "plans/<kommun>/<dokument>/followup/<period>.yaml",
}
_TYPES = {"string": "text", "integer": "heltal", "number": "tal", "boolean": "sant/falskt (true/false)",
          "array": "lista", "object": "avsnitt med egna fält", "null": "tomt (null)"}
_FORMAT_EXAMPLES = {"date": "2024-09-17", "month_or_date": "2026-07", "period": "2024", "id": "exempel-id",
                    "document_ref": "kungalv/trygg-i-kungalv"}
_QUOTED_EXAMPLE = re.compile(r"(?:till exempel|t\.ex\.|som)\s+\"([^\"]+)\"")


@dataclass(slots=True)
class FieldDoc:
    kind: str
    path: str  # areas[].actions[].title
    title: str
    description: str
    type: str
    required: bool
    allowed: list = field(default_factory=list)
    example: str = ""
    pattern: str = ""
    same_as: str = ""  # for recursive structures: the path whose fields apply here

    @property
    def name(self) -> str:
        return self.path.rsplit(".", 1)[-1].removesuffix("[]")


def _resolve(node: dict, file: str) -> tuple[dict, str, list[str]]:
    """Follow $ref; the merged node (own keys win), the file it ends in, and the refs passed."""
    merged = dict(node)
    refs: list[str] = []
    while "$ref" in merged:
        ref = merged.pop("$ref")
        target_file, _, fragment = ref.partition("#")
        if target_file:
            file = target_file.removesuffix(".schema.json")
        refs.append(f"{file}#{fragment}")
        target = load_schema(file)
        for part in fragment.strip("/").split("/") if fragment else []:
            target = target[part]
        merged = {**target, **merged}
    return merged, file, refs


def _type_text(node: dict, file: str) -> str:
    types = node.get("type")
    if isinstance(types, list):
        return " eller ".join(str(_TYPES.get(t, t)) for t in types)
    if types == "array":
        items, _, _ = _resolve(node.get("items", {}), file)
        inner = items.get("title") or (_type_text(items, file) if items else "")
        return f"lista med {inner.lower() if inner else 'värden'}"
    if types:
        return _TYPES.get(types, types)
    if "enum" in node:
        return "ett av värdena nedan"
    return "värde"


def _example(node: dict, refs: list[str]) -> str:
    if node.get("examples"):
        return json.dumps(node["examples"][0], ensure_ascii=False)
    if "enum" in node:
        return json.dumps(node["enum"][0], ensure_ascii=False)
    if "default" in node:
        return json.dumps(node["default"], ensure_ascii=False)
    match = _QUOTED_EXAMPLE.search(node.get("description", ""))
    if match and node.get("type") == "string":
        return json.dumps(match[1], ensure_ascii=False)
    for ref in reversed(refs):
        name = ref.rsplit("/", 1)[-1]
        if name in _FORMAT_EXAMPLES:
            return json.dumps(_FORMAT_EXAMPLES[name], ensure_ascii=False)
    kind = node.get("type")
    if kind == "boolean":
        return "true"
    if kind == "integer":
        return str(node.get("minimum", 1))
    if kind == "number":
        return "0.67"
    return ""


def _list_example(item: dict, refs: list[str]) -> str:
    if item.get("type") == "object":
        return ""
    names = [ref.rsplit("/", 1)[-1] for ref in refs]
    known = [n for n in reversed(names) if n in _FORMAT_EXAMPLES]
    inner = json.dumps(_FORMAT_EXAMPLES[known[0]], ensure_ascii=False) if known else _example(item, refs)
    return f"[{inner}]" if inner else ""


def schema_fields(kind: str) -> list[FieldDoc]:
    root = load_schema(kind)
    out: list[FieldDoc] = []
    _walk(kind, root, kind, "", [], out, {})
    return out


def _walk(kind: str, node: dict, file: str, prefix: str, stack: list[str], out: list[FieldDoc],
          seen: dict[str, str]) -> None:
    node, file, _ = _resolve(node, file)
    required = set(node.get("required", []))
    for name, sub in node.get("properties", {}).items():
        resolved, sub_file, refs = _resolve(sub, file)
        path = f"{prefix}.{name}" if prefix else name
        item, item_file, item_refs = (resolved, sub_file, refs)
        container_path = path
        if resolved.get("type") == "array":
            item, item_file, item_refs = _resolve(resolved.get("items", {}), sub_file)
            container_path = f"{path}[]"
        doc = FieldDoc(
            kind=kind, path=container_path if item.get("type") == "object" else path,
            title=resolved.get("title", name), description=resolved.get("description", ""),
            type=_type_text(resolved, sub_file), required=name in required,
            allowed=list(resolved.get("enum") or item.get("enum") or []),
            example=_example(resolved, refs) or (_list_example(item, item_refs) if item is not resolved else ""),
            pattern=resolved.get("pattern", "") or item.get("pattern", ""),
        )
        out.append(doc)
        if item.get("type") == "object" and item.get("properties"):
            key = next((r for r in reversed(item_refs) if "$defs" in r), "")
            if key and key in stack:
                doc.same_as = seen[key]
                continue
            if key:
                seen[key] = container_path
            _walk(kind, item, item_file, container_path, stack + ([key] if key else []), out, seen)


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;").replace("*", "\\*")
            .replace("_", "\\_").replace("{", "&#123;").replace("}", "&#125;"))


def _anchor(kind: str) -> str:
    return f"schema-{kind}"


def render_field(doc: FieldDoc) -> list[str]:
    need = "obligatoriskt" if doc.required else "valfritt"
    lines = [f"- **`{doc.path}`** – {_escape(doc.title)} ({_escape(doc.type)}, {need})"]
    parts = []
    if doc.description:
        parts.append(_escape(doc.description))
    if doc.allowed:
        parts.append("Tillåtna värden: " + ", ".join(f"`{v}`" for v in doc.allowed) + ".")
    if doc.example:
        parts.append(f"Exempel: `{doc.name}: {doc.example}`")
    if doc.same_as:
        parts.append(f"Har samma fält som `{doc.same_as}`, i en nivå till.")
    for part in parts:
        lines.extend(["", f"    {part}"])
    lines.append("")
    return lines


def render_schema_reference() -> str:
    lines = [
        "# Schemareferens",
        "",
        "Den här sidan skapas automatiskt från schemafilerna i mappen `schema/`, samma filer som "
        "kontrollen (`tryggplan validate`) använder. Den visar alla fält som får finnas i planfilerna: "
        "var fältet står (sökvägen i filen), vad det heter på svenska, vad det ska innehålla och ett exempel.",
        "",
        "Så läser du sökvägarna: en punkt betyder att fältet står indraget under fältet före, `[]` betyder "
        "en lista där varje post börjar med ett bindestreck. `areas[].actions[].title` är alltså rubriken på "
        "en åtgärd, i listan `actions` i ett område i listan `areas`.",
        "",
        "Se också [Filstruktur och id](filstruktur.md) för hur filerna hänger ihop och vanliga fallgropar.",
        "",
    ]
    for kind in KINDS:
        schema = load_schema(kind)
        lines.extend([f"## {_escape(schema.get('title', kind))}: `{FILES[kind]}` {{ #{_anchor(kind)} }}", ""])
        if schema.get("description"):
            lines.extend([_escape(schema["description"]), ""])
        lines.extend([f"Överst i filen står raden `# yaml-language-server: $schema=…/schema/{kind}.schema.json` "
                      "så att editorn kan hjälpa till med fälten.", ""])
        groups: dict[str, list[FieldDoc]] = {}
        for doc in schema_fields(kind):
            groups.setdefault(doc.path.rsplit(".", 1)[0] if "." in doc.path else "", []).append(doc)
        for parent, docs in groups.items():
            heading = f"Fält i `{parent}`" if parent else "Fält överst i filen"
            lines.extend([f"### {heading}", ""])
            for doc in docs:
                lines.extend(render_field(doc))
    return "\n".join(lines).rstrip() + "\n"
