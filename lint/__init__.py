"""canonlint's engine: reading, parsing, the template, alignment, config, running and output.

The Python API is `canonlint.check(paths, *, template=None, config=None, select=None, ignore=None)`:
the findings of a run as `canonlint check --format json` gives them (see lint/run/request.py).
"""

from __future__ import annotations

from canonlint.version import __version__

__all__ = ["__version__", "check"]


def check(paths, *, template=None, config=None, select=None, ignore=None):
    """The findings of checking paths, as a list of dicts (the JSON report's objects)."""
    from canonlint.run.request import check as run_check

    return run_check(paths, template=template, config=config, select=select, ignore=ignore)
