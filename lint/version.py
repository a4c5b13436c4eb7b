"""canonlint's version: a module of its own, so that what needs it (the cache's key, the
reports, `--version`) imports no package that imports the run."""

__version__ = "0.1.0"
