"""Inference: a template made from the editions themselves, by consensus.

Editions are read as `canonlint check` reads them, aligned word by word with one pivot
edition by the checker's own kernel (canonlint.infer.word_alignment), and voted on (canonlint.infer.votes):
blocks most editions carry are shared text in the pivot's order with the majority's
wording; stretches where editions differ between words they agree on are typed slots;
runs of blocks most editions lack are `{{local}}`. Nothing here knows what the
publication is about: slot types come from the one table in canonlint.slots.
"""

from __future__ import annotations

from dataclasses import dataclass

from canonlint.infer.consensus import consensus
from canonlint.infer.drafts import BlockDraft
from canonlint.infer.editions import Edition, edition_from_text, read_editions
from canonlint.infer.naming import name_slots
from canonlint.infer.render import RenderedBlock, render
from canonlint.infer.reblock import reblocked
from canonlint.infer.votes import Votes, vote
from canonlint.slots import SlotType

MIN_EDITIONS = 2
THIN = 0.6


class InferError(Exception):
    """Editions a template cannot be inferred from; the message says why."""


@dataclass(frozen=True)
class Inference:
    text: str                          # the template
    blocks: tuple[RenderedBlock, ...]
    votes: Votes

    @property
    def shared(self) -> list[RenderedBlock]:
        return [b for b in self.blocks if not b.draft.local]

    @property
    def thin(self) -> list[RenderedBlock]:
        return [b for b in self.shared if b.draft.agreement < THIN]

    def report(self) -> list[str]:
        """The review notes: what the template rests on, and what needs a look."""
        from canonlint.infer.summary import summary
        return summary(self)


def infer(editions: list[Edition], slot_types: dict[str, SlotType] | None = None) -> Inference:
    """The template the editions agree on. Editions are taken in the order of their names
    (the same editions give the same template); slot_types are the user's own slot types,
    tried before the built-in ones."""
    editions = sorted(editions, key=lambda e: e.name)
    if len(editions) < MIN_EDITIONS:
        raise InferError(f"a template is inferred from at least {MIN_EDITIONS} editions; got {len(editions)}")
    votes = reblocked(vote(editions))
    if len(votes.voters) < MIN_EDITIONS:
        raise InferError("the editions are too different from one another to agree on a template")
    extra = {name: t.bounded for name, t in (slot_types or {}).items()}
    drafts: list[BlockDraft] = list(consensus(votes, extra))
    if not any(not d.local for d in drafts):
        raise InferError(f"the {len(editions)} editions share no text: no template to infer "
                         "(are they editions of one publication?)")
    name_slots(drafts, votes.pivot.text)
    text, blocks = render(votes, drafts)
    return Inference(text, tuple(blocks), votes)


__all__ = ["Edition", "Inference", "InferError", "edition_from_text", "infer", "read_editions"]
