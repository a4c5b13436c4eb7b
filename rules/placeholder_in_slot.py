from __future__ import annotations

from collections.abc import Iterator

from canonlint.finding import Report, Severity
from canonlint.placeholders import placeholder_at
from canonlint.rule import Context, Rule

__all__ = ["PlaceholderInSlot"]

class PlaceholderInSlot(Rule):
    r"""A slot still holds a placeholder instead of the edition's value.

    What it checks:
        Every slot's text in the edition (whether or not it is of the slot's type):
        `[INSERT …]`, `[ADD …]` or `[NAME]`-style bracketed capitals, `TODO`, `TBC`,
        `FIXME`, `XXX`, an angled `<name>`, a template's own `{{…}}` or `{slot}`, or
        "lorem ipsum" left in a slot is reported with the slot's name.
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
        for match in ctx.alignment.matches:
            if not match.slots or not match.located:
                continue
            for value in match.slots:
                hit = placeholder_at(ctx.text, value.start, value.end)
                if hit is None:
                    continue
                start, end, found = hit
                text = ctx.text[start:end]
                yield ctx.report(start, end,
                                 f"slot {{{value.slot.name}}} still holds the placeholder '{found}'",
                                 found=text, subject=f"{value.slot.name}|{found}")
