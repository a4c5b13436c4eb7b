from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from canonlint.finding import Report, Severity
from canonlint.rulekit.placeholders import placeholder_at
from canonlint.rule import Context, Rule

__all__ = ["SlotValueMismatch"]


class SlotValueMismatch(Rule):
    r"""A slot holds something that is not of its type, or a repeated slot changes value.

    What it checks:
        In shared blocks found in the edition, each slot's text must match its type
        (`{p:percent}` needs a percentage, `{borough}` a London borough). A slot name used
        more than once outside tables (`{commander}` in two places) must hold the same
        value every time. Borough slots that name a different borough are wrong-borough's
        business; a placeholder left in a slot (`[INSERT NAME]`) is placeholder-in-slot's;
        table rows are the table rules'.
    Why it matters:
        A slot is where each borough fills in its own facts; an empty or malformed one is
        a gap in the edition, and two different values for one fact contradict each other.
    Example:
        Fails: `- 1.0% reduction in serious acquisitive crime` → `- reduction in serious acquisitive crime`
        Passes: `- 1.0% reduction in serious acquisitive crime` → `- 1.5% reduction in serious acquisitive crime`
    Fix:
        Fill in the value the message names, or make the repeated values agree.
    """

    code = "CL502"
    name = "slot-value-mismatch"
    title = "Filled-in value of the wrong kind"
    severity = Severity.ERROR
    claims = True

    def check(self, ctx: Context) -> Iterator[Report]:
        seen: dict[str, list] = defaultdict(list)
        for match in ctx.alignment.matches:
            if not match.slots or not match.located:
                continue
            for value in match.slots:
                slot = value.slot
                if slot.row_scoped:
                    continue
                if value.value is None:
                    if placeholder_at(ctx.text, value.start, value.end):
                        continue
                    what = f"'{value.raw}'" if value.raw else "nothing"
                    yield ctx.report(value.start, value.end,
                                     f"slot {{{slot.name}}} should hold {slot.type.description}, "
                                     f"but {what} stands there",
                                     found=value.raw or None, subject=f"{slot.name}|{value.raw}")
                    continue
                if not slot.type.names_edition_place:
                    seen[slot.name].append(value)
        for name, values in seen.items():
            first = " ".join(values[0].value.split())
            for value in values[1:]:
                if " ".join(value.value.split()) != first:
                    yield ctx.report(value.start, value.end,
                                     f"slot {{{name}}} is '{value.value}' here but '{first}' earlier in the edition",
                                     expected=first, found=value.value, subject=f"{name}|{first}|{value.value}")
