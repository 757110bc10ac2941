"""A semantic diff of two versions of plans/: what a reviewer needs to know, in Swedish.

Pure core plus a small git runner. `snapshot()` copies one version of plans/ (a git ref, or the
working tree) into a folder; `load_side()` loads it with the core and, when validation fails,
still builds whatever files are usable; `diff_projects()` compares two models; `to_markdown()`
and `to_json()` render the result. Nothing here prints or exits.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tryggplan.formatting import swedish_number
from tryggplan.load import schemas
from tryggplan.load.project import load_project
from tryggplan.model import (
    Action,
    Area,
    Document,
    FollowUp,
    Indicator,
    Municipality,
    Project,
    Responsibility,
    Timing,
)
from tryggplan.problems import Problem

PLANS = "plans"
WORKTREE = None  # a side that is the working tree rather than a git ref


class GitError(Exception):
    """git could not answer: an unknown ref, not a repository, git missing."""


@dataclass(slots=True)
class GitRunner:
    """Runs git in one repository. Replaceable in tests; the only code here that starts processes."""

    repo: Path

    def run(self, *args: str) -> bytes:
        try:
            done = subprocess.run(["git", "-C", str(self.repo), *args], capture_output=True, check=False)
        except FileNotFoundError as exc:
            raise GitError("Programmet git finns inte installerat.") from exc
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitError(message[-1] if message else f"git {' '.join(args)} misslyckades.")
        return done.stdout

    def toplevel(self) -> Path:
        return Path(self.run("rev-parse", "--show-toplevel").decode().strip())

    def has_ref(self, ref: str) -> bool:
        try:
            self.run("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        except GitError:
            return False
        return True


def snapshot(runner: GitRunner, ref: str | None, dest: Path) -> Path:
    """Copy plans/ at ref (None: the working tree) into dest/plans; returns dest."""
    dest.mkdir(parents=True, exist_ok=True)
    if ref is WORKTREE:
        source = runner.repo / PLANS
        if source.is_dir():
            shutil.copytree(source, dest / PLANS, ignore=shutil.ignore_patterns(".*"))
        else:
            (dest / PLANS).mkdir()
        return dest
    if not runner.has_ref(ref):
        raise GitError(f"Hittar inte git-referensen \"{ref}\".")
    listing = runner.run("ls-tree", "-d", "--name-only", ref, "--", PLANS).decode().strip()
    if not listing:
        (dest / PLANS).mkdir()
        return dest
    archive = runner.run("archive", "--format=tar", ref, "--", PLANS)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


@dataclass(slots=True)
class Side:
    """One loaded version: the model of everything usable, and the problems found."""

    label: str
    project: Project
    problems: list[Problem]
    unreadable: set[str] = field(default_factory=set)  # "muni/doc" keys whose plan.yaml could not be used


def load_side(folder: Path, label: str) -> Side:
    """Load folder/plans. With problems, build a model from the files that are usable on their own."""
    root = folder / PLANS
    result = load_project(root, base=folder)
    if result.project is not None:
        return Side(label, result.project, [])
    # Schema problems do not stop us: the model constructors read with .get() and we skip what breaks.
    usable = {f.display: f for f in result.files if isinstance(f.data, dict)}
    unreadable: set[str] = set()
    project = Project()
    for muni_folder in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []:
        org = usable.get(f"{PLANS}/{muni_folder.name}/organisation.yaml")
        muni = _build(Municipality.from_data, org.data) if org else None
        if muni is None:
            muni = Municipality(muni_folder.name, muni_folder.name, "")
        for doc_folder in sorted(p for p in muni_folder.iterdir() if p.is_dir()):
            prefix = f"{PLANS}/{muni_folder.name}/{doc_folder.name}"
            plan = usable.get(f"{prefix}/plan.yaml")
            doc = _build(Document.from_data, plan.data) if plan else None
            if doc is None:
                if (doc_folder / "plan.yaml").is_file():
                    unreadable.add(f"{muni.id}/{doc_folder.name}")
                continue
            indicators = usable.get(f"{prefix}/indicators.yaml")
            if indicators:
                built = _build(lambda d, doc_id=doc.id: [Indicator.from_data(i, doc_id) for i in d["indicators"]],
                               indicators.data)
                doc.indicators = built or []
            for display in sorted(k for k in usable if k.startswith(f"{prefix}/followup/")):
                followup = _build(FollowUp.from_data, usable[display].data)
                if followup is not None:
                    doc.followups.append(followup)
            muni.documents[doc.id] = doc
        project.municipalities[muni.id] = muni
    return Side(label, project, result.problems, unreadable)


def _build(make: Callable, data):
    try:
        return make(data)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


# ----------------------------------------------------------------------------------------------
# The diff as data


@dataclass(slots=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(slots=True)
class ItemChange:
    """An added, removed, changed or renamed thing (area, action, indicator, unit …)."""

    change: str  # "tillagd", "borttagen", "ändrad", "nytt-id"
    id: str
    title: str
    old_id: str = ""
    details: list[str] = field(default_factory=list)
    fields: list[FieldChange] = field(default_factory=list)


@dataclass(slots=True)
class StatusChange:
    period: str
    action: str
    title: str
    old: str  # "" when the action was not reported before
    new: str  # "" when the report was removed


@dataclass(slots=True)
class PlanDiff:
    key: str
    title: str
    municipality: str
    change: str  # "tillagd", "borttagen", "ändrad", "oläslig"
    summary: str = ""  # for a whole document added or removed: what it holds
    metadata: list[FieldChange] = field(default_factory=list)
    areas: list[ItemChange] = field(default_factory=list)
    actions: list[ItemChange] = field(default_factory=list)
    followups: list[ItemChange] = field(default_factory=list)
    statuses: list[StatusChange] = field(default_factory=list)
    indicators: list[ItemChange] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.metadata or self.areas or self.actions or self.followups or self.statuses
                    or self.indicators) and self.change == "ändrad"


@dataclass(slots=True)
class OrganisationDiff:
    municipality: str
    name: str
    change: str
    metadata: list[FieldChange] = field(default_factory=list)
    units: list[ItemChange] = field(default_factory=list)

    def empty(self) -> bool:
        return not (self.metadata or self.units) and self.change == "ändrad"


@dataclass(slots=True)
class DiffResult:
    base: str
    head: str
    base_problems: list[Problem] = field(default_factory=list)
    head_problems: list[Problem] = field(default_factory=list)
    organisations: list[OrganisationDiff] = field(default_factory=list)
    plans: list[PlanDiff] = field(default_factory=list)

    @property
    def has_changes(self) -> bool:
        return bool(self.organisations or self.plans)


# ----------------------------------------------------------------------------------------------
# Rendering values


def _text(value) -> str:
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, (int, float)):
        return swedish_number(value)
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value) if value else "–"
    return " ".join(str(value).split())


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _pair(old: str, new: str, limit: int = 90) -> tuple[str, str]:
    """Shorten two long texts around their first difference so the change stays visible."""
    if len(old) <= limit and len(new) <= limit:
        return old, new
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    start = max(0, start - 30)
    prefix = "…" if start else ""
    return prefix + _short(old[start:], limit), prefix + _short(new[start:], limit)


def _unit_name(muni: Municipality | None, unit_id: str) -> str:
    unit = muni.unit(unit_id) if muni else None
    if unit is None:
        return unit_id
    return f"{unit.name} ({unit.abbreviation})" if unit.abbreviation and unit.abbreviation != unit.name else unit.name


def _units(muni: Municipality | None, ids: list[str]) -> str:
    return ", ".join(_unit_name(muni, u) for u in ids) if ids else "–"


def _title(kind: str, *shape: str) -> str:
    try:
        return schemas.title_for(kind, tuple(shape))
    except (KeyError, TypeError):
        return shape[-1]


_ACTION = ("areas", "*", "actions", "*")


def _action_fields(action: Action, muni: Municipality | None, doc: Document) -> dict[str, str]:
    """Every comparable field of an action as (Swedish label -> display text), id excluded."""
    def t(*shape: str) -> str:
        return _title("plan", *_ACTION, *shape)

    causes = {c.id: c.text for c in doc.all_causes()}
    fields = {
        t("title"): _text(action.title),
        t("label"): _text(action.label),
        t("description"): _text(action.description),
        t("goals"): _text(action.goals),
        t("causes"): _text([_short(causes.get(c, c), 60) for c in action.causes]),
        "Ansvarig": _units(muni, action.responsible.lead),
        "Medverkande": _units(muni, action.responsible.participants),
        "Ansvar, beskrivning": _text(action.responsible.description),
        t("responsible_text"): _text(action.responsible_text),
        t("partners"): _units(muni, action.partners),
        t("work_type"): _text(action.work_type),
        t("prevention"): _text(action.prevention),
        t("detailed_plan_proposal"): _text(action.detailed_plan_proposal),
        t("methods"): _text([muni.methods[m].name if muni and m in muni.methods else m for m in action.methods]),
        t("forums"): _text([muni.forums[f].name if muni and f in muni.forums else f for f in action.forums]),
        t("indicators"): _text(action.indicators),
        t("followup_plan"): _text(action.followup_plan),
        t("remark"): _text(action.remark),
        "Område": _text(action.area_id),
    }
    fields.update(_timing_fields(action.timing, "När"))
    for activity in action.activities:
        label = f"Aktivitet {activity.id}"
        fields[label] = _text(activity.title)
        fields[f"{label}, ansvarig"] = _units(muni, activity.responsible.lead)
        fields[f"{label}, medverkande"] = _units(muni, activity.responsible.participants)
        fields.update(_timing_fields(activity.timing, f"{label}, när"))
    return fields


def _timing_fields(timing: Timing, label: str) -> dict[str, str]:
    return {
        f"{label}: start": _text(timing.start),
        f"{label}: klar senast": _text(timing.deadline),
        f"{label}: återkommer": _text(timing.recurrence),
        f"{label}: löpande": "ja" if timing.continuous else "–",
        f"{label}: enligt källan": _text(timing.text),
    }


def _field_changes(old: dict[str, str], new: dict[str, str]) -> list[FieldChange]:
    changes = []
    for key in list(old) + [k for k in new if k not in old]:
        before, after = old.get(key, "–"), new.get(key, "–")
        if before != after:
            before, after = _pair(before, after)
            changes.append(FieldChange(key, before, after))
    return changes


def _responsible_summary(muni: Municipality | None, responsible: Responsibility) -> str:
    return _units(muni, responsible.lead or responsible.participants)


# ----------------------------------------------------------------------------------------------
# Comparing


def diff_sides(base: Side, head: Side) -> DiffResult:
    result = DiffResult(base.label, head.label, base.problems, head.problems)
    old_munis, new_munis = base.project.municipalities, head.project.municipalities
    for muni_id in _union(old_munis, new_munis):
        org = _diff_organisation(old_munis.get(muni_id), new_munis.get(muni_id))
        if org is not None and not org.empty():
            result.organisations.append(org)
        old_docs = old_munis[muni_id].documents if muni_id in old_munis else {}
        new_docs = new_munis[muni_id].documents if muni_id in new_munis else {}
        for doc_id in _union(old_docs, new_docs):
            old_doc, new_doc = old_docs.get(doc_id), new_docs.get(doc_id)
            key = f"{muni_id}/{doc_id}"
            if (old_doc is None and key in base.unreadable) or (new_doc is None and key in head.unreadable):
                doc = old_doc or new_doc
                muni = new_munis.get(muni_id) or old_munis.get(muni_id)
                result.plans.append(PlanDiff(key, doc.title, muni.name, "oläslig",
                                             "före" if old_doc is None else "efter"))
                continue
            try:
                plan = _diff_plan(old_doc, new_doc, old_munis.get(muni_id), new_munis.get(muni_id))
            except (AttributeError, KeyError, TypeError, ValueError):
                doc = old_doc or new_doc
                plan = PlanDiff(key, doc.title, muni_id, "oläslig", "före och efter")
            if not plan.empty():
                result.plans.append(plan)
    return result


def _union(old: dict, new: dict) -> list[str]:
    return sorted(set(old) | set(new))


def _diff_organisation(old: Municipality | None, new: Municipality | None) -> OrganisationDiff | None:
    muni = new or old
    if muni is None:
        return None
    change = "tillagd" if old is None else "borttagen" if new is None else "ändrad"
    out = OrganisationDiff(muni.id, muni.name, change)
    if old is None or new is None:
        return out
    for label, before, after in (("Namn", old.name, new.name), ("Kommunkod", old.code, new.code),
                                 ("Webbplats", old.website, new.website)):
        if before != after:
            out.metadata.append(FieldChange(label, _text(before), _text(after)))
    for unit_id in _union(old.units, new.units):
        before, after = old.units.get(unit_id), new.units.get(unit_id)
        noun = "part" if (after or before).external else "enhet"
        if before is None:
            out.units.append(ItemChange("tillagd", unit_id, after.name, details=[noun]))
        elif after is None:
            out.units.append(ItemChange("borttagen", unit_id, before.name, details=[noun]))
        else:
            fields = _field_changes(
                {"Namn": _text(before.name), "Förkortning": _text(before.abbreviation), "Typ": _text(before.kind),
                 "Ingår i": _unit_name(old, before.parent) if before.parent else "–"},
                {"Namn": _text(after.name), "Förkortning": _text(after.abbreviation), "Typ": _text(after.kind),
                 "Ingår i": _unit_name(new, after.parent) if after.parent else "–"})
            if fields:
                out.units.append(ItemChange("ändrad", unit_id, after.name, details=[noun], fields=fields))
    return out


_METADATA = (
    ("title", "Titel"), ("short_title", "Kort titel"), ("kind", "Dokumenttyp"), ("status", "Status"),
    ("diarienummer", "Diarienummer"), ("document_date", "Dokumentdatum"), ("summary", "Kort beskrivning"),
    ("validity_start", "Giltig från"), ("validity_end", "Giltig till"), ("validity_text", "Giltighet enligt källan"),
    ("revise_by", "Revideras senast"), ("parent", "Överordnat dokument"),
)
_DECISION = (("body", "Beslutande organ"), ("date", "Beslutsdatum"), ("paragraph", "Paragraf"),
             ("diarienummer", "Diarienummer för beslutet"), ("text", "Beslutstext"))


def _metadata(doc: Document) -> dict[str, str]:
    fields = {label: _text(getattr(doc, name)) for name, label in _METADATA}
    fields.update({label: _text(getattr(doc.decision, name)) for name, label in _DECISION})
    fields["Antal textavsnitt"] = str(len(doc.sections))
    return fields


def _diff_plan(old: Document | None, new: Document | None, old_muni: Municipality | None,
               new_muni: Municipality | None) -> PlanDiff:
    doc = new or old
    muni = new_muni or old_muni
    change = "tillagd" if old is None else "borttagen" if new is None else "ändrad"
    out = PlanDiff(doc.key, doc.title, muni.name if muni else doc.municipality_id, change)
    empty = Document(doc.id, doc.municipality_id, doc.kind, doc.title, doc.status)
    old_doc, new_doc = old or empty, new or empty
    if old is None or new is None:
        out.summary = _document_summary(doc)
        return out
    out.metadata = _field_changes(_metadata(old), _metadata(new))
    out.areas = _diff_areas(old_doc, new_doc)
    renames = _diff_actions(out, old_doc, new_doc, old_muni, new_muni)
    _diff_followups(out, old_doc, new_doc, renames)
    out.indicators = _diff_indicators(old_doc, new_doc)
    return out


def _document_summary(doc: Document) -> str:
    parts = [f"status {doc.status}", _count(len(doc.all_areas()), "område", "områden"),
             _count(len(doc.all_actions()), "åtgärd", "åtgärder"),
             _count(len(doc.indicators), "indikator", "indikatorer"),
             _count(len(doc.followups), "uppföljning", "uppföljningar")]
    return ", ".join(parts)


def _diff_areas(old: Document, new: Document) -> list[ItemChange]:
    changes = []
    old_areas = {a.id: a for a in old.all_areas()}
    new_areas = {a.id: a for a in new.all_areas()}
    for area_id in list(old_areas) + [a for a in new_areas if a not in old_areas]:
        before, after = old_areas.get(area_id), new_areas.get(area_id)
        if before is None:
            changes.append(ItemChange("tillagd", area_id, after.title,
                                      details=[_count(len(after.actions), "åtgärd", "åtgärder")] if after.actions else []))
        elif after is None:
            changes.append(ItemChange("borttagen", area_id, before.title))
        else:
            fields = _field_changes(_area_fields(before), _area_fields(after))
            if fields:
                changes.append(ItemChange("ändrad", area_id, after.title, fields=fields))
    return changes


def _area_fields(area: Area) -> dict[str, str]:
    def t(name: str) -> str:
        return _title("plan", "areas", "*", name)

    fields = {t("title"): _text(area.title), t("kind"): _text(area.kind), t("description"): _text(area.description),
              t("situation"): _text(area.situation), t("definitions"): _text(area.definitions),
              t("indicators"): _text(area.indicators), "Ingår i område": _text(area.parent_id)}
    for goal in area.goals:
        fields[f"Mål {goal.id}"] = _text(goal.text)
    for cause in area.causes:
        fields[f"Orsak {cause.id}"] = _text(cause.text)
    return fields


def _diff_actions(out: PlanDiff, old: Document, new: Document, old_muni: Municipality | None,
                  new_muni: Municipality | None) -> dict[str, str]:
    """Fill out.actions; returns renamed ids old -> new."""
    old_actions = {a.id: a for a in old.all_actions()}
    new_actions = {a.id: a for a in new.all_actions()}
    removed = [a for a in old_actions if a not in new_actions]
    added = [a for a in new_actions if a not in old_actions]
    # Compare by ids, not display names: a unit renamed in organisation.yaml must not hide a rename.
    old_fields = {a: _action_fields(old_actions[a], None, old) for a in removed}
    new_fields = {a: _action_fields(new_actions[a], None, new) for a in added}
    renames: dict[str, str] = {}
    for old_id in removed:
        for new_id in added:
            if new_id not in renames.values() and old_fields[old_id] == new_fields[new_id]:
                renames[old_id] = new_id
                break
    areas = {a.id: a.title for a in new.all_areas()} | {a.id: a.title for a in old.all_areas()}
    for action_id in list(old_actions) + added:
        before, after = old_actions.get(action_id), new_actions.get(action_id)
        if action_id in renames:
            target = new_actions[renames[action_id]]
            out.actions.append(ItemChange("nytt-id", target.id, target.title, old_id=action_id,
                                          details=["innehållet är oförändrat"]))
        elif action_id in renames.values():
            continue
        elif before is None:
            details = [f"område: {areas.get(after.area_id, after.area_id)}"]
            who = _responsible_summary(new_muni, after.responsible)
            if who != "–":
                details.append(f"ansvarig: {who}")
            if after.timing.text or after.timing.deadline:
                details.append(f"när: {_text(after.timing.text or after.timing.deadline)}")
            out.actions.append(ItemChange("tillagd", action_id, after.title, details=details))
        elif after is None:
            out.actions.append(ItemChange("borttagen", action_id, before.title,
                                          details=[f"område: {areas.get(before.area_id, before.area_id)}"]))
        else:
            fields = _field_changes(_action_fields(before, old_muni, old), _action_fields(after, new_muni, new))
            if fields:
                out.actions.append(ItemChange("ändrad", action_id, after.title, fields=fields))
    return renames


_REPORT_TEXT = (("done", "Vad har genomförts"), ("next", "Nästa steg"), ("obstacles", "Hinder"),
                ("remark", "Anmärkning"))


def _diff_followups(out: PlanDiff, old: Document, new: Document, renames: dict[str, str]) -> None:
    old_by_period = {f.period: f for f in old.followups}
    new_by_period = {f.period: f for f in new.followups}
    titles = {a.id: a.title for a in old.all_actions()} | {a.id: a.title for a in new.all_actions()}
    for period in sorted(set(old_by_period) | set(new_by_period)):
        before, after = old_by_period.get(period), new_by_period.get(period)
        if before is None:
            out.followups.append(ItemChange("tillagd", period, after.title or f"Uppföljning {period}",
                                            details=[_count(len(after.actions), "åtgärd rapporterad", "åtgärder rapporterade")]))
        elif after is None:
            out.followups.append(ItemChange("borttagen", period, before.title or f"Uppföljning {period}"))
        old_reports = {renames.get(r.action, r.action): r for r in (before.actions if before else [])}
        new_reports = {r.action: r for r in (after.actions if after else [])}
        for action_id in list(old_reports) + [a for a in new_reports if a not in old_reports]:
            report_before, report_after = old_reports.get(action_id), new_reports.get(action_id)
            old_status = report_before.status if report_before else ""
            new_status = report_after.status if report_after else ""
            title = titles.get(action_id, action_id)
            if old_status != new_status:
                out.statuses.append(StatusChange(period, action_id, title, old_status, new_status))
            if report_before and report_after:
                fields = _field_changes({label: _text(getattr(report_before, name)) for name, label in _REPORT_TEXT},
                                        {label: _text(getattr(report_after, name)) for name, label in _REPORT_TEXT})
                if fields:
                    out.followups.append(ItemChange("ändrad", period, title, old_id=action_id, fields=fields))
        if before and after:
            fields = _field_changes(_followup_fields(before), _followup_fields(after))
            if fields:
                out.followups.append(ItemChange("ändrad", period, after.title or f"Uppföljning {period}",
                                                fields=fields))


def _followup_fields(followup: FollowUp) -> dict[str, str]:
    fields = {"Titel": _text(followup.title), "Sammanfattning": _text(followup.summary),
              "Redovisad för": _text(followup.reported_body), "Redovisad datum": _text(followup.reported_date)}
    for area in followup.areas:
        fields[f"Bedömning för område {area.area}"] = _text(area.assessment)
    for comment in followup.indicators:
        fields[f"Kommentar till indikator {comment.indicator}"] = _text(comment.comment)
    return fields


def _series_label(indicator: Indicator, breakdown: str, comparison: str) -> str:
    parts = []
    if breakdown != "totalt":
        parts.append(indicator.breakdowns.get(breakdown, breakdown).lower())
    if comparison != "kommun":
        parts.append({"riket": "riket", "liknande-kommuner": "liknande kommuner", "lan": "länet",
                      "polisregion": "polisregionen"}.get(comparison, comparison))
    return f" ({', '.join(parts)})" if parts else ""


def _value_text(value, unit: str) -> str:
    if value is None:
        return "saknas"
    text = swedish_number(value)
    return f"{text} %" if unit == "procent" else text


def _target_text(target) -> str:
    bits = [target.text]
    extra = []
    if target.value is not None:
        extra.append(f"värde {swedish_number(target.value)}")
    if target.year is not None:
        extra.append(f"år {target.year}")
    if extra:
        bits.append(f"({', '.join(extra)})")
    return _text(" ".join(bits))


def _diff_indicators(old: Document, new: Document) -> list[ItemChange]:
    changes = []
    old_ind = {i.id: i for i in old.indicators}
    new_ind = {i.id: i for i in new.indicators}
    for ind_id in list(old_ind) + [i for i in new_ind if i not in old_ind]:
        before, after = old_ind.get(ind_id), new_ind.get(ind_id)
        if before is None:
            changes.append(ItemChange("tillagd", ind_id, after.name,
                                      details=[_count(after.value_count(), "värde", "värden")] if after.value_count() else []))
            continue
        if after is None:
            changes.append(ItemChange("borttagen", ind_id, before.name))
            continue
        details: list[str] = []
        old_values = {(s.breakdown, s.comparison, v.period): v for s in before.series for v in s.values}
        new_values = {(s.breakdown, s.comparison, v.period): v for s in after.series for v in s.values}
        for key in sorted(set(old_values) | set(new_values), key=lambda k: (k[2], k[0], k[1])):
            series = _series_label(after, key[0], key[1])
            v_old, v_new = old_values.get(key), new_values.get(key)
            if v_old is None:
                prelim = ", preliminärt" if v_new.preliminary else ""
                details.append(f"nytt värde {key[2]}{series}: {_value_text(v_new.value, after.unit)}{prelim}")
            elif v_new is None:
                details.append(f"värde {key[2]}{series} borttaget (var {_value_text(v_old.value, before.unit)})")
            elif v_old.value != v_new.value or v_old.preliminary != v_new.preliminary:
                prelim = " (nu slutligt)" if v_old.preliminary and not v_new.preliminary else ""
                details.append(f"värde {key[2]}{series} ändrat: {_value_text(v_old.value, before.unit)} → "
                               f"{_value_text(v_new.value, after.unit)}{prelim}")
        old_targets = [_target_text(t) for t in before.targets]
        new_targets = [_target_text(t) for t in after.targets]
        if old_targets != new_targets:
            if len(old_targets) == len(new_targets):
                for t_old, t_new in zip(old_targets, new_targets):
                    if t_old != t_new:
                        details.append(f"målvärde ändrat: {t_old} → {t_new}")
            else:
                details.extend(f"målvärde borttaget: {t}" for t in old_targets if t not in new_targets)
                details.extend(f"nytt målvärde: {t}" for t in new_targets if t not in old_targets)
        old_assessment = before.assessment.status if before.assessment else "–"
        new_assessment = after.assessment.status if after.assessment else "–"
        if old_assessment != new_assessment:
            details.append(f"bedömning: {old_assessment} → {new_assessment}")
        fields = _field_changes(
            {"Namn": _text(before.name), "Enhet": _text(before.unit), "Riktning": _text(before.direction),
             "Definition": _text(before.definition)},
            {"Namn": _text(after.name), "Enhet": _text(after.unit), "Riktning": _text(after.direction),
             "Definition": _text(after.definition)})
        if details or fields:
            changes.append(ItemChange("ändrad", ind_id, after.name, details=details, fields=fields))
    return changes


# ----------------------------------------------------------------------------------------------
# Rendering


_NEUTER = {"område"}


def _verb(change: str, noun: str) -> str:
    if noun in _NEUTER:
        return {"tillagd": "Nytt", "borttagen": "Borttaget", "ändrad": "Ändrat"}[change]
    return {"tillagd": "Ny", "borttagen": "Borttagen", "ändrad": "Ändrad"}[change]


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _md(text: str) -> str:
    """Neutralise characters that would turn a value into Markdown or HTML in the summary."""
    return text.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;").replace("*", "\\*") \
        .replace("_", "\\_").replace("`", "'").replace("[", "\\[").replace("]", "\\]")


def _item_line(item: ItemChange, noun: str) -> list[str]:
    if item.change == "nytt-id":
        head = f"- **Nytt id:** `{item.old_id}` → `{item.id}` {_md(_short(item.title))}"
    else:
        head = f"- **{_verb(item.change, noun)} {noun}:** `{item.id}` {_md(_short(item.title))}"
    if item.details:
        head += f" ({_md('; '.join(item.details))})"
    lines = [head]
    lines.extend(f"  - {_md(f.field)}: {_md(f.old)} → {_md(f.new)}" for f in item.fields)
    return lines


def _problem_lines(problems: list[Problem], limit: int = 20) -> list[str]:
    lines = [f"> - `{p.file}:{p.line}:{p.column}` {p.code}: {_md(p.message)}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"> - … och {len(problems) - limit} problem till (kör `tryggplan validate`).")
    return lines


def _status(value: str) -> str:
    return value if value else "ej rapporterad"


def to_markdown(result: DiffResult) -> str:
    lines = ["# Ändringar i planerna", "", f"Jämför `{result.base}` (före) med `{result.head}` (efter).", ""]
    for label, problems in (("före", result.base_problems), ("efter", result.head_problems)):
        if problems:
            lines.append(f"> **Obs!** Versionen {label} (`{result.base if label == 'före' else result.head}`) "
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
                         f"`{org.municipality}` {_md(org.name)}")
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
            lines.extend([f"- **Nytt dokument:** `{plan.key}` ({_md(plan.summary)})", ""])
        elif plan.change == "borttagen":
            lines.extend([f"- **Borttaget dokument:** `{plan.key}` (hade {_md(plan.summary)})", ""])
        elif plan.change == "oläslig":
            lines.extend([f"- **Kunde inte jämföras:** plan.yaml i `{plan.key}` går inte att läsa i versionen "
                          f"{plan.summary}. Rätta problemen ovan.", ""])
            continue
        else:
            lines.extend([f"`{plan.key}`", ""])
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
                    lines.append(f"- **{item.id}**, `{item.old_id}` {_md(_short(item.title))}: rapporten ändrad")
                    lines.extend(f"  - {_md(f.field)}: {_md(f.old)} → {_md(f.new)}" for f in item.fields)
                elif item.change == "ändrad":
                    lines.append(f"- **{item.id}**: {_md(item.title)} ändrad")
                    lines.extend(f"  - {_md(f.field)}: {_md(f.old)} → {_md(f.new)}" for f in item.fields)
                else:
                    lines.extend(_item_line(item, "uppföljning"))
            for status in plan.statuses:
                lines.append(f"- **{status.period}**, `{status.action}` {_md(_short(status.title))}: "
                             f"{_status(status.old)} → {_status(status.new)}")
            lines.append("")
        if plan.indicators:
            lines.extend(["### Indikatorer", ""])
            for item in plan.indicators:
                if item.change == "ändrad":
                    lines.append(f"- `{item.id}` {_md(_short(item.title))}")
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


def diff_refs(runner: GitRunner, base: str, head: str | None, workdir: Path) -> DiffResult:
    """Snapshot both sides into workdir and compare them."""
    base_side = load_side(snapshot(runner, base, workdir / "fore"), base)
    head_side = load_side(snapshot(runner, head, workdir / "efter"), head or "arbetskopian")
    return diff_sides(base_side, head_side)
