"""An unexpected error while generating pages, told as one Swedish message that names the file and item.

The message is built from the traceback: the innermost frames that hold a document, follow-up,
indicator, area, action or unit say which source file and which item were being rendered, so the
person who opened the pull request knows where to look, without seeing a Python traceback.
"""

from __future__ import annotations

import traceback

from tryggplan.model import Action, Area, Document, FollowUp, Indicator, Municipality, Unit

_ITEMS = ((Action, "åtgärden"), (Area, "området"), (Indicator, "indikatorn"), (FollowUp, "uppföljningen"),
          (Unit, "enheten"))


def _short(text: object, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(exc: BaseException, page: str = "") -> str:
    """One paragraph: what was being built, from which file, which item, and the error itself."""
    document: Document | None = None
    municipality: Municipality | None = None
    item = ""
    function = ""
    for frame, _ in traceback.walk_tb(exc.__traceback__):
        module = frame.f_globals.get("__name__", "")
        if module.split(".")[0] in ("mkdocs", "markdown", "jinja2", "material"):
            continue
        function = frame.f_code.co_name
        for value in list(frame.f_locals.values()):
            if isinstance(value, Document):
                document = value
            elif isinstance(value, Municipality):
                municipality = value
            else:
                for kind, noun in _ITEMS:
                    if isinstance(value, kind):
                        ident = getattr(value, "id", "") or getattr(value, "period", "")
                        item = f"{noun} \"{_short(ident, 80)}\""
    where = []
    if document is not None and document.source_files:
        where.append(", ".join(document.source_files))
    elif document is not None:
        where.append(f"plans/{document.municipality_id}/{document.id}/plan.yaml")
    elif municipality is not None:
        where.append(f"plans/{municipality.id}/organisation.yaml")
    lines = ["Webbplatsen kunde inte byggas: ett oväntat fel uppstod när sidorna skapades."]
    if where:
        lines.append(f"Filen: {where[0]}.")
    if item:
        lines.append(f"Vid {item}" + (f" (i {function})." if function else "."))
    if page:
        lines.append(f"Sidan: {page}.")
    lines.append(f"Felet: {type(exc).__name__}: {_short(exc)}.")
    lines.append("Inget i site/ har ändrats. Kontrollera värdet i filen ovan, och rapportera gärna felet som "
                 "ett ärende: det är ett fel i tryggplan som valideringen borde ha fångat.")
    return "\n".join(lines)
