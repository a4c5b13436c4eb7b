"""What the rules on a word processor's pending work share: the pending changes and open
comments a reader found in an edition (canonlint.readers.Pending, laid out at an offset of
the extracted text), each with the span of the edition's text it concerns and the words
that say who left it and when."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from canonlint.readers import Pending
from canonlint.rule import Context
from canonlint.rulekit.reader_facts import pending_items


@dataclass(frozen=True, slots=True)
class PendingWork:
    pending: Pending
    start: int
    end: int   # start for words no longer in the text (a deletion)

    @property
    def who(self) -> str:
        """'by Jane Reviewer on 2026-11-30' (what of it the file says)."""
        author = f" by {self.pending.author}" if self.pending.author else ""
        return author + (f" on {self.pending.date[:10]}" if self.pending.date else "")

    @property
    def where(self) -> str:
        return " in a text box" if self.pending.in_box else ""

    @property
    def quote(self) -> str:
        words = " ".join(self.pending.text.split())
        return f"'{words[:77]}…'" if len(words) > 80 else f"'{words}'"


def pending_work(ctx: Context, comments: bool) -> Iterator[PendingWork]:
    """The edition's open comments (comments True) or its pending tracked changes."""
    text = ctx.text
    for item in pending_items(ctx.document):
        if (item.pending.kind == "comment") is not comments:
            continue
        start = min(item.offset, len(text))
        shown = 0 if item.pending.kind.endswith("deletion") or item.pending.in_box else \
            len(" ".join(item.pending.text.split()))
        yield PendingWork(item.pending, start, min(start + shown, len(text)))
