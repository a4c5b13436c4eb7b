from __future__ import annotations

from collections.abc import Iterator

from canonlint.rulekit.evidence import quote, widen
from canonlint.finding import Fix, Report, Severity
from canonlint.rulekit.edits import delete_block, move_back
from canonlint.rulekit.lists import item_starting_line, list_name, list_placements
from canonlint.rule import Context, Rule

__all__ = ["ListItemDisplaced"]


class ListItemDisplaced(Rule):
    r"""An item of a shared list was found outside its list.

    What it checks:
        A list item that is not within its list's place in the edition but stands
        elsewhere — typically pushed below the next paragraph or section by a broken
        conversion, often with debris such as `^{*}` in front of it.
    Why it matters:
        The list reads as if the item were missing, and the stray line confuses the
        section it landed in.
    Example:
        Fails: `- * the right service at the right price\n` → ``; `Looking back on 2009/10` → `the right service at the right price\n\nLooking back on 2009/10`
        Passes: `- * the right service at the right price` → `- the right service at the right price`
    Fix:
        Move the item back into the list at the position the message gives (offered,
        not marked safe, for an item that stands on lines of its own).
    """

    code = "CL303"
    name = "list-item-displaced"
    title = "List item outside its list"
    severity = Severity.ERROR
    fixable = True

    def check(self, ctx: Context) -> Iterator[Report]:
        for items in ctx.template.lists():
            for placement in list_placements(ctx, items):
                if not placement.located or placement.in_list:
                    continue
                item = placement.item
                start, end = _as_written(ctx, placement.start, placement.end)
                line = ctx.document.source.position(start)[0]
                yield ctx.report(placement.insertion_point, placement.insertion_point,
                                 f"item {item.list_position} of {list_name(ctx, items)} is not in the list: "
                                 f"{quote(ctx.display(item), 50)} was found at line {line} as {quote(ctx.text[start:end], 60, raw=True)}",
                                 expected=ctx.display(item), found=ctx.text[start:end], subject=item.text,
                                 fix=_move_back(ctx, placement, start, end))


def _move_back(ctx: Context, placement, start: int, end: int) -> Fix | None:
    """Move an item that stands alone on its lines (debris such as `^{*}` in front of it
    included) back into its list: written with the marker of the list item it goes
    before or after (as the Document reads list markers), its old lines and the blank line
    after them deleted. Not offered for an item run into other text, when its place is not
    beside a list item, or in a numbered list."""
    text, source = ctx.text, ctx.document.source
    document = ctx.document
    first, last = source.line_bounds(start)[0], source.line_bounds(end)[1]
    if len(document.words_in(first, last)) != len(document.words_in(placement.start, placement.end)):
        return None  # other words share its lines
    words = text[placement.start:placement.end]
    if not text[placement.end:last].strip(" \t.,;:!?"):  # the punctuation that ends it goes along
        words = text[placement.start:last].rstrip()
    at = placement.insertion_point
    item = item_starting_line(document, at)
    if item is not None and any(map(str.isdigit, item.marker)):
        return None  # a numbered list: the item's number and those after it would need renumbering
    line_start, line_end = source.line_bounds(at)
    if item is not None and at == item.content_start > item.start:  # its place starts an item's text
        written, place = text[line_start:at] + words + source.newline, line_start
    elif item is not None and at == line_end and text[item.content_start - 1] in " \t":  # ends an item's line
        written, place = source.newline + text[line_start:item.content_start] + words, at
    else:
        return None
    edits = move_back(delete_block(document, first, last), place, written)
    return Fix("Move the item back into its list", edits) if edits else None


def _as_written(ctx: Context, start: int, end: int) -> tuple[int, int]:
    """The item as it stands: its whole line when it is alone there (so that debris such
    as `^{*}` in front of it shows), else the words widened to whole tokens."""
    document = ctx.document
    inside = document.words_in(start, end)
    if inside:
        block = document.words[inside[0]].block
        own = sum(1 for j in inside if document.words[j].block == block)
        if own >= 0.6 * len(document.block_words[block]):
            return document.blocks[block].start, document.blocks[block].end
    return widen(ctx.text, start, end)
