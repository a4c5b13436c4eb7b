from __future__ import annotations

from collections.abc import Iterator

from canonlint.align import Status
from canonlint.document import BlockKind
from canonlint.rulekit.evidence import quote, widen
from canonlint.finding import Fix, Report, Severity
from canonlint.rulekit.edits import delete_words, move_back
from canonlint.rule import Context, Rule
from canonlint.words import normalise

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
        A heading whose words were run into a sentence is moved back there (offered, not
        marked safe: check that the words are the heading's and not the sentence's).
    """

    code = "CL201"
    name = "heading-missing"
    title = "Heading missing"
    severity = Severity.ERROR
    fixable = True

    def check(self, ctx: Context) -> Iterator[Report]:
        template = ctx.template
        for block in ctx.blocks_with_status(Status.MISSING, Status.MOVED):
            if block.kind is not BlockKind.HEADING:
                continue
            match = ctx.match(block)
            if match.status not in (Status.MISSING, Status.MOVED) or ctx.missing_run(block):
                continue  # (missing with the blocks around it: shared-text-missing names them all)
            previous = template.previous_shared(block.index)
            after = f" after {quote(ctx.display(previous), 40)}" if previous else ""
            message = f"heading {quote(ctx.display(block), 60)} is missing from its place{after}"
            found = fix = None
            missing_at = ctx.alignment.insertion_point(block.index)
            if match.status is Status.MOVED:
                start, end = widen(ctx.text, match.start, match.end)
                line = ctx.document.source.position(start)[0]
                found = ctx.text[start:end]
                message += f"; its words were found run into the text at line {line} as {quote(found, 60, raw=True)}"
                fix = _move_back(ctx, block, match, start, end, missing_at)
            yield ctx.report(missing_at, missing_at, message, expected=ctx.display(block), found=found,
                             fix=fix, subject=block.text)


def _move_back(ctx: Context, block, match, start: int, end: int, place: int) -> Fix | None:
    """Move a heading run into a sentence (`has **Met Forward** introduced`) back to its
    place: its words, with the markup around them and one space, leave the sentence, and
    stand on a line of their own where the heading belongs. Only where that place starts
    a line, the words found are the heading's, and words stand on both sides of them."""
    text, source = ctx.text, ctx.document.source
    words = text[match.start:match.end]
    line_start, line_end = source.line_bounds(start)
    if text[source.line_bounds(place)[0]:place].strip() or normalise(words) != ctx.display(block):
        return None
    if not text[line_start:start].strip() or not text[end:line_end].strip():
        return None
    edits = move_back(delete_words(ctx.document, start, end), place, words + source.newline * 2)
    return Fix("Move the heading back to its place", edits) if edits else None
