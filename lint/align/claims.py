"""Claims (step 4 of canonlint.align): the edition words that `{{local}}` blocks and tables
take between their located neighbours, what no block claimed (unexpected text), and the
template section each edition word falls in."""

from __future__ import annotations

from canonlint.align.model import (IN_PLACE, LOCAL, TABLE, UNCLAIMED, BlockMatch, Status, TableRegion, TextRun,
                                   WordSections)
from canonlint.align.state import Aligner, runs_of
from canonlint.template import TemplateBlock


def claim_locals(aligner: Aligner) -> None:
    for block in aligner.ix.locals:
        lo, hi = aligner.neighbour_end(block.index), aligner.next_start(block.index)
        words = aligner.words_between(lo, hi)
        aligner.claim_free(words, LOCAL)
        aligner.matches[block.index] = BlockMatch(block.index, Status.LOCAL, 1.0, -1, -1, lo, max(lo, hi))


def claim_tables(aligner: Aligner) -> dict[int, TableRegion]:
    """Record where each table stands. When its rows are not one per line (a flattened
    edition) or some are missing, the words left unclaimed between its located
    neighbours belong to the table, and the table rules read that region."""
    regions = {}
    for rows in aligner.ix.tables:
        lo = aligner.neighbour_end(rows[0].index)
        _claim_header(aligner, rows, lo)
        hi = max(lo, aligner.next_start(rows[-1].index))
        lines = [set(aligner.word_blocks[m.first_word : m.last_word + 1])
                 for m in (aligner.matches[r.index] for r in rows) if m is not None]
        # One row found alone says nothing of the table's shape (a flattened table whose
        # labels were reordered may leave just one row where the template has it).
        row_shaped = len(lines) >= min(2, len(rows)) and all(len(b) == 1 for b in lines) and \
            len(set().union(*lines)) == len(lines)
        regions[rows[0].table_id] = TableRegion(rows[0].table_id, lo, hi, row_shaped)
        if row_shaped:
            continue
        aligner.claim_free(aligner.words_between(lo, hi), TABLE)
    return regions


def _claim_header(aligner: Aligner, rows: list[TemplateBlock], lo: int) -> None:
    """A table's header row names its columns and is not shared text, but an edition
    may keep it: its words, unclaimed just before the table's first row in the edition
    (whichever row stands there), are the table's."""
    keys = aligner.tpl.header_keys.get(rows[0].table_id, ())
    found = [m for m in (aligner.matches[r.index] for r in rows) if m is not None and m.first_word >= 0]
    if not keys or not found:
        return
    words = aligner.words_between(lo, min(m.start for m in found))
    header = range(max(words.start, words.stop - len(keys)), words.stop)
    if len(header) == len(keys) and all(aligner.owner[j] == UNCLAIMED for j in header) and \
            tuple(aligner.keys[j] for j in header) == keys:
        aligner.owner[header.start : header.stop] = [TABLE] * len(keys)


def unexpected(aligner: Aligner, sections: WordSections) -> list[TextRun]:
    """Runs of consecutive unclaimed words."""
    return [TextRun(first, last, aligner.starts[first], aligner.ends[last], sections[first])
            for first, last in runs_of(aligner.owner, UNCLAIMED)]


def section_of_words(aligner: Aligner) -> WordSections:
    """The template section each edition word falls in, by the located blocks before it:
    one entry per block found at its place, not one per word."""
    blocks = aligner.tpl.blocks
    starts = sorted((m.first_word, blocks[m.block].section)
                    for m in aligner.matches
                    if m is not None and m.status in IN_PLACE and m.first_word >= 0)
    return WordSections(aligner.count, blocks[0].section if blocks else -1,
                        [first for first, _ in starts], [section for _, section in starts])
