"""Property tests of `--fix`: on an edition with defects mixed into it, one run reaches the
fixed point (a second run finds nothing to fix), and the text is byte for byte the same
outside the places where defects were put.

The editions are the samples as their own fixes leave them, with defects put in at drawn
places: the triggers found by fuzzing (a line of only U+202F; `day-to‐ day` with U+2010)
and the defects the fixable rules report (markup, run-in headings, doubled bullets, empty
bullets, broken hyphens, paragraphs split, look-alike characters, blank-looking lines).

`CANONLINT_EXAMPLES=2000 python -m pytest tests/test_fix_properties.py` searches longer.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from canonlint.run.fixes import apply_fixes, fix_until_settled
from tests.conftest import sample_text

EXAMPLES = max(10, int(os.environ.get("CANONLINT_EXAMPLES", "150")) // 5)
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
SAMPLES = ("bexley", "havering", "kensington-and-chelsea", "tower-hamlets", "westminster")


@dataclass(frozen=True)
class Defect:
    """A defect put in at the first place at or after an offset that pattern matches:
    the match (group "at" if the pattern has one) is replaced by replace(match text)."""

    name: str
    pattern: re.Pattern
    replace: Callable[[str], str]


def _defect(name: str, pattern: str, replace: Callable[[str], str]) -> Defect:
    return Defect(name, re.compile(pattern, re.M), replace)


DEFECTS = (
    _defect("line of only U+202F", r"^(?=\S)", lambda s: "\u202f\n"),
    _defect("line of blanks", r"^(?=\S)", lambda s: " \t \n"),
    _defect("U+2010 and a space in a hyphenated word", r"(?<=\w)-(?=\w)", lambda s: "\u2010 "),
    _defect("hyphen then space", r"(?<=\w)-(?=\w)", lambda s: "- "),
    _defect("space then hyphen", r"(?<=\w)-(?=\w)", lambda s: " -"),
    _defect("bold word", r"\b[a-z]{4,}\b", lambda s: f"**{s}**"),
    _defect("emphasised word", r"\b[a-z]{4,}\b", lambda s: f"*{s}*"),
    _defect("footnote mark", r"(?<=[a-z])(?=[ .,])", lambda s: "^{*}"),
    _defect("heading run into its text", r"^[A-Z][^\n]{2,60}(?P<at>\n\n)(?=[A-Z])", lambda s: " "),
    _defect("doubled bullet", r"^- (?=\w)", lambda s: "- * "),
    _defect("empty bullet", r"^- [^\n]*\n(?=\n)", lambda s: s + "-\n"),
    _defect("paragraph split", r"(?<=[a-z]) (?=[a-z]{3,} [a-z])", lambda s: "\n\n"),
    _defect("U+2212 minus", r"(?<= or )-(?=\d)", lambda s: "\u2212"),
    _defect("no-break space", r"(?<=[a-z]) (?=[a-z])", lambda s: "\u00a0"),
    _defect("ligature", r"fi", lambda s: "\ufb01"),
)


@cache
def _settled_sample(name: str, lint, unsafe: bool) -> str:
    """A sample as its own fixes leave it: the base the defects are put into."""
    return fix_until_settled(sample_text(name), lint(sample_text(name)), lint, unsafe).text


def _put_in(text: str, chosen: list[tuple[Defect, int]]) -> tuple[str, list[tuple[int, int]]]:
    """text with the defects put in (from the last place back, so that each offset is the
    base's), and the base's spans that were replaced."""
    places = []
    for defect, offset in chosen:
        match = defect.pattern.search(text, offset % max(1, len(text)))
        if match is not None:
            group = "at" if "at" in defect.pattern.groupindex else 0
            places.append((match.start(group), match.end(group), defect.replace(match.group(group))))
    places.sort(reverse=True)
    spans, edited, floor = [], text, len(text) + 1
    for start, end, replacement in places:
        if end > floor:  # overlaps the one after it
            continue
        edited = edited[:start] + replacement + edited[end:]
        spans.append((start, end))
        floor = start
    return edited, spans


def _changed_lines(before: str, after: str) -> list[tuple[int, int]]:
    """The line ranges of before that differ in after."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(True), after.splitlines(True), autojunk=False)
    return [(i1, i2) for tag, i1, i2, _, _ in matcher.get_opcodes() if tag != "equal"]


def _near(text: str, spans: list[tuple[int, int]]) -> set[int]:
    """The lines of text that spans touch, the line on either side, and the blank lines
    next to those (a diff may show a blank line added anywhere in a run of them)."""
    lines = text.splitlines(True)
    near = {line + d for start, end in spans
            for line in range(text.count("\n", 0, start), text.count("\n", 0, end) + 1) for d in (-1, 0, 1)}
    for line in list(near):
        for step in (-1, 1):
            at = line + step
            while 0 <= at < len(lines) and not lines[at].strip():
                near.add(at)
                at += step
    return near


@SETTINGS
@given(st.sampled_from(SAMPLES),
       st.lists(st.tuples(st.sampled_from(DEFECTS), st.integers(0, 10**6)), min_size=1, max_size=6),
       st.booleans())
@example("westminster", [(DEFECTS[0], 5000)], False)
@example("havering", [(DEFECTS[2], 3000)], False)
def test_one_fix_run_reaches_the_fixed_point_and_changes_nothing_else(lint, name, chosen, unsafe):
    base = _settled_sample(name, lint, unsafe)
    edition, spans = _put_in(base, chosen)
    fixed = fix_until_settled(edition, lint(edition), lint, unsafe)
    assert fixed.settled
    again = lint(fixed.text)
    assert apply_fixes(fixed.text, again, unsafe).text == fixed.text, [f.rule for f in again if f.fix]
    # Outside the lines where defects were put (and the line on either side, which a
    # joined paragraph or a blank line takes in), the text is the base's, byte for byte.
    near = _near(base, spans)
    for first, last in _changed_lines(base, fixed.text):
        touched = set(range(first, last)) or {first}  # an insertion: before line first
        assert touched <= near, (first, last, base.splitlines(True)[max(0, first - 1):last + 1])


PIECES = ("<!-- canonlint: disable=CL701 -->\n", "<!-- canonlint: enable -->",
          "\u202f", "\u202f\n", "\u2010", "\u2010 ", "- ", " -", "-", "**", "*", "_", "^{*}", "\n", "\n\n", " ",
          "\t", "\u2212", "\u00a0", "\ufb01", "#", "# ", "|", "1. ", "- * ", "day-to-day", "pan-London", "'", "\r")


@SETTINGS
@given(st.sampled_from(SAMPLES),
       st.lists(st.tuples(st.integers(0, 10**6), st.lists(st.sampled_from(PIECES), min_size=1, max_size=4)),
                min_size=1, max_size=8),
       st.sampled_from(["edition.txt", "edition.md"]), st.booleans())
def test_a_second_fix_run_changes_nothing_whatever_was_mixed_in(lint, name, insertions, path, unsafe):
    """Pieces of the triggers mixed in anywhere, into the samples as they are, read as
    plain text or as Markdown, with the safe fixes or all of them."""
    text = sample_text(name)
    for offset, pieces in insertions:
        at = offset % (len(text) + 1)
        text = text[:at] + "".join(pieces) + text[at:]

    def check(edition: str):
        return lint(edition, path=path)

    fixed = fix_until_settled(text, check(text), check, unsafe)
    assert fixed.settled
    again = check(fixed.text)
    assert apply_fixes(fixed.text, again, unsafe).text == fixed.text, [f.rule for f in again if f.fix]
