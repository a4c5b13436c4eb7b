from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter

from canonlint.align import Status
from canonlint.finding import Report, Severity
from canonlint.rulekit import reader_facts
from canonlint.rulekit.placeholders import placeholder_at, placeholders_in_prose
from canonlint.rule import Context, Rule

__all__ = ["PlaceholderInSlot"]

_SLOTS = attrgetter("slots")


class PlaceholderInSlot(Rule):
    r"""A slot, or the edition's local text, still holds a placeholder.

    What it checks:
        Every slot's text in the edition (whether or not it is of the slot's type):
        `[INSERT …]`, `[ADD …]` or `[NAME]`-style bracketed capitals, `TODO`, `TBC`,
        `FIXME`, `XXX`, an angled `<name>`, a template's own `{{…}}` or `{slot}`, or
        "lorem ipsum" left in a slot is reported with the slot's name. In a `{{local}}`
        section, whose prose is the edition's own, only what no sentence writes is
        reported: an instruction in brackets (`[INSERT EMAIL ADDRESS HERE]`, `<add your
        name>`), a name of several words in capitals between brackets (`[PROJECT NAME]`),
        a template's `{{…}}` — not a link's text, a checkbox, `[1]`, `[WIP]` or code.
    Why it matters:
        An edition made from a blank copy of the template and published before every
        gap was filled shows readers an instruction instead of a name, figure or contact.
    Example:
        Fails: `Message from Borough Commander Simon Bray` → `Message from Borough Commander [INSERT NAME]`
        Passes: `Message from Borough Commander Simon Bray` → `Message from Borough Commander Sarah Hughes`
    Options:
        None.
    Fix:
        Fill in the edition's own value.
    """

    code = "CL503"
    name = "placeholder-in-slot"
    title = "Placeholder left unfilled"
    severity = Severity.ERROR
    claims = True

    def check(self, ctx: Context) -> Iterator[Report]:
        yield from self._in_slots(ctx)
        yield from self._in_local_text(ctx)

    def _in_slots(self, ctx: Context) -> Iterator[Report]:
        text = ctx.text
        for match in filter(_SLOTS, ctx.alignment.matches):  # those with slots, in C
            if not match.located:
                continue
            for value in match.slots:
                hit = placeholder_at(text, value.start, value.end)
                if hit is None:
                    continue
                start, end, found = hit
                yield ctx.report(start, end,
                                 f"slot {{{value.slot.name}}} still holds the placeholder '{found}'",
                                 found=text[start:end], subject=f"{value.slot.name}|{found}")

    def _in_local_text(self, ctx: Context) -> Iterator[Report]:
        links = reader_facts.links(ctx.document)
        for block in ctx.blocks_with_status(Status.LOCAL):
            match = ctx.match(block)
            for start, end, found in placeholders_in_prose(ctx.text, match.start, match.end):
                if ctx.in_code(start, end) or any(link.start < end and start < link.end for link in links):
                    continue
                where = f"local section '{block.local_name}'" if block.local_name else "local text"
                yield ctx.report(start, end, f"{where} still holds the placeholder '{found}'",
                                 found=found, subject=f"{block.local_name}|{found}")
