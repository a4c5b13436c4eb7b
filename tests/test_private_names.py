"""What modules share has a public name in the module that defines it: no module of the
engine or the rules imports another module's private name, and
`canonlint.align` exports only what rules and the engine use."""

from __future__ import annotations

import ast

import pytest

import canonlint.align
from tests.conftest import ROOT

OWNED = sorted([*ROOT.glob("lint/**/*.py"), *ROOT.glob("rules/**/*.py")])


@pytest.mark.parametrize("path", OWNED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_private_name_is_imported_from_another_module(path):
    tree = ast.parse(path.read_text("utf-8"))
    private = [f"{node.module}.{alias.name}" for node in ast.walk(tree)
               if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("canonlint")
               for alias in node.names if alias.name.startswith("_") and not alias.name.endswith("__")]
    assert private == []


def test_the_aligner_exports_its_result_and_align_only():
    exported = set(canonlint.align.__all__)
    assert not {name for name in exported if name.startswith("_")}
    assert {"align", "Alignment", "BlockMatch", "Status", "SlotValue", "TextRun"} <= exported
    assert not exported & {"Aligner", "word_map", "GAP_CELLS", "ANCHOR", "UNCLAIMED", "LOCAL", "TABLE", "DUPLICATE"}
