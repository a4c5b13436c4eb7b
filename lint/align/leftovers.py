"""The words no block claimed: second copies of shared blocks among them (Duplicate),
found by voting on the template's word bigrams and confirmed with Indel."""

from __future__ import annotations

import heapq
from collections import Counter
from itertools import repeat
from typing import TYPE_CHECKING

from rapidfuzz.distance import Indel

from canonlint.align.model import DUPLICATE, UNCLAIMED, Duplicate, needed_words

if TYPE_CHECKING:
    from canonlint.align.projection import Aligner

MIN_DUPLICATE_WORDS = 6  # shorter blocks (headings) repeat innocently, e.g. in a contents list


def runs_of(values: list[int], value: int) -> list[tuple[int, int]]:
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


def _take_back(cast, first: int, votes: Counter) -> None:
    """Withdraw the votes cast by some words, the first of them word `first` (the heap is
    corrected when a lowered count comes to its top: counts only fall, so a count on the
    heap is never too low)."""
    for j, places in enumerate(cast, first):
        for block, offset in places:
            votes[(block, j - offset)] -= 1


def find_duplicates(aligner: Aligner) -> list[Duplicate]:
    """Second copies of shared blocks among the unclaimed words: each unclaimed stretch
    votes, by shared bigrams, for the block it resembles most; a match confirmed as for
    a moved block claims its words, and the stretch is searched on on the longer side.
    The votes of a stretch are counted once and taken back as it shrinks, and the best
    is kept in a heap (a lowered count is corrected when it reaches the top), so a long
    stretch with many copies costs O(n log n), not O(n²)."""
    ix, keys, owner = aligner.ix, aligner.keys, aligner.owner
    found: list[Duplicate] = []
    for first, last in runs_of(owner, UNCLAIMED):
        if last - first + 1 < MIN_DUPLICATE_WORDS:
            continue
        # Word first + n votes for each (block, where the block would start) its bigram
        # with the next word stands at in the template: cast[n] holds those places.
        cast = list(map(ix.duplicate_bigrams.get, zip(keys[first:last], keys[first + 1 : last + 1]), repeat(())))
        votes = Counter((block, j - offset) for j, places in enumerate(cast, first) for block, offset in places)
        heap = [(-count, -key[0], -key[1]) for key, count in votes.items()]
        heapq.heapify(heap)
        stretch_start = first
        voting_from, voting_to = first, last  # words j in [from, to) have their votes in
        while last - first + 1 >= MIN_DUPLICATE_WORDS:
            if first > voting_from:
                _take_back(cast[voting_from - stretch_start : first - stretch_start], voting_from, votes)
                voting_from = first
            if last < voting_to:
                _take_back(cast[last - stretch_start : voting_to - stretch_start], last, votes)
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
            found.append(Duplicate(block_index, pairs[0], pairs[-1], aligner.starts[pairs[0]], aligner.ends[pairs[-1]]))
            owner[pairs[0] : pairs[-1] + 1] = [DUPLICATE] * (pairs[-1] + 1 - pairs[0])
            if pairs[0] - first >= pairs[-1] - last:
                last = pairs[0] - 1    # look on in the longer remaining part
            else:
                first = pairs[-1] + 1
    return found
