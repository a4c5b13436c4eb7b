from __future__ import annotations

from collections.abc import Iterator

from canonlint.rulekit.evidence import quote
from canonlint.finding import Edit, Fix, Report, Severity
from canonlint.rulekit.edits import delete_span
from canonlint.rule import Context, Rule

__all__ = ["SharedTextDuplicated"]


class SharedTextDuplicated(Rule):
    r"""A shared paragraph appears twice in the edition.

    What it checks:
        A second copy of a shared paragraph or list item (of at least six words) outside
        its place, in text of no template block or in a local section: text recognised as
        a repeat of the template's block. Shared headings are judged when they stand again
        as headings of the edition, two or more in the template's order and one of them of
        its top level (a document pasted twice); a sub-heading repeated on its own (`###
        Added` under each release), or heading words in a paragraph or a list (a list of
        contents), repeat innocently.
    Why it matters:
        A paragraph pasted twice is the commonest copy-paste slip; readers notice it at
        once and lose trust in the rest.
    Example:
        Fails: `Useful contacts\n` → `Making people feel safe is not just down to the Met; many others, including the public, contribute to an atmosphere of order and security and we must work together to deliver success.\n\nUseful contacts\n`
        Passes: `Useful contacts\n` → `Useful contacts\n`
    Fix:
        Delete the second copy (offered, not marked safe: check which copy to keep).
    """

    code = "CL107"
    name = "shared-text-duplicated"
    title = "Shared paragraph repeated"
    severity = Severity.ERROR
    fixable = True

    def check(self, ctx: Context) -> Iterator[Report]:
        for duplicate in ctx.alignment.duplicates:
            block = ctx.template.blocks[duplicate.block]
            original = ctx.match(block)
            start, end, other = duplicate.start, duplicate.end, original.start
            if original.located and original.start > duplicate.start:
                start, end, other = original.start, original.end, duplicate.start  # the later one is the copy
            where = f"; it also stands at line {ctx.document.source.position(other)[0]}" if original.located else ""
            yield ctx.report(start, end,
                             f"shared {block.kind.value} {quote(ctx.display(block), 60)} appears a second time{where}",
                             expected=ctx.display(block), found=ctx.excerpt(start, end, 400),
                             fix=Fix("Delete this copy", (_deletion(ctx, start, end),)),
                             subject=block.text)


_TRAILING = ".,;:!?)'\"\u2019\u201d"


def _deletion(ctx: Context, start: int, end: int) -> Edit:
    """The copy deleted whole, with the punctuation that ends it: its lines (list marker
    and the blank line after included) when it fills them, else its words and a space."""
    line_end = ctx.document.source.line_bounds(end)[1]
    while end < line_end and ctx.text[end] in _TRAILING:
        end += 1
    return delete_span(ctx.document, start, end)
