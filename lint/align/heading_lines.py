"""Headings on lines of their own (canonlint.align): a heading found on a line whose other
words no block claimed takes those words in, so the line reads as one altered heading."""

from __future__ import annotations

from canonlint.align.model import UNCLAIMED, BlockMatch
from canonlint.align.state import Aligner
from canonlint.align.word_diffs import record_diffs
from canonlint.document import BlockKind


def take_in_heading_lines(aligner: Aligner) -> None:
    """A heading found on a line whose other words no block claimed is that line
    altered — `The MIT License (MIT)` for `MIT License` —, not a heading run into
    text: the line's words become the heading's, so its diff shows the words added to
    it. A line that also holds words of another block, local text or a second copy of
    a shared block (so this runs after the duplicates are found) keeps the heading as
    found: that is a heading run into text."""
    line_bounds = aligner.doc.source.line_bounds
    for block in aligner.tpl.blocks:
        match = aligner.matches[block.index]
        if block.kind is not BlockKind.HEADING or not match.located:
            continue
        edition_block = aligner.word_blocks[match.first_word]
        if aligner.word_blocks[match.last_word] != edition_block:
            continue
        words = aligner.doc.block_words[edition_block]
        line_start, line_end = line_bounds(match.start)[0], line_bounds(match.end)[1]
        first, last = match.first_word, match.last_word
        while first > words.start and aligner.starts[first - 1] >= line_start:
            first -= 1
        while last + 1 < words.stop and aligner.ends[last + 1] <= line_end:
            last += 1
        added = [*range(first, match.first_word), *range(match.last_word + 1, last + 1)]
        if not added or any(aligner.owner[j] != UNCLAIMED for j in added):
            continue
        for j in added:
            aligner.owner[j] = block.index
        aligner.matches[block.index] = BlockMatch(block.index, match.status, match.score, first, last,
                                               aligner.starts[first], aligner.ends[last], match.diffs, match.slots)
        record_diffs(aligner, block.index)
