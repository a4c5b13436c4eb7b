from __future__ import annotations

from collections.abc import Iterator

from lint.align import Status
from lint.document import BlockKind
from lint.evidence import quote, widen
from lint.finding import Report, Severity
from lint.rule import Context, Rule

__all__ = ["HeadingMissing"]


class HeadingMissing(Rule):
    r"""A heading of the template is missing from its place.

    What it checks:
        Every `#`/`##` heading of the template must stand at its place in the edition
        (as a line of its own in a plain-text edition; heading-run-in reports one that is
        present but run into the text around it). When the heading's words turn up
        somewhere else — run into the middle of a paragraph, often wrapped in leftover
        markup such as `**Met Forward**` — the message says where.
    Why it matters:
        Headings are how readers find the sections; a lost heading merges two sections
        and, in this publication, hides which text is central and which is local.
    Example:
        Fails: `Useful contacts\n\n` → ``
        Passes: `Useful contacts` → `USEFUL CONTACTS`
    Fix:
        Put the heading back on a line of its own before the text the finding points to.
    """

    code = "CL201"
    name = "heading-missing"
    severity = Severity.ERROR

    def check(self, ctx: Context) -> Iterator[Report]:
        template = ctx.template
        for block in ctx.blocks_with_status(Status.MISSING, Status.MOVED):
            if block.kind is not BlockKind.HEADING:
                continue
            match = ctx.match(block)
            if match.status not in (Status.MISSING, Status.MOVED):
                continue
            previous = template.previous_shared(block.index)
            after = f" after {quote(ctx.display(previous), 40)}" if previous else ""
            message = f"heading {quote(ctx.display(block), 60)} is missing from its place{after}"
            found = None
            if match.status is Status.MOVED:
                start, end = widen(ctx.text, match.start, match.end)
                line = ctx.document.source.position(start)[0]
                found = ctx.text[start:end]
                message += f"; its words were found run into the text at line {line} as {quote(found, 60, raw=True)}"
            missing_at = ctx.alignment.insertion_point(block.index)
            yield ctx.report(missing_at, missing_at, message, expected=ctx.display(block), found=found,
                             subject=block.text)

