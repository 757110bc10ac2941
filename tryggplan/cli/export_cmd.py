"""`tryggplan export PLAN --format xlsx|csv|json` and `tryggplan export followup PLAN --period P`."""

from __future__ import annotations

import sys
from pathlib import Path

from tryggplan.cli.base import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, command
from tryggplan.load.project import find_plans_root, load_project
from tryggplan.reporting import format_text


@command("export")
def register(sub) -> None:
    parser = sub.add_parser(
        "export", help="exportera en plan som Excel, CSV eller JSON, eller en uppföljningsmall som Excel",
        description="Exporterar en plan. PLAN är planens mapp (plans/kungalv/trygg-i-kungalv) eller "
                    "kommun/dokument (kungalv/trygg-i-kungalv). Med `export followup PLAN --period 2025` skapas "
                    "en Excel-fil att fylla i för uppföljningen; läs tillbaka den med `tryggplan import followup`.")
    parser.add_argument("target", metavar="PLAN", help="planens mapp eller kommun/dokument, eller ordet followup")
    parser.add_argument("plan", nargs="?", default=None, metavar="PLAN",
                        help="(bara efter followup) planens mapp eller kommun/dokument")
    parser.add_argument("--format", choices=["xlsx", "csv", "json"], default=None,
                        help="xlsx, csv eller json (uppföljning: bara xlsx)")
    parser.add_argument("--period", default=None, help="(followup) perioden, till exempel 2025")
    parser.add_argument("-o", "--output", type=Path, default=None, metavar="FIL",
                        help="filen att skriva (standard: skärmen för csv och json, kommun-dokument.xlsx för xlsx)")
    parser.add_argument("--plans", type=Path, default=Path("plans"), metavar="MAPP",
                        help="mappen plans/ när PLAN anges som kommun/dokument (standard: plans)")
    parser.set_defaults(handler=execute)


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    sys.stderr.write(f"tryggplan export: {message}\n")
    return code


def resolve_plan(plan: str, plans: Path) -> tuple[Path, str] | str:
    """(plans root, "kommun/dokument") for a folder or a reference; an error message otherwise."""
    path = Path(plan)
    if path.is_file() and path.name == "plan.yaml":
        path = path.parent
    if path.is_dir() and (path / "plan.yaml").is_file():
        root = find_plans_root(path)
        if root is None:
            return f"{plan} ligger inte i en mapp plans/<kommun>/ med organisation.yaml."
        folder = path.resolve()
        return root, f"{folder.parent.name}/{folder.name}"
    if plan.count("/") == 1 and (plans / plan / "plan.yaml").is_file():
        return plans, plan
    return f"Hittar ingen plan \"{plan}\". Ange planens mapp (till exempel plans/kungalv/trygg-i-kungalv)."


def execute(args) -> int:
    followup = args.target == "followup"
    plan = args.plan if followup else args.target
    if plan is None:
        return _fail("ange planen: tryggplan export followup PLAN --period PERIOD")
    if not followup and args.plan is not None:
        return _fail(f"okänt argument {args.plan}")
    fmt = args.format or "xlsx"
    if followup and fmt != "xlsx":
        return _fail("uppföljningen exporteras bara som xlsx.")
    if followup and not args.period:
        return _fail("ange perioden med --period, till exempel --period 2025.")
    found = resolve_plan(plan, args.plans)
    if isinstance(found, str):
        return _fail(found)
    root, ref = found
    result = load_project(root)
    if result.project is None:
        sys.stderr.write(format_text(result.problems) + "\n")
        return _fail("planfilerna har problem; rätta dem först (kör `tryggplan validate`).", EXIT_PROBLEMS)
    project = result.project
    muni_id, doc_id = ref.split("/")
    muni = project.municipalities.get(muni_id)
    doc = project.document(ref)
    if muni is None or doc is None:
        return _fail(f"Hittar inte dokumentet {ref}.")
    if followup:
        from tryggplan.exchange import followup_workbook

        output = args.output or Path(f"{muni_id}-{doc_id}-uppfoljning-{args.period}.xlsx")
        problem = _check_output(output)
        if problem:
            return _fail(problem)
        try:
            written = followup_workbook.export_followup(project, ref, args.period, output)
        except followup_workbook.ExportError as exc:
            return _fail(str(exc))
        except OSError as exc:
            return _fail(_cannot_write(output, exc))
        sys.stdout.write(f"Skrev {Path(written).as_posix()}\n")
        return EXIT_OK
    if fmt == "xlsx":
        from tryggplan.exchange.plan_workbook_export import export_plan_xlsx
        from tryggplan.load.yamlmarks import load_yaml_file

        output = args.output or Path(f"{muni_id}-{doc_id}.xlsx")
        problem = _check_output(output)
        if problem:
            return _fail(problem)
        plan_file = root / muni_id / doc_id / "plan.yaml"
        raw = load_yaml_file(plan_file, plan_file.as_posix()).data
        try:
            export_plan_xlsx(muni, raw, output)
        except OSError as exc:
            return _fail(_cannot_write(output, exc))
        sys.stdout.write(f"Skrev {output.as_posix()}\n")
        return EXIT_OK
    import datetime as _dt

    from tryggplan.exchange import opendata

    text = opendata.document_json(muni, doc) if fmt == "json" else opendata.resident_csv(muni, doc, _dt.date.today())
    if args.output is None:
        sys.stdout.write(text.lstrip("\ufeff"))
    else:
        problem = _check_output(args.output)
        if problem:
            return _fail(problem)
        try:
            args.output.write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            return _fail(_cannot_write(args.output, exc))
        sys.stdout.write(f"Skrev {args.output.as_posix()}\n")
    return EXIT_OK


def _check_output(path: Path) -> str:
    """A Swedish message when path cannot be a file to write (a folder, a folder that does not exist)."""
    if path.is_dir():
        return f"{path.as_posix()} är en mapp. Ange en fil, till exempel -o {path.as_posix().rstrip('/')}/plan.xlsx."
    if not path.parent.is_dir():
        return f"mappen {path.parent.as_posix()} finns inte. Skapa den först eller välj en annan plats med -o."
    return ""


def _cannot_write(path: Path, exc: OSError) -> str:
    return f"kan inte skriva {path.as_posix()}: {exc.strerror or exc}. Kontrollera sökvägen och behörigheten."
