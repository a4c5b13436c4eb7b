"""The alignment model: what the aligner found of each template block in one edition
(BlockMatch, SlotValue, WordDiff), what it left over (TextRun, Duplicate), where tables stand
(TableRegion), and the Alignment that holds them, with its read-only queries and the one
per-edition cache of readings derived from it."""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from operator import attrgetter, eq
from itertools import compress, repeat
from typing import TypeVar

from canonlint.template import Slot, TemplateBlock

T = TypeVar("T")

# Who an edition word belongs to, in Alignment.owner: a template block's index, or one of
# these. Only the aligner reads them; rules ask the Alignment's queries.
UNCLAIMED = -1
LOCAL = -2
TABLE = -3
DUPLICATE = -4


class Status(StrEnum):
    FOUND = "found"
    ALTERED = "altered"
    MOVED = "moved"
    MISSING = "missing"
    LOCAL = "local"


IN_PLACE = (Status.FOUND, Status.ALTERED)
LOCATED = frozenset((Status.FOUND, Status.ALTERED, Status.MOVED))  # found somewhere in the edition
_SLOTS = attrgetter("slots")


def needed_words(count: int, moved: bool = False) -> int:
    """How many of a block's `count` words must match for it to be found: nearly all of a
    short block (a few shared words such as "during 2009/10" turn up anywhere), half of a
    long one at its place, and more than half elsewhere (moved)."""
    if moved:
        return count if count < 5 else count - 1 if count < 10 else math.ceil(0.6 * count)
    if count <= 2:
        return count
    return count - 1 if count <= 5 else math.ceil(0.7 * count) if count < 10 else math.ceil(0.5 * count)


def end_before(matches, index: int, default: int = 0) -> int:
    """Where the nearest block before `index` that was found at its place ends (default if
    none). Looked up in place: rules ask for every list item of every edition."""
    for k in range(index - 1, -1, -1):
        match = matches[k]
        if match is not None and match.status in IN_PLACE:
            return match.end
    return default


def start_after(matches, index: int, default: int) -> int:
    """Where the nearest block after `index` that was found at its place starts."""
    for k in range(index + 1, len(matches)):
        match = matches[k]
        if match is not None and match.status in IN_PLACE:
            return match.start
    return default


@dataclass(frozen=True)
class WordDiff:
    """One difference inside a located block: template words [t_start, t_end) were
    written as edition words [e_start, e_end) (either side may be empty)."""

    t_start: int
    t_end: int
    e_start: int
    e_end: int


# SlotValue and BlockMatch are made for every slot and block of every edition: they are
# slotted, not frozen (a frozen dataclass costs six times as much to make). Read them only.
@dataclass(slots=True)
class SlotValue:
    slot: Slot
    value: str | None   # the text matching the slot's type, or None
    raw: str            # what stood in the slot's place, stripped
    start: int          # edition offsets of value (or raw when value is None)
    end: int


@dataclass(slots=True)
class BlockMatch:
    block: int
    status: Status
    score: float = 0.0               # matched words / template words
    first_word: int = -1             # edition word indices, inclusive; -1 when missing
    last_word: int = -1
    start: int = 0                   # edition offsets of the located text, or the
    end: int = 0                     # insertion point (start == end) when missing
    diffs: tuple[WordDiff, ...] = ()
    slots: tuple[SlotValue, ...] = ()

    @property
    def located(self) -> bool:
        return self.status in LOCATED


@dataclass(frozen=True)
class TextRun:
    """Consecutive edition words that no template block claimed."""

    first_word: int
    last_word: int
    start: int
    end: int
    section: int  # template section (level-1 heading index) it lies in


@dataclass(frozen=True)
class Duplicate:
    """A second copy of a shared block, found among the words no block claimed."""

    block: int
    first_word: int
    last_word: int
    start: int
    end: int


@dataclass(frozen=True)
class TableRegion:
    """Where a template table stands in the edition (offsets), and whether its rows are
    one per line as in the template."""

    table_id: int
    start: int
    end: int
    row_shaped: bool




class WordSections(Sequence[int]):
    """The template section (level-1 heading index) each edition word falls in, read as a
    sequence indexed by edition word: kept as where each block found at its place starts
    and its section, not one entry per word. A word takes the section of the last such
    block starting at or before it (of two starting at one word, the later section), the
    template's first section before any."""

    def __init__(self, count: int, first: int, starts: list[int], sections: list[int]) -> None:
        self._count, self._first, self._starts, self._sections = count, first, starts, sections

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, word):
        if isinstance(word, slice):
            return [self[w] for w in range(*word.indices(self._count))]
        if word < 0:
            word += self._count
        if not 0 <= word < self._count:
            raise IndexError("edition word out of range")
        at = bisect.bisect_right(self._starts, word) - 1
        return self._sections[at] if at >= 0 else self._first


@dataclass
class Alignment:
    """Where each template block stands in one edition. The lists are the aligner's and are
    read through the queries below; `memo` keeps readings derived from the alignment, once
    per edition, each under its user's namespace."""

    matches: list[BlockMatch]
    word_map: list[int]          # template word -> edition word, or -1
    owner: list[int]             # edition word -> template block, or UNCLAIMED/LOCAL/TABLE/DUPLICATE
    unexpected: list[TextRun] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    table_regions: dict[int, TableRegion] = field(default_factory=dict)
    word_sections: Sequence[int] = field(default_factory=list)  # edition word -> template section
    verbatim: frozenset[int] = frozenset()  # template blocks written in the edition exactly as in the template
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def memo(self, namespace: str, key: Hashable, compute: Callable[[], T]) -> T:
        """compute(), worked out once per edition for (namespace, key) and kept with the
        alignment; namespace names its user (a rule's code, a helper module), so no two
        users' keys meet."""
        slot = (namespace, key)
        try:
            return self._cache[slot]
        except KeyError:
            value = self._cache[slot] = compute()
            return value

    # -- blocks
    def match(self, block: TemplateBlock | int) -> BlockMatch:
        return self.matches[block if isinstance(block, int) else block.index]

    def is_verbatim(self, block: TemplateBlock | int) -> bool:
        """Whether a template block stands in the edition as one whole block written exactly
        as the template writes it (character for character): nothing in it to compare."""
        return (block if isinstance(block, int) else block.index) in self.verbatim

    def not_verbatim(self, blocks: Iterable[TemplateBlock]) -> list[TemplateBlock]:
        """The given template blocks, in their order, but those the edition writes verbatim
        (is_verbatim): the only ones a rule that compares text need walk."""
        verbatim = self.verbatim
        if not verbatim:
            return list(blocks)
        return [block for block in blocks if block.index not in verbatim]

    def insertion_point(self, index: int) -> int:
        """Where template block `index` belongs in the edition: the start of the next block
        found at its place, or else the end of the previous one."""
        after = start_after(self.matches, index, -1)
        return after if after >= 0 else end_before(self.matches, index)

    # -- words
    def edition_word(self, template_word: int) -> int | None:
        """The edition word a template word aligned with, or None."""
        j = self.word_map[template_word]
        return j if j >= 0 else None

    def edition_words(self, template_words: slice | list[int] | range) -> list[int]:
        """The edition words the given template words aligned with, in template order,
        those that aligned with nothing left out."""
        if isinstance(template_words, slice):
            mapped = self.word_map[template_words]
        else:
            mapped = list(map(self.word_map.__getitem__, template_words))
        return mapped if -1 not in mapped else [j for j in mapped if j >= 0]

    def block_of(self, word: int) -> int | None:
        """The template block that owns an edition word, or None (local, table, duplicate
        or unexpected text)."""
        owner = self.owner[word]
        return owner if owner >= 0 else None

    def words_of(self, block: int, first: int, last: int) -> list[int]:
        """The edition words in first..last (inclusive) that template block `block` owns."""
        return list(compress(range(first, last + 1), map(eq, self.owner[first : last + 1], repeat(block))))

    def is_local(self, word: int) -> bool:
        """Whether an edition word is local text (claimed by a `{{local}}` block)."""
        return self.owner[word] == LOCAL

    def all_local(self, words: range) -> bool:
        """Whether every edition word of a range is local text."""
        return self.owner[words.start : words.stop].count(LOCAL) == len(words)

    def next_local(self, start: int, stop: int) -> int | None:
        """The first local edition word in [start, stop), or None."""
        try:
            return self.owner.index(LOCAL, start, stop)
        except ValueError:
            return None

    # -- slots
    def slot_values(self, name: str) -> tuple[SlotValue, ...]:
        """The values captured for the slots of this name, in template order."""
        return self.slot_values_by_name().get(name, ())

    def slot_values_by_name(self) -> dict[str, tuple[SlotValue, ...]]:
        """Every slot name's values, in template order, names in the order they first
        occur (made once: several rules ask)."""
        return self.memo("align", "slot values by name", self._slot_values_by_name)

    def _slot_values_by_name(self) -> dict[str, tuple[SlotValue, ...]]:
        grouped: dict[str, list[SlotValue]] = {}
        for match in filter(_SLOTS, self.matches):  # those with slots, in C
            for value in match.slots:
                grouped.setdefault(value.slot.name, []).append(value)
        return {n: tuple(values) for n, values in grouped.items()}
