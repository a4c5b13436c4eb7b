from __future__ import annotations

from collections.abc import Iterator

from canonlint.rulekit.evidence import quote
from canonlint.finding import Report, Severity
from canonlint.rulekit.lists import list_name, list_placements
from canonlint.rule import Context, Rule

__all__ = ["ListItemMissing"]


class ListItemMissing(Rule):
    r"""An item of a shared list is nowhere in the edition.

    What it checks:
        Each item of each shared list must be found, in the list or anywhere else (an
        item found elsewhere is reported by list-item-displaced instead). Consecutive
        items missing together are one finding.
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
            gone: list[list] = [[]]  # runs of consecutive items missing together
            for placement in list_placements(ctx, items):
                if placement.located or ctx.missing_run(placement.item):
                    # (missing with the blocks around it: shared-text-missing names them all)
                    gone.append([])
                else:
                    gone[-1].append(placement)
            for run in filter(None, gone):
                first, last = run[0].item, run[-1].item
                which = f"item {first.list_position}" if len(run) == 1 else \
                    f"items {first.list_position}–{last.list_position}"
                quoted = ", ".join(quote(ctx.display(p.item)) for p in run)
                yield ctx.report(run[0].start, run[0].start,
                                 f"{which} of {list_name(ctx, items)} {'is' if len(run) == 1 else 'are'} missing: {quoted}",
                                 expected="\n".join(ctx.display(p.item) for p in run),
                                 subject="|".join(p.item.text for p in run))
