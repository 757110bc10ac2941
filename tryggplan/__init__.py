"""tryggplan: Swedish municipalities' crime-prevention plans as data.

The core is pure: load -> validate -> model -> views. It knows nothing about MkDocs or the
command line, never prints and never exits; problems are returned as values.
"""

from .problems import Problem
from .project import LoadResult, load_paths, load_project

__all__ = ["LoadResult", "Problem", "load_paths", "load_project"]
__version__ = "0.1.0"
