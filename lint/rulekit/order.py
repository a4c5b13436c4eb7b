"""Order: which elements of a list or table found in an edition stand out of their template
order, and the message clause that names each one — for the rules that report a reordered
list or table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from canonlint.rulekit.evidence import quote


@dataclass(frozen=True, slots=True)
class Displaced:
    """The element found index-th (0-based) in the edition, `here` (1-based) there and
    `position` (1-based) in the template."""

    index: int
    here: int
    position: int


def displaced(positions: Sequence[int]) -> list[Displaced]:
    """The elements out of their place, given each found element's template position in
    the order found: those whose position is not the one its rank in the edition holds.
    Empty when the order is the template's."""
    ranks = sorted(positions)
    return [Displaced(here - 1, here, position) for here, position in enumerate(positions, start=1)
            if position != ranks[here - 1]]


def order_details(out_of_place: Sequence[Displaced], labels: Sequence[str], noun: str) -> str:
    """"'a' is row 2 in the template but row 1 here; …" for each element out of its place
    (labels: every found element's label, in the order found)."""
    return "; ".join(f"{quote(labels[d.index], 40)} is {noun} {d.position} in the template but {noun} {d.here} here"
                     for d in out_of_place)
