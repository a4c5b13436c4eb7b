"""Readings of text kept by content, so that what many editions share is read once per run.

A TextMemo holds what one pure function of the text made of each piece it was given (a
paragraph's blocks and words, a line's exact tokens), in two generations: when the recent
generation has held its share of characters it becomes the old one and the old one is
dropped; a piece found in the old one moves to the recent. Memory stays flat over any run,
and what every edition shares stays. `clear_all` empties every memo: the benchmark uses it
to time a check with nothing carried over from an earlier edition.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

ENTRY_COST = 100  # characters an entry counts for besides its text: a short piece still costs

_MEMOS: weakref.WeakSet[TextMemo] = weakref.WeakSet()


class TextMemo(Generic[T]):
    """read(text) by content. `recent` may be read directly (e.g. `map(memo.recent.get,
    pieces)`) to look many pieces up at C speed; what it lacks comes from `get`."""

    __slots__ = ("__weakref__", "generation", "held", "longest", "old", "read", "recent")

    def __init__(self, read: Callable[[str], T], generation: int, longest: int):
        self.read = read
        self.generation = generation  # characters a generation holds
        self.longest = longest        # longer pieces are read each time, not kept
        self.recent: dict[str, T] = {}
        self.old: dict[str, T] = {}
        self.held = 0
        _MEMOS.add(self)

    def get(self, text: str) -> T:
        found = self.recent.get(text)
        if found is not None:
            return found
        found = self.old.get(text)
        if found is None:
            found = self.read(text)
            if len(text) > self.longest:
                return found
        if self.held >= self.generation:
            self.old, self.recent, self.held = self.recent, {}, 0
        self.recent[text] = found
        self.held += len(text) + ENTRY_COST
        return found

    def clear(self) -> None:
        self.recent, self.old, self.held = {}, {}, 0


def clear_all() -> None:
    """Forget every reading of every memo."""
    for memo in list(_MEMOS):
        memo.clear()
