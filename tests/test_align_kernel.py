"""The word-map kernel on its own (lint/align/kernel.py): the longest increasing
subsequence, unique k-gram anchors, gap alignment and the word map, against plain
references, including empty inputs and ranges at the bounds."""

from __future__ import annotations

import itertools
import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from canonlint.align.kernel import GAP_CELLS, _align_range, _anchors, _lis, _unique_grams, word_map

WORDS = st.lists(st.sampled_from("abcde"), max_size=14)


def _brute_lis_length(js: list[int]) -> int:
    """The length of the longest increasing subsequence, by trying every subsequence."""
    for size in range(len(js), 0, -1):
        for picked in itertools.combinations(js, size):
            if all(x < y for x, y in zip(picked, picked[1:])):
                return size
    return 0


def _lcs(a, b) -> int:
    row = [0] * (len(b) + 1)
    for x in a:
        previous = 0
        for n, y in enumerate(b, start=1):
            previous, row[n] = row[n], previous + 1 if x == y else max(row[n], row[n - 1])
    return row[-1]


# --------------------------------------------------------------------------- _lis


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 40), max_size=11, unique=True))
def test_lis_is_a_longest_increasing_subsequence(js):
    pieces = _lis(js)
    positions = [p for piece in pieces for p in piece]
    assert all(piece.step == 1 and len(piece) > 0 for piece in pieces)
    assert positions == sorted(set(positions))                      # in order, none twice
    values = [js[p] for p in positions]
    assert all(x < y for x, y in zip(values, values[1:]))            # increasing
    assert len(positions) == _brute_lis_length(js)                   # and as long as any


@settings(max_examples=50, deadline=None)
@given(st.permutations(list(range(300))), st.integers(0, 300))
def test_lis_of_long_runs_with_a_few_descents(order, cut):
    js = sorted(order[:cut]) + sorted(order[cut:])  # two increasing runs
    pieces = _lis(js)
    values = [js[p] for piece in pieces for p in piece]
    assert all(x < y for x, y in zip(values, values[1:]))
    assert len(values) >= max(cut, len(js) - cut)


def test_lis_bounds():
    assert _lis([]) == []
    assert _lis([5]) == [range(1)]
    assert _lis(list(range(10))) == [range(10)]  # already increasing: one piece
    assert sum(map(len, _lis(list(range(10, 0, -1))))) == 1


# --------------------------------------------------------------------------- anchors


@settings(max_examples=200, deadline=None)
@given(WORDS, st.integers(1, 3), st.data())
def test_unique_grams_are_the_grams_that_occur_once(keys, k, data):
    lo = data.draw(st.integers(0, len(keys)))
    hi = data.draw(st.integers(lo, len(keys)))
    grams = [tuple(keys[i:i + k]) if k > 1 else keys[i] for i in range(lo, hi - k + 1)]
    counts = Counter(grams)
    expected = {g: lo + n for n, g in enumerate(grams) if counts[g] == 1}
    got = _unique_grams(keys, lo, hi, k)
    assert got == expected
    assert list(got.values()) == sorted(got.values())  # in index order


@settings(max_examples=200, deadline=None)
@given(WORDS, WORDS, st.integers(1, 3), st.data())
def test_anchors_are_grams_once_on_each_side(a, b, k, data):
    lo = data.draw(st.integers(0, len(b)))
    hi = data.draw(st.integers(lo, len(b)))
    grams_a = _unique_grams(a, 0, len(a), k)
    at_a, at_b = _anchors(b, lo, hi, k, grams_a)
    window = [tuple(b[j:j + k]) if k > 1 else b[j] for j in range(lo, hi - k + 1)]
    counts = Counter(window)
    expected = sorted((grams_a[g], lo + n) for n, g in enumerate(window) if g in grams_a and counts[g] == 1)
    assert list(zip(at_a, at_b)) == expected


def test_anchor_bounds():
    assert _unique_grams([], 0, 0, 4) == {}
    assert _unique_grams(list("abc"), 0, 3, 4) == {}  # shorter than a gram
    assert _unique_grams(list("abcd"), 0, 4, 4) == {("a", "b", "c", "d"): 0}
    assert _anchors(list("abc"), 1, 3, 4, {("a", "b", "c", "d"): 0}) == ([], [])
    grams = _unique_grams(list("abcab"), 0, 5, 2)
    assert grams == {("b", "c"): 1, ("c", "a"): 2}  # "a b" occurs twice: no anchor
    assert _anchors(list("xbcabc"), 0, 6, 2, grams) == ([2], [2])  # "b c" twice in b: no anchor


# --------------------------------------------------------------------------- gaps and the word map


def _check_runs(a, b, runs, a_lo, a_hi, b_lo, b_hi) -> int:
    last_i, last_j = a_lo, b_lo
    for i, j, length in runs:
        assert length > 0 and i >= last_i and j >= last_j, runs  # in order, not overlapping
        assert a[i:i + length] == b[j:j + length]
        last_i, last_j = i + length, j + length
    assert last_i <= a_hi and last_j <= b_hi
    return sum(length for _, _, length in runs)


@settings(max_examples=300, deadline=None)
@given(WORDS, WORDS, st.data())
def test_a_small_gap_is_aligned_as_well_as_it_can_be(a, b, data):
    a_lo = data.draw(st.integers(0, len(a)))
    a_hi = data.draw(st.integers(a_lo, len(a)))
    b_lo = data.draw(st.integers(0, len(b)))
    b_hi = data.draw(st.integers(b_lo, len(b)))
    runs: list = []
    _align_range(a, b, a_lo, a_hi, b_lo, b_hi, 4, runs)
    matched = _check_runs(a, b, runs, a_lo, a_hi, b_lo, b_hi)
    assert matched == _lcs(a[a_lo:a_hi], b[b_lo:b_hi])  # the gap is small: an optimal diff


def test_a_large_gap_is_anchored_and_keeps_every_unchanged_word():
    rng = random.Random(7)
    a = [f"w{n}" for n in range(3_000)]
    b = list(a)
    changed = sorted(rng.sample(range(3_000), 30))
    for n in changed:
        b[n] = f"changed{n}"
    del b[1500:1510]          # ten words lost
    b[100:100] = ["new"] * 5  # five added
    assert len(a) * len(b) > GAP_CELLS  # too large for one Indel pass: anchors first
    runs: list = []
    _align_range(a, b, 0, len(a), 0, len(b), 4, runs)
    assert _check_runs(a, b, runs, 0, len(a), 0, len(b)) == 3_000 - 30 - len(set(range(1500, 1510)) - set(changed))


@settings(max_examples=200, deadline=None)
@given(WORDS, WORDS)
def test_word_map_maps_equal_words_in_order(a, b):
    mapping = word_map(tuple(a), b)
    assert len(mapping) == len(a)
    mapped = [(i, j) for i, j in enumerate(mapping) if j >= 0]
    assert all(a[i] == b[j] for i, j in mapped)
    assert all(j1 < j2 for (_, j1), (_, j2) in zip(mapped, mapped[1:]))
    assert len(mapped) == _lcs(a, b)


def test_word_map_bounds():
    assert word_map((), []) == []
    assert word_map(("a", "b"), []) == [-1, -1]
    assert word_map((), ["a"]) == []
    assert word_map(("a", "b", "c"), ["a", "b", "c"]) == [0, 1, 2]
    assert word_map(("a", "b", "c"), ["x", "a", "b", "c", "y"]) == [1, 2, 3]
