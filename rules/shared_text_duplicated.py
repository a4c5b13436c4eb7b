from __future__ import annotations

from collections.abc import Iterator

from lint.evidence import quote
from lint.finding import Edit, Fix, Report, Severity
from lint.rule import Context, Rule

__all__ = ["SharedTextDuplicated"]


class SharedTextDuplicated(Rule):
    r"""A shared paragraph appears twice in the edition.

    What it checks:
        A second copy of a shared paragraph or list item (of at least six words) outside
        its place: text that would otherwise be reported as unexpected but is recognised
        as a repeat of the template's block. Headings are not judged (they repeat
        innocently, e.g. in a list of contents).
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
                             fix=Fix("Delete this copy", (Edit(start, end, ""),)),
                             subject=block.text)
