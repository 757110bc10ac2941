"""Imports every page provider module so that each registers itself with @provider.

Keep this a plain list of imports: other modules (progress pages) add one line here.
"""

from tryggplan.site import accessibility, home, macro_pages, plan_pages, progress_pages, schema_pages, unit_pages  # noqa: F401
