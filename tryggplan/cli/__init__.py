"""Command line: thin glue that parses options, calls the core and chooses a reporter.

Exit codes: 0 all good, 1 the data has problems, 2 the command was used wrongly.
Every command lives in its own module and registers itself in COMMANDS.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

_TRANSLATIONS = [
    ("the following arguments are required", "följande argument krävs"),
    ("unrecognized arguments", "okända argument"),
    ("invalid choice", "ogiltigt val"),
    ("expected one argument", "väntade ett värde"),
    ("argument", "argument"),
    ("choose from", "välj bland"),
]


class SwedishParser(argparse.ArgumentParser):
    """argparse with Swedish errors and exit code 2, never a traceback."""

    def error(self, message: str):  # noqa: D102 - argparse API
        for english, swedish in _TRANSLATIONS:
            message = message.replace(english, swedish)
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{self.prog}: fel: {message}\nKör `{self.prog} --help` för hjälp.\n")
        raise SystemExit(EXIT_USAGE)

    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "användning:")

    def format_help(self) -> str:
        return (super().format_help().replace("usage:", "användning:")
                .replace("positional arguments:", "argument:")
                .replace("options:", "flaggor:")
                .replace("show this help message and exit", "visa den här hjälpen"))


# name -> (register(subparsers) function). Modules add themselves on import.
COMMANDS: dict[str, Callable] = {}


def command(name: str):
    def decorator(register: Callable) -> Callable:
        COMMANDS[name] = register
        return register
    return decorator


def build_parser() -> SwedishParser:
    from . import commands  # noqa: F401 - registers the commands

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
