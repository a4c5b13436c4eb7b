from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from canonlint.finding import Edit, Fix, Report, Severity
from canonlint.rule import Context, Rule
from canonlint.template import Template

__all__ = ["BrokenHyphenation"]

# Each starts with the hyphen, look-behind after it, so that the scan jumps from one
# hyphen to the next instead of trying the pattern at every character (or every space).
_SPACE_AFTER = re.compile(r"-(?<=[^\W\d_]-)[ \t]+(?=[^\W\d_])")
_HYPHEN_AFTER_SPACE = re.compile(r"-(?<=[ \t]-)(?=[^\W\d_])")  # the end of `day-to -day`
_LETTER = re.compile(r"[^\W\d_]")
_SPACED = re.compile(r"-(?<=[ \t]-)(?=[ \t])")  # a hyphen with a space on each side
_HYPHENATED = re.compile(r"(?<![^\W_])[^\W\d_]+(?:-[^\W\d_]+)+(?![^\W_])")
_WORD_BEFORE = re.compile(r"([^\W\d_]{1,30})[ \t]+-$")
_AROUND = 80  # how far from a spaced hyphen the template's hyphenated words are looked for


class BrokenHyphenation(Rule):
    r"""A hyphenated word broken by a space: `day-to -day`, `pan- London`.

    What it checks:
        A hyphen with a space on one side only, between two letters — what a PDF
        conversion leaves where a word was hyphenated across a line end. A hyphen with
        spaces on both sides is broken hyphenation where the template has the hyphenated
        word (`pan - London`, `day - to-day` for `pan-London`, `day-to-day`); elsewhere
        such a dash (`CPEGs - in some areas`) is punctuation, not reported; nor is a sign
        before a figure (`or -2.7%`). The broken word is claimed, as written: a web address
        broken so (`haveyoursay -businesses`) is reported here, not again as a changed
        address.
    Why it matters:
        The broken word reads as two; readers stumble, and search misses the phrase.
    Example:
        Fails: `in the day-to-day activity` → `in the day-to -day activity`
        Passes: `in the day-to-day activity` → `in the day to day activity`
    Fix:
        Remove the space (offered as a safe fix); a word the template has is written as
        the template writes it.
    """

    code = "CL702"
    name = "broken-hyphenation"
    title = "Hyphenated word broken apart"
    severity = Severity.WARNING
    prose = True
    fixable = True
    claims = True
    claim_rank = 1  # it says how a token was broken: exact-token-changed leaves the token to it

    def check(self, ctx: Context) -> Iterator[Report]:
        text = ctx.text
        if "-" not in text:
            return
        hits = sorted([*(m.span() for m in _SPACE_AFTER.finditer(text)), *_spaces_before(text)])
        words = _template_words(ctx.per_template(self.code, _hyphenated_words), text)
        for start, end, written, joined in words:
            yield ctx.report(start, end, f"hyphenated word broken by a space: '{written}' (the template has '{joined}')",
                             found=written, expected=joined,
                             fix=Fix("Join the word", (Edit(start, end, joined),), safe=True), subject=written)
        inside = [(start, end) for start, end, _, _ in words]
        for hit_start, hit_end in hits:
            if any(start <= hit_start and hit_end <= end for start, end in inside):
                continue  # part of a template word reported above
            start = hit_start
            while start > 0 and not text[start - 1].isspace():
                start -= 1
            end = hit_end
            while end < len(text) and not text[end].isspace():
                end += 1
            written = text[start:end]
            yield ctx.report(hit_start, hit_end, f"hyphenated word broken by a space: '{written}'",
                             found=written, fix=Fix("Join the word", (Edit(hit_start, hit_end, "-"),), safe=True),
                             subject=written, claim=(start, end))


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


@lru_cache(maxsize=1024)  # the template's own spaced dashes stand in every edition
def _word_before(window: str) -> str | None:
    """The letters (at most 30) right before the spaces before the hyphen that ends window."""
    found = _WORD_BEFORE.search(window)
    return found.group(1) if found is not None else None


def _hyphenated_words(template: Template) -> tuple[re.Pattern, frozenset[str]] | None:
    """The template's hyphenated words as one pattern that allows spaces or tabs around
    their hyphens, and the parts that come before a hyphen in them (once per run); None
    when it has none."""
    words = sorted({m.group(0) for m in _HYPHENATED.finditer(template.text)}, key=len, reverse=True)
    if not words:
        return None
    spaced = (r"[ \t]*-[ \t]*".join(map(re.escape, word.split("-"))) for word in words)
    pattern = re.compile(r"(?<![^\W_])(?:" + "|".join(spaced) + r")(?![^\W_])", re.IGNORECASE)
    return pattern, frozenset(part.casefold() for word in words for part in word.split("-")[:-1])


def _template_words(hyphenated: tuple[re.Pattern, frozenset[str]] | None, text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, as written, joined) of each of the template's hyphenated words written
    with a space on both sides of a hyphen, looked for only near such a hyphen after a
    part of one of them. Joined is the word with those spaces removed: the template's
    form where only spacing differs."""
    found: list[tuple[int, int, str, str]] = []
    if hyphenated is None:
        return found
    pattern, parts = hyphenated
    for spaced in _SPACED.finditer(text):
        if found and spaced.start() < found[-1][1]:
            continue  # a second spaced hyphen of a word already found
        before = _word_before(text[max(0, spaced.start() - 40) : spaced.end()])
        if before is None or before.casefold() not in parts:
            continue
        lo = max(0, spaced.start() - _AROUND, found[-1][1] if found else 0)
        for word in pattern.finditer(text, lo, min(len(text), spaced.end() + _AROUND)):
            if word.start() <= spaced.start() < word.end():
                written = word.group(0)
                found.append((word.start(), word.end(), written, re.sub(r"[ \t]*-[ \t]*", "-", written)))
                break
    return found
