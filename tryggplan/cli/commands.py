"""Imports every command module so that each registers itself."""

from tryggplan.cli import diff_cmd, export_cmd, import_cmd, new_cmd, stats_cmd, validate_cmd  # noqa: F401
