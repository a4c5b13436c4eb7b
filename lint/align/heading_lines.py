"""Headings on lines of their own (canonlint.align): a heading found on a line whose other
words no block claimed takes those words in, so the line reads as one altered heading."""

from __future__ import annotations

import bisect

from canonlint.align.model import UNCLAIMED, BlockMatch
from canonlint.align.state import Aligner
from canonlint.align.word_diffs import record_diffs


def take_in_heading_lines(aligner: Aligner) -> None:
    """A heading found on a line whose other words no block claimed is that line
    altered — `The MIT License (MIT)` for `MIT License` —, not a heading run into
    text: the line's words become the heading's, so its diff shows the words added to
    it. A line that also holds words of another block, local text or a second copy of
    a shared block (so this runs after the duplicates are found) keeps the heading as
    found: that is a heading run into text."""
    line_bounds, starts, ends, owner = aligner.doc.source.line_bounds, aligner.starts, aligner.ends, aligner.owner
    for block in aligner.ix.headings:
        match = aligner.matches[block.index]
        if not match.located:
            continue
        edition_block = aligner.word_blocks[match.first_word]
        words = aligner.doc.block_words[edition_block]
        if aligner.word_blocks[match.last_word] != edition_block or \
                (match.first_word == words.start and match.last_word + 1 == words.stop):
            continue  # across blocks, or the whole block already: no line to take in
        line_start, line_end = line_bounds(match.start)[0], line_bounds(match.end)[1]
        # Word starts and ends increase: the line's words are found by bisection, not
        # walked one by one (a flattened edition is one block of thousands of words).
        first = bisect.bisect_left(starts, line_start, words.start, match.first_word)
        last = bisect.bisect_right(ends, line_end, match.last_word + 1, words.stop) - 1
        if (first, last) == (match.first_word, match.last_word) or \
                owner[first : match.first_word].count(UNCLAIMED) != match.first_word - first or \
                owner[match.last_word + 1 : last + 1].count(UNCLAIMED) != last - match.last_word:
            continue
        added = [*range(first, match.first_word), *range(match.last_word + 1, last + 1)]
        for j in added:
            owner[j] = block.index
        aligner.matches[block.index] = BlockMatch(block.index, match.status, match.score, first, last,
                                               aligner.starts[first], aligner.ends[last], match.diffs, match.slots)
        record_diffs(aligner, block.index)
