from __future__ import annotations

from collections.abc import Iterator

from canonlint.rulekit.evidence import quote
from canonlint.finding import Edit, Fix, Report, Severity
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
    """The copy deleted whole: with the punctuation that ends it, its list marker, and —
    when it fills its lines — the blank line after it; inside a line, with one space
    beside it. No lone `.` or doubled space is left."""
    text = ctx.text
    line_start = ctx.document.source.line_bounds(start)[0]
    line_end = ctx.document.source.line_bounds(end)[1]
    while end < line_end and text[end] in _TRAILING:
        end += 1
    lead = text[line_start:start]
    if not lead.strip(" \t-*+\u2022") and end == line_end:
        after = end
        while after < len(text) and text[after] in " \t\r\n":
            after += 1
        if after == len(text):  # the text's last lines: the text before ends as the text did
            before = line_start
            while before > 0 and text[before - 1] in " \t\r\n":
                before -= 1
            ending = ctx.document.source.newline if text[-1] in "\r\n" else ""
            return Edit(before, len(text), ending if before else "")
        return Edit(line_start, after, "")
    if end < len(text) and text[end] in " \t":
        end += 1
    elif start > 0 and text[start - 1] in " \t":
        start -= 1
    return Edit(start, end, "")
