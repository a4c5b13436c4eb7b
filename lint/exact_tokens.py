"""Exact tokens: the parts of shared text that must match the template to the character.

Addresses, e-mail addresses, phone numbers and figures are where a one-character change
misleads a reader while the paragraph around it still scores 99 % similar. The template
marks them once per run; the altered-text rule leaves them to the exact-token rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PATTERNS = (
    # Bounded and anchored at a word start, so a long run of dots or hyphens stays linear.
    ("e-mail address", r"(?<![\w.%+\-])[A-Za-z0-9][A-Za-z0-9._%+\-]{0,63}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,8}"),
    ("web address", r"(?:https?://|www\.)[A-Za-z0-9\-._~/%?#=&+:{}]+"),
    ("phone number", r"(?<![\w.])0\d{1,4}(?:[ \-]?\d{2,5}){1,3}\b|(?<![\w.])999\b"),
    ("figure", r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?:[ \t]?%)?"),
)
_TOKEN = re.compile("|".join(f"(?P<k{i}>{p})" for i, (_, p) in enumerate(_PATTERNS)))
_TRAILING = ".,;:)"


@dataclass(frozen=True)
class ExactToken:
    kind: str    # "web address", "e-mail address", "phone number", "figure"
    text: str
    start: int
    end: int


def find_exact_tokens(text: str, start: int = 0, end: int | None = None) -> list[ExactToken]:
    """Exact tokens in text[start:end], offsets into text, leftmost-longest, no overlaps."""
    end = len(text) if end is None else end
    if end - start < _MEMO_TEXT:
        return _tokens(text, start, end)
    # No token holds a line break, and to every pattern a line break looks like the start
    # of the text: a long stretch is read line by line, most lines from the memo.
    return [token for line in _LINE.finditer(text, start, end) for token in _tokens(text, *line.span())]


def _tokens(text: str, start: int, end: int) -> list[ExactToken]:
    # What the patterns see is text[start:end] and the one character before it (their
    # look-behinds reach one character back), so a shared paragraph that reads the same
    # in many editions is scanned once per run.
    key = (text[start - 1 : end] if start > 0 else "\n" + text[:end]) if end - start < _MEMO_TEXT else None
    global _memo, _older
    found = None
    if key is not None:
        found = _memo.get(key)
        if found is None:
            found = _older.get(key)
            if found is not None:
                _memo[key] = found
    if found is None:
        found = _scan(text, start, end)
        if key is not None:
            if len(_memo) >= _MEMO_ENTRIES:  # two generations: what recurs stays, the rest goes
                _memo, _older = {}, _memo
            _memo[key] = found
    return [ExactToken(kind, value, start + at, start + at + len(value)) for kind, value, at in found]


_LINE = re.compile(r"[^\r\n]+")
_MEMO_TEXT = 1000     # longer stretches are scanned each time
_MEMO_ENTRIES = 4096
_memo: dict[str, tuple[tuple[str, str, int], ...]] = {}
_older: dict[str, tuple[tuple[str, str, int], ...]] = {}


def _scan(text: str, start: int, end: int) -> tuple[tuple[str, str, int], ...]:
    """(kind, text, offset from start) of each exact token in text[start:end]."""
    found = []
    for match in _TOKEN.finditer(text, start, end):
        kind = _PATTERNS[int(match.lastgroup[1:])][0]
        value = match.group(0).rstrip(_TRAILING)
        if kind == "figure" and not any(c.isdigit() for c in value):
            continue
        found.append((kind, value, match.start() - start))
    return tuple(found)


def same_token(kind: str, expected: str, found: str) -> bool:
    """Whether found is an acceptable spelling of expected: a web address's host is
    case-insensitive; everything else must match exactly."""
    if kind == "web address":
        exp_host, _, exp_path = expected.partition("/")
        got_host, _, got_path = found.partition("/")
        return exp_host.lower() == got_host.lower() and exp_path == got_path
    if kind == "e-mail address":
        return expected.lower() == found.lower()
    return expected == found
