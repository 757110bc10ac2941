"""A document's status for readers: gäller, har upphört, revidering försenad, utkast, beslut saknas."""

from __future__ import annotations

import calendar
import datetime as _dt
from dataclasses import dataclass, field

from tryggplan.formatting import swedish_date
from tryggplan.model import Document

KIND_LABELS = {
    "program": "Program", "plan": "Plan", "riktlinje": "Riktlinje", "åtgärdsplan": "Åtgärdsplan",
    "handlingsplan": "Handlingsplan", "policy": "Policy", "lägesbild": "Lägesbild",
    "medborgarlöfte": "Medborgarlöfte", "samverkansöverenskommelse": "Samverkansöverenskommelse",
    "uppföljning": "Uppföljning", "mall": "Mall",
}


@dataclass(frozen=True, slots=True)
class Flag:
    code: str
    label: str
    explanation: str

    @property
    def derived(self) -> bool:
        """Computed by tryggplan from the document's dates and the build date, not stated by the source."""
        return self.code in DERIVED_CODES

    @property
    def tag_text(self) -> str:
        """"Gäller (beräknat)" for a derived flag, the label as it is otherwise."""
        return marked(self.label, self.derived)


@dataclass(frozen=True, slots=True)
class DocumentStatus:
    """The most important flag first; warning flags are those a reader must notice."""

    flags: list[Flag] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.flags[0].code

    @property
    def label(self) -> str:
        return self.flags[0].label

    @property
    def one_line(self) -> str:
        """"Har upphört, beslut saknas i källan"."""
        labels = [f.label for f in self.flags]
        return ", ".join([labels[0]] + [x[:1].lower() + x[1:] for x in labels[1:]])

    @property
    def tag_text(self) -> str:
        """one_line with every derived flag marked: "Gäller (beräknat), undertecknat"."""
        labels = [f.tag_text for f in self.flags]
        return ", ".join([labels[0]] + [x[:1].lower() + x[1:] for x in labels[1:]])

    @property
    def derived(self) -> bool:
        return any(f.derived for f in self.flags)

    @property
    def warnings(self) -> list[Flag]:
        return [f for f in self.flags if f.code in WARNING_CODES]


WARNING_CODES = {"har-upphort", "revidering-forsenad", "upphavd", "utkast"}
#: Flags and overview states tryggplan computes from validity_start/-end, revise_by and the build date;
#: the others (utkast, upphävd, undertecknad, beslut saknas, giltighet anges inte) come from the data.
DERIVED_CODES = {"galler", "har-upphort", "kommande", "revidering-forsenad", "upphor-snart"}
DERIVED_MARK = "beräknat"


def marked(label: str, derived: bool) -> str:
    """The label of a tag, with "(beräknat)" when tryggplan computed it rather than read it in the source."""
    return f"{label} ({DERIVED_MARK})" if derived else label


def derived_note(today: _dt.date) -> str:
    """The full explanation of "(beräknat)", for places with room (summary list, overview legend)."""
    return f"Beräknat av tryggplan utifrån datumen i dokumentet den {swedish_date(today)}, inte en uppgift i källan."


def derived_note_short(today: _dt.date) -> str:
    """The same, short enough for the plan's summary list on a phone."""
    return f"Beräknat ur datumen den {swedish_date(today)}."


def _last_day(value: str) -> _dt.date | None:
    """2026-07 -> 2026-07-31, 2026-07-15 -> itself, anything else -> None."""
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            return _dt.date(*parts)
        if len(parts) == 2:
            return _dt.date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    except ValueError:
        return None
    return None


def _date(value: str) -> _dt.date | None:
    return _last_day(value) if value.count("-") == 2 else None


def validity_text(doc: Document) -> str:
    """"1 januari 2024 – 31 december 2024", "från 17 september 2024, tills vidare" or ""."""
    if doc.validity_start and doc.validity_end:
        return f"{swedish_date(doc.validity_start)} – {swedish_date(doc.validity_end)}"
    if doc.validity_start:
        return f"från {swedish_date(doc.validity_start)}, tills vidare"
    return ""


def document_status(doc: Document, today: _dt.date) -> DocumentStatus:
    flags: list[Flag] = []
    if doc.status == "utkast":
        flags.append(Flag("utkast", "Utkast", "Dokumentet är ett utkast och har inte beslutats."))
    elif doc.status == "upphävd":
        flags.append(Flag("upphavd", "Upphävd", "Dokumentet har upphävts och gäller inte längre."))
    end = _date(doc.validity_end)
    start = _date(doc.validity_start)
    if doc.status not in ("utkast", "upphävd"):
        if end is not None and end < today:
            flags.append(Flag("har-upphort", "Har upphört",
                              f"Giltighetstiden gick ut {swedish_date(doc.validity_end)}. "
                              "Kommunen kan ha beslutat om ett nytt dokument som ännu inte finns här."))
        elif start is not None and start > today:
            flags.append(Flag("kommande", "Gäller från " + swedish_date(doc.validity_start),
                              "Dokumentet har ännu inte börjat gälla."))
        else:
            revise = _last_day(doc.revise_by) if doc.revise_by else None
            if revise is not None and revise < today:
                flags.append(Flag("revidering-forsenad", "Revidering försenad",
                                  f"Dokumentet skulle ha reviderats senast {swedish_date(doc.revise_by)}. "
                                  "Det kan fortfarande gälla, men uppgifterna kan vara inaktuella."))
            elif start is None and end is None:
                flags.append(Flag("giltighet-anges-inte", "Giltighetstid anges inte",
                                  "Källan anger inte under vilken tid dokumentet gäller."))
            else:
                flags.append(Flag("galler", "Gäller", "Dokumentet gäller enligt sin giltighetstid."))
    if doc.status == "undertecknad":
        when = f" {swedish_date(doc.signed.date)}" if doc.signed and doc.signed.date else ""
        flags.append(Flag("undertecknad", f"Undertecknat{when}",
                          "Dokumentet är undertecknat av parterna, inte beslutat av en nämnd."))
    if doc.status == "okänd":
        flags.append(Flag("beslut-saknas", "Beslut saknas i källan",
                          "Källan visar inte när eller av vem dokumentet beslutades."))
    return DocumentStatus(flags)


@dataclass(frozen=True, slots=True)
class Standing:
    """Where a document stands for the overview: one validity state plus "revision overdue".

    state: "galler", "upphor-snart" (in force, ends within six months), "har-upphort", "kommande",
    "upphavd", "utkast" or "okand" (the source gives no validity).
    """

    state: str
    label: str
    revision_overdue: bool
    end: _dt.date | None = None

    @property
    def derived(self) -> bool:
        return self.state in DERIVED_CODES

    @property
    def tag_text(self) -> str:
        return marked(self.label, self.derived)


STANDING_LABELS = {
    "galler": "Gäller", "upphor-snart": "Upphör inom sex månader", "har-upphort": "Har upphört",
    "kommande": "Har inte börjat gälla", "upphavd": "Upphävd", "utkast": "Utkast – inte beslutat",
    "okand": "Giltighet anges inte i källan",
}


def standing(doc: Document, today: _dt.date) -> Standing:
    end = _date(doc.validity_end)
    start = _date(doc.validity_start)
    revise = _last_day(doc.revise_by) if doc.revise_by else None
    overdue = revise is not None and revise < today
    if doc.status in ("utkast", "upphävd"):
        code = "utkast" if doc.status == "utkast" else "upphavd"
    elif end is not None and end < today:
        code, overdue = "har-upphort", False
    elif start is not None and start > today:
        code = "kommande"
    elif start is None and end is None:
        code = "okand"
    elif end is not None and end <= _add_months(today, 6):
        code = "upphor-snart"
    else:
        code = "galler"
    return Standing(code, STANDING_LABELS[code], overdue, end)


def _add_months(day: _dt.date, months: int) -> _dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return _dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
