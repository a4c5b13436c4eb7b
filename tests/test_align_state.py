"""The aligner's shared helpers on their own (lint/align/state.py): the runs of one owner
value in an edition's owner array, against a word-by-word reference, including runs at
both ends, runs longer than any galloping step and arrays with no run at all."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from canonlint.align.model import LOCAL, UNCLAIMED
from canonlint.align.state import runs_of

OWNERS = st.lists(st.sampled_from([UNCLAIMED, LOCAL, 0, 1, 7]), max_size=40)


def _reference_runs(values: list[int], value: int) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for j, owner in enumerate(values):
        if owner != value:
            continue
        if runs and runs[-1][1] == j - 1:
            runs[-1] = (runs[-1][0], j)
        else:
            runs.append((j, j))
    return runs


@settings(max_examples=400, deadline=None)
@given(OWNERS, st.integers(0, 3000), st.integers(0, 3000), st.sampled_from([UNCLAIMED, LOCAL]))
def test_runs_of_finds_each_run_of_a_value(values, leading, trailing, value):
    """A long run before and after the drawn owners: the runs a copied edition leaves."""
    values = [value] * leading + values + [value] * trailing
    assert runs_of(values, value) == _reference_runs(values, value)


def test_runs_of_bounds():
    assert runs_of([], UNCLAIMED) == []
    assert runs_of([3, 4], UNCLAIMED) == []
    assert runs_of([UNCLAIMED], UNCLAIMED) == [(0, 0)]
    assert runs_of([UNCLAIMED] * 1025 + [2] + [UNCLAIMED], UNCLAIMED) == [(0, 1024), (1026, 1026)]
