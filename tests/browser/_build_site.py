"""Build the site like `mkdocs build --strict`, into a given folder, with a fixed "today".

Run as a subprocess by conftest.py and benchmarks: python _build_site.py CONFIG SITE_DIR [YYYY-MM-DD]

mkdocs.yml has no command-line switch for extra.tryggplan.today, so this does what the
`mkdocs build --strict` command does (load_config with strict, on_startup, build, on_shutdown)
and sets the date in between. Warnings abort the build exactly as with --strict.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys


def main(argv: list[str]) -> int:
    from mkdocs.__main__ import ColorFormatter  # same log format as the CLI
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, BuildError, ConfigurationError, PluginError

    config_file, site_dir = argv[0], argv[1]
    handler = logging.StreamHandler()
    handler.setFormatter(ColorFormatter())
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        cfg = load_config(config_file, strict=True, site_dir=site_dir)
        if len(argv) > 2:
            cfg.extra.setdefault("tryggplan", {})["today"] = dt.date.fromisoformat(argv[2])
        cfg.plugins.on_startup(command="build", dirty=False)
        try:
            build(cfg)
        finally:
            cfg.plugins.on_shutdown()
    except (Abort, BuildError, ConfigurationError, PluginError) as err:
        print(f"Bygget misslyckades: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
