"""Whitespace folding, as readers lay text out: the folded text, and where an offset of the
original text stands in it (a link's start, a pending change's place).

Folded, each run of whitespace is one space and none stands at either end; with
keep_lines, each line is folded so and the line breaks are kept (a PDF paragraph's lines,
paragraphs typed as lines)."""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD_OR_BREAK = re.compile(r"\S+|\n")


def fold(text: str, keep_lines: bool = False) -> str:
    """text with its whitespace folded (each line's, with keep_lines)."""
    if keep_lines:
        return "\n".join(" ".join(line.split()) for line in text.split("\n"))
    return " ".join(text.split())


def folded_offsets(text: str, offsets: Iterable[int], keep_lines: bool = False,
                   points: bool = False) -> dict[int, int]:
    """Where each offset of text stands in fold(text, keep_lines): inside a word, at the same
    place in that word; in blank space, where the next word starts (past the last word, at
    the folded text's end). An offset right after a word goes to the next word when it
    starts a span (a link's text: its first word), and stays right after the word with
    points (a place between two characters: where a change was made). One pass over
    text's words, however many offsets."""
    wanted = sorted(set(offsets))
    placed: dict[int, int] = {}
    length, at = 0, 0  # the folded text's length so far; the next offset to place
    line_has_words = False
    for token in _WORD_OR_BREAK.finditer(text if keep_lines else text.replace("\n", " ")):
        if token.group() == "\n":
            length, line_has_words = length + 1, False
            continue
        word_at = length + (1 if line_has_words else 0)  # a space before every word but a line's first
        end = token.end() + (1 if points else 0)
        while at < len(wanted) and wanted[at] < end:
            placed[wanted[at]] = word_at + max(0, wanted[at] - token.start())
            at += 1
        length, line_has_words = word_at + len(token.group()), True
    for offset in wanted[at:]:
        placed[offset] = length
    return placed


def folded_links(text: str, links: tuple[tuple[int, int, str], ...]) -> tuple[tuple[int, int, str], ...]:
    """links, spans of text, as spans of fold(text), as a block of one line is laid out; a
    link whose text is all blank is left out."""
    folded = folded_offsets(text, (start for start, _, _ in links))
    placed = []
    for start, end, target in links:
        words = fold(text[start:end])
        if words:
            placed.append((folded[start], folded[start] + len(words), target))
    return tuple(placed)
