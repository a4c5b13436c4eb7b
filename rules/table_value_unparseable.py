from __future__ import annotations

from collections.abc import Iterator

from canonlint.finding import Report, Severity
from canonlint.rule import Context, Rule
from canonlint.slots import SlotType
from canonlint.rulekit.tables import table_rows
from canonlint.template import Template

__all__ = ["TableValueUnparseable"]


class TableValueUnparseable(Rule):
    r"""A table cell holds something that is not the figure or status its column needs.

    What it checks:
        In each row of a template table, every slot (count, percentage, status) must hold
        a value of its type: `sixty-eight offences`, `12,9%` or `Target reached` do not
        parse. An empty cell is status-missing's or change-sign-missing's business; cells
        in another order are table-columns-out-of-order's.
    Why it matters:
        A figure that does not parse cannot be checked, compared or charted, and often
        hides a typing slip.
    Example:
        Fails: `Target achieved\nKnife crime` → `Target reached\nKnife crime`
        Passes: `Target achieved\nKnife crime` → `target achieved\nKnife crime`
    Fix:
        Write the value as the column expects (the message names the type).
    """

    code = "CL406"
    name = "table-value-unparseable"
    title = "Table cell unreadable"
    severity = Severity.ERROR

    def check(self, ctx: Context) -> Iterator[Report]:
        types = ctx.per_template(self.code, _slot_types)
        for rows in ctx.template.tables():
            for row in table_rows(ctx.document, ctx.template, ctx.alignment, rows):
                if not row.located:
                    continue
                for name, value in row.values.items():
                    if value.text is None and value.raw:
                        yield ctx.report(value.start, value.end,
                                         f"{row.label}: '{value.raw}' is not {types[name].description}",
                                         found=value.raw, subject=f"{row.label}|{name}|{value.raw}")


def _slot_types(template: Template) -> dict[str, SlotType]:
    """Each slot name's type (once per run)."""
    return {w.slot.name: w.slot.type for w in template.words if w.slot is not None}
