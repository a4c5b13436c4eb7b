from __future__ import annotations

from collections.abc import Iterator

from canonlint.finding import Edit, Fix, Report, Severity
from canonlint.rule import Context, Rule
from canonlint.rulekit.tables import has_sign, parse_change, table_rows

__all__ = ["NegativeZero"]


class NegativeZero(Rule):
    r"""A table figure written as a negative zero: `-0.00%`.

    What it checks:
        Any table value of the edition's template tables that reads as zero but carries a
        minus sign (`-0.00%`, `−0%`, `-0`).
    Why it matters:
        A signed zero suggests a fall that did not happen; spreadsheets and rounding
        produce it, and it looks like an error in print.
    Example:
        Fails: `11 offences or +15.3%` → `11 offences or -0.00%`
        Passes: `11 offences or +15.3%` → `11 offences or 0.00%`
    Fix:
        Drop the sign (offered as a safe fix).
    """

    code = "CL405"
    name = "negative-zero"
    title = "Figure written as minus zero"
    severity = Severity.WARNING
    fixable = True

    def check(self, ctx: Context) -> Iterator[Report]:
        for rows in ctx.template.tables():
            for row in table_rows(ctx.document, ctx.template, ctx.alignment, rows):
                for value in row.values.values():
                    if value.text is None or not has_sign(value.text) or value.text.strip()[0] == "+":
                        continue
                    if parse_change(value.text) == 0:
                        plain = value.text.strip()[1:].lstrip()
                        yield ctx.report(value.start, value.end,
                                         f"{row.label}: '{value.text.strip()}' is a negative zero; write '{plain}'",
                                         found=value.text, expected=plain,
                                         fix=Fix(f"Write '{plain}'", (Edit(value.start, value.end, plain),), safe=True),
                                         subject=f"{row.label}|{value.text}")
