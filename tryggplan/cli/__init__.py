"""Command line: thin glue that parses options, calls the core and chooses a reporter.

Exit codes: 0 all good, 1 the data has problems, 2 the command was used wrongly.
Every command lives in its own module and registers itself in COMMANDS.
"""

from __future__ import annotations

import sys

from tryggplan.cli.base import COMMANDS, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, SwedishParser, command

__all__ = ["COMMANDS", "EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE", "SwedishParser", "command", "run"]


def build_parser() -> SwedishParser:
    from tryggplan.cli import commands  # noqa: F401 - registers the commands

    parser = SwedishParser(prog="tryggplan",
                           description="Verktyg för brottsförebyggande planer som data: kontrollera, räkna, exportera.")
    sub = parser.add_subparsers(dest="command", metavar="KOMMANDO", parser_class=SwedishParser)
    for name in sorted(COMMANDS):
        COMMANDS[name](sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        sys.stderr.write("Avbrutet.\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback reaches a user
        sys.stderr.write(
            f"tryggplan: internt fel: {type(exc).__name__}: {exc}\n"
            "Det här är ett fel i tryggplan, inte i dina filer. Rapportera det gärna som ett ärende "
            "med kommandot du körde. Sätt TRYGGPLAN_DEBUG=1 för detaljer.\n")
        import os

        if os.environ.get("TRYGGPLAN_DEBUG"):
            raise
        return 3


def run() -> None:
    raise SystemExit(main())
