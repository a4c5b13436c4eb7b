"""Reblocking: the pivot's blocks cut and joined as most editions have them.

The pivot is one edition and may have its own slips: a heading run into its paragraph
(`Talk to Frank (Drug abuse helpline) tel: 0800 776 600`), a paragraph split in two.
Where most editions put a block boundary between two words of one pivot block, the block
is cut there; where most run two neighbouring pivot blocks together in one of theirs,
the two are joined. The pivot's words do not change, so the word maps stand; only which
block each word belongs to does.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from itertools import compress
from operator import ne

from canonlint.document import Block, BlockKind, Document
from canonlint.infer.editions import Edition
from canonlint.infer.votes import SHARED, Votes, counted_words, lettered_words

__all__ = ["reblocked"]


def _edition_blocks(voter) -> list[int]:
    """The edition block of each pivot word's match (-1 when unmatched)."""
    blocks = voter.edition.document.word_blocks
    return [blocks[j] if j >= 0 else -1 for j in voter.mapping]


def _votes_for_boundaries(votes: Votes) -> tuple[Counter, Counter]:
    """(cuts, joins): voters with a block boundary between pivot words i and i + 1 of one
    pivot block; voters with pivot words i and i + 1 of two pivot blocks in one block."""
    pivot_blocks = votes.pivot.document.word_blocks
    same_pivot = list(map(ne, pivot_blocks[1:], pivot_blocks[:-1]))  # True: a pivot boundary
    boundaries = list(compress(range(len(same_pivot)), same_pivot))
    cuts, joins = Counter(), Counter()
    for n, voter in enumerate(votes.voters):
        if n == votes.pivot_index:
            continue
        owner = _edition_blocks(voter)
        for i in compress(range(len(owner) - 1), map(ne, owner[1:], owner[:-1])):
            if owner[i] >= 0 and owner[i + 1] >= 0 and pivot_blocks[i] == pivot_blocks[i + 1]:
                cuts[i] += 1
        for i in boundaries:
            if owner[i] >= 0 and owner[i] == owner[i + 1]:
                joins[i] += 1
    return cuts, joins


def _before(document: Document, word: int) -> int:
    """Where the text before a word ends, blank space aside (punctuation kept)."""
    text, end = document.text, document.starts[word]
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _rebuilt(document: Document, cuts: set[int], joins: set[int]) -> Document:
    """The document with its blocks cut before word i + 1 (i in cuts) and joined across the
    boundary after word i (i in joins)."""
    blocks: list[Block] = []
    owners = list(document.word_blocks)
    spans: list[range] = []
    for b, (block, words) in enumerate(zip(document.blocks, document.block_words)):
        if not len(words):
            blocks.append(block)
            spans.append(words)
            continue
        pieces = [words.start] + [i + 1 for i in words if i in cuts and i + 1 < words.stop] + [words.stop]
        for k, (lo, hi) in enumerate(zip(pieces, pieces[1:])):
            start = block.start if k == 0 else document.starts[lo]
            end = block.end if hi == words.stop else _before(document, hi)
            piece = block if k == 0 else Block(BlockKind.PARAGRAPH, start, end, start)
            if k == 0 and hi != words.stop:
                piece = piece._replace(end=end)
            previous = spans[-1] if spans else range(0)
            if k == 0 and len(previous) and previous.stop - 1 in joins and previous.stop == lo:
                blocks[-1] = blocks[-1]._replace(end=end)
                spans[-1] = range(previous.start, hi)
            else:
                blocks.append(piece)
                spans.append(range(lo, hi))
            for i in range(lo, hi):
                owners[i] = len(spans) - 1
    return replace(document, blocks=tuple(blocks), word_blocks=tuple(owners), block_words=tuple(spans))


def reblocked(votes: Votes) -> Votes:
    """The votes with the pivot's blocks as most editions have them (the same votes when
    nothing changes)."""
    cuts, joins = _votes_for_boundaries(votes)
    need = SHARED * len(votes.voters)
    cut = {i for i, n in cuts.items() if n > need}
    join = {i for i, n in joins.items() if n > need}
    if not cut and not join:
        return votes
    document = _rebuilt(votes.pivot.document, cut, join)
    pivot = Edition(votes.pivot.name, document)
    votes.voters[votes.pivot_index].edition = pivot
    counted = counted_words(document)
    for voter in votes.voters:
        voter.count_blocks(document.word_blocks, counted)
    return replace(votes, pivot=pivot, lettered_words=lettered_words(document))
