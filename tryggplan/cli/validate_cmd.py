"""`tryggplan validate [PATH ...]`: check plan data and report every problem at once."""

from __future__ import annotations

import sys
from pathlib import Path

from tryggplan.cli.base import EXIT_OK, EXIT_PROBLEMS, command
from tryggplan.load.project import load_paths
from tryggplan.reporting import REPORTERS, summary_line


@command("validate")
def register(sub) -> None:
    parser = sub.add_parser("validate", help="kontrollera planfilerna mot schemat och korsreferenserna",
                            description="Kontrollerar YAML-filerna i plans/ och rapporterar alla problem, "
                                        "sorterade efter fil och rad.")
    parser.add_argument("paths", nargs="*", type=Path, metavar="SÖKVÄG", default=[Path("plans")],
                        help="mappar eller filer att kontrollera (standard: plans/)")
    parser.add_argument("--format", choices=sorted(REPORTERS), default="text",
                        help="text (standard), github (annoteringar i GitHub Actions) eller json")
    parser.set_defaults(handler=execute)


def execute(args) -> int:
    result = load_paths(args.paths or [Path("plans")])
    output = REPORTERS[args.format](result.problems)
    if output:
        sys.stdout.write(output + "\n")
    if args.format == "text":
        sys.stderr.write(summary_line(result.problems, len(result.files)) + "\n")
    return EXIT_PROBLEMS if result.problems else EXIT_OK
