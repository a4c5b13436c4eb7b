"""The shape the code promises to keep (README, "How it works"): no function in the engine
or the rules over 80 lines, so each stays one readable job."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT

SOURCES = sorted([*ROOT.glob("lint/**/*.py"), *ROOT.glob("rules/**/*.py")])


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_function_is_over_80_lines(path):
    tree = ast.parse(path.read_text("utf-8"))
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines, from line {node.lineno})"
            for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.end_lineno - node.lineno + 1 > 80]
    assert long == []
