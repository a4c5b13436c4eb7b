"""Exact tokens: the parts of shared text that must match the template to the character.

Addresses, e-mail addresses, phone numbers and figures are where a one-character change
misleads a reader while the paragraph around it still scores 99 % similar. The template
marks them once per run; the altered-text rule leaves them to the exact-token rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import accumulate, compress, repeat
from operator import is_
from dataclasses import dataclass

from canonlint.text_memo import TextMemo

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
    return [ExactToken(kind, value, at, at + len(value)) for kind, value, at in scan_exact_tokens(text, start, end)]


def scan_exact_tokens(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, str, int]]:
    """find_exact_tokens as (kind, text, start offset into text), without making objects."""
    end = len(text) if end is None else end
    if end - start < _MEMO_TEXT:
        return _offset(_tokens(_key(text, start, end)), start)
    # No token holds a line break, and to every pattern a line break looks like the start
    # of the text: a long stretch is read line by line, most lines from the memo.
    if start == 0 and end == len(text):
        return [token for line_start, tokens in exact_tokens_by_line(text) for token in _offset(tokens, line_start)]
    found: list[tuple[str, str, int]] = []
    for line in _LINE.finditer(text, start, end):
        lo, hi = line.span()
        found += _offset(_tokens(_key(text, lo, hi)), lo)
    return found


def _key(text: str, start: int, end: int) -> str:
    """What the patterns see of text[start:end]: it and the character before it (a line
    break at the start of the text), as _tokens takes it."""
    return text[start - 1 : end] if start > 0 else "\n" + text[:end]


def exact_token_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The (start, end) offsets of each token scan_exact_tokens finds in text[start:end]."""
    return [(at, at + len(value)) for _, value, at in scan_exact_tokens(text, start, end)]


def exact_tokens_by_line(text: str) -> list[tuple[int, tuple[tuple[str, str, int], ...]]]:
    """The exact tokens of a whole text as (line start, its tokens as (kind, text, offset
    from the line start)), for the lines that hold any. A rule that wants a few of them
    filters before making offsets. The lines are looked up in the memo all at once
    (C-speed maps), and only the lines not in it are scanned."""
    if "\r" in text:  # seldom: line by line
        found = ((line.start(), _tokens("\n" + line.group(0))) for line in _LINE.finditer(text))
        return [(start, tokens) for start, tokens in found if tokens]
    keys = list(map("\n".__add__, text.split("\n")))  # the keys _tokens makes for these lines
    starts = accumulate(map(len, keys), initial=0)  # a key is its line and one line break
    found_by_line = list(map(_MEMO.recent.get, keys))
    # One pass over the lines the memo lacked (a search for the next one from the start
    # each time was quadratic in the lines of a new text: 40,000 took 9 s).
    for missing in compress(range(len(keys)), map(is_, found_by_line, repeat(None))):
        found_by_line[missing] = _tokens(keys[missing])
    return list(compress(zip(starts, found_by_line), found_by_line))


def phone_numbers(text: str) -> list[tuple[str, int]]:
    """The phone numbers among the exact tokens of a whole text, as (text, start offset):
    only the lines where a phone number can start are read (a '0' and a digit, or '999',
    with no word character or dot before), found by patterns that start with a literal."""
    if "\r" in text:  # seldom: every line
        return [(value, line_start + at) for line_start, tokens in exact_tokens_by_line(text)
                for kind, value, at in tokens if kind == "phone number"]
    lines = sorted({(text.rfind("\n", 0, match.start()) + 1, match.end())
                    for pattern in _PHONE_STARTS for match in pattern.finditer(text)})
    found = []
    for line_start, line_end in lines:
        tokens = _tokens("\n" + text[line_start:line_end])
        found += [(value, line_start + at) for kind, value, at in tokens if kind == "phone number"]
    return found


# Where a phone number can start (see _PATTERNS), each written with its literal first so
# that the scan jumps from one '0' or '999' to the next; and the rest of its line, so that
# the scan goes on from the next line.
_PHONE_STARTS = (re.compile(r"0(?<![\w.]0)\d[^\n]*"), re.compile(r"999(?<![\w.]999)[^\n]*"))


def _offset(found: tuple[tuple[str, str, int], ...], start: int) -> list[tuple[str, str, int]]:
    return [(kind, value, start + at) for kind, value, at in found]


def _tokens(key: str) -> tuple[tuple[str, str, int], ...]:
    """(kind, text, offset) of the tokens in key[1:], key[0] being the character before it
    (the patterns' look-behinds reach one character back; a line break stands for the start
    of the text). A shared paragraph or line that reads the same in many editions is
    scanned once per run. A longer one (a flattened section's line) is read sentence by
    sentence, each from the memo."""
    if len(key) <= _MEMO_TEXT:
        return _MEMO.get(key)
    return _sentence_tokens(key)


def _sentence_tokens(key: str) -> tuple[tuple[str, str, int], ...]:
    """_tokens(key), reading key[1:] in pieces cut after each full stop that a space or tab
    follows, and then neither a digit nor '%'. No token holds that space (a space or tab
    in one is followed by a digit, in a phone number, or by '%', in a figure), and to
    every pattern a space before a piece looks like the line break before a key; the
    pieces' tokens are the key's. What many editions share, sentence by sentence, is
    read once per run."""
    found: list[tuple[str, str, int]] = []
    lo = 1
    for cut in _SENTENCE_END.finditer(key, 1):
        found += _offset(_MEMO.get(key[lo - 1 : cut.end()]), lo - 1)
        lo = cut.end()
    if lo < len(key):
        found += _offset(_MEMO.get(key[lo - 1 :]), lo - 1)
    return tuple(found)


_SENTENCE_END = re.compile(r"\.[ \t](?![\d%])")


_LINE = re.compile(r"[^\r\n]+")
_MEMO_TEXT = 1000
_MEMO: TextMemo[tuple[tuple[str, str, int], ...]] = TextMemo(lambda key: _scan(key, 1, len(key)), 500_000, _MEMO_TEXT)


def _scan(text: str, start: int, end: int) -> tuple[tuple[str, str, int], ...]:
    """(kind, text, offset from start) of each exact token in text[start:end]."""
    found = []
    if text.find("@", start, end) >= 0 or text.find("www.", start, end) >= 0 or text.find("http", start, end) >= 0:
        matches, kinds = _candidate_matches(text, start, end), _KINDS
    else:
        # Only a phone number or a figure can match: the same patterns, started at a digit.
        matches, kinds = _NUMBER.finditer(text, start, end), _NUMBER_KINDS
    for match in matches:
        kind = kinds[match.lastgroup]
        value = match.group(0).rstrip(_TRAILING)
        if kind == "figure" and not value[:1].isdigit() and not any(c.isdigit() for c in value):
            continue
        found.append((kind, value, match.start() - start))
    return tuple(found)


def _candidate_matches(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """_TOKEN.finditer(text, start, end), trying the pattern only where a token can start:
    at a digit with no word character or dot before it, at 'http' and 'www.', and, for
    each '@', at the start of the run of address characters before it (an e-mail
    address's look-behind fails anywhere inside that run)."""
    candidates = [digit.start() for digit in _NUMBER_START.finditer(text, start, end)]
    for literal in ("http", "www."):
        at = text.find(literal, start, end)
        while at >= 0:
            candidates.append(at)
            at = text.find(literal, at + 1, end)
    at = text.find("@", start, end)
    while at >= 0:
        run = at
        while run > start and text[run - 1] in _ADDRESS_CHARACTERS:
            run -= 1
        candidates.append(run)
        at = text.find("@", at + 1, end)
    after = start  # where the last match ended: the scan goes on from there
    for candidate in sorted(set(candidates)):
        if candidate >= after:
            match = _TOKEN.match(text, candidate, end)
            if match is not None:
                yield match
                after = match.end()


_NUMBER_START = re.compile(r"\d(?<![\w.]\d)")
_ADDRESS_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-")
_KINDS = {f"k{i}": kind for i, (kind, _) in enumerate(_PATTERNS)}
# Trying every pattern at every character is slow. Without an '@', 'www.' or 'http', only
# the phone number and figure patterns can match, and each starts with a digit that has no
# word character or dot before it. Written digit first (its look-behind after it), they
# let the scan jump from digit to digit; the alternatives are tried in _PATTERNS' order,
# so the matches are the same (tests/test_exact_tokens.py compares them).
_NUMBER = re.compile(
    r"\d(?<![\w.]\d)(?:"
    r"(?<=0)(?P<phone>\d{1,4}(?:[ \-]?\d{2,5}){1,3}\b)|(?<=9)(?P<emergency>99\b)"  # phone number
    r"|(?P<figure>[\d,]*(?:\.\d+)?(?:[ \t]?%)?))"
)
_NUMBER_KINDS = {"phone": "phone number", "emergency": "phone number", "figure": "figure"}


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


def reads_as(text: str, start: int, expected: str, kind: str) -> bool:
    """Whether text holds expected at start as one whole token of its kind — found there
    by the same scan, not run into what stands around it (a digit or letter that lengthens
    it, the `+` of an international prefix before a phone number): what a fix must leave."""
    stop = start + len(expected)
    before = text[start - 1 : start]
    if before.isalnum() or before == "_" or (kind == "phone number" and before == "+"):
        return False
    line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    line_end = min((at for at in (text.find("\n", stop), text.find("\r", stop)) if at >= 0), default=len(text))
    return any(found_kind == kind and at == start and at + len(value) == stop
               for found_kind, value, at in scan_exact_tokens(text, line_start, line_end))
