"""The generated schema reference documents every property of every schema."""

from __future__ import annotations

from tryggplan.load.schemas import KINDS, load_schema
from tryggplan.model import Project
from tryggplan.settings import SiteSettings
from tryggplan.site.schema_pages import SCHEMA_REFERENCE_PAGE, schema_reference_page
from tryggplan.views.schema_reference import render_schema_reference, schema_fields


def _node(ref: str, here: str) -> tuple[dict, str]:
    target, _, fragment = ref.partition("#")
    kind = target.removesuffix(".schema.json") if target else here
    node = load_schema(kind)
    for part in fragment.strip("/").split("/") if fragment else []:
        node = node[part]
    return node, kind


def _expected_paths(node: dict, kind: str, prefix: str, seen: tuple[str, ...]) -> set[str]:
    """Walked independently of the module under test: every property path, lists as []."""
    while "$ref" in node:
        ref = node["$ref"]
        key = ref if ref.partition("#")[0] else f"{kind}.schema.json{ref}"
        if key in seen:
            return set()
        seen += (key,)
        node, kind = _node(ref, kind)
    paths: set[str] = set()
    for name, sub in node.get("properties", {}).items():
        path = f"{prefix}.{name}" if prefix else name
        resolved, sub_kind = sub, kind
        while "$ref" in resolved and "type" not in resolved:
            resolved, sub_kind = _node(resolved["$ref"], sub_kind)
        if resolved.get("type") == "array" or sub.get("type") == "array":
            items = (sub if sub.get("type") == "array" else resolved).get("items", {})
            item_node, item_kind = items, sub_kind
            while "$ref" in item_node:
                item_node, item_kind = _node(item_node["$ref"], item_kind)
            if item_node.get("properties"):
                paths.add(f"{path}[]")
                paths |= _expected_paths(items, sub_kind, f"{path}[]", seen)
            else:
                paths.add(path)
        else:
            paths.add(path)
            paths |= _expected_paths(sub, kind, path, seen)
    return paths


def test_every_property_of_every_schema_is_documented() -> None:
    page = render_schema_reference()
    total = 0
    for kind in KINDS:
        expected = _expected_paths(load_schema(kind), kind, "", ())
        documented = {doc.path for doc in schema_fields(kind)}
        assert expected <= documented, sorted(expected - documented)
        for path in expected:
            assert f"- **`{path}`**" in page, path
        total += len(expected)
    assert total > 200


def test_field_details() -> None:
    fields = {doc.path: doc for doc in schema_fields("plan")}
    status = fields["status"]
    assert (status.title, status.required, status.allowed[:2]) == ("Status", True, ["utkast", "beslutad"])
    action_id = fields["areas[].actions[].id"]
    assert action_id.required and action_id.type == "text" and action_id.example
    assert fields["areas[].areas[]"].same_as == "areas[]"
    followup = {doc.path: doc for doc in schema_fields("followup")}
    assert followup["actions[].status"].allowed[0] == "inte påbörjad"
    assert followup["period"].example == '"2023"'


def test_page_is_provided_without_jinja_markers() -> None:
    (page,) = list(schema_reference_page(Project(), SiteSettings()))
    assert page.path == SCHEMA_REFERENCE_PAGE
    assert "{{" not in page.content and "{%" not in page.content
    assert page.content.startswith("# Schemareferens\n")


def test_new_document_shapes_are_documented_in_swedish() -> None:
    plan = {doc.path: doc for doc in schema_fields("plan")}
    assert plan["parties[].roles"].allowed == ["ägare", "part", "undertecknare", "sammankallande", "medverkande"]
    assert plan["rounds[].period"].title == "Period"
    assert plan["signed.signatories[].person_name"].title == "Personnamn"
    assert "undertecknad" in plan["status"].allowed
    assert plan["areas[].actions[].operational_goal"].title == "Operativt mål"
    assert plan["editorial_note"].title == "Redaktionell anteckning"
    followup = {doc.path: doc for doc in schema_fields("followup")}
    assert followup["entries[].text"].required and "status" not in {p.split(".")[-1] for p in followup
                                                                   if p.startswith("entries[]")}
    indicators = {doc.path: doc for doc in schema_fields("indicators")}
    assert indicators["indicators[].observations[].statement"].title == "Iakttagelse"
