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


ALIGN_MODULES = sorted(ROOT.glob("lint/align/*.py"))


def test_the_aligner_is_a_package_of_small_modules():
    assert not (ROOT / "lint" / "align.py").exists()
    assert {p.name for p in ALIGN_MODULES} >= {"__init__.py", "model.py", "kernel.py", "slot_capture.py", "projection.py"}


@pytest.mark.parametrize("path", ALIGN_MODULES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_aligner_module_is_over_600_lines(path):
    lines = len(path.read_text("utf-8").splitlines())
    assert lines < 600, f"{path.name} has {lines} lines"
