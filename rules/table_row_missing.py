from __future__ import annotations

from collections.abc import Iterator

from canonlint.finding import Report, Severity
from canonlint.rule import Context, Rule
from canonlint.rulekit.tables import table_rows

__all__ = ["TableRowMissing"]


class TableRowMissing(Rule):
    r"""A row of a template table is missing from the edition.

    What it checks:
        Each row of each template table (identified by its first column, e.g.
        "Knife crime") must be present in the edition's table.
    Why it matters:
        A performance table that silently lost a row hides exactly the result someone
        might not have wanted to publish.
    Example:
        Fails: `Knife crime\t\t68 offences or -12.9%\tTarget achieved\n` → ``
        Passes: `Knife crime\t\t68 offences` → `Knife crime\t68 offences`
    Fix:
        Restore the row with the borough's figures.
    """

    code = "CL404"
    name = "table-row-missing"
    title = "Table row missing"
    severity = Severity.ERROR

    def check(self, ctx: Context) -> Iterator[Report]:
        for rows in ctx.template.tables():
            for row in table_rows(ctx.document, ctx.template, ctx.alignment, rows):
                if row.located or ctx.missing_run(row.block):
                    continue  # (missing with the blocks around it: shared-text-missing names them all)
                at = ctx.alignment.insertion_point(row.block.index)
                yield ctx.report(at, at, f"table row '{row.label}' is missing", expected=ctx.display(row.block),
                                 subject=row.label)
