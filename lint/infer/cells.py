"""Cells: a gap of a table row that runs over several cells, read cell by cell.

When no shared word stands between two cells (`| Population | 1,204 | +3.4% |`), the
stretch between shared words covers both figures; split at the cell separators (tabs, or
`|` in a Markdown table) on every side, it gives one value per cell, each its own slot.
An edition whose stretch has another number of cells does not vote.
"""

from __future__ import annotations

from canonlint.infer.gaps import Gap, pivot_span, voter_span
from canonlint.infer.votes import Votes
from canonlint.table_cells import cell_spans
from canonlint.words import normalise

def cell_gaps(votes: Votes, block: int, left: int, right: int, carriers: list[int]) -> list[tuple[int, int, Gap]] | None:
    """(pivot start, pivot end, values) for each cell of a gap that spans several; None when
    the gap lies within one cell."""
    text = votes.pivot.text
    parts = cell_spans(text, *pivot_span(votes, block, left, right))
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
        found = cell_spans(edition_text, *span)
        if len(found) == len(parts):
            for k, (lo, hi) in enumerate(found):
                values[k][voter] = normalise(edition_text[lo:hi])
    return [(lo, hi, Gap(left, right, tuple(v))) for (lo, hi), v in zip(parts, values)]


ROW_AGREEMENT = 0.95  # a cell is shared text when (nearly) every edition writes it alike


def varying_cells(votes: Votes, block: int, carriers: list[int], taken: list[tuple[int, int]]) -> list[tuple[int, int, Gap]]:
    """Cells of a pivot table row, untouched by any slot (taken: pivot spans of slots and
    rewordings), that editions write differently though their words are mostly shared
    (`Met` / `Not met`): (pivot start, pivot end, each voter's cell) for each."""
    document = votes.pivot.document
    raw = document.blocks[block]
    cells = cell_spans(votes.pivot.text, raw.content_start, raw.end)
    free = [(k, lo, hi) for k, (lo, hi) in enumerate(cells)
            if k and not any(lo < end and start < hi for start, end in taken)]  # the label names the row
    if not free:
        return []
    words = document.block_words[block]
    values: dict[int, list[str | None]] = {k: [None] * len(votes.voters) for k, _, _ in free}
    for voter in carriers:
        aligned = votes.voters[voter]
        j = next((aligned.mapping[i] for i in words if aligned.mapping[i] >= 0), -1)
        if j < 0:
            continue
        other = aligned.edition.document
        row = other.blocks[other.word_blocks[j]]
        found = cell_spans(aligned.edition.text, row.content_start, row.end)
        if len(found) == len(cells):
            for k, _, _ in free:
                values[k][voter] = normalise(aligned.edition.text[found[k][0] : found[k][1]])
    out = []
    for k, lo, hi in free:
        held = [v for v in values[k] if v is not None]
        if held and max(held.count(v) for v in set(held)) < ROW_AGREEMENT * len(held):
            out.append((lo, hi, Gap(-1, -1, tuple(values[k]))))
    return out
