from __future__ import annotations

from collections.abc import Iterator

from canonlint.finding import Report, Severity
from canonlint.rule import Context, Option, Rule, not_empty
from canonlint.rulekit.tables import RowProblem, has_sign, parse_change, report_rows, table_rows

__all__ = ["ChangeSignMissing"]


class ChangeSignMissing(Rule):
    r"""A performance row's change has no + or - sign.

    What it checks:
        The value in a table's change slot (type `signed_percent`) must carry its sign,
        unless it is zero. `8.4%` could be a rise or a fall. A character standing in the
        sign's place that a more specific rule claims (a look-alike plus or minus) is the
        sign, written wrong: it is left to that rule.
    Why it matters:
        Without the sign a reader cannot tell whether crime went up or down; scraped
        copies and some PDF conversions drop minus signs silently.
    Example:
        Fails: `174 offences or -11.7%` → `174 offences or 11.7%`
        Passes: `174 offences or -11.7%` → `174 offences or - 11.7%`
        Several rows of one table without their signs (a flattened copy) are one finding
        that lists each row, its value and its place.
    Options:
        change_slot: the slot name that holds the change.
    Fix:
        Restore the sign from the source data.
    """

    code = "CL402"
    name = "change-sign-missing"
    title = "Change without a plus or minus sign"
    severity = Severity.ERROR
    options = {"change_slot": Option(str, "change", "slot holding the signed change", validate=not_empty)}

    def check(self, ctx: Context) -> Iterator[Report]:
        change_slot = ctx.option("change_slot")
        for rows in ctx.template.tables():
            problems = []
            for row in table_rows(ctx.document, ctx.template, ctx.alignment, rows):
                change = row.values.get(change_slot)
                if change is None or change.text is None or has_sign(change.text):
                    continue
                value = parse_change(change.text)
                if value is None or value == 0 or _sign_claimed(ctx, change.start):
                    continue
                problems.append(RowProblem(row, change.start, change.end, f"'{change.text.strip()}'"))
            yield from report_rows(ctx, rows, problems, lambda p: self._one(ctx, p),
                                   "have a change without its + or - sign")

    def _one(self, ctx: Context, problem: RowProblem) -> Report:
        row, change = problem.row, problem.evidence.strip("'")
        return ctx.report(problem.start, problem.end,
                          f"{row.label}: change '{change}' has no sign; write +{change} or -{change}",
                          found=ctx.text[problem.start:problem.end], subject=f"{row.label}|{ctx.text[problem.start:problem.end]}")


def _sign_claimed(ctx: Context, start: int) -> bool:
    """Whether the character just before a change, where its sign goes, is one a claiming
    rule reported (a look-alike sign)."""
    return start > 0 and not ctx.text[start - 1].isspace() and ctx.claimed(start - 1, start)
