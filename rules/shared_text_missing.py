from __future__ import annotations

from collections.abc import Iterator

from canonlint.align import Status
from canonlint.document import BlockKind
from canonlint.rulekit.evidence import quote
from canonlint.finding import Report, Severity
from canonlint.rule import Context, Rule

__all__ = ["SharedTextMissing"]


class SharedTextMissing(Rule):
    r"""A shared paragraph (or code block) of the template is missing from the edition.

    What it checks:
        Every paragraph of shared text in the template must appear in the edition. A
        paragraph counts as present when at least half of its words are found in order at
        its place, or anywhere else in the edition (then shared-text-moved reports it).
        Consecutive blocks missing together (a deleted section: its heading and
        paragraphs) are one finding naming them, not one per block. A paragraph whose
        place holds its own words with only a token a more specific rule claims changed
        (`tel: 0300 123 1212` as `tel: 03001 231212`) is present: that rule reports it.
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
    title = "Shared paragraph missing"
    severity = Severity.ERROR

    def check(self, ctx: Context) -> Iterator[Report]:
        for block in ctx.blocks_with_status(Status.MISSING):
            run = ctx.missing_run(block)
            if run:
                if block is run[0]:
                    yield _run_missing(ctx, run)
                continue
            if block.local or block.kind not in (BlockKind.PARAGRAPH, BlockKind.CODE) or block.last_word == block.first_word:
                continue  # (a paragraph without words, an emoji or a line of dashes, has nothing to miss)
            if ctx.stand_in(block) is not None:
                continue  # present, its token changed: the claiming rule reports it
            match = ctx.match(block)
            yield ctx.report(match.start, match.start,
                             f"shared {block.kind.value} missing: {quote(ctx.display(block))}{_after(ctx, block)}",
                             expected=ctx.display(block), subject=block.text)


def _after(ctx: Context, block) -> str:
    previous = ctx.template.previous_shared(block.index)
    return f" (it follows {quote(ctx.display(previous), 50)} in the template)" if previous else ""


def _run_missing(ctx: Context, run) -> Report:
    """One finding for consecutive blocks missing together: their sections' headings, the
    first and last block, and how many."""
    headings = [quote(ctx.display(b), 40) for b in run if b.kind is BlockKind.HEADING]
    sections = f" (section{'s' if len(headings) > 1 else ''} {', '.join(headings)})" if headings else ""
    at = ctx.match(run[0]).start
    return ctx.report(at, at, f"{len(run)} blocks of shared text missing together{sections}: from "
                              f"{quote(ctx.display(run[0]), 40)} to {quote(ctx.display(run[-1]), 40)}{_after(ctx, run[0])}",
                      expected="\n\n".join(ctx.display(b) for b in run),
                      subject="|".join(b.text for b in run))
