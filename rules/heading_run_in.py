from __future__ import annotations

from collections.abc import Iterator

from canonlint.document import BlockKind
from canonlint.rulekit.evidence import quote
from canonlint.finding import Edit, Fix, Report, Severity
from canonlint.rulekit.run_ins import RunIn, by_section, edition_flattened
from canonlint.rule import Context, Option, Rule, at_least
from canonlint.slot_syntax import slot_markers

__all__ = ["HeadingRunIn"]


class HeadingRunIn(Rule):
    r"""A heading is present but not on a line of its own: run into the text around it.

    What it checks:
        A template heading found at its place whose line also holds words of other
        blocks: `Victim Support tel: 0845 303 0900`, or a whole section flattened into one
        paragraph. Not reported: a heading split over two lines (`Local Policing Summary`
        / `Kensington and Chelsea`); a heading on a line of its own with words added to it
        (`The MIT License (MIT)`), an altered heading that shared-text-altered reports; a
        heading that lost the word facing the edition's own words beside it (`To report a
        vulnerability, please…` for `Reporting a Vulnerability`), whose words are a phrase
        of the edition's sentence. Several run-in headings in one section are reported
        once for the section, with a count; an edition flattened throughout is left to
        edition-flattened.
    Why it matters:
        Run-in headings stop working as headings: readers and screen readers no longer
        see where a section starts.
    Example:
        Fails: `Victim Support\n\ntel: 0845 303 0900` → `Victim Support tel: 0845 303 0900`
        Passes: `Victim Support\n\ntel: 0845 303 0900` → `Victim Support\ntel: 0845 303 0900`
    Options:
        group_from: from this many run-in headings in one section, report the section once.
    Fix:
        Put the heading on a line of its own (offered as a safe fix), for each heading
        that starts its line and does not end in a slot (where a slot's value ends on a
        run-in line is a guess); a finding for a whole section splits each of them off.
    """

    code = "CL202"
    name = "heading-run-in"
    title = "Heading run into the text"
    severity = Severity.WARNING
    fixable = True
    options = {"group_from": Option(int, 3, "run-in headings in one section reported as one finding",
                                  validate=at_least(2))}

    def check(self, ctx: Context) -> Iterator[Report]:
        if edition_flattened(ctx):
            return  # edition-flattened reports the whole edition once
        group_from = ctx.option("group_from")
        for section, run_ins in by_section(ctx).items():
            headings = [r for r in run_ins if r.block.kind is BlockKind.HEADING]
            if len(headings) >= group_from:
                first = headings[0].match
                names = ", ".join(quote(ctx.text[r.match.start:r.match.end], 40) for r in headings[:3])
                more = f" and {len(headings) - 3} more" if len(headings) > 3 else ""
                edits = tuple(filter(None, (_line_break_after(ctx, r) for r in headings if r.after and not r.before)))
                fix = Fix(f"Put {len(edits)} heading{'s' if len(edits) > 1 else ''} on lines of their own",
                          edits, safe=True) if edits else None
                yield ctx.report(first.start, first.end,
                                 f"{len(headings)} headings in section {quote(ctx.section_name(section), 50)} "
                                 f"are not on lines of their own, run into the text around them ({names}{more})",
                                 fix=fix, subject=f"section|{ctx.section_name(section)}|{len(headings)}")
                continue
            for run_in in headings:
                block, match, before, after = run_in.block, run_in.match, run_in.before, run_in.after
                if after and not before:
                    edit = _line_break_after(ctx, run_in)
                    fix = Fix("Put the heading on a line of its own", (edit,), safe=True) if edit else None
                    where = f"run into the text after it: {quote(ctx.text[match.start:match.end] + ' ' + after.strip(), 60)}"
                else:
                    fix = None
                    where = f"run into the text before it: {quote(before.strip()[-40:] + ' ' + ctx.text[match.start:match.end], 60)}"
                yield ctx.report(match.start, match.end,
                                 f"heading {quote(ctx.display(block), 50)} is not on a line of its own; {where}",
                                 expected=ctx.display(block), fix=fix, subject=block.text)


def _line_break_after(ctx: Context, run_in: RunIn) -> Edit | None:
    """A blank line in place of the blanks after a heading that starts its line: the text
    after it becomes the next paragraph. What closes the heading stays with it — its
    bracket (`(Drug abuse helpline)`), the markup around it (`**Victim Support**`), a
    colon —; no break where a word goes on from it (`Victim Support's`). (A heading with
    words before it on its line is not split: which words are the heading's is less sure
    there; nor is one that ends in a slot: `Commander {commander:person}` run into `During
    2009/10 …` ends wherever the name's pattern stopped, `Simon Bray During`.)"""
    if _ends_in_a_slot(run_in.block.text):
        return None
    text = ctx.text
    end = run_in.match.end
    while end < len(text) and not text[end].isspace() and not text[end].isalnum():
        end += 1
    gap_end = end
    while gap_end < len(text) and text[gap_end] in " \t":
        gap_end += 1
    if gap_end == end or gap_end == len(text) or text[gap_end] in "\r\n":
        return None
    return Edit(end, gap_end, ctx.document.source.newline * 2)


def _ends_in_a_slot(heading: str) -> bool:
    """Whether the heading's last words are a slot (closing punctuation aside): run into the
    text after it, where its value ends on the line is the slot pattern's guess, no fact."""
    last = None
    for last in slot_markers(heading):
        pass
    return last is not None and not heading[last.end:].strip(" \t:;.,!?)]*_")
