from __future__ import annotations

from collections.abc import Iterator

from canonlint.finding import Report, Severity
from canonlint.rule import Context, Option, Rule, not_empty
from canonlint.rulekit.tables import (
    DIRECTIONS, INCREASE, REDUCTION, has_sign, parse_change, row_label, table_rows, target_direction,
    unknown_row_keys,
)

__all__ = ["StatusContradictsChange"]


class StatusContradictsChange(Rule):
    r"""A performance row's status contradicts its change, or the row's target.

    What it checks:
        In each row of a template table with a change slot and a status slot. Without
        targets, a row's target is a reduction (unless `direction` or `directions` say
        it is an increase): a fall (`-2.7%`) reported as "Target missed", or a rise
        (`+0.7%`) reported as "Target achieved", contradicts itself, and the other way
        round for an increase target; a change of zero is not judged. With per-row `targets` in the
        configuration (e.g. `"Serious youth violence" = -4.7`), the status is judged
        against the row's target instead: `-2.7%` against a `-4.7%` target is rightly
        "missed", `-5.1%` is "achieved". Minus signs written as U+2212 or an en dash count.
    Why it matters:
        The status column is what readers look at; a contradiction there is either a
        wrong figure or a wrong verdict, and both mislead.
    Example:
        Fails: `25 offences or -11.1%\tTarget achieved` → `25 offences or -11.1%\tTarget missed`
        Passes: `25 offences or -11.1%\tTarget achieved` → `25 offences or −11.1%\tTarget achieved`
    Options:
        change_slot / status_slot: the slot names that hold the change and the status.
        targets: a table of row label → target change in percent; a negative target is
        met by a change at or below it, a positive one by a change at or above it.
        direction: `reduction` (the default) or `increase`, for every table's rows.
        directions: a table of row label, or `table N` (N from 1), → `reduction` or
        `increase`; a row's label wins over its table, its table over `direction`.
        Every key of `targets` and `directions` must name a row (or table) of the
        template: a misspelt label is a configuration error, not a silent no-op.
    Fix:
        Check the figure and the status against the source data; correct whichever is wrong.
    """

    code = "CL401"
    name = "status-contradicts-change"
    title = "Status contradicts the figures"
    severity = Severity.ERROR
    options = {
        "change_slot": Option(str, "change", "slot holding the signed change", validate=not_empty),
        "status_slot": Option(str, "status", "slot holding the target status", validate=not_empty),
        "targets": Option(dict, {}, "row label -> target change in percent, e.g. -4.7", item_type=(int, float)),
        "direction": Option(str, REDUCTION, "what every target is: reduction or increase", choices=DIRECTIONS),
        "directions": Option(dict, {}, "row label or 'table N' -> reduction or increase", item_type=str,
                             choices=DIRECTIONS),
    }

    @classmethod
    def template_problems(cls, options, template) -> Iterator[str]:
        yield from unknown_row_keys("targets", options["targets"], template)
        yield from unknown_row_keys("directions", options["directions"], template, tables=True)

    def check(self, ctx: Context) -> Iterator[Report]:
        change_slot = ctx.option("change_slot")
        status_slot = ctx.option("status_slot")
        targets = {" ".join(k.lower().split()): v for k, v in ctx.option("targets").items()}
        directions, direction = ctx.option("directions"), ctx.option("direction")
        # Each row's direction depends on the template and the options only: worked out once.
        row_directions = ctx.per_template((self.code, "directions", direction, tuple(sorted(directions.items()))),
                                          lambda template: _row_directions(template, directions, direction))
        for number, rows in enumerate(ctx.template.tables(), 1):
            for row in table_rows(ctx.document, ctx.template, ctx.alignment, rows):
                change, status = row.values.get(change_slot), row.values.get(status_slot)
                if change is None or status is None or change.text is None or status.text is None:
                    continue
                value = parse_change(change.text)
                if value is None or (not has_sign(change.text) and value != 0):
                    continue  # change-sign-missing reports it; the direction is unknown
                verdict = " ".join(status.text.lower().split())
                missed = "missed" in verdict or "not met" in verdict
                shown = change.text.strip()
                target = targets.get(" ".join(row.label.lower().split())) if targets else None
                if target is not None:
                    met = value <= target if target < 0 else value >= target
                    if met == (not missed):
                        continue
                    problem = (f"{shown} {'meets' if met else 'misses'} the {target:+g}% target, "
                               f"but the status says '{status.text}'")
                else:
                    problem = _against_direction(value, missed, shown, status.text, row_directions[number, row.label])
                    if problem is None:
                        continue
                yield ctx.report(change.start, status.end, f"{row.label}: {problem}",
                                 found=ctx.text[change.start:status.end],
                                 subject=f"{row.label}|{change.text}|{status.text}")


def _row_directions(template, directions: dict[str, str], direction: str) -> dict[tuple[int, str], str]:
    """The direction of each row's target (target_direction), by table number (from 1) and
    row label."""
    return {(number, label): target_direction(directions, direction, number, label)
            for number, rows in enumerate(template.tables(), 1) for label in map(row_label, rows)}


def _against_direction(value: float, missed: bool, shown: str, status: str, direction: str) -> str | None:
    """The contradiction between a change and its status for a target in that direction."""
    kind = "a reduction" if value < 0 else "an increase"
    wanted = (value < 0) == (direction == REDUCTION)
    if value == 0 or wanted != missed:
        return None
    target = "" if direction == REDUCTION else f" (the target is an {INCREASE})"
    return f"{shown} is {kind}{target}, but the status says '{status}'"
