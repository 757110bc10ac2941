"""Loading: YAML files with line marks, checked against the schemas and each other, into a `Project`."""

from tryggplan.load.project import LoadResult, load_paths, load_project

__all__ = ["LoadResult", "load_paths", "load_project"]
