from __future__ import annotations

import re
from collections.abc import Iterator

from lint.finding import Edit, Fix, Report, Severity
from lint.rule import Context, Rule

__all__ = ["BrokenHyphenation"]

# Each starts with the character it needs, look-behind after it, so that the scan jumps
# from one candidate to the next instead of trying the look-behind everywhere.
_SPACE_AFTER = re.compile(r"-(?<=[^\W\d_]-)[ \t]+(?=[^\W\d_])")
_SPACE_BEFORE = re.compile(r"[ \t](?<=[^\W\d_][ \t])[ \t]*-(?=[^\W\d_])")


class BrokenHyphenation(Rule):
    r"""A hyphenated word broken by a space: `day-to -day`, `pan- London`.

    What it checks:
        A hyphen with a space on one side only, between two letters — what a PDF
        conversion leaves where a word was hyphenated across a line end. A dash with
        spaces on both sides (`CPEGs - in some areas`) is punctuation, not reported; nor
        is a sign before a figure (`or -2.7%`).
    Why it matters:
        The broken word reads as two; readers stumble, and search misses the phrase.
    Example:
        Fails: `in the day-to-day activity` → `in the day-to -day activity`
        Passes: `in the day-to-day activity` → `in the day to day activity`
    Fix:
        Remove the space (offered as a safe fix).
    """

    code = "CL702"
    name = "broken-hyphenation"
    severity = Severity.WARNING
    fixable = True

    def check(self, ctx: Context) -> Iterator[Report]:
        text = ctx.text
        hits = sorted([*_SPACE_AFTER.finditer(text), *_SPACE_BEFORE.finditer(text)], key=lambda m: m.start())
        for hit in hits:
            start = hit.start()
            while start > 0 and not text[start - 1].isspace():
                start -= 1
            end = hit.end()
            while end < len(text) and not text[end].isspace():
                end += 1
            written = text[start:end]
            yield ctx.report(hit.start(), hit.end(), f"hyphenated word broken by a space: '{written}'",
                             found=written, fix=Fix("Join the word", (Edit(hit.start(), hit.end(), "-"),), safe=True),
                             subject=written)
