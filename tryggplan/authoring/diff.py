"""A semantic diff of two versions of plans/: what a reviewer needs to know, in Swedish.

`diff_sides()` compares two loaded versions (see gitsnap) into the data of diffdata; diff_render
turns the result into Markdown or JSON. Nothing here prints or exits.
"""

from __future__ import annotations

from pathlib import Path

from tryggplan.authoring.diffdata import (
    DiffResult,
    FieldChange,
    ItemChange,
    OrganisationDiff,
    PlanDiff,
    StatusChange,
    count_text,
    display_text,
    shorten,
    shorten_pair,
)
from tryggplan.authoring.gitsnap import GitRunner, Side, load_side, snapshot
from tryggplan.formatting import swedish_number
from tryggplan.load import schemas
from tryggplan.model import (
    Action,
    Area,
    Document,
    FollowUp,
    Indicator,
    Municipality,
    Responsibility,
    Timing,
)


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
        t("title"): display_text(action.title),
        t("label"): display_text(action.label),
        t("description"): display_text(action.description),
        t("goals"): display_text(action.goals),
        t("causes"): display_text([shorten(causes.get(c, c), 60) for c in action.causes]),
        "Ansvarig": _units(muni, action.responsible.lead),
        "Medverkande": _units(muni, action.responsible.participants),
        "Ansvar, beskrivning": display_text(action.responsible.description),
        t("responsible_text"): display_text(action.responsible_text),
        t("partners"): _units(muni, action.partners),
        t("work_type"): display_text(action.work_type),
        t("prevention"): display_text(action.prevention),
        t("detailed_plan_proposal"): display_text(action.detailed_plan_proposal),
        t("methods"): display_text([muni.methods[m].name if muni and m in muni.methods else m for m in action.methods]),
        t("forums"): display_text([muni.forums[f].name if muni and f in muni.forums else f for f in action.forums]),
        t("indicators"): display_text(action.indicators),
        t("followup_plan"): display_text(action.followup_plan),
        t("remark"): display_text(action.remark),
        "Område": display_text(action.area_id),
    }
    fields.update(_timing_fields(action.timing, "När"))
    for activity in action.activities:
        label = f"Aktivitet {activity.id}"
        fields[label] = display_text(activity.title)
        fields[f"{label}, ansvarig"] = _units(muni, activity.responsible.lead)
        fields[f"{label}, medverkande"] = _units(muni, activity.responsible.participants)
        fields.update(_timing_fields(activity.timing, f"{label}, när"))
    return fields


def _timing_fields(timing: Timing, label: str) -> dict[str, str]:
    return {
        f"{label}: start": display_text(timing.start),
        f"{label}: klar senast": display_text(timing.deadline),
        f"{label}: återkommer": display_text(timing.recurrence),
        f"{label}: löpande": "ja" if timing.continuous else "–",
        f"{label}: enligt källan": display_text(timing.text),
    }


def _field_changes(old: dict[str, str], new: dict[str, str]) -> list[FieldChange]:
    changes = []
    for key in list(old) + [k for k in new if k not in old]:
        before, after = old.get(key, "–"), new.get(key, "–")
        if before != after:
            before, after = shorten_pair(before, after)
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
            out.metadata.append(FieldChange(label, display_text(before), display_text(after)))
    for unit_id in _union(old.units, new.units):
        before, after = old.units.get(unit_id), new.units.get(unit_id)
        noun = "part" if (after or before).external else "enhet"
        if before is None:
            out.units.append(ItemChange("tillagd", unit_id, after.name, details=[noun]))
        elif after is None:
            out.units.append(ItemChange("borttagen", unit_id, before.name, details=[noun]))
        else:
            fields = _field_changes(
                {"Namn": display_text(before.name), "Förkortning": display_text(before.abbreviation), "Typ": display_text(before.kind),
                 "Ingår i": _unit_name(old, before.parent) if before.parent else "–"},
                {"Namn": display_text(after.name), "Förkortning": display_text(after.abbreviation), "Typ": display_text(after.kind),
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
    fields = {label: display_text(getattr(doc, name)) for name, label in _METADATA}
    fields.update({label: display_text(getattr(doc.decision, name)) for name, label in _DECISION})
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
    parts = [f"status {doc.status}", count_text(len(doc.all_areas()), "område", "områden"),
             count_text(len(doc.all_actions()), "åtgärd", "åtgärder"),
             count_text(len(doc.indicators), "indikator", "indikatorer"),
             count_text(len(doc.followups), "uppföljning", "uppföljningar")]
    return ", ".join(parts)


def _diff_areas(old: Document, new: Document) -> list[ItemChange]:
    changes = []
    old_areas = {a.id: a for a in old.all_areas()}
    new_areas = {a.id: a for a in new.all_areas()}
    for area_id in list(old_areas) + [a for a in new_areas if a not in old_areas]:
        before, after = old_areas.get(area_id), new_areas.get(area_id)
        if before is None:
            changes.append(ItemChange("tillagd", area_id, after.title,
                                      details=[count_text(len(after.actions), "åtgärd", "åtgärder")] if after.actions else []))
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

    fields = {t("title"): display_text(area.title), t("kind"): display_text(area.kind), t("description"): display_text(area.description),
              t("situation"): display_text(area.situation), t("definitions"): display_text(area.definitions),
              t("indicators"): display_text(area.indicators), "Ingår i område": display_text(area.parent_id)}
    for goal in area.goals:
        fields[f"Mål {goal.id}"] = display_text(goal.text)
    for cause in area.causes:
        fields[f"Orsak {cause.id}"] = display_text(cause.text)
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
                details.append(f"när: {display_text(after.timing.text or after.timing.deadline)}")
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
                                            details=[count_text(len(after.actions), "åtgärd rapporterad", "åtgärder rapporterade")]))
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
                fields = _field_changes({label: display_text(getattr(report_before, name)) for name, label in _REPORT_TEXT},
                                        {label: display_text(getattr(report_after, name)) for name, label in _REPORT_TEXT})
                if fields:
                    out.followups.append(ItemChange("ändrad", period, title, old_id=action_id, fields=fields))
        if before and after:
            fields = _field_changes(_followup_fields(before), _followup_fields(after))
            if fields:
                out.followups.append(ItemChange("ändrad", period, after.title or f"Uppföljning {period}",
                                                fields=fields))


def _followup_fields(followup: FollowUp) -> dict[str, str]:
    fields = {"Titel": display_text(followup.title), "Sammanfattning": display_text(followup.summary),
              "Redovisad för": display_text(followup.reported_body), "Redovisad datum": display_text(followup.reported_date)}
    for area in followup.areas:
        fields[f"Bedömning för område {area.area}"] = display_text(area.assessment)
    for comment in followup.indicators:
        fields[f"Kommentar till indikator {comment.indicator}"] = display_text(comment.comment)
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
    return display_text(" ".join(bits))


def _diff_indicators(old: Document, new: Document) -> list[ItemChange]:
    changes = []
    old_ind = {i.id: i for i in old.indicators}
    new_ind = {i.id: i for i in new.indicators}
    for ind_id in list(old_ind) + [i for i in new_ind if i not in old_ind]:
        before, after = old_ind.get(ind_id), new_ind.get(ind_id)
        if before is None:
            changes.append(ItemChange("tillagd", ind_id, after.name,
                                      details=[count_text(after.value_count(), "värde", "värden")] if after.value_count() else []))
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
            {"Namn": display_text(before.name), "Enhet": display_text(before.unit), "Riktning": display_text(before.direction),
             "Definition": display_text(before.definition)},
            {"Namn": display_text(after.name), "Enhet": display_text(after.unit), "Riktning": display_text(after.direction),
             "Definition": display_text(after.definition)})
        if details or fields:
            changes.append(ItemChange("ändrad", ind_id, after.name, details=details, fields=fields))
    return changes



def diff_refs(runner: GitRunner, base: str, head: str | None, workdir: Path) -> DiffResult:
    """Snapshot both sides into workdir and compare them."""
    base_side = load_side(snapshot(runner, base, workdir / "fore"), base)
    head_side = load_side(snapshot(runner, head, workdir / "efter"), head or "arbetskopian")
    return diff_sides(base_side, head_side)
