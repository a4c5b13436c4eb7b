"""Layout: which shared headings and list items stand on lines of their own in an edition.

A heading or list item "runs in" when the line it is found on also holds other words.
A handful of run-ins is a merged line here and there (heading-run-in); run-ins in most
sections are a flattened edition (edition-flattened). Both rules share this reading.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from canonlint.align import IN_PLACE, BlockMatch
from canonlint.document import BlockKind
from canonlint.template import Template, TemplateBlock

MIN_FLATTENED_SECTIONS = 3  # an edition is flattened when at least this many sections are,
FLATTENED_SHARE = 0.5       # and they are at least this share of the sections with headings


@dataclass(frozen=True)
class RunIn:
    block: TemplateBlock
    match: BlockMatch
    before: str   # words on the same line before it ("" if none)
    after: str    # words on the same line after it


def run_ins(ctx) -> list[RunIn]:
    """Every shared heading and list item found at its place but not on a line of its own."""
    return ctx.alignment.memo("canonlint.rulekit.run_ins", "run-ins", lambda: list(_find(ctx)))


def _find(ctx):
    document, text = ctx.document, ctx.text
    blocks, word_blocks = document.blocks, document.word_blocks
    line_bounds = document.source.line_bounds
    matches, template_literal = ctx.alignment.matches, ctx.template.literal
    # A heading or item written verbatim is a whole block of the edition, alone on its lines.
    for block in ctx.alignment.not_verbatim(ctx.per_template("layout.blocks", _headings_and_items)):
        match = matches[block.index]
        if match.status not in IN_PLACE:
            continue
        # Mostly the block starts its edition block and ends it (an edition block ends its
        # last line but for spaces) or only punctuation follows it on its line: no line to
        # look up.
        content_start = blocks[word_blocks[match.first_word]].content_start
        before = "" if content_start == match.start else \
            text[max(line_bounds(match.start)[0], content_start) : match.start]
        after = "" if match.end == blocks[word_blocks[match.last_word]].end or _NO_WORDS_TO_LINE_END.match(text, match.end) \
            else text[match.end : line_bounds(match.end)[1]]
        before, after = (before if before and _has_words(before) else ""), (after if after and _has_words(after) else "")
        literal = template_literal[block.index]
        if literal and ((before and _own_words_for_lost_edge(ctx, literal[0], match.first_word - 1)) or
                        (after and _own_words_for_lost_edge(ctx, literal[-1], match.last_word + 1))):
            continue
        if before or after:
            yield RunIn(block, match, before, after)


def _own_words_for_lost_edge(ctx, edge_word: int, neighbour: int) -> bool:
    """Whether a block lost its template word `edge_word` at the edge where the edition's
    own words (local or unclaimed, not another block's) stand beside it, at edition word
    `neighbour`: they stand in for the lost word (`To report a vulnerability, please…` for
    `Reporting a Vulnerability`), so the block's words are a phrase of the edition's own
    sentence, not a block put on a line with other text. What it lost is reported as
    altered text."""
    alignment = ctx.alignment
    return alignment.word_map[edge_word] < 0 and alignment.block_of(neighbour) is None


def _headings_and_items(template: Template) -> list[TemplateBlock]:
    return [b for b in template.blocks if b.kind in (BlockKind.HEADING, BlockKind.LIST_ITEM)]


def by_section(ctx) -> dict[int, list[RunIn]]:
    """The run-ins of each section (once per edition: both rules ask, twice each). Read it only."""
    return ctx.alignment.memo("canonlint.rulekit.run_ins", "by section", lambda: _by_section(ctx))


def _by_section(ctx) -> dict[int, list[RunIn]]:
    sections: dict[int, list[RunIn]] = defaultdict(list)
    for run_in in run_ins(ctx):
        sections[run_in.block.section].append(run_in)
    return dict(sections)


def flattened_sections(ctx) -> dict[int, list[RunIn]]:
    """Sections with more than one heading or list item run in."""
    return {section: items for section, items in by_section(ctx).items() if len(items) > 1}


def edition_flattened(ctx) -> bool:
    """Whether most sections have run-ins (once per edition)."""
    return ctx.alignment.memo("canonlint.rulekit.run_ins", "flattened", lambda: _flattened(ctx))


def _flattened(ctx) -> bool:
    sections = ctx.per_template("layout.sections", _sections_with_headings)
    flattened = flattened_sections(ctx)
    return len(flattened) >= MIN_FLATTENED_SECTIONS and len(flattened) >= FLATTENED_SHARE * len(sections)


def _sections_with_headings(template: Template) -> frozenset[int]:
    return frozenset(b.section for b in template.blocks if b.kind is BlockKind.HEADING and b.section >= 0)


def _has_words(text: str) -> bool:
    return _LETTER_OR_DIGIT.search(text) is not None


_LETTER_OR_DIGIT = re.compile(r"[^\W_]")  # a character for which str.isalnum() holds
_NO_WORDS_TO_LINE_END = re.compile(r"(?:[^\w\r\n]|_)*(?:[\r\n]|\Z)")
