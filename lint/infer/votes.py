"""Votes: every edition aligned word by word with one pivot edition, and what each pivot
word and block is supported by.

The pivot is the edition closest to the others: among a few candidates spread over the
editions (sorted by name, so the choice is deterministic), the one whose words the other
candidates match most. Editions that match much less of the pivot than most do are left
out of the vote (an edition of another publication, a broken extraction).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from itertools import compress, repeat
from operator import ge

from lint.infer.editions import Edition
from lint.infer.kernel import align_words, unique_blocks

PIVOT_CANDIDATES = 7
OUTLIER_SHARE = 0.5   # an edition matching under half the median share of the pivot is left out


@dataclass(frozen=True)
class Aligned:
    """One voting edition, and for each pivot word the edition word it aligns with, or -1."""

    edition: Edition
    mapping: list[int]


@dataclass(frozen=True)
class Votes:
    pivot: Edition
    voters: tuple[Aligned, ...]
    left_out: tuple[tuple[str, float], ...]   # edition, share of the pivot's words it matched
    support: tuple[int, ...]                   # voters matching each pivot word

    @property
    def pivot_index(self) -> int:
        return next(n for n, v in enumerate(self.voters) if v.edition is self.pivot)

    def block_support(self, block: int, present: float = 0.5) -> list[bool]:
        """For each voter, whether it carries the pivot block (at least `present` of its words)."""
        words = self.pivot.document.block_words[block]
        if not len(words):
            return [False] * len(self.voters)
        need = max(1, round(len(words) * present))
        return [sum(1 for i in words if v.mapping[i] >= 0) >= need for v in self.voters]


def _aligner(pivot: Edition):
    document = pivot.document
    keys, word_blocks = document.keys, document.word_blocks
    blocks = unique_blocks(keys, document.block_words)

    def align(edition: Edition) -> list[int]:
        if edition is pivot:
            return list(range(len(keys)))
        other = edition.document
        return align_words(keys, word_blocks, blocks, other.keys, other.block_words)
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


def vote(editions: list[Edition]) -> Votes:
    pivot = choose_pivot(editions)
    align = _aligner(pivot)
    size = max(1, len(pivot.document.keys))
    aligned = [Aligned(e, align(e)) for e in editions]
    shares = [_matched(a.mapping) / size for a in aligned]
    floor = statistics.median(shares) * OUTLIER_SHARE
    voters = tuple(a for a, share in zip(aligned, shares) if share >= floor)
    left_out = tuple((a.edition.name, share) for a, share in zip(aligned, shares) if share < floor)
    support = [0] * len(pivot.document.keys)
    for voter in voters:
        for i in compress(range(len(voter.mapping)), map(ge, voter.mapping, repeat(0))):
            support[i] += 1
    return Votes(pivot, voters, left_out, tuple(support))
