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
        target in this publication is a reduction: a fall (`-2.7%`) reported as "Target
        missed", or a rise (`+0.7%`) reported as "Target achieved", contradicts itself.
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
                if value < 0 and missed:
                    problem = f"{change.text.strip()} is a reduction, but the status says '{status.text}'"
                elif value > 0 and not missed:
                    problem = f"{change.text.strip()} is an increase, but the status says '{status.text}'"
                else:
                    continue
                yield ctx.report(change.start, status.end, f"{row.label}: {problem}",
                                 found=ctx.text[change.start:status.end],
                                 subject=f"{row.label}|{change.text}|{status.text}")

