from __future__ import annotations

from collections.abc import Iterator

from canonlint.document import BlockKind
from canonlint.rulekit.evidence import quote
from canonlint.finding import Report, Severity
from canonlint.rulekit.run_ins import edition_flattened, flattened_sections
from canonlint.rule import Context, Rule

__all__ = ["EditionFlattened"]


class EditionFlattened(Rule):
    r"""The edition's structure was flattened: headings and lists run into paragraphs.

    What it checks:
        Whether the shared headings and list items stand on lines of their own. When in
        most sections (at least three, and at least half of them) more than one is run
        into the surrounding text — what a web scraper or a careless conversion does —
        the edition is reported once, with the counts and the sections affected, instead
        of once per heading.
    Why it matters:
        A flattened edition has lost its headings and lists as such: readers see a wall
        of text, and screen readers cannot navigate it. It needs re-typesetting, not a
        dozen small fixes.
    Example:
        Fails: the sample `bexley.txt`, scraped from a web page with its structure flattened.
        Passes: `Useful contacts\n` → `USEFUL CONTACTS\n`
    Fix:
        Re-typeset the edition from a structured source (the template shows where each
        heading and list item belongs).
    """

    code = "CL203"
    name = "edition-flattened"
    title = "Layout flattened"
    severity = Severity.WARNING

    def check(self, ctx: Context) -> Iterator[Report]:
        if not edition_flattened(ctx):
            return
        sections = flattened_sections(ctx)
        items = [r for run_ins in sections.values() for r in run_ins]
        headings = sum(r.block.kind is BlockKind.HEADING for r in items)
        listed = len(items) - headings
        total = len({b.section for b in ctx.template.blocks if b.kind is BlockKind.HEADING and b.section >= 0})
        names = ", ".join(quote(ctx.section_name(s), 30) for s in list(sections)[:3])
        more = f" and {len(sections) - 3} more" if len(sections) > 3 else ""
        first = min(items, key=lambda r: r.match.start).match
        yield ctx.report(first.start, first.end,
                         f"the edition is flattened: {headings} heading{'s' if headings != 1 else ''} and "
                         f"{listed} list item{'s' if listed != 1 else ''} run into the surrounding text in "
                         f"{len(sections)} of {total} sections ({names}{more})",
                         subject="flattened")
