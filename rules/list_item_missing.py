from __future__ import annotations

from collections.abc import Iterator

from canonlint.evidence import quote
from canonlint.finding import Report, Severity
from canonlint.lists import list_name, list_placements
from canonlint.rule import Context, Rule

__all__ = ["ListItemMissing"]


class ListItemMissing(Rule):
    r"""An item of a shared list is nowhere in the edition.

    What it checks:
        Each item of each shared list must be found, in the list or anywhere else (an
        item found elsewhere is reported by list-item-displaced instead).
    Why it matters:
        A list that silently lost an item — one of five strategic priorities, one of
        three outcomes — misinforms without looking broken.
    Example:
        Fails: `- * crack down on violence\n` → ``
        Passes: `- * crack down on violence` → `- crack down on violence`
    Fix:
        Restore the item from the template at the position the message gives.
    """

    code = "CL302"
    name = "list-item-missing"
    title = "List item missing"
    severity = Severity.ERROR

    def check(self, ctx: Context) -> Iterator[Report]:
        for items in ctx.template.lists():
            for placement in list_placements(ctx, items):
                if placement.located:
                    continue
                item = placement.item
                yield ctx.report(placement.start, placement.start,
                                 f"item {item.list_position} of {list_name(ctx, items)} is missing: {quote(ctx.display(item))}",
                                 expected=ctx.display(item), subject=item.text)
