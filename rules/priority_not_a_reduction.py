from __future__ import annotations

from collections.abc import Iterator

from canonlint.align import Status
from canonlint.document import BlockKind
from canonlint.rulekit.evidence import edition_words, quote
from canonlint.finding import Report, Severity
from canonlint.rule import Context, Option, Rule
from canonlint.rulekit.tables import DIRECTIONS, parse_change
from canonlint.template import Slot, Template, TemplateBlock

__all__ = ["PriorityNotAReduction"]


def _a_direction_or_none(word: str) -> str | None:
    # another word would match no template item, and the rule would check nothing, silently
    return None if word.lower() in ("", *DIRECTIONS) else f"must be {' or '.join(DIRECTIONS)} (or left out for both)"


class PriorityNotAReduction(Rule):
    r"""A target in a priorities list that is not a reduction, or not a positive percentage.

    What it checks:
        Template list items of the form `{p:percent} reduction in …` (next year's
        priorities), or `{p:percent} increase in …` where the template sets a rise: the
        word after the percentage must still be the template's (`reduction`, not
        `increase`, and the other way round), and the percentage must be above zero and
        carry no minus sign. The word or figure it reports is claimed: shared-text-altered
        does not report it again as reworded text.
    Why it matters:
        "2.0% increase in serious youth violence" as a target, or a 0.0% reduction, is
        either a slip or a change of policy that the shared text does not allow.
    Example:
        Fails: `- 4.0% reduction in gun crime` → `- 4.0% increase in gun crime`
        Passes: `- 4.0% reduction in gun crime` → `- 4.5% reduction in gun crime`
    Options:
        target_word: only items whose percentage the template follows with this word
        (default: `reduction` and `increase` items alike, each held to its own word).
    Fix:
        Restate the target as a positive reduction, or correct the figure.
    """

    code = "CL408"
    name = "priority-not-a-reduction"
    title = "Priority target is not a reduction"
    severity = Severity.ERROR
    claims = True
    options = {"target_word": Option(str, "", "the one target word checked (default: reduction and increase)",
                                     validate=_a_direction_or_none)}

    def check(self, ctx: Context) -> Iterator[Report]:
        template, alignment = ctx.template, ctx.alignment
        chosen = ctx.option("target_word").lower()
        words = (chosen,) if chosen else DIRECTIONS
        for block in ctx.per_template((self.code, words), lambda template: _targets(template, words)):
            match = ctx.match(block)
            if match.status in (Status.MISSING, Status.LOCAL):
                continue
            for value in match.slots:
                i = value.slot.word
                if not _unsigned_percentage(value.slot) or i + 1 >= block.last_word or template.words[i + 1].key not in words:
                    continue
                word = template.words[i + 1].key
                if alignment.edition_word(i + 1) is None:
                    written = next(((d.e_start, d.e_end) for d in match.diffs
                                    if d.t_start <= i + 1 < d.t_end and d.e_end > d.e_start), None)
                    instead = edition_words(ctx.document, *written) if written else ""
                    said = f"'{instead}'" if instead else "nothing"
                    yield ctx.report(match.start, match.end,
                                     f"priority {quote(ctx.display(block), 60)} is not {_a(word)} {word} target: "
                                     f"{said} where the template has '{word}'",
                                     expected=ctx.display(block), subject=f"word|{block.text}|{instead}",
                                     claim=_claim(ctx, written, alignment.edition_word(i), match.start))
                if value.value is None:
                    continue  # slot-value-mismatch reports a missing percentage
                figure = parse_change(value.value)
                signed = ctx.text[max(0, value.start - 1) : value.start] in ("-", "\u2212")
                if signed or (figure is not None and figure <= 0):
                    shown = ("-" if signed else "") + value.value
                    yield ctx.report(value.start - signed, value.end,
                                     f"priority {quote(ctx.display(block), 60)}: '{shown}' is not a positive {word}",
                                     found=shown, subject=f"figure|{block.text}|{shown}")


def _unsigned_percentage(slot: Slot) -> bool:
    return slot.type.percentage and not slot.type.signed


def _targets(template: Template, words: tuple[str, ...]) -> tuple[TemplateBlock, ...]:
    """The list items holding a percentage slot followed by a target word (once per run):
    the only ones the check can report on."""
    blocks = []
    for block in template.blocks:
        if block.kind is BlockKind.LIST_ITEM and any(
                w.slot is not None and w.slot.block == block.index and _unsigned_percentage(w.slot)
                and w.slot.word + 1 < block.last_word and template.words[w.slot.word + 1].key in words
                for w in template.words):
            blocks.append(block)
    return tuple(blocks)


def _claim(ctx: Context, written: tuple[int, int] | None, percent: int | None, start: int) -> tuple[int, int]:
    """The edition text the wrong target word stands at: the words written instead, or the
    point after the percentage where it was dropped."""
    document = ctx.document
    if written:
        return document.starts[written[0]], document.ends[written[1] - 1]
    at = document.ends[percent] if percent is not None else start
    return at, at


def _a(word: str) -> str:
    return "an" if word[:1] in ("a", "e", "i", "o", "u") else "a"
