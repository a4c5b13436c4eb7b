"""Cells: a gap of a table row that runs over several cells, read cell by cell.

When no shared word stands between two cells (`| Population | 1,204 | +3.4% |`), the
stretch between shared words covers both figures; split at the cell separators (tabs, or
`|` in a Markdown table) on every side, it gives one value per cell, each its own slot.
An edition whose stretch has another number of cells does not vote.
"""

from __future__ import annotations

import re

from lint.infer.gaps import Gap, pivot_span, voter_span
from lint.infer.votes import Votes
from lint.words import normalise

_SEPARATOR = re.compile(r"[ \t]*(?:\t|\|)[ \t]*")


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The non-blank pieces of text[start:end] between cell separators, as spans."""
    spans, cursor = [], start
    for match in _SEPARATOR.finditer(text, start, end):
        spans.append((cursor, match.start()))
        cursor = match.end()
    spans.append((cursor, end))
    out = []
    for lo, hi in spans:
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if hi > lo:
            out.append((lo, hi))
    return out


def cell_gaps(votes: Votes, block: int, left: int, right: int, carriers: list[int]) -> list[tuple[int, int, Gap]] | None:
    """(pivot start, pivot end, values) for each cell of a gap that spans several; None when
    the gap lies within one cell."""
    text = votes.pivot.text
    parts = _cells(text, *pivot_span(votes, block, left, right))
    if len(parts) < 2:
        return None
    words = votes.pivot.document.block_words[block]
    bounds = (left, right, words.start - 1, words.stop)
    values: list[list[str | None]] = [[None] * len(votes.voters) for _ in parts]
    for voter in carriers:
        span = voter_span(votes, voter, bounds, (-1, -1))
        if span is None:
            continue
        edition_text = votes.voters[voter].edition.text
        found = _cells(edition_text, *span)
        if len(found) == len(parts):
            for k, (lo, hi) in enumerate(found):
                values[k][voter] = normalise(edition_text[lo:hi])
    return [(lo, hi, Gap(left, right, tuple(v))) for (lo, hi), v in zip(parts, values)]
