"""Verbatim blocks (canonlint.align): the template blocks an edition writes character for
character as the template does, which the rules that compare text can skip."""

from __future__ import annotations

from canonlint.align.state import Aligner
from canonlint.template import Template


def verbatim_blocks(aligner: Aligner) -> frozenset[int]:
    """The template blocks that stand in the edition as a whole block written exactly as
    the template writes it: the same characters from the first word to the block's end,
    nothing before the first word after the block's marker on either side. Nothing a
    rule compares can differ in them, so the rules that compare text skip them. Only
    the blocks paired word for word (Aligner.same) can be, and each is one comparison."""
    text, texts, edition_blocks = aligner.text, _verbatim_texts(aligner.tpl), aligner.doc.blocks
    block_of, word_blocks, starts = aligner.tpl.word_blocks, aligner.word_blocks, aligner.starts
    verbatim = []
    for template_range, edition_range in aligner.same:
        index = block_of[template_range.start]
        expected = texts[index]
        if expected is None:
            continue
        edition_block = edition_blocks[word_blocks[edition_range.start]]
        start = edition_block.content_start
        if starts[edition_range.start] == start and edition_block.end - start == len(expected) \
                and text.startswith(expected, start):
            verbatim.append(index)
    return frozenset(verbatim)


def _verbatim_texts(template: Template) -> list[str | None]:
    """Each template block's text from its first word to its end, as an edition writing
    it verbatim holds it; None for a block with something before its first word after
    its marker (it can be verbatim in no edition). Worked out once per template."""
    return template.reading("align.verbatim_texts", _block_texts)


def _block_texts(template: Template) -> list[str | None]:
    text, words = template.text, template.words
    texts: list[str | None] = []
    for block in template.blocks:
        if block.first_word >= block.last_word:
            texts.append(None)
            continue
        first = words[block.first_word].start
        texts.append(text[first : block.end] if text[first - 1 : first] in ("", " ", "\t", "\n") else None)
    return texts
