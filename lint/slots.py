"""The slot types a template may use, in one table (SLOT_TYPES), and the user's own.

A slot `{slot:type}` in shared text matches any value of its type and captures it; `{slot}`
alone takes the type of the same name when there is one (`{borough}` is a borough),
otherwise `text` (canonlint.slot_syntax). Each type is a regular expression without nested
quantifiers, so matching stays linear on any edition text. A type's record carries every
fact about it that the template, inference, the aligner and the rules read: adding a type
is adding its record here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

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


WIDENED_LAST = 6  # the widening rank of a type not ranked: after every ranked one


@dataclass(frozen=True)
class SlotType:
    """A slot type and every fact the template, inference, the aligner and the rules read
    about it: one record per type, one table of them (SLOT_TYPES), the user's own types
    made with the defaults."""

    name: str
    pattern: str
    description: str
    slot_name: str = ""  # the name inference gives a slot of this type, and rules look for: the type's own by default
    # A value belongs to one edition (a contact, an address, a name): held by another edition,
    # it was copied from there. Figures, dates and statuses coincide between editions innocently.
    identifies_edition: bool = True
    names_edition_place: bool = False  # the edition's own place: judged by rules of its own (CL501, CL601)
    percentage: bool = False
    signed: bool = False               # a figure written with its sign (-2.7%, +0.7%): a change
    # Inference tries the types whose inference_order is set on a gap's values, most
    # particular first; the others are only given (text) or are the user's own (tried first).
    inference_order: int | None = None
    after_slash_only: bool = False     # one bare word is of this type only after a `/` in its address
    several_words: bool = False        # a value of one word is as likely something else (a place for a person)
    free_form: bool = False            # any wording, any capitalised run: a value of it may as well be wording
    weak: bool = False                 # widened over a shared word or two, a slot may trade it for another type
    upgrades_to: frozenset[str] = frozenset()  # the types a slot of this type may take when widened
    widening_rank: int = WIDENED_LAST  # among the types widening gives, the lowest wins (the whole address or date)

    def __post_init__(self) -> None:
        if not self.slot_name:
            object.__setattr__(self, "slot_name", self.name)

    @cached_property
    def bounded(self) -> str:
        """The pattern as a whole value: never starting or ending inside a word (`Brent` is
        not in `Brentford`), which also keeps a search over a long run of digits linear.
        Made once per type: one string, whose hash is kept, for the caches it keys."""
        return r"(?<![^\W_])(?:" + self.pattern + r")(?![^\W_])"

    @property
    def widening_target(self) -> bool:
        """Whether a weak slot widened over shared words may take this type."""
        return not self.weak and not self.free_form


_DATE = (r"\d{1,2}[ \t]+(?:January|February|March|April|May|June|July|August|September|October"
         r"|November|December)[ \t]+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}")
_URL = (r"(?:https?://)?[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,7}\.[A-Za-z]{2,24}"
        r"(?:/(?:[\w\-~%/.]{0,200}[\w\-~%/])?)?")
_EMAIL = r"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,8}"

SLOT_TYPES: dict[str, SlotType] = {t.name: t for t in (
    SlotType("text", r"\S(?:[^\n]*?\S)?", "any text on one line", free_form=True, weak=True),
    SlotType("borough", _borough_pattern(), "a London borough, e.g. Tower Hamlets",
             identifies_edition=False, names_edition_place=True, inference_order=7),
    SlotType("person", r"[A-Z][\w'\-]*(?:[ \t]+[A-Z][\w'\-]*){0,3}", "a person's name, e.g. Simon Bray",
             inference_order=9, several_words=True, free_form=True),
    SlotType("count", r"\d{1,3}(?:,\d{3})+|\d+", "a whole number, e.g. 1,204",
             identifies_edition=False, inference_order=3, weak=True),
    SlotType("percent", r"\d+(?:\.\d+)?[ \t]?%", "a percentage, e.g. 2.5%",
             identifies_edition=False, percentage=True, inference_order=1, widening_rank=5),
    SlotType("signed_percent", r"(?:[+\-\u2212\u2013][ \t]?)?\d+(?:\.\d+)?[ \t]?%",
             "a percentage change with its sign, e.g. -2.7% or +0.7%", slot_name="change",
             identifies_edition=False, percentage=True, signed=True, inference_order=2, widening_rank=4),
    SlotType("target_status", r"[Tt]arget[ \t]+(?:achieved|missed|met|not[ \t]+met)",
             "Target achieved or Target missed", slot_name="status",
             identifies_edition=False, inference_order=0, widening_rank=3),
    SlotType("url_slug", r"[A-Za-z0-9][A-Za-z0-9\-]*", "the last part of an address, e.g. towerhamlets",
             slot_name="slug", identifies_edition=False, inference_order=8, after_slash_only=True,
             upgrades_to=frozenset({"email"})),
    SlotType("email", _EMAIL, "an email address, e.g. press@camden.example", inference_order=4, widening_rank=0),
    SlotType("url", _URL, "a web address, e.g. www.camden.example/police",
             inference_order=5, upgrades_to=frozenset({"email"}), widening_rank=1),
    SlotType("date", _DATE, "a date, e.g. 12 March 2010 or 2010-03-12",
             identifies_edition=False, inference_order=6, widening_rank=2),
)}


def slot_type_named(name: str) -> SlotType:
    """The built-in type of that name, else the facts a user's own type has (the defaults)."""
    return SLOT_TYPES.get(name) or SlotType(name, "", "")


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
    quantified group, no two repeats side by side that can take the same characters), that
    works inside a larger pattern (no global flags) and that never makes an empty match (a
    slot always holds a value)."""
    from re import _parser  # the standard library's own pattern parser

    try:
        re.compile(pattern)
        tree = _parser.parse(pattern)
    except re.error as exc:
        raise SlotTypeError(f"not a valid regular expression ({exc})") from None
    except (OverflowError, RecursionError) as exc:  # a{99999999999}; parentheses thousands deep
        raise SlotTypeError(f"not a regular expression this can use ({exc})") from None
    if _GLOBAL_FLAGS.match(pattern):
        raise SlotTypeError("global flags (`(?i)` at the start) cannot be used: a slot's pattern is part of a "
                            "larger one; scope them to the pattern instead: (?i:…)")
    problem = _nonlinear(tree) or _side_by_side(tree)
    if problem:
        raise SlotTypeError(f"{problem} could make matching take polynomial or exponential time; write the "
                            "pattern without it (or list the values)")
    if tree.getwidth()[0] == 0:  # a*, (?=x): some match is empty
        raise SlotTypeError("the pattern can match the empty string (nothing at all); a slot's value is never empty")


_LONG_REPEAT = 100  # a repeat of at most this many costs a bounded factor, however it is cut
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_UNIVERSE = "".join(map(chr, range(0x250))) + "\u2013\u2014\u2018\u2019\u201c\u201d\u2212\u00a0"  # what a slot holds
_CATEGORIES = {name: frozenset(c for c in _UNIVERSE if re.fullmatch(code, c)) for name, code in (
    ("CATEGORY_DIGIT", r"\d"), ("CATEGORY_NOT_DIGIT", r"\D"), ("CATEGORY_WORD", r"\w"),
    ("CATEGORY_NOT_WORD", r"\W"), ("CATEGORY_SPACE", r"\s"), ("CATEGORY_NOT_SPACE", r"\S"))}


def _characters(tree) -> frozenset[str]:
    """The characters (of _UNIVERSE) that a parsed pattern can take anywhere in a match."""
    found: set[str] = set()
    for op, arg in tree:
        name = str(op)
        if name == "LITERAL":
            found.add(chr(arg))
        elif name in ("NOT_LITERAL", "ANY"):
            found.update(c for c in _UNIVERSE if name == "ANY" or c != chr(arg))
        elif name == "IN":
            found |= _in_set(arg)
        elif name in _REPEATS:
            found |= _characters(arg[2])
        elif name == "SUBPATTERN":
            found |= _characters(arg[-1])
        elif name == "BRANCH":
            for branch in arg[1]:
                found |= _characters(branch)
    return frozenset(found)


def _in_set(items) -> frozenset[str]:
    chars: set[str] = set()
    negate = False
    for op, arg in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            chars.add(chr(arg))
        elif name == "RANGE":
            chars.update(c for c in _UNIVERSE if arg[0] <= ord(c) <= arg[1])
        elif name == "CATEGORY":
            chars |= _CATEGORIES.get(str(arg), frozenset(_UNIVERSE))
    return frozenset(_UNIVERSE).difference(chars) if negate else frozenset(chars)


def _flat(tree) -> list:
    """The items of a sequence, with the groups that are matched once opened up into it."""
    items = []
    for op, arg in tree:
        if str(op) == "SUBPATTERN":
            items.extend(_flat(arg[-1]))
        else:
            items.append((op, arg))
    return items


def _side_by_side(tree) -> str | None:
    """Two unbounded repeats in one sequence that can take the same characters, with
    nothing between them that the first cannot take (`\\d+\\.?\\d+`, `a+a+`, `\\w+.\\w+`):
    every way of cutting a run between them is tried, n^k ways for k of them. Looked for in
    each sequence of the pattern (and of its alternatives)."""
    from re import _parser

    open_repeats: list[frozenset[str]] = []  # the characters of each repeat still side by side with what follows
    for op, arg in _flat(tree):
        name = str(op)
        if name == "BRANCH":
            for branch in arg[1]:
                found = _side_by_side(branch)
                if found:
                    return found
        width = _parser.SubPattern(None, [(op, arg)]).getwidth()[0] if name not in ("AT",) else 0
        chars = _characters([(op, arg)])
        if name in _REPEATS and arg[1] > _LONG_REPEAT:
            if any(chars & earlier for earlier in open_repeats):
                return "two repeats side by side that can match the same characters (`\\d+\\.?\\d+`, `a+a+`)"
            open_repeats.append(chars)
        elif width:  # a character every match takes: the repeats it is not in end before it
            open_repeats = [earlier for earlier in open_repeats if chars & earlier]
    return None


def without_groups(pattern: str) -> str:
    """pattern with its capturing groups, numbered or named, made non-capturing: a slot's
    value is the whole match, and a group of the user's would shift the groups the slots
    are read from (backreferences, which would need them, are refused)."""
    out, index, in_set = [], 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index : index + 2])
            index += 2
            continue
        if in_set:
            in_set = char != "]"
        elif char == "[":
            in_set = True
            if pattern[index + 1 : index + 2] == "^":
                out.append("[^")
                index += 1
                char = ""
            if pattern[index + 1 : index + 2] == "]":  # a "]" first in a set is a character
                out.append(char + "]")
                index += 2
                continue
        elif char == "(":
            named = _NAMED_GROUP.match(pattern, index)
            if named:
                out.append("(?:")
                index = named.end()
                continue
            if pattern[index + 1 : index + 2] != "?":
                out.append("(?:")
                index += 1
                continue
        out.append(char)
        index += 1
    return "".join(out)


_NAMED_GROUP = re.compile(r"\(\?P?<(?![=!])[^>]*>")


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
        text = without_groups(pattern)
        description = description or f"text matching {pattern}"
    return SlotType(name, text, description)


def slot_types_with(user: dict[str, SlotType] | None) -> dict[str, SlotType]:
    """The built-in slot types and the user's own."""
    return {**SLOT_TYPES, **user} if user else SLOT_TYPES
