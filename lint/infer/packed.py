"""Packed sequences: a Document's blocks and its blocks' word spans stored as columns of
machine integers, read back as the Block and range objects they stand for.

Inference holds every edition until the votes are counted; a Block is a tuple of seven
objects and a range an object of its own, each a few hundred bytes an edition's block,
where a column costs four bytes a field.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import accumulate

from canonlint.document import Block

INTEGERS = "i"  # array typecode of offsets and indices: signed, four bytes


class PackedBlocks(Sequence):
    """A Document's blocks: offsets in integer columns, the other fields as they were."""

    __slots__ = ("_content_starts", "_ends", "_headers", "_kinds", "_levels", "_markers", "_starts")

    def __init__(self, blocks: Sequence[Block]) -> None:
        self._starts = array(INTEGERS, (b.start for b in blocks))
        self._ends = array(INTEGERS, (b.end for b in blocks))
        self._content_starts = array(INTEGERS, (b.content_start for b in blocks))
        self._kinds = tuple(b.kind for b in blocks)
        self._levels = tuple(b.level for b in blocks)
        self._markers = tuple(b.marker for b in blocks)
        self._headers = tuple(b.header for b in blocks)

    def __len__(self) -> int:
        return len(self._kinds)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        return Block(self._kinds[index], self._starts[index], self._ends[index], self._content_starts[index],
                     self._levels[index], self._markers[index], self._headers[index])


class PackedSpans(Sequence):
    """Each block's word indices as a range (range(0) for a block without words, as
    canonlint.document makes them), from the running count of words before each block."""

    __slots__ = ("_firsts",)

    def __init__(self, spans: Sequence[range]) -> None:
        self._firsts = array(INTEGERS, accumulate(map(len, spans), initial=0))

    def __len__(self) -> int:
        return len(self._firsts) - 1

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("block index out of range")
        first, stop = self._firsts[index], self._firsts[index + 1]
        return range(first, stop) if stop > first else range(0)
