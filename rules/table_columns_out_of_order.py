from __future__ import annotations

from collections.abc import Iterator

from canonlint.finding import Report, Severity
from canonlint.rule import Context, Rule
from canonlint.rulekit.tables import table_rows

__all__ = ["TableColumnsOutOfOrder"]


class TableColumnsOutOfOrder(Rule):
    r"""A table row whose cells stand in another order than the template's columns.

    What it checks:
        A row of a template table that has every value but not in the template's column
        order — the status before the figures, say. The row's values are still read and
        checked by the other table rules.
    Why it matters:
        Readers read columns by position; a row in another order puts a status under the
        "Result" heading.
    Example:
        Fails: `68 offences or -12.9%\tTarget achieved` → `Target achieved\t68 offences or -12.9%`
        Passes: `68 offences or -12.9%\tTarget achieved` → `68 offences or -12.9%\t\tTarget achieved`
    Fix:
        Put the cells back in the template's column order (the message gives it).
    """

    code = "CL407"
    name = "table-columns-out-of-order"
    title = "Table columns in a different order"
    severity = Severity.ERROR

    def check(self, ctx: Context) -> Iterator[Report]:
        for rows in ctx.template.tables():
            columns = ctx.template.table_columns.get(rows[0].table_id, ())
            for row in table_rows(ctx.document, ctx.template, ctx.alignment, rows):
                if not row.column_order:
                    continue
                names = [_column(columns, i + 1, row.block.cells[i + 1]) for i in range(len(row.block.cells) - 1)]
                found = ", ".join(names[i] for i in row.column_order)
                yield ctx.report(row.start, row.end,
                                 f"{row.label}: columns in the order {found}; the template has {', '.join(names)}",
                                 subject=f"{row.label}|{found}")


def _column(columns: tuple[str, ...], index: int, cell: str) -> str:
    return f"'{columns[index]}'" if index < len(columns) and columns[index] else f"'{cell}'"
