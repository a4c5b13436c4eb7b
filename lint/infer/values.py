"""What a slot's values have in common: the slot type inference gives it, and its name.

A type is chosen when (nearly: TYPE_SHARE) every value is of it, the rest being defects the
check will report; types are tried from the most particular to the most general (their
inference_order). `person` needs two to four capitalised words (one capitalised word is as
likely a place), and a value of one bare word is a `url_slug` only after a `/` in the
address around it. Everything else is `text`. The order, these conditions and the names
(what the built-in rules look for by default: `change`, `status`, `slug`, `borough`) are
the types' own, in canonlint.slots.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from canonlint.slots import SLOT_TYPES, slot_type_named

_INFERRED = sorted((t for t in SLOT_TYPES.values() if t.inference_order is not None), key=lambda t: t.inference_order)
_SIGN = re.compile(r"^[+\-\u2212\u2013]")
TYPE_SHARE = 0.8           # share of the values a type must fit: the rest are defects to report


@lru_cache(maxsize=64)
def _whole(type_name: str) -> re.Pattern:
    return re.compile(SLOT_TYPES[type_name].bounded)


def is_of(type_name: str, value: str) -> bool:
    return _whole(type_name).fullmatch(value) is not None


def slot_type(values: list[str], after_slash: bool = False, extra: dict[str, str] | None = None) -> str:
    """The most particular type all values are of; extra maps further type names (the
    user's own) to their patterns and is tried before the built-in ones."""
    values = [v for v in values if v]
    if not values:
        return "text"
    need = max(1, math.ceil(TYPE_SHARE * len(values)))

    def fits(test) -> list[str]:
        fitting = [v for v in values if test(v)]
        return fitting if len(fitting) >= need else []

    for name, pattern in (extra or {}).items():
        if fits(lambda v, p=pattern: re.fullmatch(p, v)):
            return name
    for kind in _INFERRED:
        if kind.after_slash_only and not after_slash:
            continue
        fitting = fits(lambda v, k=kind: is_of(k.name, v) and (" " in v or not k.several_words))
        # an unsigned type does not take values with a sign: the signed one fits them all
        if fitting and not (kind.percentage and not kind.signed and any(_SIGN.match(v) for v in fitting)):
            return kind.name
    return "text"


class Names:
    """Slot names handed out in order: the type's default name, then name_2, name_3…"""

    def __init__(self) -> None:
        self._used: dict[str, int] = {}

    def new(self, type_name: str, context: str | None = None) -> str:
        """A name for a new slot: the context's word when given (a text slot), else the
        type's default name; numbered from the second use on."""
        base = context or slot_type_named(type_name).slot_name
        count = self._used.get(base, 0) + 1
        self._used[base] = count
        return base if count == 1 else f"{base}_{count}"
