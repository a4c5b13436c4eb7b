from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import compress, repeat
from operator import attrgetter, is_, not_

from canonlint.document import BlockKind
from canonlint.finding import Edit, Fix, Report, Severity
from canonlint.rulekit.edits import delete_lines
from canonlint.rule import Context, Rule

__all__ = ["StrayBullet"]

_MARKER, _KIND = attrgetter("marker"), attrgetter("kind")
_TWO_PARTS = re.compile(r"\S\s+\S")  # in a marker that splits in two (and maybe across two joined ones)


class StrayBullet(Rule):
    r"""Bullet debris: an empty bullet, or list items with doubled markers (`- *`).

    What it checks:
        A list line with a marker and nothing else (`-` on its own line, left where a
        conversion dropped an item or a page break), and items whose marker is doubled
        (`- * crack down on violence`): consecutive items with doubled markers are
        reported once, with a count.
    Why it matters:
        An empty bullet reads as a missing item; doubled markers print as a stray `*`
        before every item.
    Example:
        Fails: `- recognise that money is being well spent.` → `- recognise that money is being well spent.\n-`
        Passes: `- recognise that money is being well spent.` → `* recognise that money is being well spent.`
    Fix:
        Delete the empty bullet; keep one marker per item (offered as safe fixes).
    """

    code = "CL704"
    name = "stray-bullet"
    title = "Stray bullet point"
    severity = Severity.WARNING
    prose = True
    fixable = True

    def check(self, ctx: Context) -> Iterator[Report]:
        document = ctx.document
        # Mostly no marker has two parts and every block has words: looked at in C.
        if _TWO_PARTS.search("\x00".join(map(_MARKER, document.blocks))) is None:
            if all(document.block_words):
                return
            indices = compress(range(len(document.blocks)), map(not_, document.block_words))
        else:  # only a list item is reported on: the list items, picked in C
            indices = compress(range(len(document.blocks)), map(is_, map(_KIND, document.blocks), repeat(BlockKind.LIST_ITEM)))
        yield from self._check(ctx, indices)

    def _check(self, ctx: Context, indices: Iterable[int]) -> Iterator[Report]:
        """The reports on the blocks `indices`, in order: every list item, or at least every
        empty block when no marker has two parts. A block left out between two of them
        (not a list item) ends a run of doubled markers as a list item without one does."""
        document, text = ctx.document, ctx.text
        run: list = []
        last = -1  # the index before this one
        for index in indices:
            if run and index != last + 1:
                yield self._doubled(ctx, run)
                run = []
            last = index
            block = document.blocks[index]
            doubled = block.kind is BlockKind.LIST_ITEM and len(block.marker.split()) > 1
            if doubled:
                run.append(block)
            if run and (not doubled or index == len(document.blocks) - 1):
                yield self._doubled(ctx, run)
                run = []
            if block.kind is BlockKind.LIST_ITEM and not document.block_words[index]:
                after = ""
                if index > 0:
                    previous = document.blocks[index - 1]
                    after = f" (after '…{' '.join(text[max(previous.content_start, previous.end - 30):previous.end].split())}')"
                yield ctx.report(block.start, block.end, f"empty bullet '{text[block.start:block.end]}' with no item{after}",
                                 found=text[block.start:block.end],
                                 fix=Fix("Delete the empty bullet", (delete_lines(document, block.start, block.end),), safe=True),
                                 subject=f"empty bullet{after}")
        if run:  # ended by a block after the last list item
            yield self._doubled(ctx, run)

    def _doubled(self, ctx: Context, run: list) -> Report:
        first = run[0]
        edits = tuple(Edit(b.start, b.content_start, b.marker.split()[0] + " ") for b in run)
        count = len(run)
        return ctx.report(first.start, first.content_start,
                          f"{count} list item{'s' if count != 1 else ''} with a doubled marker "
                          f"'{first.marker}' (one marker per item is enough)",
                          found=first.marker,
                          fix=Fix("Keep one marker per item", edits, safe=True),
                          subject=f"doubled|{count}|{ctx.excerpt(first.content_start, first.end, 40)}")
