"""A rule reads what the engine hands it: it imports the rule API, canonlint.rulekit and
the engine's query types (document, template, alignment, words, slots, the readers'
public record types), never the run, the readers' internals, the writers, the report, the
configuration or the command line (README, "Adding a rule")."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT

RULES = sorted((ROOT / "rules").glob("*.py"))
NOT_FOR_RULES = ("canonlint.run", "canonlint.report", "canonlint.writers", "canonlint.cli", "canonlint.server",
                 "canonlint.infer", "canonlint.registry", "canonlint.config")
# The readers' package exports record types (Link, Pending) and the table of edition kinds
# (which suffix is Markdown); its other modules are its own.
READER_MODULES = tuple(f"canonlint.readers.{path.stem}" for path in (ROOT / "lint" / "readers").glob("*.py")
                       if path.stem not in ("__init__", "kinds"))


def imported(path) -> list[str]:
    """The canonlint modules (or module.name) a file imports, at its top or in a function."""
    names = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names += [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
    return [name for name in names if name.startswith("canonlint.")]


def test_imported_reads_imports_at_the_top_and_in_functions(tmp_path):
    module = tmp_path / "module.py"
    module.write_text("from canonlint.run import cache\ndef f():\n    import canonlint.report.text\n", "utf-8")
    assert imported(module) == ["canonlint.run.cache", "canonlint.report.text"]


@pytest.mark.parametrize("path", RULES, ids=lambda p: p.name)
def test_a_rule_imports_only_what_rules_may_read(path):
    assert [name for name in imported(path) if name.startswith(NOT_FOR_RULES + READER_MODULES)] == []
