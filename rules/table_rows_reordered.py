from __future__ import annotations

from collections.abc import Iterator

from canonlint.rulekit.order import displaced, order_details
from canonlint.finding import Report, Severity
from canonlint.rule import Context, Rule
from canonlint.rulekit.tables import table_name, table_rows

__all__ = ["TableRowsReordered"]


class TableRowsReordered(Rule):
    r"""The rows of a template table stand in a different order than in the template.

    What it checks:
        The rows of each template table that are found in the edition (identified by
        their first column, e.g. "Knife crime"), compared in the order they appear. One
        finding per table names every row that is out of place, with its position in the
        template and in the edition. A row found elsewhere in its table is never called
        missing (table-row-missing).
    Why it matters:
        Performance tables are ordered the same way in every edition so that readers can
        compare boroughs line by line; a swapped row puts one crime's figures where readers
        look for another's.
    Example:
        Fails: `Serious youth violence\t\t25 offences or -11.1%\tTarget achieved\nKnife crime\t\t68 offences or -12.9%\tTarget achieved` → `Knife crime\t\t68 offences or -12.9%\tTarget achieved\nSerious youth violence\t\t25 offences or -11.1%\tTarget achieved`
        Passes: `Knife crime\t\t68 offences or -12.9%\tTarget achieved` → `Knife crime\t68 offences or -12.9%\tTarget achieved`
    Fix:
        Put the rows back in the template's order (the message lists it).
    """

    code = "CL409"
    name = "table-rows-reordered"
    title = "Table rows in a different order"
    severity = Severity.ERROR

    def check(self, ctx: Context) -> Iterator[Report]:
        for rows in ctx.template.tables():
            found = sorted((row for row in table_rows(ctx.document, ctx.template, ctx.alignment, rows) if row.located),
                           key=lambda row: row.start)
            # Each row's place by its index (list.index would compare blocks field by field).
            position = {block.index: n for n, block in enumerate(rows, 1)}
            positions = [position[row.block.index] for row in found]
            out_of_place = displaced(positions)
            if not out_of_place:
                continue
            details = order_details(out_of_place, [row.label for row in found], "row")
            sequence = ", ".join(map(str, positions))
            order = " / ".join(row.label for row in found)
            moved = [found[d.index] for d in out_of_place]
            yield ctx.report(min(row.start for row in moved), max(row.end for row in moved),
                             f"{table_name(ctx, rows)} has its rows in another order (template rows in "
                             f"the order found: {sequence}): {details}",
                             expected=" / ".join(row.label for row in sorted(found, key=lambda r: position[r.block.index])),
                             found=order, subject=order)
