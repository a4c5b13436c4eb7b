from __future__ import annotations

from collections.abc import Iterator

from canonlint.align import Status
from canonlint.document import BlockKind
from canonlint.finding import Edit, Fix, Report, Severity
from canonlint.rule import Context, Option, Rule, at_least
from canonlint.template import Template, TemplateBlock

__all__ = ["PunctuationLost"]

_APOSTROPHES = {"'", "\u2019", "\u02bc"}
_HYPHENS = {"-", "\u2010", "\u2011"}


class PunctuationLost(Rule):
    r"""Apostrophes and hyphens of the shared text lost, reported once per edition.

    What it checks:
        Where the template joins two words with an apostrophe or a hyphen (`doesn't`,
        `London's`, `day-to-day`, `pan-London`) and the edition has a space instead
        (`doesn t`, `London s`, `day to day`) — what a scraper that drops punctuation
        leaves. One finding per edition gives the counts and a few examples. A mark lost
        inside text a more specific rule claims (a web address exact-token-changed reports)
        is left to it.
    Why it matters:
        `London s streets` reads as a typo in every paragraph; one finding with a count
        says "this copy went through a lossy conversion" without burying the report.
    Example:
        Fails: `it doesn't yet feel better on London's streets` → `it doesn t yet feel better on London s streets`
        Passes: `it doesn't yet feel better on London's streets` → `it doesn’t yet feel better on London’s streets`
    Options:
        examples: how many examples the message quotes.
    Fix:
        Put the template's apostrophes and hyphens back (offered as a safe fix).
    """

    code = "CL106"
    name = "punctuation-lost"
    title = "Apostrophes and hyphens lost"
    severity = Severity.WARNING
    fixable = True
    options = {"examples": Option(int, 3, "examples quoted in the message", validate=at_least(1))}

    def check(self, ctx: Context) -> Iterator[Report]:
        template, document, edition_word = ctx.template, ctx.document, ctx.alignment.edition_word
        text = ctx.text
        lost: list[tuple[int, int, str, str, str]] = []  # edition gap, mark, found, expected
        blocks, marks_of = ctx.per_template(self.code, _marked)
        # A block written verbatim writes each mark between its words, as the template does.
        for block in ctx.alignment.not_verbatim(blocks):
            if ctx.match(block).status in (Status.MISSING, Status.LOCAL):
                continue
            for i, mark in marks_of[block.index]:
                j, k = edition_word(i), edition_word(i + 1)
                if j is None or k != j + 1:
                    continue
                gap = text[document.ends[j] : document.starts[k]]
                if gap and not gap.strip() and not ctx.claimed(document.starts[j], document.ends[k]):
                    found = text[document.starts[j] : document.ends[k]]
                    expected = template.text[template.words[i].start : template.words[i + 1].end]
                    lost.append((document.ends[j], document.starts[k], mark, found, expected))
        if not lost:
            return
        apostrophes = sum(mark in _APOSTROPHES for _, _, mark, _, _ in lost)
        hyphens = len(lost) - apostrophes
        counts = " and ".join(part for part in (
            f"{apostrophes} apostrophe{'s' if apostrophes != 1 else ''}" if apostrophes else "",
            f"{hyphens} hyphen{'s' if hyphens != 1 else ''}" if hyphens else "") if part)
        shown, seen = [], set()
        for _, _, _, found, expected in lost:
            if expected not in seen:
                seen.add(expected)
                shown.append(f"'{found}' for '{expected}'")
        limit = ctx.option("examples")
        start, end = lost[0][0], lost[0][1]
        yield ctx.report(start, end, f"{counts} of the shared text lost, written as spaces "
                                     f"(e.g. {', '.join(shown[:limit])})",
                         fix=Fix("Restore the apostrophes and hyphens",
                                 tuple(Edit(s, e, mark) for s, e, mark, _, _ in lost), safe=True),
                         subject=f"punctuation lost|{apostrophes}|{hyphens}")


def _marked(template: Template) -> tuple[tuple[TemplateBlock, ...], dict[int, tuple[tuple[int, str], ...]]]:
    """The blocks with a word followed, within the block, by an apostrophe or hyphen, in
    order, and by block index each such word and its mark (once per run); a code block is
    compared as code by shared-text-altered."""
    marks: dict[int, tuple[tuple[int, str], ...]] = {}
    for block in template.blocks:
        if block.kind is BlockKind.CODE:
            continue
        found = tuple((i, mark) for i in range(block.first_word, block.last_word - 1)
                      if (mark := template.text[template.words[i].end : template.words[i + 1].start])
                      in _APOSTROPHES | _HYPHENS)
        if found:
            marks[block.index] = found
    return tuple(template.blocks[index] for index in marks), marks
