"""tryggplan: Swedish municipalities' crime-prevention plans as data.

The core is pure: load -> validate -> model -> progress -> views -> site. It knows nothing about
MkDocs or the command line, never prints and never exits; problems are returned as values.
Start at `tryggplan.load.load_project`; "How it fits together" in README.md shows the stages.
"""

__version__ = "0.1.0"
