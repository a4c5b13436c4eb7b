from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from lint.align import Status
from lint.document import BlockKind
from lint.evidence import quote
from lint.finding import Edit, Fix, Report, Severity
from lint.rule import Context, Option, Rule

__all__ = ["HeadingRunIn"]


class HeadingRunIn(Rule):
    r"""A heading is present but not on a line of its own: run into the text around it.

    What it checks:
        A template heading found at its place whose line also holds other words: `Victim Support tel: 0845 303 0900`, or a whole section flattened into one
        paragraph. A heading split over two lines (`Local Policing Summary` / `Kensington
        and Chelsea`) is not reported. When a section has several run-in headings — a
        flattened edition — they are reported once for the section, with a count.
    Why it matters:
        Run-in headings stop working as headings: readers and screen readers no longer
        see where a section starts.
    Example:
        Fails: `Victim Support\n\ntel: 0845 303 0900` → `Victim Support tel: 0845 303 0900`
        Passes: `Victim Support\n\ntel: 0845 303 0900` → `Victim Support\ntel: 0845 303 0900`
    Options:
        group_from: from this many run-in headings in one section, report the section once.
    Fix:
        Put the heading on a line of its own (offered as a safe fix for a single heading).
    """

    code = "CL202"
    name = "heading-run-in"
    severity = Severity.WARNING
    fixable = True
    options = {"group_from": Option(int, 3, "run-in headings in one section reported as one finding")}

    def check(self, ctx: Context) -> Iterator[Report]:
        document, template = ctx.document, ctx.template
        by_section: dict[int, list[tuple]] = defaultdict(list)
        for block in template.blocks:
            if block.kind is not BlockKind.HEADING:
                continue
            match = ctx.match(block)
            if match.status not in (Status.FOUND, Status.ALTERED):
                continue
            source = document.source
            line_start = max(source.line_bounds(match.start)[0],
                             document.blocks[document.words[match.first_word].block].content_start)
            before = ctx.text[line_start : match.start]
            after = ctx.text[match.end : source.line_bounds(match.end)[1]]
            before, after = (before if _has_words(before) else ""), (after if _has_words(after) else "")
            if not before and not after:
                continue
            by_section[block.section].append((block, match, before, after))
        group_from = max(2, ctx.options.get("group_from", 3))
        for section, items in by_section.items():
            if len(items) >= group_from:
                first_match = items[0][1]
                names = ", ".join(quote(ctx.text[m.start:m.end], 40) for _, m, *_ in items[:3])
                more = f" and {len(items) - 3} more" if len(items) > 3 else ""
                yield ctx.report(first_match.start, first_match.end,
                                 f"{len(items)} headings in section {quote(ctx.section_name(section), 50)} "
                                 f"are not on lines of their own, run into the text around them ({names}{more})",
                                 subject=f"section|{ctx.section_name(section)}|{len(items)}")
                continue
            for block, match, before, after in items:
                if after and not before:
                    gap_end = match.end
                    while gap_end < len(ctx.text) and ctx.text[gap_end] in " \t":
                        gap_end += 1
                    fix = Fix("Put the heading on a line of its own", (Edit(match.end, gap_end, document.source.newline * 2),), safe=True)
                    where = f"run into the text after it: {quote(ctx.text[match.start:match.end] + ' ' + after.strip(), 60)}"
                else:
                    fix = None
                    where = f"run into the text before it: {quote(before.strip()[-40:] + ' ' + ctx.text[match.start:match.end], 60)}"
                yield ctx.report(match.start, match.end,
                                 f"heading {quote(ctx.display(block), 50)} is not on a line of its own; {where}",
                                 expected=ctx.display(block), fix=fix, subject=block.text)


def _has_words(text: str) -> bool:
    return any(c.isalnum() for c in text)
