"""Slot patterns placed in the text around them (canonlint.align): the gaps allowed between
a run of slots and around one, shared by the template index (a run's joined pattern, made
once per template) and slot capture."""

from __future__ import annotations

from canonlint.template import Slot

GAP = r"[\s\W_]*"
LAZY_GAP = r"[\s\W_]*?"


def run_pattern(slots: list[Slot]) -> str:
    """The pattern of a run of consecutive slots: each slot's bounded pattern, in a group,
    with as little as possible between them."""
    return LAZY_GAP.join("(" + s.type.bounded + ")" for s in slots)

