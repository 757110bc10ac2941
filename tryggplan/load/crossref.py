"""Checks the schema cannot express: ids are unique, references resolve, dates and values make sense.

Works on the raw data of files that parsed (schema problems elsewhere do not hide these), and
points every problem at the line of the offending value.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, TypeGuard

from tryggplan.load import limits
from tryggplan.problems import Problem

if TYPE_CHECKING:
    from tryggplan.load.files import MunicipalityFiles, SourceFile


class _Context:
    """Collects problems for one file, locating paths with that file's marks."""

    def __init__(self, source: SourceFile, out: list[Problem]) -> None:
        self.source = source
        self.out = out

    def add(self, code: str, path: tuple[Any, ...], message: str, hint: str, *, key: bool = False) -> None:
        line, col = self.source.loaded.marks.locate(path, key=key)
        pointer = "/" + "/".join(str(p) for p in path)
        self.out.append(Problem(code, self.source.display, line, col, message, hint, pointer))


class _Anything:
    """Stands for "every id": a broken file whose text is unavailable could define any id."""

    def __contains__(self, _item: Any) -> bool:
        return True


ANY = _Anything()
_NOTHING: frozenset[str] = frozenset()
# `id: x`, `- id: x` or `{id: x, ...}` on a line of a file that could not be parsed.
_ID_IN_TEXT = re.compile(r"""(?:^|[\s{,-])id[ \t]*:[ \t]*(["']?)([^"'\s#,}\]]+)\1""", re.MULTILINE)


def salvaged_ids(source: Any) -> frozenset[str] | _Anything:
    """Ids a broken file may define, as far as can be seen; nothing for a file that is fine.

    References elsewhere to one of these are not reported as unknown: the broken file itself is
    the problem to fix first. A reference to an id that appears nowhere is still reported.
    """
    if source is None or not source.broken:
        return _NOTHING
    if source.data is not None:
        found: set[str] = set()
        stack = [source.data]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                if isinstance(node.get("id"), str):
                    found.add(node["id"])
                stack.extend(node.values())
            elif isinstance(node, list):
                stack.extend(node)
        return frozenset(found)
    text = source.loaded.source_text
    if text is None:
        return ANY
    return frozenset(match.group(2) for match in _ID_IN_TEXT.finditer(text))


def _union(*sets: Any) -> Any:
    if any(s is ANY for s in sets):
        return ANY
    return frozenset().union(*sets)


def _dicts(value: Any) -> TypeGuard[dict[str, Any]]:
    return isinstance(value, dict)


def _list(data: dict[str, Any], key: str) -> list[Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def _str_items(data: dict[str, Any], key: str) -> Iterator[tuple[int, str]]:
    for index, item in enumerate(_list(data, key)):
        if isinstance(item, str):
            yield index, item


def check(munis: list[MunicipalityFiles], files: list[SourceFile]) -> list[Problem]:
    out: list[Problem] = []
    # Document ids per municipality, for references like "kungalv/trygg-i-kungalv".
    documents = _Documents()
    for muni in munis:
        documents[muni.folder.name] = {name for name, entry in muni.documents.items() if entry["plan"]}
        org = muni.organisation.data if muni.organisation is not None else None
        if _dicts(org) and _dicts(org.get("municipality")):
            documents.names[muni.folder.name] = [org["municipality"].get("name"), org["municipality"].get("id")]
    for muni in munis:
        _check_municipality(muni, documents, out)
    _check_codes(munis, out)
    return out


def _usable(source: SourceFile | None) -> TypeGuard[SourceFile]:
    return source is not None and isinstance(source.data, dict)


def _check_municipality(muni: MunicipalityFiles, documents: dict[str, set[str]], out: list[Problem]) -> None:
    muni_id = muni.folder.name
    units: set[str] = set()
    forums: set[str] = set()
    methods: set[str] = set()
    org = muni.organisation
    # Ids organisation.yaml may define although it is broken (or every id, if it is missing).
    org_maybe = ANY if org is None else salvaged_ids(org)
    unit_names: dict[str, list[Any]] = {}
    if _usable(org):
        ctx = _Context(org, out)
        data = org.data
        declared = data.get("municipality", {}).get("id") if _dicts(data.get("municipality")) else None
        if isinstance(declared, str) and declared != muni_id:
            ctx.add("id-mismatch", ("municipality", "id"),
                    f"Kommunens id \"{declared}\" stämmer inte med mappens namn \"{muni_id}\".",
                    f"Ändra id till \"{muni_id}\" eller byt namn på mappen.")
        seen: dict[str, tuple[Any, ...]] = {}
        for section in ("units", "partners"):
            for index, item in enumerate(_list(data, section)):
                _unique(ctx, seen, item, (section, index), "enheter och parter")
                if _dicts(item) and isinstance(item.get("id"), str):
                    unit_names.setdefault(item["id"], [item.get("name"), item.get("abbreviation")])
        units = set(seen)
        forums = set(_unique_all(ctx, data, "forums", "forum"))
        methods = set(_unique_all(ctx, data, "methods", "metoder"))
        for index, item in enumerate(_list(data, "units")):
            if _dicts(item) and isinstance(item.get("parent"), str) and item["parent"] not in units:
                _unknown(ctx, "ref-unknown-unit", ("units", index, "parent"), item["parent"], "enheten", units, org_maybe,
                         names=unit_names)
        for index, forum in enumerate(_list(data, "forums")):
            if not _dicts(forum):
                continue
            for key in ("members", "convenor", "chair"):
                for j, ref in _str_items(forum, key):
                    if ref not in units:
                        _unknown(ctx, "ref-unknown-unit", ("forums", index, key, j), ref, "enheten eller parten", units, org_maybe,
                         names=unit_names)
            if isinstance(forum.get("reports_to"), str) and forum["reports_to"] not in units:
                _unknown(ctx, "ref-unknown-unit", ("forums", index, "reports_to"), forum["reports_to"], "enheten", units, org_maybe,
                         names=unit_names)
            for j, ref in _str_items(forum, "methods"):
                if ref not in methods:
                    _unknown(ctx, "ref-unknown-method", ("forums", index, "methods", j), ref, "metoden", methods, org_maybe)
        for section in ("forums", "methods"):
            for index, item in enumerate(_list(data, section)):
                for j, ref in _str_items(item, "documents"):
                    _check_doc_ref(ctx, (section, index, "documents", j), ref, muni_id, documents)

    # Indicator ids are unique across the municipality so plans can share them.
    indicators: dict[str, str] = {}
    indicator_seen: dict[str, tuple[Any, ...]] = {}
    indicator_maybe = _union(*(salvaged_ids(entry["indicators"]) for entry in muni.documents.values()))
    for doc_name, entry in muni.documents.items():
        source = entry["indicators"]
        if not _usable(source):
            continue
        ctx = _Context(source, out)
        for index, indicator in enumerate(_list(source.data, "indicators")):
            if _dicts(indicator) and isinstance(indicator.get("id"), str):
                if indicator["id"] in indicator_seen:
                    ctx.add("id-duplicate", ("indicators", index, "id"),
                            f"Indikatorn \"{indicator['id']}\" finns redan ({indicator_seen[indicator['id']][0]}).",
                            "Ge indikatorn ett eget id; samma id får bara finnas en gång i kommunen.")
                else:
                    indicator_seen[indicator["id"]] = (source.display,)
                    indicators[indicator["id"]] = doc_name

    for doc_name, entry in muni.documents.items():
        maybe = _Maybe(org_maybe, indicator_maybe, ANY if entry["plan"] is None else salvaged_ids(entry["plan"]),
                       salvaged_ids(entry["indicators"]), unit_names)
        _check_document(muni_id, doc_name, entry, units, forums, methods, set(indicators), documents, out, maybe)


def _unique(ctx: _Context, seen: dict[str, Any], item: Any, path: tuple[Any, ...], what: str) -> None:
    if not _dicts(item) or not isinstance(item.get("id"), str):
        return
    if item["id"] in seen:
        line = ctx.source.loaded.marks.locate(seen[item["id"]] + ("id",))[0]
        ctx.add("id-duplicate", path + ("id",),
                f"Id \"{item['id']}\" används redan på rad {line} bland {what}.",
                "Varje id ska vara unikt. Byt till ett eget id.")
    else:
        seen[item["id"]] = path


def _unique_all(ctx: _Context, data: dict[str, Any], section: str, what: str) -> dict[str, Any]:
    seen: dict[str, tuple[Any, ...]] = {}
    for index, item in enumerate(_list(data, section)):
        _unique(ctx, seen, item, (section, index), what)
    return seen


class _Maybe:
    """Per kind of id, the ids broken files may define: units, methods and forums (organisation),
    indicators (any indicators.yaml of the municipality), areas, causes and actions (the plan),
    breakdowns (the document's indicators.yaml)."""

    __slots__ = ("organisation", "indicators", "plan", "breakdowns", "unit_names")

    def __init__(self, organisation: Any, indicators: Any, plan: Any, breakdowns: Any, unit_names: Any=None) -> None:
        self.unit_names = unit_names or {}  # unit id -> its name and abbreviation, for suggestions
        self.organisation = organisation
        self.indicators = indicators
        self.plan = plan
        self.breakdowns = breakdowns


def _fold(text: str) -> str:
    """Text compared loosely: lower case, å/ä/ö as a/a/o, anything but letters and digits as -."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")


def suggest(ref: str, known: Any, names: dict[str, list[str]] | None = None) -> tuple[str, str | None] | None:
    """The id the writer most likely meant, and its name: by id or by name ("Socialförvaltningen",
    "SoF"), exactly when letters and spacing are ignored, else the closest spelling."""
    import difflib

    names = names or {}
    wanted = _fold(ref)
    candidates: dict[str, str] = {}
    for known_id in sorted(known):
        candidates.setdefault(_fold(known_id), known_id)
    for known_id in sorted(names):
        if known_id in known:
            for name in names[known_id]:
                if isinstance(name, str) and _fold(name):
                    candidates.setdefault(_fold(name), known_id)
    match = candidates.get(wanted)
    if match is None:
        close = difflib.get_close_matches(wanted, list(candidates), n=1, cutoff=0.6)
        match = candidates[close[0]] if close else None
    if match is None:
        return None
    label = next((n for n in names.get(match, []) if isinstance(n, str) and n.strip()), None)
    return match, label


def _unknown(ctx: _Context, code: str, path: tuple[Any, ...], ref: str, what: str, known: Any, maybe: Any=_NOTHING,
             names: dict[str, list[str]] | None = None) -> None:
    if ref in maybe:
        return  # a broken file may define it: its own problem is reported there, first
    if isinstance(maybe, frozenset):
        known = set(known) | maybe
    found = suggest(ref, known, names) if known else None
    hint = ""
    if found:
        hint = f"Menade du \"{found[0]}\"" + (f" ({found[1]})" if found[1] and found[1] != found[0] else "") + "? "
    where = {
        "ref-unknown-unit": "Lägg till den i organisation.yaml (units eller partners) eller rätta stavningen.",
        "ref-unknown-indicator": "Lägg till indikatorn i indicators.yaml eller rätta id:t.",
        "ref-unknown-cause": "Lägg till orsaken under causes i området eller rätta id:t.",
        "ref-unknown-action": "Använd id för en åtgärd i plan.yaml.",
        "ref-unknown-area": "Använd id för ett område i plan.yaml.",
        "ref-unknown-document": "Använd id för en dokumentmapp under plans/ (kommun/dokument för en annan kommun).",
        "ref-unknown-municipality": "Använd namnet på en kommunmapp under plans/, till exempel kommun/dokument.",
        "ref-unknown-method": "Lägg till metoden under methods i organisation.yaml eller rätta id:t.",
        "ref-unknown-forum": "Lägg till forumet under forums i organisation.yaml eller rätta id:t.",
        "ref-unknown-breakdown": "Lägg till uppdelningen under breakdowns i indikatorn eller rätta id:t.",
    }[code]
    ctx.add(code, path, f"Hittar inte {what} \"{ref}\".", hint + where)


class _Documents(dict[str, Any]):
    """Document ids per municipality folder, with each municipality's name for suggestions."""

    def __init__(self) -> None:
        super().__init__()
        self.names: dict[str, list[str]] = {}


def _check_doc_ref(ctx: _Context, path: tuple[Any, ...], ref: str, muni_id: str, documents: dict[str, set[str]]) -> None:
    target_muni, _, doc = ref.rpartition("/")
    target_muni = target_muni or muni_id
    if target_muni not in documents:
        _unknown(ctx, "ref-unknown-municipality", path, target_muni, "kommunmappen", set(documents), _NOTHING,
                 getattr(documents, "names", None))
        return
    if doc not in documents.get(target_muni, set()):
        known = {d for d in documents.get(target_muni, set())}
        _unknown(ctx, "ref-unknown-document", path, ref, "dokumentet", known)


def _parse_date(value: Any) -> _dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        if len(value) == 7:
            return _dt.date.fromisoformat(value + "-01")
        return _dt.date.fromisoformat(value)
    except ValueError:
        return None


def period_bounds(period: str) -> tuple[_dt.date, _dt.date] | None:
    """First and last day of a period such as 2023, 2024-T1, 2024-H2, 2024-Q3, 2024-05, or a range
    2021-12--2022-02 / 2024--2026 (first day of the first part to the last day of the second); None when
    the text is no period or its year is one the calendar cannot hold (the limits check reports it)."""
    if isinstance(period, str) and "--" in period:
        first, _, last = period.partition("--")
        a, b = period_bounds(first), period_bounds(last)
        return (a[0], b[1]) if a and b else None
    try:
        year = int(period[:4])
        rest = period[5:]
        if not rest:
            return _dt.date(year, 1, 1), _dt.date(year, 12, 31)
        if rest[0] in "THQ":
            size = {"T": 4, "H": 6, "Q": 3}[rest[0]]
            number = int(rest[1:])
            first_month = (number - 1) * size + 1
            last_month = first_month + size - 1
        else:
            first_month = last_month = int(rest)
        end = _dt.date(year + (last_month == 12), last_month % 12 + 1, 1) - _dt.timedelta(days=1)
        return _dt.date(year, first_month, 1), end
    except (TypeError, ValueError, OverflowError):
        return None


def _plain_number(number: Any) -> TypeGuard[int | float]:
    """A finite number within the limits table's magnitude; anything else is reported by limits.check."""
    return (isinstance(number, (int, float)) and not isinstance(number, bool)
            and (isinstance(number, int) or math.isfinite(number))
            and abs(number) <= limits.table()["number_max_abs"])


def _check_document(muni_id: str, doc_name: str, entry: dict[str, Any], units: set[str], forums: Any, methods: Any,
                    indicators: set[str], documents: dict[str, set[str]], out: list[Problem], maybe: _Maybe) -> None:
    plan = entry["plan"]
    ids: dict[str, tuple[Any, ...]] = {}
    areas: set[str] = set()
    causes: set[str] = set()
    actions: set[str] = set()
    validity = (None, None)
    round_actions: dict[str, set[str]] = {}
    if _usable(plan):
        ctx = _Context(plan, out)
        data = plan.data
        if isinstance(data.get("id"), str) and data["id"] != doc_name:
            ctx.add("id-mismatch", ("id",), f"Dokumentets id \"{data['id']}\" stämmer inte med mappens namn \"{doc_name}\".",
                    f"Ändra id till \"{doc_name}\" eller byt namn på mappen.")
        if isinstance(data.get("municipality"), str) and data["municipality"] != muni_id:
            ctx.add("id-mismatch", ("municipality",), f"Kommunen \"{data['municipality']}\" stämmer inte med kommunmappen \"{muni_id}\".",
                    f"Ändra municipality till \"{muni_id}\".")
        validity = _check_validity(ctx, data)
        unit_refs: list[tuple[tuple[Any, ...], Any]] = []  # (path, ref)
        for key in ("owner", "responsible", "updated_by", "created_by"):
            if _dicts(data.get(key)) and isinstance(data[key].get("unit"), str):
                unit_refs.append(((key, "unit"), data[key]["unit"]))
        if isinstance(data.get("organisation_unit"), str):
            unit_refs.append((("organisation_unit",), data["organisation_unit"]))
        for index, revision in enumerate(_list(data, "revisions")):
            if _dicts(revision) and _dicts(revision.get("changed_by")) and isinstance(revision["changed_by"].get("unit"), str):
                unit_refs.append((("revisions", index, "changed_by", "unit"), revision["changed_by"]["unit"]))
        doc_refs: list[tuple[tuple[Any, ...], Any]] = []
        if isinstance(data.get("parent"), str):
            doc_refs.append((("parent",), data["parent"]))
        if _dicts(data.get("replaces")) and isinstance(data["replaces"].get("document"), str):
            doc_refs.append((("replaces", "document"), data["replaces"]["document"]))
        for key in ("legal_basis", "related_documents", "child_documents"):
            for index, link in enumerate(_list(data, key)):
                if _dicts(link) and isinstance(link.get("document"), str):
                    doc_refs.append(((key, index, "document"), link["document"]))
        for path, ref in doc_refs:
            _check_doc_ref(ctx, path, ref, muni_id, documents)
        for index, section in enumerate(_list(data, "sections")):
            _section_ids(ctx, ids, section, ("sections", index))
        for index, goal in enumerate(_list(data, "goals")):
            _unique(ctx, ids, goal, ("goals", index), "dokumentets id")
        indicator_refs: list[tuple[tuple[Any, ...], Any]] = [(("indicators", j), ref) for j, ref in _str_items(data, "indicators")]
        for index, goal in enumerate(_list(data, "goals")):
            indicator_refs += [(("goals", index, "indicators", j), ref) for j, ref in _str_items(goal, "indicators")]
        cause_refs: list[tuple[tuple[Any, ...], Any]] = []
        action_items: list[Any] = []
        for index, area in enumerate(_list(data, "areas")):
            _walk_area(ctx, ids, area, ("areas", index), areas, causes, actions, unit_refs, indicator_refs,
                       cause_refs, action_items)
        round_actions = _walk_shapes(ctx, ids, data, documents, areas, causes, actions, unit_refs, indicator_refs,
                                     cause_refs, action_items)
        for path, ref in unit_refs:
            if ref not in units:
                _unknown(ctx, "ref-unknown-unit", path, ref, "enheten eller parten", units, maybe.organisation,
                         names=maybe.unit_names)
        for path, ref in indicator_refs:
            if ref not in indicators:
                _unknown(ctx, "ref-unknown-indicator", path, ref, "indikatorn", indicators, maybe.indicators)
        for path, ref in cause_refs:
            if ref not in causes:
                _unknown(ctx, "ref-unknown-cause", path, ref, "orsaken", causes, maybe.plan)
        for path, action in action_items:
            for j, ref in _str_items(action, "methods"):
                if ref not in methods:
                    _unknown(ctx, "ref-unknown-method", path + ("methods", j), ref, "metoden", methods,
                             maybe.organisation)
            for j, ref in _str_items(action, "forums"):
                if ref not in forums:
                    _unknown(ctx, "ref-unknown-forum", path + ("forums", j), ref, "forumet", forums,
                             maybe.organisation)

    source = entry["indicators"]
    if _usable(source):
        ctx = _Context(source, out)
        if isinstance(source.data.get("document"), str) and source.data["document"] != doc_name:
            ctx.add("id-mismatch", ("document",), f"document \"{source.data['document']}\" stämmer inte med mappen \"{doc_name}\".",
                    f"Ändra document till \"{doc_name}\".")
        for index, indicator in enumerate(_list(source.data, "indicators")):
            if _dicts(indicator):
                _check_indicator(ctx, indicator, ("indicators", index), areas, maybe)

    for followup in entry["followups"]:
        if not _usable(followup):
            continue
        ctx = _Context(followup, out)
        data = followup.data
        stem = followup.path.stem
        if isinstance(data.get("document"), str) and data["document"] != doc_name:
            ctx.add("id-mismatch", ("document",), f"document \"{data['document']}\" stämmer inte med mappen \"{doc_name}\".",
                    f"Ändra document till \"{doc_name}\".")
        period = data.get("period")
        if isinstance(period, str):
            if period != stem:
                ctx.add("id-mismatch", ("period",), f"Perioden \"{period}\" stämmer inte med filnamnet \"{followup.path.name}\".",
                        f"Döp om filen till {period}.yaml eller ändra period till \"{stem}\".")
            bounds = period_bounds(period)
            start, end = validity
            if bounds and ((end and bounds[0] > end) or (start and bounds[1] < start)):
                ctx.add("period-outside-validity", ("period",),
                        f"Perioden {period} ligger utanför dokumentets giltighetstid.",
                        "Kontrollera perioden, eller förläng giltighetstiden i plan.yaml om planen har förlängts.")
        for index, report in enumerate(_list(data, "actions")):
            if _dicts(report) and isinstance(report.get("action"), str) and report["action"] not in actions:
                _unknown(ctx, "ref-unknown-action", ("actions", index, "action"), report["action"], "åtgärden", actions,
                         maybe.plan)
        _check_followup_shapes(ctx, data, actions, round_actions, maybe.plan)
        seen_actions: dict[str, tuple[Any, ...]] = {}
        for index, report in enumerate(_list(data, "actions")):
            if _dicts(report) and isinstance(report.get("action"), str):
                if report["action"] in seen_actions:
                    ctx.add("id-duplicate", ("actions", index, "action"),
                            f"Åtgärden \"{report['action']}\" rapporteras två gånger i samma period.",
                            "Slå ihop rapporterna till en.")
                seen_actions[report["action"]] = (index,)
        for index, report in enumerate(_list(data, "areas")):
            if _dicts(report) and isinstance(report.get("area"), str) and report["area"] not in areas:
                _unknown(ctx, "ref-unknown-area", ("areas", index, "area"), report["area"], "området", areas, maybe.plan)
            if _dicts(report):
                for j, link in enumerate(_list(report, "related_documents")):
                    if _dicts(link) and isinstance(link.get("document"), str):
                        _check_doc_ref(ctx, ("areas", index, "related_documents", j, "document"), link["document"], muni_id, documents)
        for index, comment in enumerate(_list(data, "indicators")):
            if _dicts(comment) and isinstance(comment.get("indicator"), str) and comment["indicator"] not in indicators:
                _unknown(ctx, "ref-unknown-indicator", ("indicators", index, "indicator"), comment["indicator"], "indikatorn",
                         indicators, maybe.indicators)


def _section_ids(ctx: Any, ids: Any, section: Any, path: Any) -> None:
    _unique(ctx, ids, section, path, "dokumentets id")
    for index, sub in enumerate(_list(section, "sections")):
        _section_ids(ctx, ids, sub, path + ("sections", index))


def _walk_area(ctx: Any, ids: Any, area: Any, path: Any, areas: Any, causes: Any, actions: Any, unit_refs: Any, indicator_refs: Any, cause_refs: Any, action_items: Any) -> None:
    if not _dicts(area):
        return
    _unique(ctx, ids, area, path, "dokumentets id")
    if isinstance(area.get("id"), str):
        areas.add(area["id"])
    indicator_refs += [(path + ("indicators", j), ref) for j, ref in _str_items(area, "indicators")]
    for index, goal in enumerate(_list(area, "goals")):
        _unique(ctx, ids, goal, path + ("goals", index), "dokumentets id")
        indicator_refs += [(path + ("goals", index, "indicators", j), ref) for j, ref in _str_items(goal, "indicators")]
    for index, cause in enumerate(_list(area, "causes")):
        _unique(ctx, ids, cause, path + ("causes", index), "dokumentets id")
        if _dicts(cause) and isinstance(cause.get("id"), str):
            causes.add(cause["id"])
    for index, action in enumerate(_list(area, "actions")):
        if not _dicts(action):
            continue
        apath = path + ("actions", index)
        _unique(ctx, ids, action, apath, "dokumentets id")
        if isinstance(action.get("id"), str):
            actions.add(action["id"])
        action_items.append((apath, action))
        _responsibility_refs(action, apath, unit_refs)
        unit_refs += [(apath + ("partners", j), ref) for j, ref in _str_items(action, "partners")]
        indicator_refs += [(apath + ("indicators", j), ref) for j, ref in _str_items(action, "indicators")]
        cause_refs += [(apath + ("causes", j), ref) for j, ref in _str_items(action, "causes")]
        for j, activity in enumerate(_list(action, "activities")):
            _unique(ctx, ids, activity, apath + ("activities", j), "dokumentets id")
            if _dicts(activity):
                _responsibility_refs(activity, apath + ("activities", j), unit_refs)
    for index, sub in enumerate(_list(area, "areas")):
        _walk_area(ctx, ids, sub, path + ("areas", index), areas, causes, actions, unit_refs, indicator_refs,
                   cause_refs, action_items)


def _responsibility_refs(item: dict[str, Any], path: tuple[Any, ...], unit_refs: list[Any]) -> None:
    responsible = item.get("responsible")
    if _dicts(responsible):
        for key in ("lead", "participants"):
            unit_refs += [(path + ("responsible", key, j), ref) for j, ref in _str_items(responsible, key)]


def _check_validity(ctx: _Context, data: dict[str, Any]) -> Any:
    validity = data.get("validity")
    if not _dicts(validity):
        return (None, None)
    start, end = _parse_date(validity.get("start")), _parse_date(validity.get("end"))
    if start and end and end < start:
        ctx.add("validity-inverted", ("validity", "end"),
                f"Giltighetstiden slutar {validity['end']}, före starten {validity['start']}.",
                "Kontrollera datumen; end ska vara samma dag som eller efter start.")
    return (start, end)


def _check_breakdown(ctx: _Context, item: dict[str, Any], path: tuple[Any, ...], breakdowns: set[str],
                     maybe: _Maybe) -> Any:
    """The breakdown a series or target names (default "totalt") must be one the indicator defines."""
    breakdown = item.get("breakdown", "totalt")
    if isinstance(breakdown, str) and breakdown not in breakdowns:
        _unknown(ctx, "ref-unknown-breakdown", path + ("breakdown",), breakdown, "uppdelningen", breakdowns,
                 maybe.breakdowns)
    return breakdown


def _check_indicator(ctx: _Context, indicator: dict[str, Any], path: tuple[Any, ...], areas: set[str], maybe: _Maybe) -> None:
    if isinstance(indicator.get("area"), str) and indicator["area"] not in areas:
        _unknown(ctx, "ref-unknown-area", path + ("area",), indicator["area"], "området", areas, maybe.plan)
    breakdowns = {"totalt"} | {b["id"] for b in _list(indicator, "breakdowns") if _dicts(b) and isinstance(b.get("id"), str)}
    percent = indicator.get("unit") == "procent"
    seen: dict[tuple[Any, ...], int] = {}
    for index, series in enumerate(_list(indicator, "series")):
        if not _dicts(series):
            continue
        spath = path + ("series", index)
        breakdown = _check_breakdown(ctx, series, spath, breakdowns, maybe)
        comparison = series.get("comparison", "kommun")
        for j, value in enumerate(_list(series, "values")):
            if not _dicts(value):
                continue
            vpath = spath + ("values", j)
            number = value.get("value")
            if percent and _plain_number(number) and not 0 <= number <= 100:
                ctx.add("value-percent-range", vpath + ("value",),
                        f"Värdet {number} är en procentsats utanför 0–100.",
                        "Skriv procent som tal mellan 0 och 100 (45 för 45 procent), eller ändra indikatorns enhet.")
            period = value.get("period")
            if isinstance(period, str):
                key = (breakdown, comparison, period)
                if key in seen:
                    line = ctx.source.loaded.marks.locate(spath + ("values", seen[key]))[0]
                    ctx.add("value-duplicate", vpath + ("period",),
                            f"Det finns redan ett värde för {period} (rad {line}) i samma serie.",
                            "Behåll ett värde per period, uppdelning och jämförelseområde.")
                else:
                    seen[key] = j
    for index, target in enumerate(_list(indicator, "targets")):
        if not _dicts(target):
            continue
        tpath = path + ("targets", index)
        _check_breakdown(ctx, target, tpath, breakdowns, maybe)
        number = target.get("value")
        if (percent and target.get("kind") in ("at_most", "at_least") and _plain_number(number)
                and not 0 <= number <= 100):
            ctx.add("value-percent-range", tpath + ("value",),
                    f"Målvärdet {number} är en procentsats utanför 0–100.",
                    "Skriv procent som tal mellan 0 och 100.")


# -- Shapes of joint, signed and rolling documents -------------------------------------------------


def _unknown_ref(ctx: _Context, code: str, path: tuple[Any, ...], ref: str, what: str, known: Any, where: str,
                 maybe: Any = _NOTHING, names: dict[str, list[str]] | None = None) -> None:
    """Like _unknown, with the hint given by the caller: same suggestions, same cascade rule."""
    if ref in maybe:
        return
    found = suggest(ref, known, names) if known else None
    hint = ""
    if found:
        hint = f"Menade du \"{found[0]}\"" + (f" ({found[1]})" if found[1] and found[1] != found[0] else "") + "? "
    ctx.add(code, path, f"Hittar inte {what} \"{ref}\".", hint + where)


def _check_codes(munis: list[MunicipalityFiles], out: list[Problem]) -> None:
    """A kommunkod belongs to one organisation.yaml only."""
    first: dict[str, SourceFile] = {}
    folders = {muni.folder.name for muni in munis}
    for muni in munis:
        org = muni.organisation
        if org is None or not _usable(org) or not _dicts(org.data.get("municipality")):
            continue
        ctx = _Context(org, out)
        for index, partner in enumerate(_list(org.data, "partners")):
            ref = partner.get("municipality") if _dicts(partner) else None
            if isinstance(ref, str) and ref not in folders:
                _unknown_ref(ctx, "ref-unknown-municipality", ("partners", index, "municipality"), ref, "kommunen",
                             folders, "Använd id för en kommunmapp under plans/, eller ta bort municipality.")
        code = org.data["municipality"].get("code")
        if not isinstance(code, str):
            continue
        if code in first:
            other = first[code]
            ctx.add("code-duplicate", ("municipality", "code"),
                    f"Kommunkoden \"{code}\" används redan i {other.display}.",
                    "Varje kommun har en egen mapp och en egen organisation.yaml. Rätta koden, eller lägg den andra "
                    "kommunens dokument i dess mapp; ett gemensamt dokument anger de andra kommunerna under parties.")
        else:
            first[code] = org


def _walk_shapes(ctx: Any, ids: Any, data: Any, documents: Any, areas: Any, causes: Any, actions: Any, unit_refs: Any, indicator_refs: Any, cause_refs: Any,
                 action_items: Any) -> dict[str, set[str]]:
    """Actions directly under the document and in rounds; parties and signatories. Returns round id -> action ids."""
    _walk_area(ctx, ids, {"actions": _list(data, "actions")}, (), areas, causes, actions, unit_refs,
               indicator_refs, cause_refs, action_items)
    rounds: dict[str, set[str]] = {}
    for index, rnd in enumerate(_list(data, "rounds")):
        if not _dicts(rnd):
            continue
        _unique(ctx, ids, rnd, ("rounds", index), "dokumentets id")
        before = set(actions)
        _walk_area(ctx, ids, {"actions": _list(rnd, "actions")}, ("rounds", index), areas, causes, actions,
                   unit_refs, indicator_refs, cause_refs, action_items)
        if isinstance(rnd.get("id"), str):
            rounds[rnd["id"]] = actions - before
    _check_order(ctx, data, (), _ids(_list(data, "sections")) | _ids(_list(data, "areas")) | {"actions"})
    goals_section = data.get("goals_section")
    if isinstance(goals_section, str) and goals_section not in _ids(_list(data, "sections")):
        _unknown_ref(ctx, "ref-unknown-section", ("goals_section",), goals_section, "textavsnittet",
                     {k for k in _ids(_list(data, "sections")) if isinstance(k, str)},
                     "goals_section ska vara id för ett av dokumentets textavsnitt (under sections).")
    for index, area in enumerate(_list(data, "areas")):
        _check_area_order(ctx, area, ("areas", index))
    municipalities = set(documents)
    for index, party in enumerate(_list(data, "parties")):
        if not _dicts(party):
            continue
        path: tuple[Any, ...] = ("parties", index)
        if not any(isinstance(party.get(key), str) for key in ("municipality", "organisation", "name")):
            ctx.add("party-unnamed", path, "Parten anger varken kommun, organisation eller namn.",
                    "Skriv municipality (kommunens id under plans/), organisation (id i organisation.yaml) eller name.")
        ref = party.get("municipality")
        if isinstance(ref, str) and ref not in municipalities and not isinstance(party.get("name"), str):
            _unknown_ref(ctx, "ref-unknown-municipality", path + ("municipality",), ref, "kommunen", municipalities,
                         "Använd id för en kommunmapp under plans/, eller skriv kommunens namn i name om den inte har någon mapp.",
                         names=getattr(documents, "names", None))
        if isinstance(party.get("organisation"), str):
            unit_refs.append((path + ("organisation",), party["organisation"]))
    signed = data.get("signed")
    for index, signatory in enumerate(_list(signed, "signatories") if _dicts(signed) else []):
        if not _dicts(signatory):
            continue
        spath: tuple[Any, ...] = ("signed", "signatories", index)
        ref = signatory.get("municipality")
        if isinstance(ref, str) and ref not in municipalities:
            _unknown_ref(ctx, "ref-unknown-municipality", spath + ("municipality",), ref, "kommunen", municipalities,
                         "Använd id för en kommunmapp under plans/, eller skriv organisationens namn i organisation_name.",
                         names=getattr(documents, "names", None))
        if isinstance(signatory.get("organisation"), str):
            unit_refs.append((spath + ("organisation",), signatory["organisation"]))
    return rounds


def _check_followup_shapes(ctx: _Context, data: dict[str, Any], actions: set[str], rounds: dict[str, set[str]],
                           maybe: Any=_NOTHING) -> None:
    """A round's follow-up names an existing round and only that round's actions; entries link known actions."""
    round_id = data.get("round")
    in_round: set[str] | None = None
    if isinstance(round_id, str):
        if round_id not in rounds:
            _unknown_ref(ctx, "ref-unknown-round", ("round",), round_id, "omgången", set(rounds),
                         "Använd id för en omgång under rounds i plan.yaml.", maybe)
        else:
            in_round = rounds[round_id]
    refs: list[tuple[tuple[Any, ...], str]] = [(("entries", i, "actions", j), ref) for i, entry in enumerate(_list(data, "entries")) if _dicts(entry)
            for j, ref in _str_items(entry, "actions")]
    for path, ref in refs:
        if ref not in actions:
            _unknown(ctx, "ref-unknown-action", path, ref, "åtgärden", actions, maybe)
    if in_round is None:
        return
    refs += [(("actions", i, "action"), r["action"]) for i, r in enumerate(_list(data, "actions"))
             if _dicts(r) and isinstance(r.get("action"), str)]
    for path, ref in refs:
        if ref in actions and ref not in in_round:
            ctx.add("ref-action-other-round", path,
                    f"Åtgärden \"{ref}\" hör inte till omgången \"{round_id}\".",
                    "En omgångs uppföljning får bara nämna åtgärder i den omgångens inriktning. "
                    "Flytta posten till uppföljningen av rätt omgång.")


_AREA_TEXTS = {"description", "situation", "definitions", "goals", "causes", "action_summary"}


def _check_order(ctx: _Context, data: dict[str, Any], path: tuple[Any, ...], known: set[Any]) -> None:
    known = {k for k in known if isinstance(k, str)}
    for j, ref in _str_items(data, "order"):
        if ref not in known:
            _unknown_ref(ctx, "ref-unknown-order", path + ("order", j), ref, "avsnittet, området eller åtgärden", known,
                         "order räknar upp id för det som står på samma nivå (och actions eller textfältens namn) i källans ordning.")


def _check_area_order(ctx: _Context, area: Any, path: tuple[Any, ...]) -> None:
    if not _dicts(area):
        return
    _check_order(ctx, area, path, _AREA_TEXTS | _ids(_list(area, "areas")) | _ids(_list(area, "actions")))
    for index, sub in enumerate(_list(area, "areas")):
        _check_area_order(ctx, sub, path + ("areas", index))


def _ids(items: list[Any]) -> set[str]:
    return {item["id"] for item in items if _dicts(item) and isinstance(item.get("id"), str)}
