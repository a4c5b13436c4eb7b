from __future__ import annotations

from collections.abc import Iterator

from canonlint.align import Status
from canonlint.document import BlockKind
from canonlint.rulekit.evidence import quote
from canonlint.finding import Report, Severity
from canonlint.rule import Context, Rule

__all__ = ["SharedTextMoved"]


class SharedTextMoved(Rule):
    r"""A shared paragraph stands somewhere other than its place in the template.

    What it checks:
        A shared paragraph that is not at its place (between the blocks that surround it
        in the template) but is found elsewhere in the edition, in another section or out
        of order within its own.
    Why it matters:
        A paragraph under the wrong heading is read in the wrong context; a copy-paste
        that moved it usually left something else behind too.
    Example:
        Fails: `Making people feel safe is not just down to the Met; many others, including the public, contribute to an atmosphere of order and security and we must work together to deliver success.` → ``; `Useful contacts` → `Making people feel safe is not just down to the Met; many others, including the public, contribute to an atmosphere of order and security and we must work together to deliver success.\n\nUseful contacts`
        Passes: `contribute to an atmosphere of order` → `contribute to an atmosphere\nof order`
    Fix:
        Move the paragraph back to the section the message names.
    """

    code = "CL103"
    name = "shared-text-moved"
    title = "Shared paragraph out of place"
    severity = Severity.ERROR

    def check(self, ctx: Context) -> Iterator[Report]:
        template, alignment = ctx.template, ctx.alignment
        for block in ctx.blocks_with_status(Status.MOVED):
            if block.local or block.kind is not BlockKind.PARAGRAPH:
                continue
            match = ctx.match(block)
            if match.status is not Status.MOVED:
                continue
            here = alignment.word_sections[match.first_word] if alignment.word_sections else -1
            belongs = ctx.section_name(block.section)
            if here != block.section:
                where = f"in section {quote(ctx.section_name(here), 50)} but belongs in {quote(belongs, 50)}"
            else:
                where = f"out of order within section {quote(belongs, 50)}"
            previous = template.previous_shared(block.index)
            after = f", after {quote(ctx.display(previous), 40)}" if previous else ""
            yield ctx.report(match.start, match.end,
                             f"shared paragraph {quote(ctx.display(block), 50)} is {where}{after}",
                             expected=ctx.display(block), found=ctx.excerpt(match.start, match.end),
                             subject=block.text)
