from __future__ import annotations

from collections.abc import Iterator

from lint.finding import Report, Severity
from lint.rule import Context, Option, Rule
from lint.tables import has_sign, parse_change, table_rows

__all__ = ["StatusContradictsChange"]


class StatusContradictsChange(Rule):
    r"""A performance row's status contradicts the sign of its change.

    What it checks:
        In each row of a template table with a change slot and a status slot, every
        target is a reduction unless the configuration's `[targets]` says a row's is an
        increase: a fall (`-2.7%`) reported as "Target missed", or a rise (`+0.7%`)
        reported as "Target achieved", contradicts itself (the other way round for a row
        whose target is an increase).
        A change of zero is not judged. Minus signs written as U+2212 or an en dash count.
    Why it matters:
        The status column is what readers look at; a contradiction there is either a
        wrong figure or a wrong verdict, and both mislead.
    Example:
        Fails: `25 offences or -11.1%\tTarget achieved` → `25 offences or -11.1%\tTarget missed`
        Passes: `25 offences or -11.1%\tTarget achieved` → `25 offences or −11.1%\tTarget achieved`
    Options:
        change_slot / status_slot: the slot names that hold the change and the status.
    Fix:
        Check the figure and the status against the source data; correct whichever is wrong.
    """

    code = "CL401"
    name = "status-contradicts-change"
    severity = Severity.ERROR
    options = {
        "change_slot": Option(str, "change", "slot holding the signed change"),
        "status_slot": Option(str, "status", "slot holding the target status"),
    }

    def check(self, ctx: Context) -> Iterator[Report]:
        change_slot = ctx.options.get("change_slot", "change")
        status_slot = ctx.options.get("status_slot", "status")
        for rows in ctx.template.tables():
            for row in table_rows(ctx.document, ctx.template, ctx.alignment, rows):
                change, status = row.values.get(change_slot), row.values.get(status_slot)
                if change is None or status is None or change.text is None or status.text is None:
                    continue
                value = parse_change(change.text)
                verdict = " ".join(status.text.lower().split())
                if value is None or value == 0:
                    continue
                missed = "missed" in verdict or "not met" in verdict
                if not has_sign(change.text):
                    continue  # change-sign-missing reports it; the direction is unknown
                rising = ctx.targets.get(row.label) == "increase"
                achieved = value > 0 if rising else value < 0
                if achieved != missed:
                    continue
                direction = "a reduction" if value < 0 else "an increase"
                problem = f"{change.text.strip()} is {direction}, but the status says '{status.text}'"
                if rising:
                    problem += " (this row's target is an increase)"
                yield ctx.report(change.start, status.end, f"{row.label}: {problem}",
                                 found=ctx.text[change.start:status.end],
                                 subject=f"{row.label}|{change.text}|{status.text}")

