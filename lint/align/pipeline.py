"""The aligner's steps in order (canonlint.align): project the template's blocks through the
word map, look for the missing ones elsewhere, capture slots, claim local text and tables,
record word differences, then find duplicates, headings run on with their line, verbatim
blocks and unexpected text."""

from __future__ import annotations

from canonlint.align.claims import claim_locals, claim_tables, section_of_words, unexpected
from canonlint.align.heading_lines import take_in_heading_lines
from canonlint.align.leftovers import find_duplicates
from canonlint.align.model import Alignment, BlockMatch, Status
from canonlint.align.projection import place_slot_only, project, relocate
from canonlint.align.slot_capture import capture_slots
from canonlint.align.state import Aligner
from canonlint.align.verbatim import verbatim_blocks
from canonlint.align.word_diffs import extend_edges, record_diffs
from canonlint.document import Document
from canonlint.template import Template


def align(document: Document, template: Template) -> Alignment:
    """Where each block of the template stands in the document, and what is left over."""
    aligner = Aligner(document, template)
    project(aligner)
    relocate(aligner)
    place_slot_only(aligner)
    for index in aligner.ix.slotted:
        match = aligner.matches[index]
        if match is not None:
            capture_slots(aligner, index, moved=match.status is Status.MOVED)
    claim_locals(aligner)
    regions = claim_tables(aligner)
    alignment = _finish(aligner)
    alignment.duplicates = find_duplicates(aligner)
    take_in_heading_lines(aligner)
    alignment.word_sections = section_of_words(aligner)
    alignment.verbatim = verbatim_blocks(aligner)
    alignment.unexpected = unexpected(aligner, alignment.word_sections)
    alignment.table_regions = regions
    return alignment


def _finish(aligner: Aligner) -> Alignment:
    """The Alignment of what the steps found: each located block's edges and word
    differences, each block not found missing at the place between its neighbours."""
    for index, match in enumerate(aligner.matches):
        if index in aligner.exact:
            continue  # no edge to extend, no difference
        if match is not None and match.status in (Status.FOUND, Status.MOVED):
            extend_edges(aligner, index)
            record_diffs(aligner, index)
    for index in [block.index for block in aligner.blocks_not_found()]:
        following = aligner.next_start(index)
        at = following if following < len(aligner.text) else aligner.neighbour_end(index)
        aligner.matches[index] = BlockMatch(index, Status.MISSING, 0.0, -1, -1, at, at)
    return Alignment(aligner.matches, aligner.map, aligner.owner)
