"""Word tokens and their match keys: the unit that alignment compares.

A word is a maximal run of letters and digits. Its key is NFKC-normalised and case-folded,
so `Don’t`, `don't` and `don t` give the same keys (`don`, `t`), `day-to -day` and
`day to day` both give `day`, `to`, `day`, and markup (`**`, `^{*}`, `<b>`, a Markdown
link's target) gives none.
Every word keeps its character offsets in the original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import add, not_

from canonlint.text_memo import TextMemo

# Skipped as a whole: an HTML/XML tag (`<b>` is not the word "b") and the target of a
# Markdown link (`[text](https://…)` reads as its text).
_WORD_OR_TAG = re.compile(r"(</?[A-Za-z][^<>\n]{0,80}>|\]\([^()\s]*\))|([^\W_]+)")


def word_key(token: str) -> str:
    if token.isascii():
        return token.lower()
    return unicodedata.normalize("NFKC", token).casefold()


def block_signature(keys: Iterable[str]) -> str:
    """A block's word keys as one string, one key a line (no key holds a line break, nor
    does NFKC make one of a letter or digit: two blocks have one signature exactly when
    they have the same keys). A string keeps its hash; a tuple works it out at each lookup."""
    return "\n".join(keys)


def iter_words(text: str, start: int = 0, end: int | None = None):
    """Yield (key, start, end) for the words of text[start:end], offsets into text."""
    stop = len(text) if end is None else end
    for match in _WORD_OR_TAG.finditer(text, start, stop):
        if match.group(2) is not None:
            yield word_key(match.group(2)), match.start(), match.end()


def hidden_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The (start, end) offsets in text[start:end] of what iter_words skips as a whole."""
    stop = len(text) if end is None else end
    return [match.span() for match in _WORD_OR_TAG.finditer(text, start, stop) if match.group(1) is not None]


_ASCII_BYTES = bytes(range(128))
_ASCII_SEPARATORS = tuple(chr(c) for c in range(128) if not chr(c).isalnum() and c != 32)
_ASCII_KEYS = str.maketrans({chr(c): chr(c).lower() if chr(c).isalnum() else " " for c in range(128)})


def scan_words(text: str) -> tuple[list[str], list[int], list[int]] | None:
    """Keys, start offsets and end offsets of all the words of text, as iter_words gives
    them, in a few passes of C code: every character that is not a letter or digit
    becomes a space (lengths unchanged), the text is split on spaces, and offsets are
    running sums of the pieces' lengths. None when the text holds a `<` or `](` (a tag or
    a link target, which iter_words skips as a whole): then use iter_words."""
    if "<" in text or "](" in text:
        return None
    spaced = text
    if not spaced.isascii():  # its other characters, one of each: a few quotes or dashes
        others = spaced.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
        for char in set(others.decode("utf-8", "surrogatepass")):
            if not char.isalnum():  # what [^\W_] rejects
                spaced = spaced.replace(char, " ")
    lowered = spaced.isascii()
    if lowered:
        spaced = spaced.translate(_ASCII_KEYS)  # also lowered: its words are their keys
    else:
        for char in _ASCII_SEPARATORS:
            if char in spaced:
                spaced = spaced.replace(char, " ")
    pieces = spaced.split(" ")
    lengths = list(map(len, pieces))
    starts = list(compress(accumulate(map(add, lengths, repeat(1)), initial=0), lengths))
    tokens = list(filter(None, pieces))
    ends = list(map(add, starts, map(len, tokens)))
    return (tokens if lowered else word_keys(tokens)), starts, ends


def word_keys(tokens: list[str]) -> list[str]:
    """word_key of every token; ASCII tokens (nearly all) are lowered in one call."""
    if not tokens:
        return []
    joined = "\n".join(tokens)
    if joined.isascii():
        return joined.lower().split("\n")
    keys = list(map(str.lower, tokens))
    for index in compress(range(len(tokens)), map(not_, map(str.isascii, tokens))):
        keys[index] = word_key(tokens[index])
    return keys


_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u2212": "-", "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u00a0": " ", "\u202f": " ", "\u2007": " ",
})
_LINK = re.compile(r"!?\[([^\[\]\n]{0,300})\]\([^()\s]{0,2000}\)")  # an image's too
_MARKUP = re.compile(r"\*\*|__|\^\{[^{}\n]{0,20}\}|</?[A-Za-z][^<>\n]{0,80}>")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The display-neutral form of a piece of text: NFKC, straight quotes, ASCII minus,
    no-break spaces as spaces, emphasis/superscript/tag markup removed, Markdown links and
    images as their text, whitespace folded."""
    if len(text) <= 400:  # template text and short quotes recur in every edition
        return _normalise_short(text)
    return _normalise_long(text)


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _LINK.sub(r"\1", text)
    if "](" in text:  # a link around an image (a badge): the image went, the link goes
        text = _LINK.sub(r"\1", text)
    text = _MARKUP.sub("", text)
    return _SPACE.sub(" ", text).strip()


_normalise_short = lru_cache(maxsize=4096)(_normalise)
# A long run of text (an edition's unexpected copy of itself) is normalised for its message,
# its excerpt and its fingerprint in turn: looking it up costs far less than reading it again.
_normalise_long = TextMemo(_normalise, generation=1_000_000, longest=1_000_000).get
