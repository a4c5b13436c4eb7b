from __future__ import annotations

import re
from collections.abc import Iterator

from lint.finding import Edit, Fix, Report, Severity
from lint.rule import Context, Rule

__all__ = ["BrokenHyphenation"]

# Each starts with the hyphen, look-behind after it, so that the scan jumps from one
# hyphen to the next instead of trying the pattern at every character (or every space).
_SPACE_AFTER = re.compile(r"-(?<=[^\W\d_]-)[ \t]+(?=[^\W\d_])")
_HYPHEN_AFTER_SPACE = re.compile(r"-(?<=[ \t]-)(?=[^\W\d_])")  # the end of `day-to -day`
_LETTER = re.compile(r"[^\W\d_]")


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
        if "-" not in text:
            return
        hits = sorted([*(m.span() for m in _SPACE_AFTER.finditer(text)), *_spaces_before(text)])
        for hit_start, hit_end in hits:
            start = hit_start
            while start > 0 and not text[start - 1].isspace():
                start -= 1
            end = hit_end
            while end < len(text) and not text[end].isspace():
                end += 1
            written = text[start:end]
            yield ctx.report(hit_start, hit_end, f"hyphenated word broken by a space: '{written}'",
                             found=written, fix=Fix("Join the word", (Edit(hit_start, hit_end, "-"),), safe=True),
                             subject=written)


def _spaces_before(text: str) -> Iterator[tuple[int, int]]:
    """Spans of a letter's trailing spaces or tabs and the hyphen after them, where a letter
    follows the hyphen (`day-to -day`): what the pattern
    `(?<=[^\\W\\d_])[ \\t]+-(?=[^\\W\\d_])` finds, found from the hyphens backwards."""
    for hyphen in _HYPHEN_AFTER_SPACE.finditer(text):
        start = hyphen.start()
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        if start > 0 and _LETTER.match(text, start - 1):
            yield start, hyphen.end()
