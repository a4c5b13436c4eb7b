"""The exact-token scan's shortcuts (the memo, line-by-line reading, the digit-first
pattern) find what one plain pass of the token pattern finds."""

from __future__ import annotations

import random

import pytest

from canonlint import exact_tokens
from canonlint.text_memo import ENTRY_COST
from canonlint.exact_tokens import (_PATTERNS, _TOKEN, _TRAILING, exact_tokens_by_line, find_exact_tokens, phone_numbers,
                               scan_exact_tokens)


def _plain(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, str, int]]:
    """The token pattern run once over text[start:end], as the scan was first written."""
    found = []
    for match in _TOKEN.finditer(text, start, len(text) if end is None else end):
        kind = _PATTERNS[int(match.lastgroup[1:])][0]
        value = match.group(0).rstrip(_TRAILING)
        if kind == "figure" and not any(c.isdigit() for c in value):
            continue
        found.append((kind, value, match.start()))
    return found


_PIECES = ["0", "1.", "2,", "3)", ": ", ";", ".\n", "1", "2", "7", "9", "999", "020 7202 0063", "0845-303-0900", "12,345.6", "%", " %", ".", ",",
           "-", " ", "\t", "\n", "\r\n", "a", "x", "_", "@", "kit.malthouse@london.gov.uk", "www.", "www", "http://",
           "www.met.police.uk/{slug}", "/", ":", ")", ";", "+", "b.co", "first.last-name%x+y", "abcdefghij" * 7,
           "HTTPS://", "https://x.org/a?b=1", "\u0663", "\u00b2", "\u00e9", "\u2022"]


def _texts(count: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    texts = ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 40))) for _ in range(count)]
    texts += [("line 020 7202 0063 and 1,234 offences or -2.7%\n" * 30) + "x" * 1200 + " 999\n"]
    return texts


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_scan_finds_what_the_plain_pattern_finds(seed):
    texts = _texts(3000, seed)
    for text in texts:
        third = len(text) // 3
        for start, end in ((0, None), (third, None), (0, 2 * third), (third, 2 * third)):
            expected = _plain(text, start, end)
            assert scan_exact_tokens(text, start, end) == expected, (text, start, end)
            assert [(t.kind, t.text, t.start) for t in find_exact_tokens(text, start, end)] == expected
        by_line = [(kind, value, line_start + at) for line_start, tokens in exact_tokens_by_line(text)
                   for kind, value, at in tokens]
        assert by_line == _plain(text), text
        assert phone_numbers(text) == [(value, at) for kind, value, at in _plain(text) if kind == "phone number"]


def test_memo_stays_bounded_and_answers_the_same():
    memo = exact_tokens._MEMO
    texts = _texts(3 * memo.generation // 200 + 10, 4)  # lines of ~60 characters, three generations' worth
    first = [scan_exact_tokens(t) for t in texts]
    assert memo.old, "the texts should fill more than one generation"
    held = sum(len(key) + ENTRY_COST for generation in (memo.recent, memo.old) for key in generation)
    assert held <= 2 * (memo.generation + memo.longest + ENTRY_COST)
    assert [scan_exact_tokens(t) for t in texts] == first
