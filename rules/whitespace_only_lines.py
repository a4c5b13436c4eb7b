from __future__ import annotations

import re
from collections.abc import Iterator

from canonlint.finding import Edit, Fix, Report, Severity
from canonlint.rule import Context, Rule

__all__ = ["WhitespaceOnlyLines"]

# A line break first (the scan jumps from one to the next): the line's blank characters
# are group 1. Run over the text with a line break put in front of it.
_LINE = re.compile(r"\n([ \t\u00a0]+)(?=\n|\Z)")


class WhitespaceOnlyLines(Rule):
    r"""Lines that hold only spaces or tabs, reported once per edition with a count.

    What it checks:
        Lines with nothing but spaces, tabs or no-break spaces — the remains of an image
        or a text box that a conversion dropped. One finding per edition names how many
        and where.
    Why it matters:
        Invisible in print, but they make diffs noisy and show up as odd gaps in some
        layouts. Cosmetic, hence `info`.
    Example:
        Fails: `Useful contacts\n` → `Useful contacts\n   \n`
        Passes: `Useful contacts\n` → `Useful contacts\n\n`
    Fix:
        Empty the lines (offered as a safe fix).
    """

    code = "CL705"
    name = "whitespace-only-lines"
    title = "Lines of only spaces"
    severity = Severity.INFO
    fixable = True

    def check(self, ctx: Context) -> Iterator[Report]:
        hits = [(h.start(1) - 1, h.end(1) - 1) for h in _LINE.finditer("\n" + ctx.text.replace("\r", "\n"))]
        hidden = ctx.document.source.hidden
        if hidden:  # a suppression comment, blanked out for parsing, is not a blank line
            hits = [(s, e) for s, e in hits if not any(a < e and s < b for a, b in hidden)]
        if hits and ctx.code_spans():  # a blank line of a code block is code, compared as code
            hits = [(s, e) for s, e in hits if not ctx.in_code(s, s)]
        if not hits:
            return
        position = ctx.document.source.position
        lines = [position(start)[0] for start, _ in hits]
        spans = _ranges(lines)
        where = ", ".join(f"{a}–{b}" if a != b else str(a) for a, b in spans[:5])
        more = f" and {len(spans) - 5} more places" if len(spans) > 5 else ""
        count = len(hits)
        yield ctx.report(*hits[0],
                         f"{count} line{'s' if count != 1 else ''} with only spaces or tabs "
                         f"(line{'s' if count != 1 else ''} {where}{more})",
                         fix=Fix("Empty the lines", tuple(Edit(start, end, "") for start, end in hits), safe=True),
                         subject=f"whitespace|{count}")


def _ranges(lines: list[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for line in lines:
        if spans and spans[-1][1] == line - 1:
            spans[-1] = (spans[-1][0], line)
        else:
            spans.append((line, line))
    return spans
