from __future__ import annotations

from collections.abc import Iterator

from canonlint.finding import Report, Severity
from canonlint.rule import Context, Option, Rule, not_empty
from canonlint.rulekit.tables import RowProblem, report_rows, table_rows

__all__ = ["StatusMissing"]


class StatusMissing(Rule):
    r"""A performance row has no status ("Target achieved" / "Target missed").

    What it checks:
        Every row of a template table that has a status slot must carry a status in the
        edition. In a flattened table, a status belongs to the row whose figures it follows.
        Several rows of one table without a status are one finding listing each row and
        its place.
    Why it matters:
        A row without a verdict leaves readers to guess whether the borough met its target.
    Example:
        Fails: `68 offences or -12.9%\tTarget achieved` → `68 offences or -12.9%`
        Passes: `68 offences or -12.9%\tTarget achieved` → `68 offences or -12.9%    Target achieved`
    Options:
        status_slot: the slot name that holds the status.
    Fix:
        Add the status from the source data.
    """

    code = "CL403"
    name = "status-missing"
    title = "Status missing"
    severity = Severity.ERROR
    options = {"status_slot": Option(str, "status", "slot holding the target status", validate=not_empty)}

    def check(self, ctx: Context) -> Iterator[Report]:
        status_slot = ctx.option("status_slot")
        for rows in ctx.template.tables():
            problems = []
            for row in table_rows(ctx.document, ctx.template, ctx.alignment, rows):
                status = row.values.get(status_slot)
                if not row.located or status is None or status.text is not None or status.raw:
                    continue  # a status that does not parse is table-value-unparseable's
                problems.append(RowProblem(row, status.start, status.start, ""))
            yield from report_rows(ctx, rows, problems, lambda p: ctx.report(
                p.start, p.start, f"{p.row.label}: no status ('Target achieved' or 'Target missed')", subject=p.row.label),
                "have no status ('Target achieved' or 'Target missed')")
