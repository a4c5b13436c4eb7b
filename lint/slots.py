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
    SlotType("url", r"(?:https?://|www\.)[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,8}(?:/[\w\-.~%/]{0,200})?",
             "a web address, e.g. www.camden.example/police"),
    SlotType("date", r"\d{1,2}[ \t]+(?:January|February|March|April|May|June|July|August|September|October"
                     r"|November|December)[ \t]+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}",
             "a date, e.g. 12 March 2010 or 2010-03-12"),
)}


def default_type(slot_name: str) -> str:
    return slot_name if slot_name in SLOT_TYPES else "text"
