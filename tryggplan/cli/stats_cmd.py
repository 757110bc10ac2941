"""`tryggplan stats [PATH]`: how much each plan document contains."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from tryggplan.cli.base import EXIT_OK, EXIT_PROBLEMS, command
from tryggplan.load.project import load_paths
from tryggplan.progress.stats import project_stats
from tryggplan.reporting import format_text

_LABELS = {
    "areas": "områden", "actions": "åtgärder", "activities": "aktiviteter", "causes": "orsaker",
    "indicators": "indikatorer", "indicator_values": "indikatorvärden",
    "followup_entries": "uppföljningsposter", "units_referenced": "ansvariga enheter",
}


@command("stats")
def register(sub) -> None:
    parser = sub.add_parser("stats", help="räkna områden, åtgärder, indikatorer med mera per dokument",
                            description="Visar hur mycket varje dokument innehåller.")
    parser.add_argument("path", nargs="?", type=Path, default=Path("plans"), metavar="SÖKVÄG",
                        help="mappen plans/ eller en kommunmapp (standard: plans/)")
    parser.add_argument("--format", choices=["text", "json"], default="text", help="text (standard) eller json")
    parser.set_defaults(handler=execute)


def execute(args) -> int:
    result = load_paths([args.path])
    if result.problems or result.project is None:
        sys.stderr.write(format_text(result.problems) + "\n" if result.problems else
                         "Planfilerna har problem. Kör `tryggplan validate` först.\n")
        return EXIT_PROBLEMS
    stats = project_stats(result.project)
    muni_filter = _municipality_filter(args.path)
    if muni_filter:
        stats["plans"] = [p for p in stats["plans"] if p["id"].split("/")[0] == muni_filter]
    if args.format == "json":
        sys.stdout.write(json.dumps(stats, ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    for plan in stats["plans"]:
        sys.stdout.write(f"{plan['id']}  {plan['title']} ({plan['kind']}, {plan['municipality']})\n")
        sys.stdout.write("    " + ", ".join(f"{plan[key]} {label}" for key, label in _LABELS.items()) + "\n")
    return EXIT_OK


def _municipality_filter(path: Path) -> str | None:
    path = path.resolve()
    if (path / "organisation.yaml").is_file():
        return path.name
    return None
