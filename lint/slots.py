"""The slot types a template may use, in one table.

A slot `{slot:type}` in shared text matches any value of its type and captures it; `{slot}`
alone takes the type of the same name when there is one (`{borough}` is a borough),
otherwise `text`. Each type is a regular expression without nested quantifiers, so
matching stays linear on any edition text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LONDON_BOROUGHS: tuple[str, ...] = (
    "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden",
    "City of London", "Croydon", "Ealing", "Enfield", "Greenwich", "Hackney",
    "Hammersmith and Fulham", "Haringey", "Harrow", "Havering", "Hillingdon", "Hounslow",
    "Islington", "Kensington and Chelsea", "Kingston upon Thames", "Lambeth", "Lewisham",
    "Merton", "Newham", "Redbridge", "Richmond upon Thames", "Southwark", "Sutton",
    "Tower Hamlets", "Waltham Forest", "Wandsworth", "Westminster",
)


def slug(text: str) -> str:
    """The form a borough name takes in a met.police.uk address: `Tower Hamlets` → `towerhamlets`."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _borough_pattern() -> str:
    names = sorted(LONDON_BOROUGHS, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(map(re.escape, n.split())) for n in names) + ")"


@dataclass(frozen=True)
class SlotType:
    name: str
    pattern: str
    description: str

    @property
    def bounded(self) -> str:
        """The pattern as a whole value: never starting or ending inside a word (`Brent` is
        not in `Brentford`), which also keeps a search over a long run of digits linear."""
        return r"(?<![^\W_])(?:" + self.pattern + r")(?![^\W_])"


SLOT_TYPES: dict[str, SlotType] = {t.name: t for t in (
    SlotType("text", r"\S(?:[^\n]*?\S)?", "any text on one line"),
    SlotType("borough", _borough_pattern(), "a London borough, e.g. Tower Hamlets"),
    SlotType("person", r"[A-Z][\w'\-]*(?:[ \t]+[A-Z][\w'\-]*){0,3}", "a person's name, e.g. Simon Bray"),
    SlotType("count", r"\d{1,3}(?:,\d{3})+|\d+", "a whole number, e.g. 1,204"),
    SlotType("percent", r"\d+(?:\.\d+)?[ \t]?%", "a percentage, e.g. 2.5%"),
    SlotType("signed_percent", r"(?:[+\-\u2212\u2013][ \t]?)?\d+(?:\.\d+)?[ \t]?%",
             "a percentage change with its sign, e.g. -2.7% or +0.7%"),
    SlotType("target_status", r"[Tt]arget[ \t]+(?:achieved|missed|met|not[ \t]+met)",
             "Target achieved or Target missed"),
    SlotType("url_slug", r"[A-Za-z0-9][A-Za-z0-9\-]*", "the last part of an address, e.g. towerhamlets"),
    SlotType("email", r"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,8}",
             "an email address, e.g. press@camden.example"),
    SlotType("url", r"(?:https?://)?[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,7}\.[A-Za-z]{2,24}"
                    r"(?:/(?:[\w\-~%/.]{0,200}[\w\-~%/])?)?",
             "a web address, e.g. www.camden.example/police"),
    SlotType("date", r"\d{1,2}[ \t]+(?:January|February|March|April|May|June|July|August|September|October"
                     r"|November|December)[ \t]+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}",
             "a date, e.g. 12 March 2010 or 2010-03-12"),
)}


def default_type(slot_name: str) -> str:
    return slot_name if slot_name in SLOT_TYPES else "text"


# ---------------------------------------------------------------- the user's own slot types


class SlotTypeError(ValueError):
    """A slot type of the user's that cannot be used; the message says why."""


_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def _first_characters(branch) -> frozenset[str] | None:
    """The characters a branch of an alternation can start with, when its first item says
    so plainly (a literal or a set of literals and ranges); None when it cannot be told."""
    if not branch:
        return None
    op, arg = branch[0]
    if str(op) == "LITERAL":
        return frozenset(chr(arg))
    if str(op) != "IN":
        return None
    chars: set[str] = set()
    for item_op, item in arg:
        if str(item_op) == "LITERAL":
            chars.add(chr(item))
        elif str(item_op) == "RANGE" and item[1] - item[0] < 1000:
            chars.update(map(chr, range(item[0], item[1] + 1)))
        else:  # a negated set, a category (\d, \w): taken as overlapping anything
            return None
    return frozenset(chars)


def _overlapping(branches) -> bool:
    """Whether two branches of an alternation could start with the same character: inside a
    repeat, `(a|a)*` and `(a|ab)*` try every way of cutting a run, exponentially many."""
    seen: set[str] = set()
    for branch in branches:
        first = _first_characters(branch)
        if first is None or first & seen:
            return True
        seen |= first
    return False


def _nonlinear(tree, inside_repeat: bool = False) -> str | None:
    """What in a parsed pattern could make matching slower than linear, or None. Inside a
    repeat, any quantifier that does not fix its count (`?` too: `(a?a?)*` cuts a run of a's
    every way) and any alternation whose branches can start alike are refused."""
    for op, arg in tree:
        name = str(op)
        if name in ("GROUPREF", "GROUPREF_EXISTS"):
            return "a backreference"
        if name in _REPEATS:
            low, high, sub = arg
            if inside_repeat and low != high:
                return "a quantifier inside a quantified group (nested quantifiers)"
            found = _nonlinear(sub, inside_repeat or high is None or high > 1)
            if found:
                return found
        elif name == "SUBPATTERN":
            found = _nonlinear(arg[-1], inside_repeat)
            if found:
                return found
        elif name == "BRANCH":
            if inside_repeat and _overlapping(arg[1]):
                return "an alternation inside a quantified group whose branches can start alike (`(a|ab)*`)"
            for branch in arg[1]:
                found = _nonlinear(branch, inside_repeat)
                if found:
                    return found
        elif name in ("ASSERT", "ASSERT_NOT"):
            found = _nonlinear(arg[1], inside_repeat)
            if found:
                return found
    return None


def check_linear(pattern: str) -> None:
    """Raise SlotTypeError unless pattern is a valid regular expression that matches in
    linear time (no backreferences, no quantifier or ambiguous alternation inside a
    quantified group) and never makes an empty match (a slot always holds a value)."""
    from re import _parser  # the standard library's own pattern parser

    try:
        re.compile(pattern)
        tree = _parser.parse(pattern)
    except re.error as exc:
        raise SlotTypeError(f"not a valid regular expression ({exc})") from None
    except (OverflowError, RecursionError) as exc:  # a{99999999999}; parentheses thousands deep
        raise SlotTypeError(f"not a regular expression this can use ({exc})") from None
    problem = _nonlinear(tree)
    if problem:
        raise SlotTypeError(f"{problem} could make matching take exponential time; write the "
                            "pattern without it (or list the values)")
    if tree.getwidth()[0] == 0:  # a*, (?=x): some match is empty
        raise SlotTypeError("the pattern can match the empty string (nothing at all); a slot's value is never empty")


def enumeration_pattern(values: list[str]) -> str:
    """A pattern matching any of values as a whole, longest first, spaces as any blank space."""
    names = sorted({v.strip() for v in values if v.strip()}, key=lambda v: (-len(v), v))
    return "(?:" + "|".join(r"[ \t]+".join(map(re.escape, n.split())) for n in names) + ")"


def user_slot_type(name: str, *, values: list[str] | None = None, pattern: str | None = None,
                   description: str | None = None) -> SlotType:
    """A slot type from the configuration: an enumeration of values or a linear pattern.
    The built-in types keep their meaning: a user type may not take one's name."""
    if name in SLOT_TYPES:
        raise SlotTypeError(f"'{name}' is a built-in slot type; give yours another name")
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise SlotTypeError(f"'{name}' is not a slot type name (letters, digits and _)")
    if (values is None) == (pattern is None):
        raise SlotTypeError("give exactly one of 'values', 'values-file' or 'pattern'")
    if values is not None:
        if not any(value.strip() for value in values):
            raise SlotTypeError("the list of values is empty" if not values else
                                "every value is blank; a slot's value is never empty")
        text = enumeration_pattern(values)
        description = description or f"one of {', '.join(values[:3])}{'…' if len(values) > 3 else ''}"
    else:
        check_linear(pattern)
        text = pattern
        description = description or f"text matching {pattern}"
    return SlotType(name, text, description)


def slot_types_with(user: dict[str, SlotType] | None) -> dict[str, SlotType]:
    """The built-in slot types and the user's own."""
    return {**SLOT_TYPES, **user} if user else SLOT_TYPES
