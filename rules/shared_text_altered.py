from __future__ import annotations

from collections.abc import Iterator

from canonlint.align import Status
from canonlint.document import BlockKind
from canonlint.evidence import edition_words, quote, template_words, widen
from canonlint.finding import Report, Severity
from canonlint.rule import Context, Option, Rule, at_least

__all__ = ["SharedTextAltered"]


class SharedTextAltered(Rule):
    r"""Shared text was reworded: words added, dropped or changed.

    What it checks:
        Each shared block found in the edition is compared word by word with the template
        (ignoring case, quotes, apostrophes, hyphens, markup and line wrapping). Words
        that were added, dropped or replaced are reported with both readings. A difference
        in text that a more specific rule reports on is left to it: a web address, phone
        number, e-mail address or figure to exact-token-changed, which compares them
        character by character; a regrouped phone number to phone-format-inconsistent; a
        slot's value to the slot rules (a number or address dropped altogether is
        reported here).
    Why it matters:
        Shared text is the publisher's voice in every edition; a reworded sentence in one
        borough is either an unapproved edit or a copy that fell behind.
    Example:
        Fails: `we must work together to deliver success` → `we must all work together to deliver results`
        Passes: `public's confidence` → `public’s confidence`
    Options:
        max_diffs: how many differences one message quotes before it says "and N more".
    Fix:
        Replace the edition's words with the template's (the message quotes both).
    """

    code = "CL102"
    name = "shared-text-altered"
    title = "Shared wording changed"
    severity = Severity.ERROR
    options = {"max_diffs": Option(int, 3, "differences quoted in one message", validate=at_least(1))}

    def check(self, ctx: Context) -> Iterator[Report]:
        template, document = ctx.template, ctx.document
        regions = ctx.alignment.table_regions
        for block in ctx.blocks_with_status(Status.ALTERED, Status.MOVED):
            match = ctx.match(block)
            if match.status not in (Status.ALTERED, Status.MOVED) or not match.diffs:
                continue
            if block.table_id >= 0 and not regions[block.table_id].row_shaped:
                continue  # a flattened table is the table rules' business
            parts = []
            for diff in match.diffs:
                if ctx.claimed(*_edition_span(document, match, diff)):
                    continue  # a more specific rule reports it: a changed address, number or slot
                expected = template_words(template, diff.t_start, diff.t_end)
                found = edition_words(document, diff.e_start, diff.e_end)
                if expected and found:
                    parts.append((diff, f"expected {quote(expected, 50)} but found {quote(found, 50)}"))
                elif expected:
                    parts.append((diff, f"{quote(expected, 50)} is missing"))
                else:
                    parts.append((diff, f"{quote(found, 50)} was added"))
            if not parts:
                continue
            limit = ctx.option("max_diffs")
            shown = "; ".join(text for _, text in parts[:limit])
            more = f"; and {len(parts) - limit} more" if len(parts) > limit else ""
            start, end = _edition_span(document, match, parts[0][0])
            kind = "heading" if block.kind is BlockKind.HEADING else block.kind.value
            yield ctx.report(start, end, f"shared {kind} {quote(ctx.display(block), 40)} altered: {shown}{more}",
                             expected=ctx.display(block), found=ctx.excerpt(*widen(ctx.text, match.start, match.end), 400),
                             subject=block.text + "|" + shown)


def _edition_span(document, match, diff) -> tuple[int, int]:
    """The edition text a difference stands at: the words written instead, or, where words
    were dropped, the point just after the word before them."""
    if diff.e_end > diff.e_start:
        return document.words[diff.e_start].start, document.words[diff.e_end - 1].end
    if diff.e_start > match.first_word:
        end = document.words[diff.e_start - 1].end
        return end, end
    return match.start, match.start
