"""Output formats, one small module each, imported only when used."""

from __future__ import annotations

import importlib

FORMATS = {"text": "lint.report.text", "json": "lint.report.json_format"}


def render(name: str, results, unreadable: int = 0) -> str:
    """The whole report for a run in the named format: results holds one entry per file
    checked; unreadable counts the files that could not be read (their errors went to stderr)."""
    return importlib.import_module(FORMATS[name]).render(results, unreadable)
