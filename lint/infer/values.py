"""What a slot's values have in common: the slot type inference gives it, and its name.

A type is chosen when (nearly: TYPE_SHARE) every value is of it, the rest being defects the
check will report; the order below goes from the most particular to the most general.
`person` needs two to four capitalised words (one capitalised word is as likely a place),
and a value of one bare word is a `url_slug` only after a `/` in the address around it.
Everything else is `text`. Names follow what the built-in rules look for by default
(`change`, `status`, `slug`, `borough`), else the type's own name.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from canonlint.slots import SLOT_TYPES

_ORDER = ("target_status", "percent", "signed_percent", "count", "email", "url", "date", "borough")
_SIGN = re.compile(r"^[+\-\u2212\u2013]")
TYPE_SHARE = 0.8           # share of the values a type must fit: the rest are defects to report

NAMES = {"signed_percent": "change", "target_status": "status", "url_slug": "slug"}


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
    for name in _ORDER:
        fitting = fits(lambda v, n=name: is_of(n, v))
        if fitting and not (name == "percent" and any(_SIGN.match(v) for v in fitting)):
            return name
    if after_slash and fits(lambda v: is_of("url_slug", v)):
        return "url_slug"
    if fits(lambda v: is_of("person", v) and " " in v):  # a given name and a family name
        return "person"
    return "text"


class Names:
    """Slot names handed out in order: the type's default name, then name_2, name_3…"""

    def __init__(self) -> None:
        self._used: dict[str, int] = {}

    def new(self, type_name: str, context: str | None = None) -> str:
        """A name for a new slot: the context's word when given (a text slot), else the
        type's default name; numbered from the second use on."""
        base = context or NAMES.get(type_name, type_name)
        count = self._used.get(base, 0) + 1
        self._used[base] = count
        return base if count == 1 else f"{base}_{count}"
