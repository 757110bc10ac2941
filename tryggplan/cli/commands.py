"""Imports every command module so that each registers itself."""

from . import stats_cmd, validate_cmd  # noqa: F401
