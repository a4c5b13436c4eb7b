from __future__ import annotations

from collections.abc import Iterator

from canonlint.rulekit.order import displaced, order_details
from canonlint.finding import Report, Severity
from canonlint.rulekit.lists import list_name, list_placements
from canonlint.rule import Context, Rule

__all__ = ["ListReordered"]


class ListReordered(Rule):
    r"""The items of a shared list stand in a different order than in the template.

    What it checks:
        The items of each shared list that are found within the list's place, compared
        in the order they appear. One finding per list names every item that is out of
        place, with its position in the template and in the edition.
    Why it matters:
        Lists such as the MPA's strategic priorities are ordered on purpose; a reordered
        list changes what readers take to come first.
    Example:
        Fails: `- * crack down on violence\n- * the right service at the right price` → `- * the right service at the right price\n- * crack down on violence`
        Passes: `- * crack down on violence` → `- crack down on violence`
    Fix:
        Put the items back in the template's order (the message lists it).
    """

    code = "CL301"
    name = "list-reordered"
    title = "List in a different order"
    severity = Severity.ERROR

    def check(self, ctx: Context) -> Iterator[Report]:
        for items in ctx.template.lists():
            placed = [p for p in list_placements(ctx, items) if p.in_list]
            order = sorted(placed, key=lambda p: p.start)
            out_of_place = displaced([p.item.list_position for p in order])
            if not out_of_place:
                continue
            details = order_details(out_of_place, [ctx.display(p.item) for p in order], "item")
            expected = " / ".join(i.text for i in items)
            found = " / ".join(p.item.text for p in order)
            moved = [order[d.index] for d in out_of_place]
            start = min(p.start for p in moved)
            end = max(p.end for p in moved)
            sequence = ", ".join(str(p.item.list_position) for p in order)
            yield ctx.report(start, end, f"{list_name(ctx, items)} is reordered (template items in the "
                             f"order found: {sequence}): {details}",
                             expected=expected, found=found, subject=found)
