"""Verbatim blocks (canonlint.align): the template blocks an edition writes character for
character as the template does, which the rules that compare text can skip."""

from __future__ import annotations

from canonlint.align.state import Aligner


def verbatim_blocks(aligner: Aligner) -> frozenset[int]:
    """The template blocks that stand in the edition as a whole block written exactly as
    the template writes it: the same characters from the first word to the block's end,
    nothing before the first word after the block's marker on either side. Nothing a
    rule compares can differ in them, so the rules that compare text skip them."""
    text, template_text, template_words = aligner.text, aligner.tpl.text, aligner.tpl.words
    edition_blocks, block_of = aligner.doc.blocks, aligner.tpl.word_blocks
    verbatim = []
    for template_range, edition_range in aligner.same:
        first = template_words[template_range.start].start
        block = aligner.tpl.blocks[block_of[template_range.start]]
        edition_block = edition_blocks[aligner.word_blocks[edition_range.start]]
        start = aligner.starts[edition_range.start]
        if start == edition_block.content_start and template_text[first - 1 : first] in ("", " ", "\t", "\n") \
                and text[start : edition_block.end] == template_text[first : block.end]:
            verbatim.append(block.index)
    return frozenset(verbatim)
