from __future__ import annotations

from collections.abc import Iterator

from canonlint.align import Status
from canonlint.document import BlockKind
from canonlint.evidence import quote
from canonlint.finding import Report, Severity
from canonlint.rule import Context, Rule

__all__ = ["SharedTextMissing"]


class SharedTextMissing(Rule):
    r"""A shared paragraph (or code block) of the template is missing from the edition.

    What it checks:
        Every paragraph of shared text in the template must appear in the edition. A
        paragraph counts as present when at least half of its words are found in order at
        its place, or anywhere else in the edition (then shared-text-moved reports it).
    Why it matters:
        Shared text is written centrally; an edition that lost a paragraph tells its
        readers less than every other borough's edition does, and nobody notices.
    Example:
        Fails: `\n\nIn an emergency always dial 999\nNon-emergency dial 0300 123 1212` → ``
        Passes: `In an emergency always dial 999` → `In an emergency  always dial 999`
    Fix:
        Restore the paragraph from the template at the place the finding points to.
    """

    code = "CL101"
    name = "shared-text-missing"
    severity = Severity.ERROR

    def check(self, ctx: Context) -> Iterator[Report]:
        for block in ctx.blocks_with_status(Status.MISSING):
            if block.local or block.kind not in (BlockKind.PARAGRAPH, BlockKind.CODE) or block.last_word == block.first_word:
                continue  # (a paragraph without words, an emoji or a line of dashes, has nothing to miss)
            match = ctx.match(block)
            if match.status is Status.MISSING:
                previous = ctx.template.previous_shared(block.index)
                after = f" (it follows {quote(ctx.display(previous), 50)} in the template)" if previous else ""
                yield ctx.report(match.start, match.start,
                                 f"shared {block.kind.value} missing: {quote(ctx.display(block))}{after}",
                                 expected=ctx.display(block), subject=block.text)
