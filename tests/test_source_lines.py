"""Source.line_bounds: the line holding an offset, for any mix of line breaks."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from canonlint.source import Source

_LINE = re.compile(r"[^\r\n]*(\r\n|\r|\n|$)")


def _lines(text):
    """(start, end before its break, end after its break) of every line, as a reader sees them."""
    lines, pos = [], 0
    while True:
        match = _LINE.match(text, pos)
        lines.append((pos, match.start(1), match.end()))
        if match.end() == len(text):
            if match.group(1):
                lines.append((len(text), len(text), len(text)))  # the empty line after a final break
            return lines
        pos = match.end()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "bc", " ", "\n", "\r", "\r\n", "\n\n", "é", "\t"]), max_size=30).map("".join))
def test_line_bounds_is_the_line_holding_the_offset(text):
    source = Source.from_text("e.txt", text)
    for start, end, after in _lines(text):
        for offset in range(start, max(after, start + 1)):
            if offset <= len(text):
                assert source.line_bounds(offset) == (start, end), (text, offset)


def test_offsets_outside_the_text_are_its_first_and_last_lines():
    source = Source.from_text("e.txt", "one\r\ntwo\n")
    assert source.line_bounds(-5) == (0, 3)
    assert source.line_bounds(99) == (9, 9)
    assert Source.from_text("e.txt", "").line_bounds(0) == (0, 0)
