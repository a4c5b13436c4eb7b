"""Votes: every edition aligned word by word with one pivot edition, and what each pivot
word and block is supported by.

The pivot is the edition closest to the others: among a few candidates spread over the
editions (sorted by name, so the choice is deterministic), the one whose words the other
candidates match most. Editions that match much less of the pivot than most do are left
out of the vote (an edition of another publication, a broken extraction).
"""

from __future__ import annotations

import bisect
import statistics
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import and_, ge, ne, sub

from canonlint.infer.editions import INTEGERS, Edition
from canonlint.infer.word_alignment import align_words, matched_pairs, similarity, unique_blocks

PIVOT_CANDIDATES = 7
OUTLIER_SHARE = 0.5   # an edition matching under half the median share of the pivot is left out
SHARED = 0.5          # share of voters that must carry a pivot block for it to count as shared
FEW_WORDS = 3
SHORT_BLOCK = 12      # words: a heading-sized block, looked for again where the word map lost it
SHORT_SIMILARITY = 0.5
MAX_CANDIDATES = 64   # edition blocks looked at for a lost short block: bounded work per edition
ANCHOR_SHARE = 0.8    # blocks nearly every edition carries bound the search (local text that
                      # shares phrases across editions does not)


@dataclass
class Aligned:
    """One voting edition, for each pivot word the edition word it aligns with (or -1), and
    how many words of each pivot block it matches."""

    edition: Edition
    mapping: array   # of INTEGERS
    blocks: Counter = field(default_factory=Counter)

    def count_blocks(self, word_blocks: tuple[int, ...], lettered: list[bool]) -> None:
        """Matched words of each pivot block, figures aside: `1,204` in another row or
        line matches by chance, and a row of figures is carried by its label."""
        self.blocks = Counter(compress(word_blocks, map(and_, map(ge, self.mapping, repeat(0)), lettered)))


@dataclass(frozen=True)
class Votes:
    pivot: Edition
    voters: tuple[Aligned, ...]
    left_out: tuple[tuple[str, float], ...]   # edition, share of the pivot's words it matched
    support: tuple[int, ...]                   # voters matching each pivot word
    breaks: tuple[int, ...]                    # voters with words between pivot words i and i + 1
    lettered_words: tuple[int, ...]            # each pivot block's words that are not figures

    pivot_index: int                           # the pivot's place among the voters

    def block_support(self, block: int, present: float = 0.5) -> list[bool]:
        """For each voter, whether it carries the pivot block (at least `present` of its words)."""
        words = self.pivot.document.block_words[block]
        if not len(words):
            return [False] * len(self.voters)
        need = _needed(self.lettered_words[block], present)
        return [v.blocks.get(block, 0) >= need for v in self.voters]


def _aligner(pivot: Edition):
    document = pivot.document
    keys, word_blocks = document.keys, document.word_blocks
    blocks = unique_blocks(keys, document.block_words)

    def align(edition: Edition) -> array:
        if edition is pivot:
            return array(INTEGERS, range(len(keys)))
        other = edition.document
        return array(INTEGERS, align_words(keys, word_blocks, blocks, other.keys, other.block_words))
    return align


def _matched(mapping: list[int]) -> int:
    return sum(map(ge, mapping, repeat(0)))


def choose_pivot(editions: list[Edition]) -> Edition:
    """The candidate that the other candidates match most words of (the first on a tie)."""
    step = max(1, len(editions) // PIVOT_CANDIDATES)
    candidates = editions[::step][:PIVOT_CANDIDATES]
    best, best_score = candidates[0], -1
    for candidate in candidates:
        align = _aligner(candidate)
        score = sum(_matched(align(other)) for other in candidates if other is not candidate)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _needed(words: int, present: float = 0.5) -> int:
    """Words of a pivot block an edition must match to carry it: half of them, or one of a
    heading-sized block of a few words, most of which may be slot (`About Elm Park`)."""
    return 1 if words <= FEW_WORDS else max(1, round(words * present))


def counted_words(document) -> list[bool]:
    """Which pivot words count towards carrying their block: all but figures, unless the
    block holds nothing else."""
    has_letters = {b for b, key in zip(document.word_blocks, document.keys) if not key.isdigit()}
    return [not key.isdigit() or b not in has_letters for b, key in zip(document.word_blocks, document.keys)]


def lettered_words(document) -> tuple[int, ...]:
    """Each block's words that count towards carrying it (see counted_words)."""
    counts = Counter(compress(document.word_blocks, counted_words(document)))
    return tuple(counts.get(b, 0) for b in range(len(document.block_words)))


def _carried(voter: Aligned, block: int, need: list[int]) -> bool:
    return voter.blocks.get(block, 0) >= need[block]


def _breaks(mapping: list[int]) -> list[int]:
    """Pivot words i aligned, with i + 1, to edition words that are not neighbours."""
    steps = map(sub, mapping[1:], mapping[:-1])
    return [i for i in compress(range(len(mapping) - 1), map(ne, steps, repeat(1)))
            if mapping[i] >= 0 and mapping[i + 1] >= 0]


def _neighbour(mapping: list[int], anchors: list[int], at: int, step: int) -> int:
    """The edition word aligned with the nearest anchor word before (step -1) or after (+1)."""
    n = at
    while 0 <= n < len(anchors):
        j = mapping[anchors[n]]
        if j >= 0:
            return j
        n += step
    return -1 if step < 0 else 1 << 60


def _find_again(pivot: Edition, aligned: list[Aligned], block: int, anchors: list[int], need: list[int],
                inverses: dict[int, _Inverse]) -> None:
    """Look for a short pivot block in each edition that lost it, among the edition's blocks
    between the shared words around it; map it to the most alike one, if alike enough.
    Word maps chain one long sequence: across a short heading between two stretches of
    text that share phrases, they may prefer the phrases."""
    document = pivot.document
    words = document.block_words[block]
    keys = document.keys[words.start : words.stop]
    at = bisect.bisect_left(anchors, words.start)
    for voter in aligned:
        mapping = voter.mapping
        if _carried(voter, block, need):
            continue
        other = voter.edition.document
        lo, hi = _neighbour(mapping, anchors, at - 1, -1) + 1, min(_neighbour(mapping, anchors, at, 1), len(other.keys))
        if lo >= hi:
            continue
        best, best_score = None, SHORT_SIMILARITY
        first = other.word_blocks[lo]
        for candidate in range(first, min(other.word_blocks[hi - 1] + 1, first + MAX_CANDIDATES)):
            found = other.block_words[candidate]
            if not len(found) or len(found) > 2 * len(words) + 2 or found.start < lo or found.stop > hi:
                continue
            score = similarity(keys, other.keys[found.start : found.stop])
            if score >= best_score and (best is None or score > best_score):
                best, best_score = found, score
        if best is None:
            continue
        low, high = anchors[at - 1] if at else 0, anchors[at] if at < len(anchors) else len(mapping)
        pointing = inverses.get(id(voter)) or inverses.setdefault(id(voter), _Inverse(mapping))
        for i in [i for j in range(best.start, best.stop) for i in pointing.to(j) if low <= i < high]:
            pointing.set(i, -1)
        for i, j in matched_pairs(keys, other.keys[best.start : best.stop]):
            pointing.set(words.start + i, best.start + j)


class _Inverse:
    """A word map and, kept with it, the pivot words mapped to each edition word: which
    pivot words point into a block is looked up, not searched for between two anchors
    (with few shared blocks that was every word, for every short block: quadratic; two
    1.5 MB editions took 80 s)."""

    def __init__(self, mapping: list[int]) -> None:
        self.mapping = mapping
        self.pointing: dict[int, set[int]] = defaultdict(set)
        for i, j in enumerate(mapping):
            if j >= 0:
                self.pointing[j].add(i)

    def to(self, j: int) -> set[int]:
        return self.pointing.get(j, set())

    def set(self, i: int, j: int) -> None:
        old = self.mapping[i]
        if old >= 0:
            self.pointing[old].discard(i)
        self.mapping[i] = j
        if j >= 0:
            self.pointing[j].add(i)


def _find_short_blocks(pivot: Edition, aligned: list[Aligned]) -> None:
    document = pivot.document
    spans = document.block_words
    need = [_needed(n) for n in lettered_words(document)]
    carried = [0] * len(spans)
    for voter in aligned:
        for block, count in voter.blocks.items():
            if count >= need[block]:
                carried[block] += 1
    shared = [b for b, n in enumerate(carried) if n >= ANCHOR_SHARE * len(aligned)]
    anchors = [i for b in shared for i in spans[b]]
    inverses: dict[int, _Inverse] = {}
    for block, words in enumerate(spans):
        if 0 < len(words) <= SHORT_BLOCK and carried[block] <= SHARED * len(aligned):
            _find_again(pivot, aligned, block, anchors, need, inverses)


def vote(editions: list[Edition], pivot: Edition | None = None) -> Votes:
    """Every edition aligned with the pivot (default: choose_pivot) and the votes counted."""
    pivot = pivot or choose_pivot(editions)
    align = _aligner(pivot)
    size = max(1, len(pivot.document.keys))
    aligned = [Aligned(e, align(e)) for e in editions]
    shares = [_matched(a.mapping) / size for a in aligned]
    floor = statistics.median([s for a, s in zip(aligned, shares) if a.edition is not pivot]) * OUTLIER_SHARE
    voters = tuple(a for a, share in zip(aligned, shares) if share >= floor)
    left_out = tuple((a.edition.name, share) for a, share in zip(aligned, shares) if share < floor)
    word_blocks = pivot.document.word_blocks
    lettered = counted_words(pivot.document)
    for voter in voters:
        voter.count_blocks(word_blocks, lettered)
    _find_short_blocks(pivot, list(voters))
    support = [0] * len(pivot.document.keys)
    breaks = [0] * len(pivot.document.keys)
    for voter in voters:
        voter.count_blocks(word_blocks, lettered)
        for i in compress(range(len(voter.mapping)), map(ge, voter.mapping, repeat(0))):
            support[i] += 1
        for i in _breaks(voter.mapping):
            breaks[i] += 1
    return Votes(pivot, voters, left_out, tuple(support), tuple(breaks), lettered_words(pivot.document),
                 next(n for n, v in enumerate(voters) if v.edition is pivot))
