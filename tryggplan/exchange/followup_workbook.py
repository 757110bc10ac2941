"""Follow-up meetings in a spreadsheet: export the actions of a document to XLSX, let the
responsible people fill in status and narrative, import the sheet back to
plans/<kommun>/<dokument>/followup/<period>.yaml.

Pure functions: no printing, no exits. Problems are returned as values, located at the cell
(file = the workbook's name, line = row, column = column number).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from tryggplan.exchange import spreadsheets
from tryggplan.exchange.spreadsheets import set_text
from tryggplan.exchange.yamlwrite import dump
from tryggplan.load import schemas
from tryggplan.load.yamlmarks import load_yaml_text
from tryggplan.model import STATUSES, Action, Document, Municipality, Project
from tryggplan.problems import Problem

SHEET = "Uppföljning"
INSTRUCTIONS = "Instruktioner"
META = "Metadata"
FORMAT = "tryggplan-uppfoljning-1"
MODELINE = "# yaml-language-server: $schema=../../../../schema/followup.schema.json"

# (header, width) in sheet order; the first six are filled by the export, the rest by people.
COLUMNS = (
    ("Id", 22), ("Område", 24), ("Åtgärd", 40), ("Ansvariga", 30), ("Senaste status", 26),
    ("Ny status", 18), ("Vad har genomförts", 50), ("Nästa steg", 40), ("Hinder", 40),
    ("Rapporterad av", 24), ("Datum", 14),
)
COL_ID, COL_AREA, COL_TITLE, COL_RESPONSIBLE, COL_LATEST, COL_STATUS, COL_DONE, COL_NEXT, COL_OBSTACLES, \
    COL_BY, COL_DATE = range(1, 12)
_TEXT_FIELDS = ((COL_DONE, "done"), (COL_NEXT, "next"), (COL_OBSTACLES, "obstacles"))
_NARRATIVE_LABELS = {"next": "Nästa steg", "obstacles": "Hinder"}
PERIOD = re.compile(r"[0-9]{4}(?:-(?:T[1-3]|H[12]|Q[1-4]|0[1-9]|1[0-2]))?|[0-9]{4}-(?:0[1-9]|1[0-2])--[0-9]{4}-"
                    r"(?:0[1-9]|1[0-2])|[0-9]{4}--[0-9]{4}")
_DATE = re.compile(r"^[0-9]{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$")

INSTRUCTION_TEXT = (
    "Så fyller du i uppföljningen",
    "",
    "1. Gå till bladet Uppföljning. Varje rad är en åtgärd i dokumentet.",
    "2. Välj Ny status i listan: inte påbörjad, påbörjad, genomförd, försenad, inställd eller löpande "
    "(löpande = pågående ordinarie arbete).",
    "3. Skriv vad som har genomförts, nästa steg och vad som hindrat arbetet. Vanlig text räcker; "
    "tomma rader blir nya stycken.",
    "4. Skriv din roll under Rapporterad av (till exempel \"Trygghetssamordnare\") och datum som ÅÅÅÅ-MM-DD.",
    "5. Lämna raden tom för åtgärder som inte ska rapporteras den här perioden. Text utan status blir en "
    "berättande uppföljning (utan status) för åtgärden.",
    "6. Ändra inte kolumnen Id och inte bladet Metadata: de visar vart uppföljningen hör.",
    "",
    "Spara filen och lämna den till den som läser in den med tryggplan import.",
)


@dataclass(slots=True)
class ImportResult:
    """The follow-up YAML text, where it belongs (relative to the repository) and every problem."""

    yaml_text: str
    target_path: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


class ExportError(ValueError):
    """The document or period to export does not exist or is malformed."""


def _find(project: Project, doc_ref: str) -> tuple[Municipality, Document]:
    muni_id, _, doc_id = doc_ref.rpartition("/")
    if not muni_id:
        matches = [(m, d) for m in project.municipalities.values() for d in m.documents.values() if d.id == doc_id]
        if len(matches) == 1:
            return matches[0]
        raise ExportError(f"Ange dokumentet som kommun/dokument, till exempel \"kungalv/{doc_id}\".")
    muni = project.municipalities.get(muni_id)
    doc = muni.documents.get(doc_id) if muni else None
    if muni is None or doc is None:
        raise ExportError(f"Dokumentet \"{doc_ref}\" finns inte.")
    return muni, doc


def _latest_before(doc: Document, action_id: str, period: str) -> tuple[str, str]:
    for followup in sorted(doc.followups, key=lambda f: f.period, reverse=True):
        if followup.period >= period:
            continue
        for report in followup.actions:
            if report.action == action_id:
                return report.status, followup.period
    return "", ""


def round_for_period(doc: Document, period: str):
    """The round of a rolling document whose period this is, or None."""
    return next((r for r in getattr(doc, "rounds", []) if r.period == period), None)


def actions_for_period(doc: Document, period: str) -> list[tuple[str, Action]]:
    """(area or round title, action) for every action that can be reported for the period: only the round's
    actions for a round of a rolling document; otherwise those under the document and in its areas."""
    found = round_for_period(doc, period)
    if found is not None:
        return [(found.title or f"Omgång {found.period}", a) for a in found.actions]
    out = [("", a) for a in getattr(doc, "actions", [])]
    out += [(area.title, a) for area in doc.all_areas() for a in area.actions]
    return out


def _responsible(action, muni: Municipality) -> str:
    ids = action.responsible.all or [u for a in action.activities for u in a.responsible.all]
    names = [muni.units[u].name if u in muni.units else u for u in ids]
    return ", ".join(dict.fromkeys(names)) or action.responsible_text


def export_followup(project: Project, doc_ref: str, period: str, path: Path | str) -> Path:
    """Write the follow-up workbook for one document and period; returns the path written."""
    if not PERIOD.fullmatch(period):
        raise ExportError(f"Perioden \"{period}\" har fel format; skriv till exempel 2024 eller 2024-T1.")
    muni, doc = _find(project, doc_ref)
    existing = next((f for f in doc.followups if f.period == period), None)
    reports = {r.action: r for r in existing.actions} if existing else {}
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F3")
    for col, (header, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=col, value=header)
        cell.font = bold
        cell.fill = fill
        ws.column_dimensions[get_column_letter(col)].width = width
    row = 1
    for area_title, action in actions_for_period(doc, period):
        row += 1
        status, when = _latest_before(doc, action.id, period)
        report = reports.get(action.id)
        values = {
            COL_ID: action.id, COL_AREA: area_title, COL_TITLE: action.title,
            COL_RESPONSIBLE: _responsible(action, muni),
            COL_LATEST: f"{status} ({when})" if status else "ingen uppföljning rapporterad",
        }
        if report is not None:
            values.update({COL_STATUS: report.status, COL_DONE: report.done, COL_NEXT: report.next,
                           COL_OBSTACLES: report.obstacles,
                           COL_BY: report.reported_by.role if report.reported_by else "",
                           COL_DATE: report.reported_at})
        for col, value in values.items():
            if value:
                cell = ws.cell(row=row, column=col)
                set_text(cell, value)
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "B2"
    validation = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="Otillåten status",
                                error="Välj en status i listan.", promptTitle="Ny status",
                                prompt="Välj status för perioden eller lämna tomt.", showInputMessage=True)
    validation.add(f"{get_column_letter(COL_STATUS)}2:{get_column_letter(COL_STATUS)}{max(row, 2) + 200}")
    ws.add_data_validation(validation)
    info = wb.create_sheet(INSTRUCTIONS)
    info.column_dimensions["A"].width = 110
    for index, line in enumerate(INSTRUCTION_TEXT, start=1):
        cell = info.cell(row=index, column=1, value=line)
        cell.alignment = Alignment(wrap_text=True)
        if index == 1:
            cell.font = Font(bold=True, size=14)
    set_text(info.cell(row=len(INSTRUCTION_TEXT) + 2, column=1),
             f"Dokument: {doc.title} ({muni.name}). Period: {period}.")
    meta = wb.create_sheet(META)
    for index, (key, value) in enumerate((("format", FORMAT), ("document", f"{muni.id}/{doc.id}"),
                                          ("period", period)), start=1):
        meta.cell(row=index, column=1, value=key)
        meta.cell(row=index, column=2, value=value)
    meta.sheet_state = "hidden"
    path = Path(path)
    wb.save(path)
    return path


# --- import --------------------------------------------------------------------------------

def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\r\n", "\n").strip()


def _problem(code: str, file: str, row: int, col: int, message: str, hint: str = "",
             severity: str = "error") -> Problem:
    where = f"Blad {SHEET}, rad {row}, kolumn {get_column_letter(col)}: "
    return Problem(code, file, row, col, where + message, hint, severity=severity)


def _date_text(value) -> str | None:
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = _text(value)
    if _DATE.match(text):
        try:
            _dt.date.fromisoformat(text)
            return text
        except ValueError:
            return None
    return None


def import_followup(path: Path | str, project: Project) -> ImportResult:
    """Read a filled-in workbook back into follow-up YAML, validated like a file in plans/."""
    path = Path(path)
    name = path.name
    too_big = spreadsheets.check_workbook_file(path, name, "xlsx-unreadable")
    if too_big is not None:
        return ImportResult("", "", [too_big])
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken or foreign file
        return ImportResult("", "", [Problem("xlsx-unreadable", name, 1, 1,
                                             f"Filen går inte att läsa som en Excel-arbetsbok ({type(exc).__name__}).",
                                             "Spara filen som .xlsx i Excel eller LibreOffice och försök igen.")])
    if META not in wb.sheetnames or SHEET not in wb.sheetnames:
        return ImportResult("", "", [Problem("xlsx-metadata", name, 1, 1,
                                             f"Arbetsboken saknar bladet {SHEET} eller {META}.",
                                             "Använd en fil som skapats med tryggplan export.")])
    meta = {(_text(r[0].value)): _text(r[1].value) for r in wb[META].iter_rows(min_row=1, max_col=2) if r[0].value}
    doc_ref, period = meta.get("document", ""), meta.get("period", "")
    try:
        muni, doc = _find(project, doc_ref)
    except ExportError as exc:
        return ImportResult("", "", [Problem("xlsx-metadata", name, 1, 1, f"Blad {META}: {exc}",
                                             "Använd en fil som skapats med tryggplan export för ett dokument som finns.")])
    target = f"plans/{muni.id}/{doc.id}/followup/{period}.yaml"
    problems: list[Problem] = []
    existing_file = next((f for f in doc.followups if f.period == period), None)
    base: dict = {"document": doc.id, "period": period}
    current_round = round_for_period(doc, period)
    if current_round is not None:
        base["round"] = current_round.id
    existing_reports: dict[str, dict] = {}
    modeline = MODELINE
    if existing_file is not None and existing_file.source_file:
        source = Path(existing_file.source_file)
        if source.is_file():
            old_text = source.read_text(encoding="utf-8")
            if old_text.startswith("# yaml-language-server:"):
                modeline = old_text.splitlines()[0]
            loaded = load_yaml_text(old_text, existing_file.source_file)
            if isinstance(loaded.data, dict):
                base = dict(loaded.data)
                existing_reports = {r["action"]: r for r in base.get("actions", []) if isinstance(r, dict)}
    known = {a.id for _, a in actions_for_period(doc, period)}
    narratives: dict[str, dict] = {}
    seen: dict[str, int] = {}
    new_reports: dict[str, dict] = {}
    ws = wb[SHEET]
    if ws.max_row > spreadsheets.MAX_ROWS:
        return ImportResult("", "", [spreadsheets.too_many_rows(name, SHEET)])
    for row in ws.iter_rows(min_row=2, max_col=len(COLUMNS)):
        cells = {c.column: c.value for c in row}
        number = row[0].row
        action_id = _text(cells.get(COL_ID))
        status = _text(cells.get(COL_STATUS))
        filled = [col for col in (COL_DONE, COL_NEXT, COL_OBSTACLES, COL_BY, COL_DATE) if _text(cells.get(col))]
        if not action_id and not status and not filled:
            continue
        if not action_id:
            problems.append(_problem("ref-unknown-action", name, number, COL_ID, "raden saknar åtgärdens id.",
                                     "Kopiera tillbaka id:t från den exporterade filen eller ta bort raden."))
            continue
        if action_id not in known:
            problems.append(_problem("ref-unknown-action", name, number, COL_ID,
                                     f"\"{action_id}\" är inte en åtgärd i {doc.title}.",
                                     "Ändra inte kolumnen Id; ta bort raden om åtgärden inte hör hit."))
            continue
        if action_id in seen:
            problems.append(_problem("id-duplicate", name, number, COL_ID,
                                     f"åtgärden \"{action_id}\" finns redan på rad {seen[action_id]}.",
                                     "Slå ihop raderna till en."))
            continue
        seen[action_id] = number
        if not status:
            texts = [(key, _text(cells.get(col))) for col, key in _TEXT_FIELDS if _text(cells.get(col))]
            if not texts:
                if filled:  # a name or a date, but nothing to report: never dropped silently
                    problems.append(_problem("xlsx-missing-status", name, number, COL_STATUS,
                                             "raden har Rapporterad av eller Datum men varken status eller text.",
                                             "Välj en status, skriv vad som har genomförts, eller töm raden."))
                continue
            # Text without a status is a narrative entry: reported in words, no status invented.
            raw_date = cells.get(COL_DATE)
            date = _date_text(raw_date) if _text(raw_date) else ""
            if date is None:
                problems.append(_problem("date-invalid", name, number, COL_DATE,
                                         f"\"{_text(raw_date)}\" är inte ett datum.", "Skriv datumet som ÅÅÅÅ-MM-DD."))
                continue
            paragraphs = [text if key == "done" else f"**{_NARRATIVE_LABELS[key]}:** {text}" for key, text in texts]
            by = _text(cells.get(COL_BY))
            if by or date:
                paragraphs.append("Rapporterad" + (f" av {by}" if by else "") + (f" {date}" if date else "") + ".")
            narratives[action_id] = {"text": "\n\n".join(paragraphs), "actions": [action_id]}
            continue
        normal = status.lower()
        if normal not in STATUSES:
            allowed = ", ".join(STATUSES)
            problems.append(_problem("schema-enum", name, number, COL_STATUS,
                                     f"\"{status}\" är inte en tillåten status.", f"Välj en av: {allowed}."))
            continue
        old = existing_reports.get(action_id, {})
        report: dict = {"action": action_id, "status": normal}
        for col, key in _TEXT_FIELDS:
            text = _text(cells.get(col))
            if text:
                report[key] = text
        by = _text(cells.get(COL_BY))
        if by:
            old_by = old.get("reported_by") if isinstance(old.get("reported_by"), dict) else None
            report["reported_by"] = old_by if old_by and old_by.get("role") == by else {"role": by}
        raw_date = cells.get(COL_DATE)
        if _text(raw_date):
            date = _date_text(raw_date)
            if date is None:
                problems.append(_problem("date-invalid", name, number, COL_DATE,
                                         f"\"{_text(raw_date)}\" är inte ett datum.", "Skriv datumet som ÅÅÅÅ-MM-DD."))
                continue
            report["reported_at"] = date
        for key, value in old.items():  # keep what the sheet does not show (remark)
            if key not in ("action", "status", "done", "next", "obstacles", "reported_by", "reported_at"):
                report[key] = value
        new_reports[action_id] = report
    order = [a.id for _, a in actions_for_period(doc, period)]
    for action_id, old in existing_reports.items():  # rows removed from the sheet keep their report
        if action_id not in seen and action_id not in new_reports:
            new_reports[action_id] = old
    actions = [new_reports[a] for a in order if a in new_reports]
    old_entries = [e for e in base.get("entries") or [] if isinstance(e, dict)]
    entries = [e for e in old_entries if not (len(e.get("actions") or []) == 1 and e["actions"][0] in narratives)]
    entries += [narratives[a] for a in order if a in narratives]
    data = {key: value for key, value in base.items() if key not in ("actions", "entries", "remark")}
    if entries:
        data["entries"] = entries
    if actions:
        data["actions"] = actions
    if "remark" in base:
        data["remark"] = base["remark"]
    text = dump_followup(data, modeline)
    loaded = load_yaml_text(text, target)
    problems.extend(loaded.problems)
    if loaded.data is not None and not loaded.problems:
        problems.extend(schemas.validate("followup", loaded.data, loaded.marks, target))
    return ImportResult(text, target, problems)


# --- YAML writing --------------------------------------------------------------------------

def dump_followup(data: dict, modeline: str = MODELINE) -> str:
    """Follow-up data as YAML text with the schema modeline, quoted as the guides ask ("2022-03").

    An existing file's own modeline is kept, so an unchanged import gives identical text."""
    return dump(data, modeline)
