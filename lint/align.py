"""Alignment: the one place that fuzzy-diffs an edition against the template.

The whole edition and the whole template are compared as sequences of word keys (see
lint.words), so paragraph boundaries, re-wrapping, flattening, case, quotes, apostrophes
and hyphens do not matter to where a block is found.

0. Same blocks: edition blocks whose keys equal those of a block the template has once
   (and the edition has once) are paired whole, chained by a longest increasing
   subsequence weighted by their words; only the words between them go through the steps
   below. Most of an edition is its template's paragraphs unchanged, so this pass, one
   dictionary look-up per edition block, does most of the matching.
1. Anchors: word k-grams (k = 4) that occur exactly once on each side of a stretch
   between two paired blocks (the whole texts when none were paired). Chained by a
   longest increasing subsequence (patience sorting, O(a log a) for a anchors), they fix
   the diagonal of the alignment.
2. Gaps between consecutive anchors are aligned recursively with smaller k (2, then 1);
   a gap small enough (at most GAP_CELLS word pairs) is filled with rapidfuzz's
   `Indel.opcodes` over word lists. A gap that is still larger after k = 1 is left
   unmatched rather than paying a quadratic price: both texts then differ there anyway.
3. Each template block is projected through the word map: found (every word matched),
   altered (a word diff), or missing (too few of its words matched — see needed_words —
   or its matches scattered). Missing blocks are looked for among the edition words no
   block claimed (moved/displaced), by voting on shared word bigrams, then confirmed with
   Indel. Inside a located block, words left over between two matches are aligned once
   more on their own, so the word diff is as small as it can be.
4. Slots are captured between their matched neighbours with their type's pattern, in a
   region of at most SLOT_REGION characters (slot values are short; this keeps every slot
   pattern linear); `{{local}}` blocks claim the edition words between their located
   neighbours; what is left unclaimed outside every block is unexpected text.

Cost: tokenising is linear; anchoring is linear plus O(a log a); gap filling is bounded
by GAP_CELLS per gap, and the gaps are disjoint, so the total is linear in the edition
length for a fixed template. Per-template work (keys, anchor grams) is done once per
template. No step compares characters quadratically.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from itertools import accumulate, chain, compress, filterfalse, repeat
from operator import and_, attrgetter, eq, gt, is_not, lt, sub
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from rapidfuzz.distance import Indel

from lint.document import BlockKind, Document
from lint.template import Slot, Template, TemplateBlock

ANCHOR = 4                 # words in an anchor gram
GAP_CELLS = 2_000_000
SHORT_NEIGHBOUR_WORDS = 8  # a slot may run on into a following line only this short
SLOT_REGION = 400          # characters searched for a run of slots

UNCLAIMED = -1
LOCAL = -2
TABLE = -3
DUPLICATE = -4
MIN_DUPLICATE_WORDS = 6  # shorter blocks (headings) repeat innocently, e.g. in a contents list


class Status(StrEnum):
    FOUND = "found"
    ALTERED = "altered"
    MOVED = "moved"
    MISSING = "missing"
    LOCAL = "local"


IN_PLACE = (Status.FOUND, Status.ALTERED)
LOCATED = frozenset((Status.FOUND, Status.ALTERED, Status.MOVED))  # found somewhere in the edition
_SLOTS = attrgetter("slots")


def needed_words(count: int, moved: bool = False) -> int:
    """How many of a block's `count` words must match for it to be found: nearly all of a
    short block (a few shared words such as "during 2009/10" turn up anywhere), half of a
    long one at its place, and more than half elsewhere (moved)."""
    if moved:
        return count if count < 5 else count - 1 if count < 10 else math.ceil(0.6 * count)
    if count <= 2:
        return count
    return count - 1 if count <= 5 else math.ceil(0.7 * count) if count < 10 else math.ceil(0.5 * count)


def end_before(matches, index: int, default: int = 0) -> int:
    """Where the nearest block before `index` that was found at its place ends (default if
    none). Looked up in place: rules ask for every list item of every edition."""
    for k in range(index - 1, -1, -1):
        match = matches[k]
        if match is not None and match.status in IN_PLACE:
            return match.end
    return default


def start_after(matches, index: int, default: int) -> int:
    """Where the nearest block after `index` that was found at its place starts."""
    for k in range(index + 1, len(matches)):
        match = matches[k]
        if match is not None and match.status in IN_PLACE:
            return match.start
    return default


@dataclass(frozen=True)
class WordDiff:
    """One difference inside a located block: template words [t_start, t_end) were
    written as edition words [e_start, e_end) (either side may be empty)."""

    t_start: int
    t_end: int
    e_start: int
    e_end: int


# SlotValue and BlockMatch are made for every slot and block of every edition: they are
# slotted, not frozen (a frozen dataclass costs six times as much to make). Read them only.
@dataclass(slots=True)
class SlotValue:
    slot: Slot
    value: str | None   # the text matching the slot's type, or None
    raw: str            # what stood in the slot's place, stripped
    start: int          # edition offsets of value (or raw when value is None)
    end: int


@dataclass(slots=True)
class BlockMatch:
    block: int
    status: Status
    score: float = 0.0               # matched words / template words
    first_word: int = -1             # edition word indices, inclusive; -1 when missing
    last_word: int = -1
    start: int = 0                   # edition offsets of the located text, or the
    end: int = 0                     # insertion point (start == end) when missing
    diffs: tuple[WordDiff, ...] = ()
    slots: tuple[SlotValue, ...] = ()

    @property
    def located(self) -> bool:
        return self.status in LOCATED


@dataclass(frozen=True)
class TextRun:
    """Consecutive edition words that no template block claimed."""

    first_word: int
    last_word: int
    start: int
    end: int
    section: int  # template section (level-1 heading index) it lies in


@dataclass(frozen=True)
class Duplicate:
    """A second copy of a shared block, found among the words no block claimed."""

    block: int
    first_word: int
    last_word: int
    start: int
    end: int


@dataclass(frozen=True)
class TableRegion:
    """Where a template table stands in the edition (offsets), and whether its rows are
    one per line as in the template."""

    table_id: int
    start: int
    end: int
    row_shaped: bool


@dataclass
class Alignment:
    matches: list[BlockMatch]
    word_map: list[int]          # template word -> edition word, or -1
    owner: list[int]             # edition word -> template block, or UNCLAIMED/LOCAL/TABLE
    unexpected: list[TextRun] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    table_regions: dict[int, TableRegion] = field(default_factory=dict)
    word_sections: list[int] = field(default_factory=list)  # edition word -> template section
    memo: dict = field(default_factory=dict)  # readings derived from this alignment (lint.tables)

    def match(self, block: TemplateBlock | int) -> BlockMatch:
        return self.matches[block if isinstance(block, int) else block.index]

    def insertion_point(self, index: int) -> int:
        """Where template block `index` belongs in the edition: the start of the next block
        found at its place, or else the end of the previous one."""
        after = start_after(self.matches, index, -1)
        return after if after >= 0 else end_before(self.matches, index)

    def slot_values(self, name: str) -> tuple[SlotValue, ...]:
        """The values captured for the slots of this name, in template order."""
        return self.slot_values_by_name().get(name, ())

    def slot_values_by_name(self) -> dict[str, tuple[SlotValue, ...]]:
        """Every slot name's values, in template order, names in the order they first
        occur (made once: several rules ask)."""
        by_name = self.memo.get("slot values by name")
        if by_name is None:
            grouped: dict[str, list[SlotValue]] = {}
            for match in filter(_SLOTS, self.matches):  # those with slots, in C
                for value in match.slots:
                    grouped.setdefault(value.slot.name, []).append(value)
            by_name = self.memo["slot values by name"] = {n: tuple(values) for n, values in grouped.items()}
        return by_name


# --------------------------------------------------------------------------- word map


def _lis(js: list[int]) -> list[range]:
    """The longest increasing subsequence of js (distinct values) by patience sorting, as
    ranges of positions in js. Increasing runs that extend the longest pile are appended
    in one slice, so the cost is O(d log a) Python steps for d descents plus C-speed
    copying: an edition close to the template has few descents."""
    n = len(js)
    if n == 0:
        return []
    descents = list(compress(range(1, n), map(gt, js, js[1:])))  # js[r - 1] > js[r]
    if not descents:
        return [range(n)]
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * n
    run_start = [0] * n   # first position of the chain of immediate predecessors ending here
    next_descent = 0
    k = 0
    while k < n:
        j = js[k]
        if not tails or j > tails[-1]:
            while next_descent < len(descents) and descents[next_descent] <= k:
                next_descent += 1
            r = descents[next_descent] if next_descent < len(descents) else n
            previous[k] = tail_index[-1] if tail_index else -1
            first = run_start[k - 1] if k and previous[k] == k - 1 else k
            tails += js[k:r]
            tail_index += range(k, r)
            previous[k + 1 : r] = range(k, r - 1)
            run_start[k:r] = [first] * (r - k)
            k = r
            continue
        at = bisect.bisect_left(tails, j)
        tails[at] = j
        tail_index[at] = k
        previous[k] = tail_index[at - 1] if at else -1
        run_start[k] = run_start[k - 1] if k and previous[k] == k - 1 else k
        k += 1
    pieces = []
    index = tail_index[-1]
    while index >= 0:
        first = run_start[index]
        pieces.append(range(first, index + 1))
        index = previous[first]
    return pieces[::-1]


def _unique_grams(keys, lo: int, hi: int, k: int) -> dict:
    """The k-grams occurring once in keys[lo:hi], each with its index, in index order."""
    if hi - lo < k:
        return {}
    window = keys[lo:hi]
    grams = list(zip(*(window[d:] for d in range(k)))) if k > 1 else list(window)
    last = dict(zip(grams, range(lo, lo + len(grams))))
    if len(last) == len(grams):
        return last
    first = dict(zip(reversed(grams), range(lo + len(grams) - 1, lo - 1, -1)))
    distinct = list(last)  # in order of first occurrence
    once = list(compress(distinct, map(eq, map(last.__getitem__, distinct), map(first.__getitem__, distinct))))
    return dict(zip(once, map(last.__getitem__, once)))


def _anchors(b, lo: int, hi: int, k: int, grams_a: dict) -> tuple[list[int], list[int]]:
    """Anchors: the k-grams unique in a (grams_a: gram -> index in a) that occur exactly
    once in b[lo:hi], as their indices in a (increasing) and in b. Only b's grams that are
    in grams_a are counted, which gives the same anchors as intersecting both sides'
    unique grams for a fraction of the work."""
    if hi - lo < k:
        return [], []
    window = b[lo:hi]
    found = list(map(grams_a.get, zip(*(window[d:] for d in range(k))) if k > 1 else window))
    wanted = list(map(is_not, found, repeat(None)))
    at_b = list(compress(range(lo, lo + len(found)), wanted))
    at_a = list(compress(found, wanted))
    if all(map(lt, at_a, at_a[1:])):  # in order and none twice: the common case
        return at_a, at_b
    once = sorted(at_a)  # nearly in order already: a linear sort
    twice = set(compress(once[1:], map(eq, once[1:], once)))
    if twice:  # a gram twice in b is no anchor
        once = list(filterfalse(twice.__contains__, once))
    last = dict(zip(at_a, at_b))
    return once, list(map(last.__getitem__, once))


def _diagonal_end(chain_a: list[int], chain_b: list[int], m: int, size: int) -> int:
    """The end of the run of chain anchors from m that lie on one diagonal, each one word
    after the last. Both coordinates increase, so chain[e] is on the run exactly when it
    lies e - m words after chain[m] on both sides: found by galloping, then bisection."""
    a0, b0 = chain_a[m] - m, chain_b[m] - m
    lo, step = m, 1  # chain[lo] is on the run
    while True:
        e = lo + step
        if e >= size or chain_a[e] - e != a0 or chain_b[e] - e != b0:
            break
        lo, step = e, step * 2
    hi = min(e, size)  # chain[hi] is not on the run (or hi == size)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if chain_a[mid] - mid == a0 and chain_b[mid] - mid == b0:
            lo = mid
        else:
            hi = mid
    return lo + 1


def _align_range(a, b, a_lo, a_hi, b_lo, b_hi, k, out, grams_a=None) -> None:
    """Append matched runs (i, j, length) — a[i + d] with b[j + d] — for a[a_lo:a_hi]
    against b[b_lo:b_hi], in order; grams_a, when given, are a's unique k-grams over that
    range (precomputed)."""
    if a_lo >= a_hi or b_lo >= b_hi:
        return
    cells = (a_hi - a_lo) * (b_hi - b_lo)
    if cells <= GAP_CELLS and (k <= 1 or cells <= 4096):
        for tag, i1, i2, j1, _ in Indel.opcodes(a[a_lo:a_hi], b[b_lo:b_hi]):
            if tag == "equal":
                out.append((a_lo + i1, b_lo + j1, i2 - i1))
        return
    if k == 0:
        return
    if grams_a is None:
        grams_a = _unique_grams(a, a_lo, a_hi, k)
    anchor_a, anchor_b = _anchors(b, b_lo, b_hi, k, grams_a)
    pieces = _lis(anchor_b)
    if not pieces:
        _align_range(a, b, a_lo, a_hi, b_lo, b_hi, k // 2, out)
        return
    chain_a: list[int] = []
    chain_b: list[int] = []
    for piece in pieces:
        chain_a += anchor_a[piece.start : piece.stop]
        chain_b += anchor_b[piece.start : piece.stop]
    # Along a run of anchors on one diagonal (each one word after the last), only the
    # first can leave a gap before it; each further one adds its last word.
    size = len(chain_a)
    ti, tj = a_lo, b_lo
    run_start = 0
    while run_start < size:
        run_end = _diagonal_end(chain_a, chain_b, run_start, size)
        for m in range(run_start, run_end):
            i, j = chain_a[m], chain_b[m]
            skip = max(ti - i, tj - j, 0)  # overlap with the previous anchor
            if skip >= k:
                continue
            _align_range(a, b, ti, i + skip, tj, j + skip, k // 2, out)
            more = run_end - 1 - m
            out.append((i + skip, j + skip, k - skip + more))
            ti, tj = i + more + k, j + more + k
            break
        run_start = run_end
    _align_range(a, b, ti, a_hi, tj, b_hi, k // 2, out)


@lru_cache(maxsize=8)
def _template_grams(keys: tuple[str, ...]) -> dict:
    """The template's unique anchor grams, computed once per template and run."""
    return _unique_grams(keys, 0, len(keys), ANCHOR)


def _same_blocks(template_blocks: dict[tuple[str, ...], range], edition_keys,
                 edition_blocks: Sequence[range]) -> list[tuple[range, range]]:
    """Pairs (template words, edition words) of blocks that read word for word alike, each
    such block once on both sides (template_blocks holds only the template's unique ones),
    in an order both sides agree on: the chain of them, by template position, that holds
    the most words (as the word-level alignment would choose)."""
    found: dict[tuple[str, ...], tuple[range, range] | None] = {}
    for words in edition_blocks:
        if len(words) < ANCHOR:
            continue
        key = tuple(edition_keys[words.start : words.stop])
        template_words = template_blocks.get(key)
        if template_words is not None:
            found[key] = None if key in found else (template_words, words)
    pairs = [pair for pair in found.values() if pair is not None]
    if all(map(lt, (t.start for t, _ in pairs), (t.start for t, _ in pairs[1:]))):
        return pairs  # all in the template's order: the common case
    # The longest increasing chain of their template words, word by word: a block lies
    # wholly on it or wholly off it (blocks do not overlap), so it is kept when its first
    # word is.
    firsts = list(accumulate((len(template_words) for template_words, _ in pairs), initial=0))
    pieces = _lis(list(chain.from_iterable(template_words for template_words, _ in pairs)))
    kept = []
    for piece in pieces:
        n = bisect.bisect_left(firsts, piece.start)
        while n < len(pairs) and firsts[n] < piece.stop:
            kept.append(pairs[n])
            n += 1
    return kept


def word_map(template_keys: tuple[str, ...], edition_keys,
             template_blocks: tuple[int, ...] | None = None,
             same_blocks: list[tuple[range, range]] = ()) -> list[int]:
    """For each template word, the edition word it aligns with, or -1. template_blocks (the
    block of each template word) lets matches be pulled together within a block;
    same_blocks (see _same_blocks) are matched as they stand, and only the words between
    them are aligned word by word — most of an edition, as a rule, is its template's
    paragraphs unchanged."""
    runs: list[tuple[int, int, int]] = []
    gaps = _gaps(same_blocks, len(template_keys), len(edition_keys))
    grams = None if same_blocks else _template_grams(template_keys)  # the one gap is the whole template
    for n, (t_lo, t_hi, e_lo, e_hi) in enumerate(gaps):
        _align_range(template_keys, edition_keys, t_lo, t_hi, e_lo, e_hi, ANCHOR, runs, grams)
        if n < len(same_blocks):
            template_words, edition_words = same_blocks[n]
            runs.append((template_words.start, edition_words.start, len(template_words)))
    mapping = [-1] * len(template_keys)
    last_j = top_i = -1  # every template word after top_i is still unmapped
    for i, j, length in runs:
        if i > top_i and j > last_j:
            mapping[i : i + length] = range(j, j + length)
            last_j, top_i = j + length - 1, i + length - 1
            continue
        for d in range(length):
            if j + d > last_j and mapping[i + d] < 0:
                mapping[i + d] = j + d
                last_j, top_i = j + d, max(top_i, i + d)
    if template_blocks is not None:
        # A word of a block matched as it stands is never moved, nor is its neighbour in
        # another block: only the words between such blocks are looked at.
        for t_lo, t_hi, _, _ in gaps:
            if t_hi > t_lo:
                _pull_together(mapping, template_keys, edition_keys, template_blocks, t_lo, t_hi)
    return mapping


def _gaps(same_blocks: list[tuple[range, range]], template_size: int,
          edition_size: int) -> list[tuple[int, int, int, int]]:
    """The stretches (template lo, hi, edition lo, hi) before, between and after the
    paired blocks: one more than there are pairs."""
    gaps = []
    ti = tj = 0
    for template_words, edition_words in same_blocks:
        gaps.append((ti, template_words.start, tj, edition_words.start))
        ti, tj = template_words.stop, edition_words.stop
    gaps.append((ti, template_size, tj, edition_size))
    return gaps


def _pull_together(mapping: list[int], a, b, blocks, lo: int, hi: int) -> None:
    """Among equally long alignments, prefer the one that keeps a block's words together:
    a word matched far before its successor's match moves next to it when the same word
    stands there unmatched ("… with local schools. Brent: local police" — the heading's
    "local" is the second one). Words are taken from the last to the first; only a word
    matched more than one word before its successor's match can move, and a move can only
    make the word before it such a word, so only those are looked at. Words are moved
    within template words [lo, hi)."""
    size = min(hi + 1, len(mapping))
    # i in [lo, hi) with mapping[i] >= 0 and mapping[i + 1] - mapping[i] > 1
    part = mapping[lo:size]
    candidates = list(compress(range(lo, size - 1), map(and_, map(_MAPPED, part),
                                                        map(gt, map(sub, part[1:], part), repeat(1)))))
    taken: set[int] | None = None
    pending = len(candidates) - 1
    i = -1
    while True:
        if i < 0:
            if pending < 0:
                return
            i, pending = candidates[pending], pending - 1
        j, following = mapping[i], mapping[i + 1]
        moved = False
        if j >= 0 and following >= 0 and following - j > 1 and blocks[i] == blocks[i + 1]:
            closer = following - 1
            if b[closer] == a[i]:
                if taken is None:
                    taken = set(mapping)
                if closer not in taken:
                    taken.discard(j)
                    taken.add(closer)
                    mapping[i] = closer
                    moved = True
        if moved and i > 0:
            i -= 1  # its predecessor now stands further from it: look at it next
            while pending >= 0 and candidates[pending] >= i:
                pending -= 1
        else:
            i = -1


# --------------------------------------------------------------------------- slots

_STRIP = " \t\r\n:;,.()-*|"
_GAP = r"[\s\W_]*"
_LAZY_GAP = r"[\s\W_]*?"


@lru_cache(maxsize=256)
def _compiled(pattern: str, how: str) -> re.Pattern:
    """A slot pattern placed in its region: `whole` fills the region (give or take
    punctuation), `prefix` starts it, `suffix` ends it, `any` stands anywhere in it."""
    if how == "prefix":
        return re.compile(_LAZY_GAP + "(" + pattern + ")")
    if how == "suffix":
        return re.compile("(" + pattern + ")" + _GAP + r"\Z")
    if how == "any":
        return re.compile(pattern)
    return re.compile(_LAZY_GAP + "(" + pattern + ")" + _GAP + r"\Z")


def _run_pattern(slots: list[Slot]) -> str:
    return _LAZY_GAP.join("(" + s.type.bounded + ")" for s in slots)


def _capture_run(text: str, lo: int, hi: int, slots: list[Slot], where: str,
                 pattern: str | None = None) -> list[SlotValue]:
    """Capture a run of consecutive slots from text[lo:hi].

    where is "between" (the region lies between two matched words), "after" (the slots end
    their block: the region runs from a matched word to the end of the line or block) or
    "before" (the slots start their block). The whole region is tried first ("before": its
    end), then its start (a flattened edition runs on after the slot; a changed word may
    follow it). A slot whose type does not match gets value None and the text that stood
    there.
    """
    tries = {"between": ("whole", "prefix"), "after": ("whole", "prefix"), "before": ("suffix", "prefix")}[where]
    if where == "before":
        lo = max(lo, hi - SLOT_REGION)
    else:
        hi = min(hi, lo + SLOT_REGION)
    pattern = pattern or _run_pattern(slots)
    for how in tries:
        compiled = _compiled(pattern, how)
        found = compiled.search(text, lo, hi) if how == "suffix" else compiled.match(text, lo, hi)
        if found:
            return [SlotValue(slot, found.group(n), found.group(n), found.start(n), found.end(n))
                    for n, slot in enumerate(slots, start=2)]
    values = []
    cursor = lo
    for n, slot in enumerate(slots, start=1):  # slot by slot: keep what fits, report what does not
        found = _compiled(slot.type.bounded, "any").search(text, cursor, hi) if len(slots) > 1 else None
        if found:
            values.append(SlotValue(slot, found.group(0), found.group(0), found.start(), found.end()))
            cursor = found.end()
            continue
        raw_lo, raw_hi = (cursor, hi) if n == len(slots) else (cursor, cursor)
        if where == "after":
            line_end = text.find("\n", raw_lo, raw_hi)
            raw_hi = line_end if line_end >= 0 else raw_hi
        elif where == "before":
            raw_lo = max(raw_lo, text.rfind("\n", raw_lo, raw_hi) + 1)
        raw = text[raw_lo:raw_hi].strip(_STRIP)[:80]
        at = text.find(raw, raw_lo, raw_hi) if raw else raw_lo
        values.append(SlotValue(slot, None, raw, at, at + len(raw)))
    return values


# --------------------------------------------------------------------------- alignment


def _diff(t_words: list[int], e_words: list[int], t_at: int, e_at: int) -> WordDiff:
    """A WordDiff over the given words; an empty side sits at t_at / e_at."""
    return WordDiff(t_words[0] if t_words else t_at, t_words[-1] + 1 if t_words else t_at,
                    e_words[0] if e_words else e_at, e_words[-1] + 1 if e_words else e_at)


def _merge(diffs: list[WordDiff]) -> list[WordDiff]:
    """Join a deletion and an insertion that touch into one replacement."""
    merged: list[WordDiff] = []
    for diff in diffs:
        last = merged[-1] if merged else None
        if last is not None and last.t_end == diff.t_start and last.e_end == diff.e_start:
            merged[-1] = WordDiff(last.t_start, diff.t_end, last.e_start, diff.e_end)
        else:
            merged.append(diff)
    return merged


def _take_back(cast, votes: dict[tuple[int, int], int]) -> None:
    """Withdraw the votes cast by some words (the heap is corrected when a lowered count
    comes to its top: counts only fall, so a count on the heap is never too low)."""
    for keys in cast:
        for key in keys:
            votes[key] -= 1


class _TemplateIndex:
    """What the alignment reads of a template, worked out once per template and run."""

    def __init__(self, template: Template):
        words = template.words
        self.keys = template.keys
        # the words of each block the template has once, by their keys
        block_keys: dict[tuple[str, ...], range | None] = {}
        for block in template.blocks:
            key = self.keys[block.first_word : block.last_word]
            block_keys[key] = None if key in block_keys else block.word_range
        self.block_keys = {key: words for key, words in block_keys.items() if words is not None}
        self.is_slot = [w.slot is not None for w in words]
        self.literal = template.literal
        self.literal_keys = [tuple(self.keys[i] for i in literal) for literal in self.literal]
        self.plain = [len(lit) == len(b.word_range) for lit, b in zip(self.literal, template.blocks)]
        self.slot_runs: list[list[list[int]]] = []  # per block: runs of consecutive slot words
        for block in template.blocks:
            runs: list[list[int]] = []
            for i in block.word_range:
                if words[i].slot is None:
                    continue
                if runs and runs[-1][-1] == i - 1:
                    runs[-1].append(i)
                else:
                    runs.append([i])
            self.slot_runs.append(runs)
        # per block and run: its slots and their joined pattern
        self.run_slots = [[([words[i].slot for i in run], _run_pattern([words[i].slot for i in run]))
                           for run in runs] for runs in self.slot_runs]
        self.locals = [b for b in template.blocks if b.local]
        # bigram -> (block, offset in the block) of the blocks long enough to be duplicated
        first_word = {b.index: b.first_word for b in template.blocks}
        self.duplicate_bigrams: dict[tuple[str, str], tuple[tuple[int, int], ...]] = {}
        for pair, places in template.bigrams.items():
            kept = tuple((words[i].block, i - first_word[words[i].block]) for i in places
                         if len(self.literal[words[i].block]) >= MIN_DUPLICATE_WORDS)
            if kept:
                self.duplicate_bigrams[pair] = kept
        self.slotted = [b.index for b, runs in zip(template.blocks, self.slot_runs) if runs]
        self.tables = template.tables()


def _template_index(template: Template) -> _TemplateIndex:
    """The template's index, built on first use and kept with the template."""
    return template.reading("align.index", _TemplateIndex)


_MAPPED = (-1).__lt__  # j >= 0 for a word index j or -1


def _runs_of(values: list[int], value: int) -> list[tuple[int, int]]:
    """(first, last) of each run of `value` in values. Runs are found with list.index (C
    speed) and followed word by word: an edition has few unclaimed words, as a rule."""
    runs = []
    size = len(values)
    first = 0
    while True:
        try:
            first = values.index(value, first)
        except ValueError:
            return runs
        last = first
        while last + 1 < size and values[last + 1] == value:
            last += 1
        runs.append((first, last))
        first = last + 1


class _Aligner:
    """The working state of one alignment; `align` runs its steps in order. Edition words
    are read from the Document's arrays (keys, starts, ends, word_blocks)."""

    def __init__(self, document: Document, template: Template):
        self.doc = document
        self.tpl = template
        self.ix = _template_index(template)
        self.text = document.text
        self.keys = document.keys
        self.starts = document.starts
        self.ends = document.ends
        self.word_blocks = document.word_blocks
        self.count = len(document.keys)
        self.same = _same_blocks(self.ix.block_keys, document.keys, document.block_words)
        self.map = word_map(template.keys, document.keys, template.word_blocks, self.same)
        self.owner = [UNCLAIMED] * self.count
        self.matches: list[BlockMatch | None] = [None] * len(template.blocks)
        self.exact: set[int] = set()  # blocks whose every word matched in sequence

    # -- helpers
    def _block_bounds(self, word: int) -> tuple[int, int]:
        block = self.doc.blocks[self.word_blocks[word]]
        return block.content_start, block.end

    def _neighbour_end(self, index: int) -> int:
        return end_before(self.matches, index)

    def _next_start(self, index: int) -> int:
        return start_after(self.matches, index, len(self.text))

    def _key_words_matched(self, block: TemplateBlock) -> bool:
        """A table row is only that row when its label (first cell) matched in full."""
        if not block.key_words:
            return True
        return all(self.map[i] >= 0 for i in self.ix.literal[block.index][: block.key_words])

    def _own(self, words: list[int], index: int) -> None:
        """Give edition words (increasing) to a block."""
        if words[-1] - words[0] + 1 == len(words):
            self.owner[words[0] : words[-1] + 1] = [index] * len(words)
        else:
            for j in words:
                self.owner[j] = index

    # -- projection
    def project(self) -> None:
        tpl, ix, word_map_ = self.tpl, self.ix, self.map
        doubtful: list[tuple[TemplateBlock, list[int]]] = []
        block_of = tpl.word_blocks
        for template_words, edition_words in self.same:  # word for word alike: found as they stand
            self._found_whole(block_of[template_words.start], edition_words.start, edition_words.stop - 1)
        for block in tpl.blocks:
            if block.local or block.first_word == block.last_word or block.index in self.exact:
                continue
            literal = ix.literal[block.index]
            is_item = block.kind is BlockKind.LIST_ITEM
            if ix.plain[block.index]:
                mapped = word_map_[block.first_word : block.last_word]
                if mapped[-1] - mapped[0] == len(mapped) - 1 and mapped[0] >= 0 and -1 not in mapped and \
                        (not is_item or self.word_blocks[mapped[0]] == self.word_blocks[mapped[-1]]):
                    # Every word found, one after another (in one edition item, for an item):
                    # found, with nothing to keep to one item, drop, or diff later.
                    self._found_whole(block.index, mapped[0], mapped[-1])
                    continue
            mapped = [j for j in map(word_map_.__getitem__, literal) if j >= 0]
            if mapped and self.word_blocks[mapped[0]] != self.word_blocks[mapped[-1]]:
                # Matches in more than one edition block (matches increase): some may be strays.
                if is_item:
                    self._keep_to_one_item(literal)
                self._drop_stray_ends(literal)
                mapped = [j for j in map(word_map_.__getitem__, literal) if j >= 0]
            if not mapped or mapped[-1] - mapped[0] + 1 > 2 * len(block.word_range) + 3:
                continue  # nothing, or scattered matches: not this block
            if not self._key_words_matched(block) or 2 * len(mapped) < len(literal):
                continue
            if len(mapped) < needed_words(len(literal)):
                doubtful.append((block, mapped))
                continue
            self._found(block, mapped)
        for block, mapped in doubtful:
            # A short block that lost some words still counts as found when it stands
            # exactly between its two neighbours, both found: a reworded heading.
            before = self.matches[block.index - 1] if block.index > 0 else None
            after = self.matches[block.index + 1] if block.index + 1 < len(tpl.blocks) else None
            if before is not None and after is not None and \
                    before.last_word < mapped[0] and mapped[-1] < after.first_word:
                self._found(block, mapped)
        for block in tpl.blocks:  # words of blocks not found are free for relocation
            if self.matches[block.index] is None and block.last_word > block.first_word:
                word_map_[block.first_word : block.last_word] = [-1] * len(block.word_range)

    def _drop_stray_ends(self, literal: list[int]) -> None:
        """Free a word or two matched in another paragraph across unmatched words — the global
        pass may pair a heading's "local" with a "local" in the borough's text before it."""
        pairs = [(i, self.map[i]) for i in literal if self.map[i] >= 0]
        segments: list[list[int]] = []
        for n, (i, j) in enumerate(pairs):
            previous = pairs[n - 1][1] if n else None
            if previous is None or (j - previous > 1 and self.word_blocks[j] != self.word_blocks[previous]):
                segments.append([])
            segments[-1].append(i)
        if len(segments) < 2:
            return
        largest = max(segments, key=len)
        for segment in segments:
            if segment is not largest and len(segment) <= 2 < len(largest):
                for i in segment:
                    self.map[i] = -1

    def _keep_to_one_item(self, literal: list[int]) -> None:
        """A list item is one item of the edition too: when its words were matched across
        several edition list items (an item repeated, or two run together), keep the item
        holding most of them and free the rest."""
        blocks = Counter(self.word_blocks[self.map[i]] for i in literal if self.map[i] >= 0)
        if len(blocks) < 2:
            return
        best = blocks.most_common(1)[0][0]
        if self.doc.blocks[best].kind is not BlockKind.LIST_ITEM:
            return
        for i in literal:
            if self.map[i] >= 0 and self.word_blocks[self.map[i]] != best:
                self.map[i] = -1

    def _found_whole(self, index: int, first: int, last: int) -> None:
        """Block `index` found as edition words first..last, every word in sequence."""
        self.matches[index] = BlockMatch(index, Status.FOUND, 1.0, first, last, self.starts[first], self.ends[last])
        self.owner[first : last + 1] = [index] * (last + 1 - first)
        self.exact.add(index)

    def _found(self, block: TemplateBlock, mapped: list[int]) -> None:
        self.matches[block.index] = BlockMatch(
            block.index, Status.FOUND, len(mapped) / len(self.ix.literal[block.index]), mapped[0], mapped[-1],
            self.starts[mapped[0]], self.ends[mapped[-1]])
        self._own(mapped, block.index)

    def capture_slots(self, index: int, moved: bool = False) -> None:
        runs = self.ix.slot_runs[index]
        if not runs:
            return  # nothing to capture: the match stays as it is
        tpl, text, word_map_ = self.tpl, self.text, self.map
        block = tpl.blocks[index]
        match = self.matches[index]
        values: list[SlotValue] = []
        for run, (slots, pattern) in zip(runs, self.ix.run_slots[index]):
            before = next((word_map_[i] for i in range(run[0] - 1, block.first_word - 1, -1)
                           if word_map_[i] >= 0), -1)
            after = next((word_map_[i] for i in range(run[-1] + 1, block.last_word)
                          if word_map_[i] >= 0), -1)
            if before >= 0 and after >= 0:
                lo, hi, where = self.ends[before], self.starts[after], "between"
            elif before >= 0:
                lo = self.ends[before]
                hi = self._block_bounds(before)[1]
                if before + 1 < self.count and not text[lo:hi].strip(_STRIP):
                    # Nothing after the last word on this line: the slot may stand on the next
                    # line (a title split over two lines), if that line is short.
                    following = self.word_blocks[before + 1]
                    if len(self.doc.block_words[following]) <= SHORT_NEIGHBOUR_WORDS:
                        hi = self._block_bounds(before + 1)[1]
                if not moved:
                    hi = min(hi, max(lo, self._next_start(index)))
                where = "after"
            elif after >= 0:
                hi = self.starts[after]
                lo = self._block_bounds(after)[0]
                if not moved:
                    lo = max(lo, min(hi, self._neighbour_end(index)))
                where = "before"
            else:
                continue
            values.extend(_capture_run(text, lo, hi, slots, where, pattern))
        start = min([self.starts[match.first_word]] + [v.start for v in values if v.raw])
        end = max([self.ends[match.last_word]] + [v.end for v in values if v.raw])
        self.matches[index] = BlockMatch(index, match.status, match.score, match.first_word,
                                         match.last_word, start, end, (), tuple(values))
        for value in values:  # a slot's words are its block's, fitting its type or not
            for j in self._words_between(value.start, value.end):
                if self.owner[j] == UNCLAIMED:
                    self.owner[j] = index

    def _words_between(self, start: int, end: int) -> range:
        return self.doc.words_in(start, end)

    def claim_locals(self) -> None:
        owner = self.owner
        for block in self.ix.locals:
            lo, hi = self._neighbour_end(block.index), self._next_start(block.index)
            words = self._words_between(lo, hi)
            if words:
                owner[words.start : words.stop] = [LOCAL if o == UNCLAIMED else o
                                                   for o in owner[words.start : words.stop]]
            self.matches[block.index] = BlockMatch(block.index, Status.LOCAL, 1.0, -1, -1, lo, max(lo, hi))

    def relocate(self) -> None:
        """Look for missing blocks among unclaimed edition words."""
        ix, owner, keys = self.ix, self.owner, self.keys
        missing = [block for block in self.tpl.blocks
                   if not block.local and self.matches[block.index] is None and len(ix.literal[block.index]) >= 2]
        if not missing:
            return
        # Where the missing blocks' word pairs stand among the unclaimed words.
        wanted = {pair for block in missing for pair in zip(ix.literal_keys[block.index],
                                                             ix.literal_keys[block.index][1:])}
        firsts = {first for first, _ in wanted}
        bigrams: dict[tuple[str, str], list[int]] = defaultdict(list)
        for first, last in _runs_of(owner, UNCLAIMED):
            for j in compress(range(first, last), map(firsts.__contains__, keys[first:last])):
                pair = (keys[j], keys[j + 1])
                if pair in wanted:
                    bigrams[pair].append(j)
        for block in missing:
            literal = ix.literal[block.index]
            block_keys = ix.literal_keys[block.index]
            votes: Counter = Counter()
            for x in range(len(block_keys) - 1):
                for j in bigrams.get((block_keys[x], block_keys[x + 1]), ()):
                    if owner[j] == UNCLAIMED:
                        votes[j - x] += 1
            if not votes:
                continue
            offset = self._nearest_best(votes, block.index)
            lo = max(0, offset - 3)
            hi = min(self.count, offset + len(block_keys) + 3)
            window = [j for j in range(lo, hi) if owner[j] == UNCLAIMED]
            pairs = []
            for tag, i1, i2, j1, _ in Indel.opcodes(block_keys, [keys[j] for j in window]):
                if tag == "equal":
                    pairs.extend((literal[i1 + d], window[j1 + d]) for d in range(i2 - i1))
            need = needed_words(len(block_keys), moved=True)
            if len(pairs) < max(2, need) or pairs[-1][1] - pairs[0][1] + 1 > 2 * len(block_keys) - need + 2:
                continue  # too few words, or scattered: not this block
            matched = {i for i, _ in pairs}
            if not all(i in matched for i in literal[: block.key_words]):
                continue
            first, last = pairs[0][1], pairs[-1][1]
            start, end = self.starts[first], self.ends[last]
            in_place = self._neighbour_end(block.index) <= start and end <= self._next_start(block.index)
            for i, j in pairs:
                self.map[i] = j
                owner[j] = block.index
            self.matches[block.index] = BlockMatch(
                block.index, Status.FOUND if in_place else Status.MOVED, len(pairs) / len(block_keys),
                first, last, start, end)

    def _nearest_best(self, votes: Counter, index: int) -> int:
        """The offset with the most votes within three words of it (a slot's words shift
        the later pairs' offsets); of several, the one nearest the block's place (a table
        row swapped with its neighbour, not the same words in a local paragraph)."""
        offsets = sorted(votes)
        running = list(accumulate((votes[j] for j in offsets), initial=0))
        support = {j: running[bisect.bisect_right(offsets, j + 3)] - running[bisect.bisect_left(offsets, j - 3)]
                   for j in offsets}
        best = max(support.values())
        place = bisect.bisect_left(self.starts, self._neighbour_end(index))
        return min((j for j in offsets if support[j] == best), key=lambda j: (abs(j - place), j))

    def claim_tables(self) -> dict[int, TableRegion]:
        """Record where each table stands. When its rows are not one per line (a flattened
        edition) or some are missing, the words left unclaimed between its located
        neighbours belong to the table, and the table rules read that region."""
        regions = {}
        for rows in self.ix.tables:
            lo = self._neighbour_end(rows[0].index)
            self._claim_header(rows, lo)
            hi = max(lo, self._next_start(rows[-1].index))
            lines = [set(self.word_blocks[m.first_word : m.last_word + 1])
                     for m in (self.matches[r.index] for r in rows) if m is not None]
            # One row found alone says nothing of the table's shape (a flattened table whose
            # labels were reordered may leave just one row where the template has it).
            row_shaped = len(lines) >= min(2, len(rows)) and all(len(b) == 1 for b in lines) and \
                len(set().union(*lines)) == len(lines)
            regions[rows[0].table_id] = TableRegion(rows[0].table_id, lo, hi, row_shaped)
            if row_shaped:
                continue
            for j in self._words_between(lo, hi):
                if self.owner[j] == UNCLAIMED:
                    self.owner[j] = TABLE
        return regions

    def _claim_header(self, rows: list[TemplateBlock], lo: int) -> None:
        """A table's header row names its columns and is not shared text, but an edition
        may keep it: its words, unclaimed just before the table's first row in the edition
        (whichever row stands there), are the table's."""
        keys = self.tpl.header_keys.get(rows[0].table_id, ())
        found = [m for m in (self.matches[r.index] for r in rows) if m is not None and m.first_word >= 0]
        if not keys or not found:
            return
        words = self._words_between(lo, min(m.start for m in found))
        header = range(max(words.start, words.stop - len(keys)), words.stop)
        if len(header) == len(keys) and all(self.owner[j] == UNCLAIMED for j in header) and \
                tuple(self.keys[j] for j in header) == keys:
            self.owner[header.start : header.stop] = [TABLE] * len(keys)

    def diffs(self, index: int) -> tuple[WordDiff, ...]:
        """The word differences of a located block. Between two matched words, the words
        left on each side are aligned once more on their own (the global pass may have
        given a word to a neighbouring block that was then found missing), so a diff never
        pairs a word with its own twin."""
        tpl, owner, ix, word_map_ = self.tpl, self.owner, self.ix, self.map
        block = tpl.blocks[index]
        match = self.matches[index]
        if ix.plain[index]:  # every word matched, one after another: no difference
            mapped = word_map_[block.first_word : block.last_word]
            if mapped[0] == match.first_word and mapped[-1] == match.last_word and \
                    mapped[-1] - mapped[0] == len(mapped) - 1 and -1 not in mapped:
                return ()
        pairs = [(i, word_map_[i]) for i in ix.literal[index] if word_map_[i] >= 0]
        is_slot = ix.is_slot
        result = []
        prev_i, prev_j = block.first_word - 1, match.first_word - 1
        for i, j in [*pairs, (block.last_word, match.last_word + 1)]:
            t_words = [x for x in range(prev_i + 1, i) if not is_slot[x]]
            e_words = [y for y in range(prev_j + 1, j) if owner[y] in (UNCLAIMED, index)
                       and not self._in_slot(index, y)]
            if t_words and e_words:
                result.extend(self._realign(index, t_words, e_words))
            elif t_words or e_words:
                result.append(_diff(t_words, e_words, i, j))
            prev_i, prev_j = i, j
        return tuple(result)

    def _realign(self, index: int, t_words: list[int], e_words: list[int]) -> list[WordDiff]:
        t_keys = [self.ix.keys[x] for x in t_words]
        e_keys = [self.keys[y] for y in e_words]
        result = []
        for tag, i1, i2, j1, j2 in Indel.opcodes(t_keys, e_keys):
            if tag == "equal":
                for d in range(i2 - i1):
                    self.map[t_words[i1 + d]] = e_words[j1 + d]
                    self.owner[e_words[j1 + d]] = index
                continue
            t_at = t_words[i1] if i1 < len(t_words) else t_words[-1] + 1
            e_at = e_words[j1] if j1 < len(e_words) else e_words[-1] + 1
            result.append(_diff(t_words[i1:i2], e_words[j1:j2], t_at, e_at))
        return _merge(result)

    def _in_slot(self, index: int, word: int) -> bool:
        start, end = self.starts[word], self.ends[word]
        return any(v.start <= start and end <= v.end for v in self.matches[index].slots)

    def _extend_edges(self, index: int) -> None:
        """When a block's first or last words were not matched (changed), take in the
        unclaimed words standing there in the same edition line, so that the diff shows
        what was written instead of leaving it as unexpected text."""
        literal = self.ix.literal[index]
        if self.map[literal[0]] >= 0 and self.map[literal[-1]] >= 0:
            return  # both ends matched: nothing to take in
        match = self.matches[index]
        leading = next((n for n, i in enumerate(literal) if self.map[i] >= 0), 0)
        trailing = next((n for n, i in enumerate(reversed(literal)) if self.map[i] >= 0), 0)
        first, last = match.first_word, match.last_word
        block_of = self.word_blocks
        while trailing and last + 1 < self.count and self.owner[last + 1] == UNCLAIMED \
                and block_of[last + 1] == block_of[match.last_word]:
            last, trailing = last + 1, trailing - 1
            self.owner[last] = index
        while leading and first > 0 and self.owner[first - 1] == UNCLAIMED \
                and block_of[first - 1] == block_of[match.first_word]:
            first, leading = first - 1, leading - 1
            self.owner[first] = index
        if (first, last) != (match.first_word, match.last_word):
            self.matches[index] = BlockMatch(
                index, match.status, match.score, first, last,
                min(match.start, self.starts[first]), max(match.end, self.ends[last]),
                match.diffs, match.slots)

    def finish(self) -> Alignment:
        for index, match in enumerate(self.matches):
            if index in self.exact:
                continue  # no edge to extend, no difference
            if match is not None and match.status in (Status.FOUND, Status.MOVED):
                self._extend_edges(index)
                match = self.matches[index]
                diffs = self.diffs(index)
                if not diffs:
                    continue  # the match stands as it is
                for d in diffs:
                    for y in range(d.e_start, d.e_end):
                        if self.owner[y] == UNCLAIMED:
                            self.owner[y] = index
                status = match.status if match.status is Status.MOVED else Status.ALTERED
                self.matches[index] = BlockMatch(index, status, match.score, match.first_word,
                                                 match.last_word, match.start, match.end, diffs,
                                                 match.slots)
        for index in range(len(self.tpl.blocks)):
            if self.matches[index] is None:
                following = self._next_start(index)
                at = following if following < len(self.text) else self._neighbour_end(index)
                self.matches[index] = BlockMatch(index, Status.MISSING, 0.0, -1, -1, at, at)
        return Alignment(self.matches, self.map, self.owner)

    def duplicates(self) -> list[Duplicate]:
        """Second copies of shared blocks among the unclaimed words: each unclaimed stretch
        votes, by shared bigrams, for the block it resembles most; a match confirmed as for
        a moved block claims its words, and the stretch is searched on on the longer side.
        The votes of a stretch are counted once and taken back as it shrinks, and the best
        is kept in a heap (a lowered count is corrected when it reaches the top), so a long
        stretch with many copies costs O(n log n), not O(n²)."""
        ix, keys, owner = self.ix, self.keys, self.owner
        found: list[Duplicate] = []
        for first, last in self._unclaimed_stretches():
            if last - first + 1 < MIN_DUPLICATE_WORDS:
                continue
            votes: dict[tuple[int, int], int] = {}
            cast: list[tuple[tuple[int, int], ...]] = []  # the votes of word first + n
            for j in range(first, last):
                places = ix.duplicate_bigrams.get((keys[j], keys[j + 1]), ())
                mine = tuple((block, j - offset) for block, offset in places)
                for key in mine:
                    votes[key] = votes.get(key, 0) + 1
                cast.append(mine)
            heap = [(-count, -key[0], -key[1]) for key, count in votes.items()]
            heapq.heapify(heap)
            stretch_start = first
            voting_from, voting_to = first, last  # words j in [from, to) have their votes in
            while last - first + 1 >= MIN_DUPLICATE_WORDS:
                if first > voting_from:
                    _take_back(cast[voting_from - stretch_start : first - stretch_start], votes)
                    voting_from = first
                if last < voting_to:
                    _take_back(cast[last - stretch_start : voting_to - stretch_start], votes)
                    voting_to = last
                while heap and votes[(-heap[0][1], -heap[0][2])] != -heap[0][0]:
                    _, block, place = heapq.heappop(heap)  # a count since lowered: put back as it is
                    if votes[(-block, -place)]:
                        heapq.heappush(heap, (-votes[(-block, -place)], block, place))
                if not heap:
                    break
                block_index, offset = -heap[0][1], -heap[0][2]
                literal = ix.literal[block_index]
                lo, hi = max(first, offset - 3), min(last + 1, offset + len(literal) + 3)
                pairs = [(lo + j1 + d) for tag, i1, i2, j1, _ in Indel.opcodes(ix.literal_keys[block_index], keys[lo:hi])
                         if tag == "equal" for d in range(i2 - i1)]
                if len(pairs) < needed_words(len(literal), moved=True):
                    break
                found.append(Duplicate(block_index, pairs[0], pairs[-1], self.starts[pairs[0]], self.ends[pairs[-1]]))
                owner[pairs[0] : pairs[-1] + 1] = [DUPLICATE] * (pairs[-1] + 1 - pairs[0])
                if pairs[0] - first >= pairs[-1] - last:
                    last = pairs[0] - 1    # look on in the longer remaining part
                else:
                    first = pairs[-1] + 1
        return found

    def _unclaimed_stretches(self) -> list[tuple[int, int]]:
        """(first, last) of each run of consecutive unclaimed words."""
        return _runs_of(self.owner, UNCLAIMED)

    def unexpected(self, sections: list[int]) -> list[TextRun]:
        """Runs of consecutive unclaimed words."""
        return [TextRun(first, last, self.starts[first], self.ends[last], sections[first])
                for first, last in self._unclaimed_stretches()]

    def section_of_words(self) -> list[int]:
        """The template section each edition word falls in, by the located blocks before it."""
        current = self.tpl.blocks[0].section if self.tpl.blocks else -1
        starts = sorted((m.first_word, self.tpl.blocks[m.block].section)
                        for m in self.matches
                        if m is not None and m.status in (Status.FOUND, Status.ALTERED) and m.first_word >= 0)
        section: list[int] = []
        for first_word, block_section in starts:
            if first_word > len(section):
                section += [current] * (first_word - len(section))
            current = block_section
        section += [current] * (self.count - len(section))
        return section


def align(document: Document, template: Template) -> Alignment:
    aligner = _Aligner(document, template)
    aligner.project()
    aligner.relocate()
    for index in aligner.ix.slotted:
        match = aligner.matches[index]
        if match is not None:
            aligner.capture_slots(index, moved=match.status is Status.MOVED)
    aligner.claim_locals()
    regions = aligner.claim_tables()
    alignment = aligner.finish()
    alignment.word_sections = aligner.section_of_words()
    alignment.duplicates = aligner.duplicates()
    alignment.unexpected = aligner.unexpected(alignment.word_sections)
    alignment.table_regions = regions
    return alignment
