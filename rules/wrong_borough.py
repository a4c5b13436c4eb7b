from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from canonlint.finding import Edit, Fix, Report, Severity
from canonlint.rulekit.identity import edition_borough
from canonlint.rule import Context, Option, Rule, not_empty
from canonlint.slots import slug

__all__ = ["WrongBorough"]


class WrongBorough(Rule):
    r"""A borough slot names another borough than the rest of the edition.

    What it checks:
        Every slot of type `borough` (the title, the section headings, the police
        stations line) and every `url_slug` slot (`www.met.police.uk/<slug>`) must name
        the same London borough. The edition's borough is the one its file is named after
        (`tower-hamlets.txt`) when a slot names it, else the one most of its slots name
        (the title breaks a tie); each slot naming another is reported. Boroughs
        mentioned in local text ("second only to Westminster") are not slots and are
        never reported.
    Why it matters:
        Editions are made by copying another borough's edition; a name left behind tells
        readers they are reading about somewhere else.
    Example:
        Fails: `Westminster police stations` → `Camden police stations`
        Passes: `to make Westminster safer` → `to make Camden safer`
    Options:
        borough_slot / slug_slot: the slot names that hold the borough and its address part.
    Fix:
        Replace the name with the edition's borough (offered, not marked safe: check
        which one is right).
    """

    code = "CL501"
    name = "wrong-borough"
    title = "Another borough named"
    severity = Severity.ERROR
    claims = True
    fixable = True
    options = {
        "borough_slot": Option(str, "borough", "slot naming the edition's borough", validate=not_empty),
        "slug_slot": Option(str, "slug", "slot holding the borough's part of the web address", validate=not_empty),
    }

    def check(self, ctx: Context) -> Iterator[Report]:
        identity = edition_borough(ctx, ctx.option("borough_slot"))
        if identity is None:
            return
        borough, named = identity
        counts = Counter(name for _, name in named)
        for value, name in named:
            if name != borough:
                yield ctx.report(value.start, value.end,
                                 f"'{name}' here, but this edition is for {borough} "
                                 f"(named in {counts[borough]} of {len(named)} borough places)",
                                 expected=borough, found=name,
                                 fix=Fix(f"Write '{borough}'", (Edit(value.start, value.end, borough),)),
                                 subject=f"{name}|{borough}")
        expected_slug = slug(borough)
        for value in ctx.slot_values(ctx.option("slug_slot")):
            if value.value is not None and value.value.lower() != expected_slug:
                yield ctx.report(value.start, value.end,
                                 f"web address part '{value.value}' does not match {borough} "
                                 f"(expected '{expected_slug}')",
                                 expected=expected_slug, found=value.value,
                                 fix=Fix(f"Write '{expected_slug}'", (Edit(value.start, value.end, expected_slug),)),
                                 subject=f"slug|{value.value}|{expected_slug}")
