"""What every command module shares: exit codes, the Swedish argument parser and the command registry."""

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
