"""Output formats, one small module each, imported only when used."""

from __future__ import annotations

import importlib

FORMATS = {"text": "lint.report.text", "json": "lint.report.json_format"}


def render(name: str, results, files_checked: int) -> str:
    """The whole report for a run in the named format."""
    return importlib.import_module(FORMATS[name]).render(results, files_checked)
