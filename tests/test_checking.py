"""Checking in worker processes: results travel back by pickle, batches cover every edition."""

from __future__ import annotations

import pickle

from canonlint.run.execution import _batches, _send_results_compactly
from canonlint.run.findings import Outcome
from canonlint.finding import Edit, Finding, Fix, Severity
from canonlint.run.findings import FileResult


def test_batches_cover_every_edition_once_in_order_and_shrink():
    for start, stop, workers in [(0, 1, 2), (1, 1000, 2), (0, 37, 3), (5, 5, 2), (0, 2000, 8)]:
        batches = _batches(start, stop, workers)
        assert [i for a, b in batches for i in range(a, b)] == list(range(start, stop))
        sizes = [b - a for a, b in batches]
        assert sizes == sorted(sizes, reverse=True)
        assert all(1 <= size <= 32 for size in sizes)
        assert not sizes or sizes[-1] == 1


def test_outcomes_come_back_from_a_worker_unchanged():
    from multiprocessing.reduction import ForkingPickler

    _send_results_compactly()
    fix = Fix("Keep one marker", (Edit(3, 5, "- "), Edit(9, 9, "")), safe=True)
    findings = [Finding("a.txt", 1, 2, 1, 9, "CL704", "stray-bullet", Severity.WARNING, "two markers",
                        None, "- *", fix, "0123456789abcdef"),
                Finding("a.txt", 3, 1, 4, 1, "CL104", "unexpected-text", Severity.ERROR, "text", "x", None)]
    result = FileResult("a.txt", findings, None, ["CL999"], "dir/a.txt", {"CL601": ("summary", 1)})
    outcome = Outcome(result, ["an error"], "a diff", 2, "fixed text", frozenset({"CL704", "CL104"}))
    back = pickle.loads(ForkingPickler.dumps([outcome, Outcome(None, ["unreadable"])]))
    assert back == [outcome, Outcome(None, ["unreadable"])]
    assert [f.fix for f in back[0].result.findings] == [fix, None]  # not part of a Finding's ==
    assert type(back[0].result.findings[0].severity) is Severity


def test_keys_are_relative_paths_with_forward_slashes(tmp_path, monkeypatch):
    import os
    from pathlib import Path

    from canonlint.run.discovery import key_for

    monkeypatch.chdir(tmp_path)
    (tmp_path / "editions").mkdir()
    cases = [("editions/a.txt", Path(".")), ("editions/a.txt", tmp_path), ("./editions//b.txt", Path("editions")),
             ("editions/../template.md", Path(".")), ("editions", Path("editions")), ("editionsX/y", Path("editions")),
             (str(tmp_path), tmp_path.parent), ("x", str(tmp_path) + os.sep), ("a.txt", Path(os.sep)),
             (os.sep, Path(os.sep)), ("-", Path("."))]
    for path, root in cases:
        assert key_for(path, root) == Path(os.path.relpath(os.path.abspath(path), os.path.abspath(root))).as_posix()
    assert key_for("editions/a.txt", Path(".")) == "editions/a.txt"
    assert key_for("editions/a.txt", Path("editions/sub")) == "../a.txt"
