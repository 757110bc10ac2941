"""`tryggplan new plan|area|action|followup|organisation`: start files that validate from the start."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from tryggplan.authoring.scaffold import (
    ScaffoldError,
    add_action,
    add_area,
    followup_text,
    organisation_text,
    plan_text,
    slugify,
)
from tryggplan.cli.base import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, SwedishParser, command
from tryggplan.load.project import find_plans_root, load_project

_PERIOD = re.compile(r"^(?:[0-9]{4}(?:-(?:T[1-3]|H[12]|Q[1-4]|0[1-9]|1[0-2]))?|[0-9]{4}-(?:0[1-9]|1[0-2])--[0-9]{4}-"
                     r"(?:0[1-9]|1[0-2])|[0-9]{4}--[0-9]{4})$")
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@command("new")
def register(sub) -> None:
    parser = sub.add_parser("new", help="skapa en ny plan, ett område, en åtgärd, en uppföljning eller en organisation",
                            description="Skapar filer och poster som följer schemat. Befintliga filer ändras bara "
                                        "genom att den nya posten läggs till; kommentarer och allt annat står kvar.")
    kinds = parser.add_subparsers(dest="what", metavar="VAD", parser_class=SwedishParser, required=True)

    org = kinds.add_parser("organisation", help="plans/<kommun>/organisation.yaml för en ny kommun")
    org.add_argument("--id", required=True, help="kommunens id, blir mappens namn (till exempel exempelby)")
    org.add_argument("--name", required=True, help="kommunens namn")
    org.add_argument("--code", required=True, help="SCB:s fyrsiffriga kommunkod, till exempel 0999")
    org.add_argument("--plans", type=Path, default=Path("plans"), help="mappen plans/ (standard: plans)")
    org.set_defaults(handler=_organisation)

    plan = kinds.add_parser("plan", help="en ny dokumentmapp med plan.yaml")
    plan.add_argument("municipality", type=Path, metavar="KOMMUNMAPP", help="till exempel plans/exempelby")
    plan.add_argument("--title", required=True, help="dokumentets titel")
    plan.add_argument("--id", default="", help="dokumentets id (standard: bildas av titeln)")
    plan.add_argument("--kind", default="åtgärdsplan", help="dokumenttyp (standard: åtgärdsplan)")
    plan.set_defaults(handler=_plan)

    area = kinds.add_parser("area", help="lägg till ett område sist i plan.yaml")
    area.add_argument("plan", type=Path, metavar="PLANMAPP", help="mappen med plan.yaml")
    area.add_argument("--title", required=True, help="områdets rubrik")
    area.add_argument("--id", default="", help="områdets id (standard: bildas av rubriken)")
    area.add_argument("--parent", default="", help="id för området som det nya är ett delområde i")
    area.add_argument("--kind", default="", help="typ av område, till exempel \"prioriterat samverkansområde\"")
    area.set_defaults(handler=_area)

    action = kinds.add_parser("action", help="lägg till en åtgärd sist i ett område i plan.yaml")
    action.add_argument("plan", type=Path, metavar="PLANMAPP", help="mappen med plan.yaml")
    action.add_argument("--area", required=True, help="id för området")
    action.add_argument("--title", required=True, help="åtgärden")
    action.add_argument("--id", default="", help="åtgärdens id (standard: nästa lediga)")
    action.set_defaults(handler=_action)

    followup = kinds.add_parser("followup", help="followup/<period>.yaml med planens åtgärder")
    followup.add_argument("plan", type=Path, metavar="PLANMAPP", help="mappen med plan.yaml")
    followup.add_argument("--period", required=True,
                          help="år eller period, till exempel 2025, 2025-T1 eller 2025-03--2025-05 (en omgång)")
    followup.set_defaults(handler=_followup)


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    sys.stderr.write(f"tryggplan new: {message}\n")
    return code


def _write_new(path: Path, text: str) -> int:
    if path.exists():
        return _fail(f"{path.as_posix()} finns redan. Ändra i den befintliga filen i stället.")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        return _fail(f"kan inte skriva {path.as_posix()}: {exc.strerror or exc}. Kontrollera sökvägen.")
    sys.stdout.write(f"Skapade {path.as_posix()}\n")
    return EXIT_OK


def _organisation(args) -> int:
    if not _ID.match(args.id):
        return _fail(f"\"{args.id}\" går inte att använda som id: bara a–z, siffror och bindestreck.")
    if not re.match(r"^[0-2][0-9]{3}$", args.code):
        return _fail(f"\"{args.code}\" är ingen kommunkod: fyra siffror, till exempel 0999.")
    return _write_new(args.plans / args.id / "organisation.yaml", organisation_text(args.id, args.name, args.code))


def _plan(args) -> int:
    muni = args.municipality
    if not (muni / "organisation.yaml").is_file():
        return _fail(f"{muni.as_posix()} är ingen kommunmapp (organisation.yaml saknas). "
                     "Skapa den med `tryggplan new organisation`.")
    doc_id = args.id or slugify(args.title)
    if not _ID.match(doc_id):
        return _fail(f"\"{doc_id}\" går inte att använda som id: bara a–z, siffror och bindestreck.")
    return _write_new(muni / doc_id / "plan.yaml", plan_text(muni.resolve().name, doc_id, args.title, args.kind))


def _plan_file(folder: Path) -> Path | None:
    path = folder / "plan.yaml" if folder.is_dir() else folder
    return path if path.name == "plan.yaml" and path.is_file() else None


def _edit(args, change) -> int | tuple[str, int, Path]:
    path = _plan_file(args.plan)
    if path is None:
        return _fail(f"Hittar ingen plan.yaml i {args.plan.as_posix()}.")
    try:
        new_text, new_id, line = change(path.read_text(encoding="utf-8"), path.as_posix())
    except ScaffoldError as exc:
        return _fail(str(exc), EXIT_PROBLEMS)
    try:
        path.write_text(new_text, encoding="utf-8")
    except OSError as exc:
        return _fail(f"kan inte skriva {path.as_posix()}: {exc.strerror or exc}. Kontrollera behörigheten.")
    return new_id, line, path


def _area(args) -> int:
    done = _edit(args, lambda text, file: add_area(text, file, args.title, args.id, args.parent, args.kind))
    if isinstance(done, int):
        return done
    new_id, line, path = done
    sys.stdout.write(f"Lade till området {new_id} i {path.as_posix()} (rad {line}).\n")
    return EXIT_OK


def _action(args) -> int:
    done = _edit(args, lambda text, file: add_action(text, file, args.area, args.title, args.id))
    if isinstance(done, int):
        return done
    new_id, line, path = done
    sys.stdout.write(f"Lade till åtgärden {new_id} i området {args.area} i {path.as_posix()} (rad {line}). "
                     "Fyll i ansvar (responsible) och tid (timing) under den.\n")
    return EXIT_OK


def _followup(args) -> int:
    if not _PERIOD.match(args.period):
        return _fail(f"\"{args.period}\" är ingen period: år (2025), tertial (2025-T1), halvår (2025-H2), "
                     "kvartal (2025-Q3), månad (2025-05), månader (2025-03--2025-05) eller år (2024--2026).")
    path = _plan_file(args.plan)
    root = find_plans_root(args.plan) if path else None
    if path is None or root is None:
        return _fail(f"Hittar ingen plan.yaml i {args.plan.as_posix()}.")
    result = load_project(root)
    if result.project is None:
        return _fail("Planfilerna har problem, så uppföljningen kan inte skapas ännu. Kör `tryggplan validate`.",
                     EXIT_PROBLEMS)
    folder = path.parent.resolve()
    doc = result.project.document(f"{folder.parent.name}/{folder.name}")
    if doc is None:
        return _fail(f"Hittar inte dokumentet {folder.name}.")
    earlier = [f for f in doc.followups if f.period < args.period]
    previous = max(earlier, key=lambda f: f.period) if earlier else None
    return _write_new(args.plan / "followup" / f"{args.period}.yaml", followup_text(doc, args.period, previous))
