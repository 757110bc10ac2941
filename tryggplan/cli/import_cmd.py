"""`tryggplan import xlsx FILE` (a plan workbook or a filled-in template) and `tryggplan import followup FILE`."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from tryggplan.cli.base import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, SwedishParser, command
from tryggplan.load.project import load_project
from tryggplan.load.schemas import validate
from tryggplan.load.yamlmarks import load_yaml_file, load_yaml_text
from tryggplan.model import Municipality
from tryggplan.reporting import format_text


@command("import")
def register(sub) -> None:
    parser = sub.add_parser("import", help="läs in en plan eller en uppföljning från Excel",
                            description="Läser in Excel-filer: en plan som exporterats med `tryggplan export` eller "
                                        "en ifylld Stockholmsmall (import xlsx), eller en ifylld uppföljning "
                                        "(import followup).")
    kinds = parser.add_subparsers(dest="what", metavar="VAD", parser_class=SwedishParser, required=True)

    xlsx = kinds.add_parser("xlsx", help="en plan från `tryggplan export`, eller en mall med en flik per område och "
                                         "kolumnerna Orsak, Åtgärd, När, Vem, Uppföljning",
                            description="Läser in en plan från Excel. Finns planen redan visas ändringarna, och "
                                        "ingenting skrivs förrän du lägger till --force. Raderna matchas på id; fält "
                                        "som arbetsboken inte visar står kvar.")
    xlsx.add_argument("file", type=Path, metavar="FIL", help="Excel-filen (.xlsx)")
    xlsx.add_argument("--municipality", default="", metavar="KOMMUN",
                      help="kommunens id, till exempel stockholm (standard: den som står i arbetsboken)")
    xlsx.add_argument("--id", default="", metavar="ID",
                      help="dokumentets id, blir mappens namn (standard: det som står i arbetsboken)")
    xlsx.add_argument("--title", default="", help="dokumentets titel (krävs för en mall utan titel)")
    xlsx.add_argument("--plans", type=Path, default=Path("plans"), metavar="MAPP", help="mappen plans/")
    xlsx.add_argument("-o", "--output", type=Path, default=None, metavar="FIL",
                      help="skriv hit i stället för plans/<kommun>/<id>/plan.yaml")
    xlsx.add_argument("--force", action="store_true", help="skriv ändringarna i en befintlig plan.yaml")
    xlsx.set_defaults(handler=_xlsx)

    followup = kinds.add_parser("followup", help="en uppföljning som skapats med `tryggplan export followup`")
    followup.add_argument("file", type=Path, metavar="FIL", help="den ifyllda Excel-filen")
    followup.add_argument("--plans", type=Path, default=Path("plans"), metavar="MAPP", help="mappen plans/")
    followup.set_defaults(handler=_followup)


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    sys.stderr.write(f"tryggplan import: {message}\n")
    return code


def _write(target: Path, text: str) -> str | None:
    """Write text to target; a Swedish message instead of an exception when that is not possible."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    except OSError as exc:
        return f"kan inte skriva {target.as_posix()}: {exc.strerror or exc}. Kontrollera sökvägen."
    return None


def _changes(plans: Path, muni_id: str, target: Path, new_text: str) -> str:
    """The semantic diff (tryggplan diff) between the plan on disk and the imported one, as Markdown."""
    from tryggplan.authoring.diff import diff_sides
    from tryggplan.authoring.diff_render import to_markdown
    from tryggplan.authoring.gitsnap import load_side

    with tempfile.TemporaryDirectory(prefix="tryggplan-import-") as tmp:
        sides = []
        for label, text in (("före", None), ("efter", new_text)):
            folder = Path(tmp) / label
            doc_folder = folder / "plans" / muni_id / target.parent.name
            doc_folder.mkdir(parents=True)
            org = plans / muni_id / "organisation.yaml"
            if org.is_file():
                shutil.copyfile(org, folder / "plans" / muni_id / "organisation.yaml")
            for extra in ("indicators.yaml",):
                if (target.parent / extra).is_file():
                    shutil.copyfile(target.parent / extra, doc_folder / extra)
            (doc_folder / "plan.yaml").write_text(target.read_text(encoding="utf-8") if text is None else text,
                                                  encoding="utf-8")
            sides.append(load_side(folder, label))
        result = diff_sides(*sides)
    if not result.has_changes:
        return ""
    return to_markdown(result)


def _xlsx(args) -> int:
    from tryggplan.exchange.plan_workbook_import import import_workbook, read_document_ref

    if not args.file.is_file():
        return _fail(f"Filen {args.file.as_posix()} finns inte.")
    named = read_document_ref(args.file)
    named_muni, _, named_doc = named.partition("/")
    muni_id = args.municipality or named_muni
    doc_id = args.id or named_doc
    if not muni_id or not doc_id:
        return _fail("arbetsboken säger inte vilken plan den hör till. Ange --municipality KOMMUN och --id ID.")
    org_path = args.plans / muni_id / "organisation.yaml"
    if not org_path.is_file():
        return _fail(f"Hittar inte {org_path.as_posix()}. Skapa kommunen först med `tryggplan new organisation`.")
    org = load_yaml_file(org_path, org_path.as_posix())
    problems = org.problems or validate("organisation", org.data, org.marks, org_path.as_posix())
    if problems:
        sys.stderr.write(format_text(problems) + "\n")
        return _fail("organisation.yaml har problem; rätta dem först.", EXIT_PROBLEMS)
    muni = Municipality.from_data(org.data)
    target = args.output or args.plans / muni_id / doc_id / "plan.yaml"
    if target.is_dir():
        return _fail(f"{target.as_posix()} är en mapp. Ange en fil med -o, till exempel -o plan.yaml.")
    existing = None
    old_modeline = ""
    if target.is_file():
        loaded_old = load_yaml_file(target, target.as_posix())
        if loaded_old.problems or not isinstance(loaded_old.data, dict):
            sys.stderr.write(format_text(loaded_old.problems) + "\n")
            return _fail(f"{target.as_posix()} går inte att läsa; rätta den först (kör `tryggplan validate`).",
                         EXIT_PROBLEMS)
        existing = loaded_old.data
        first = target.read_text(encoding="utf-8").split("\n", 1)[0]
        old_modeline = first if first.startswith("# yaml-language-server:") else ""
    result = import_workbook(args.file, muni, doc_id, args.title, existing=existing)
    if result.problems:
        sys.stderr.write(format_text(result.problems) + "\n")
    if not result.writable:
        return _fail("ingenting skrevs; rätta Excel-filen och försök igen.", EXIT_PROBLEMS)
    text = result.text
    if old_modeline:
        text = old_modeline + "\n" + text.split("\n", 1)[1]
    loaded = load_yaml_text(text, target.as_posix())
    schema_problems = loaded.problems or validate("plan", loaded.data, loaded.marks, target.as_posix())
    if schema_problems:  # never write a file that does not validate
        sys.stderr.write(format_text(schema_problems) + "\n")
        return _fail("den inlästa planen följer inte schemat; ingenting skrevs.", EXIT_PROBLEMS)
    if existing is not None:
        if loaded.data == existing:
            sys.stdout.write(f"Inga ändringar: {target.as_posix()} har redan samma innehåll. Ingenting skrevs.\n")
            return EXIT_OK
        changes = _changes(args.plans, muni_id, target, text)
        sys.stdout.write(changes or "Ändringarna gäller fält som sammanfattningen inte visar.\n")
        if not args.force:
            return _fail(f"{target.as_posix()} finns redan. Ändringarna ovan skrevs inte; kör samma kommando med "
                         "--force för att spara dem.")
    error = _write(target, text)
    if error:
        return _fail(error)
    errors = sum(1 for p in result.problems if p.severity == "error")
    sys.stdout.write(f"Skrev {target.as_posix()}: {result.sheets} områden och {result.actions} åtgärder"
                     f"{f', {len(result.problems)} saker att kontrollera (se ovan)' if result.problems else ''}.\n")
    return EXIT_PROBLEMS if errors else EXIT_OK


def _followup(args) -> int:
    from tryggplan.exchange import followup_workbook

    if not args.file.is_file():
        return _fail(f"Filen {args.file.as_posix()} finns inte.")
    loaded = load_project(args.plans)
    if loaded.project is None:
        sys.stderr.write(format_text(loaded.problems) + "\n")
        return _fail("planfilerna har problem; rätta dem först (kör `tryggplan validate`).", EXIT_PROBLEMS)
    result = followup_workbook.import_followup(args.file, loaded.project)
    if result.problems:
        sys.stderr.write(format_text(result.problems) + "\n")
    if not result.ok or not result.yaml_text:
        return _fail("uppföljningen skrevs inte; rätta Excel-filen och försök igen.", EXIT_PROBLEMS)
    # target_path is "plans/<kommun>/<dokument>/followup/<period>.yaml": put it under the --plans folder.
    target = args.plans / Path(result.target_path).relative_to("plans")
    error = _write(target, result.yaml_text)
    if error:
        return _fail(error)
    sys.stdout.write(f"Skrev {target.as_posix()}\n")
    return EXIT_OK
