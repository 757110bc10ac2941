"""`tryggplan import xlsx FILE --municipality M --id DOC` and `tryggplan import followup FILE`."""

from __future__ import annotations

import sys
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
                            description="Läser in Excel-filer: en åtgärdsplan enligt Stockholmsmallen "
                                        "(import xlsx) eller en ifylld uppföljning (import followup).")
    kinds = parser.add_subparsers(dest="what", metavar="VAD", parser_class=SwedishParser, required=True)

    xlsx = kinds.add_parser("xlsx", help="en åtgärdsplan med en flik per område och kolumnerna "
                                         "Orsak, Åtgärd, När, Vem, Uppföljning")
    xlsx.add_argument("file", type=Path, metavar="FIL", help="Excel-filen (.xlsx)")
    xlsx.add_argument("--municipality", required=True, metavar="KOMMUN", help="kommunens id, till exempel stockholm")
    xlsx.add_argument("--id", required=True, metavar="ID", help="det nya dokumentets id, blir mappens namn")
    xlsx.add_argument("--title", default="", help="dokumentets titel (standard: filens namn)")
    xlsx.add_argument("--plans", type=Path, default=Path("plans"), metavar="MAPP", help="mappen plans/")
    xlsx.add_argument("-o", "--output", type=Path, default=None, metavar="FIL",
                      help="skriv hit i stället för plans/<kommun>/<id>/plan.yaml")
    xlsx.add_argument("--force", action="store_true", help="skriv över en befintlig plan.yaml")
    xlsx.set_defaults(handler=_xlsx)

    followup = kinds.add_parser("followup", help="en uppföljning som skapats med `tryggplan export followup`")
    followup.add_argument("file", type=Path, metavar="FIL", help="den ifyllda Excel-filen")
    followup.add_argument("--plans", type=Path, default=Path("plans"), metavar="MAPP", help="mappen plans/")
    followup.set_defaults(handler=_followup)


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    sys.stderr.write(f"tryggplan import: {message}\n")
    return code


def _xlsx(args) -> int:
    from tryggplan.exchange.plan_workbook_import import import_workbook

    if not args.file.is_file():
        return _fail(f"Filen {args.file.as_posix()} finns inte.")
    org_path = args.plans / args.municipality / "organisation.yaml"
    if not org_path.is_file():
        return _fail(f"Hittar inte {org_path.as_posix()}. Skapa kommunen först med `tryggplan new organisation`.")
    org = load_yaml_file(org_path, org_path.as_posix())
    problems = org.problems or validate("organisation", org.data, org.marks, org_path.as_posix())
    if problems:
        sys.stderr.write(format_text(problems) + "\n")
        return _fail("organisation.yaml har problem; rätta dem först.", EXIT_PROBLEMS)
    muni = Municipality.from_data(org.data)
    target = args.output or args.plans / args.municipality / args.id / "plan.yaml"
    if target.exists() and not args.force:
        return _fail(f"{target.as_posix()} finns redan. Välj ett annat --id eller lägg till --force.")
    result = import_workbook(args.file, muni, args.id, args.title)
    if result.problems:
        sys.stderr.write(format_text(result.problems) + "\n")
    if not result.text or result.sheets == 0:
        return _fail("inget att läsa in.", EXIT_PROBLEMS)
    loaded = load_yaml_text(result.text, target.as_posix())
    schema_problems = loaded.problems or validate("plan", loaded.data, loaded.marks, target.as_posix())
    if schema_problems:  # a bug here, not in the workbook: never write a file that does not validate
        sys.stderr.write(format_text(schema_problems) + "\n")
        return _fail("den inlästa planen följer inte schemat; ingenting skrevs.", EXIT_PROBLEMS)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(result.text, encoding="utf-8")
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
    target = args.plans.parent / result.target_path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(result.yaml_text, encoding="utf-8")
    sys.stdout.write(f"Skrev {target.as_posix()}\n")
    return EXIT_OK
