"""`tryggplan diff [BASE] [HEAD]`: what changed in the plans, as a reviewer reads it."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from tryggplan.authoring.diff import diff_refs
from tryggplan.authoring.diff_render import to_json, to_markdown
from tryggplan.authoring.gitsnap import GitError, GitRunner
from tryggplan.cli.base import EXIT_OK, EXIT_USAGE, command


@command("diff")
def register(sub) -> None:
    parser = sub.add_parser(
        "diff", help="sammanfatta ändringarna i planerna mellan två versioner",
        description="Jämför plans/ i två git-versioner och skriver vad som ändrats: åtgärder, ansvar, "
                    "uppföljningsstatus, indikatorvärden, beslut och organisation. Utan HEAD jämförs med "
                    "arbetskopian (filerna som de ligger på disken).")
    parser.add_argument("base", nargs="?", default="origin/main", metavar="FÖRE",
                        help="git-referens att jämföra från (standard: origin/main)")
    parser.add_argument("head", nargs="?", default=None, metavar="EFTER",
                        help="git-referens att jämföra med (standard: arbetskopian)")
    parser.add_argument("--format", choices=["markdown", "json"], default="markdown",
                        help="markdown (standard) eller json")
    parser.add_argument("--repo", type=Path, default=Path("."), metavar="MAPP",
                        help="git-förrådet (standard: den aktuella mappen)")
    parser.set_defaults(handler=execute)


def execute(args) -> int:
    try:
        runner = GitRunner(args.repo)
        runner = GitRunner(runner.toplevel())
        with tempfile.TemporaryDirectory(prefix="tryggplan-diff-") as tmp:
            result = diff_refs(runner, args.base, args.head, Path(tmp))
    except GitError as exc:
        sys.stderr.write(f"tryggplan diff: {exc}\n"
                         "Kontrollera att du står i projektets git-mapp och att referensen finns "
                         "(kör till exempel `git fetch origin main`).\n")
        return EXIT_USAGE
    if args.format == "json":
        sys.stdout.write(json.dumps(to_json(result), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(to_markdown(result))
    return EXIT_OK
