r"""Slot syntax: how a slot is written in a template, read and written back.

A slot is `{name}` or `{name:type}`; names and types are ASCII letters, digits and `_`,
not starting with a digit. `\{` is a literal brace, never a slot's. `{name}` alone takes
the type its name implies: the type of that name when there is one (`{borough}` is a
borough), else `text`. The template, inference, the rules and the reports all read and
write slots through this module, so a slot written by one is the slot read by the others.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from canonlint.slots import SLOT_TYPES, SlotType

SLOT_PATTERN = re.compile(r"(?<!\\)\{([A-Za-z_][A-Za-z0-9_]*)(?::([A-Za-z_][A-Za-z0-9_]*))?\}")


@dataclass(frozen=True)
class SlotMarker:
    """A slot as written: its name, its type as written (None: implied by the name) and
    where it stands in the text it was found in."""
    name: str
    written_type: str | None
    start: int
    end: int


def slot_markers(text: str, start: int = 0, end: int | None = None) -> Iterator[SlotMarker]:
    """The slots written in text[start:end], in order."""
    for found in SLOT_PATTERN.finditer(text, start, len(text) if end is None else end):
        yield SlotMarker(found.group(1), found.group(2), found.start(), found.end())


def implied_type(name: str, types: Mapping[str, SlotType] = SLOT_TYPES) -> str:
    """The type `{name}` written alone takes: the type of that name, else `text`."""
    return name if name in types else "text"


def marker(name: str, type_name: str) -> str:
    """A slot written back: `{name}` when its name implies its type, else `{name:type}`."""
    return f"{{{name}}}" if implied_type(name) == type_name else f"{{{name}:{type_name}}}"


def type_of(found: SlotMarker, types: Mapping[str, SlotType] = SLOT_TYPES) -> str:
    """The type name of a slot as written: its own, else the one its name implies."""
    return found.written_type or implied_type(found.name, types)
