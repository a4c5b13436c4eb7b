from __future__ import annotations

import difflib
from collections.abc import Iterator

from canonlint.align import Status
from canonlint.document import BlockKind
from canonlint.rulekit.evidence import edition_words, quote, template_words, widen
from canonlint.rulekit.reader_facts import as_read
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
        reported here); a priority's target word to priority-not-a-reduction.
        A code block (Markdown's fenced or indented code) is compared as code: verbatim,
        line by line, case and punctuation included (only spacing, and lines a converter
        joined, are let pass).
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
        yield from self._code(ctx)
        template, document = ctx.template, ctx.document
        regions = ctx.alignment.table_regions
        for block in ctx.blocks_with_status(Status.ALTERED, Status.MOVED):
            match = ctx.match(block)
            if match.status not in (Status.ALTERED, Status.MOVED) or not match.diffs or block.kind is BlockKind.CODE:
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

    def _code(self, ctx: Context) -> Iterator[Report]:
        """Each code block of the template found in the edition, compared verbatim: the
        lines it stands on in the edition, against the template's lines, slots filled. Both
        as their readers read them (a Markdown file's without its quote markers)."""
        text = as_read(ctx.document)
        for block in ctx.per_template("code blocks", _code_blocks):
            match = ctx.match(block)
            if not match.located:
                continue  # missing: shared-text-missing reports it
            expected = _filled(ctx, block).splitlines()
            # The edition's lines where the code was found, without the marker of a list item
            # the code stands in (a Word copy's), unless the code itself starts with it.
            start = text.rfind("\n", 0, match.start) + 1
            holder = ctx.document.blocks[ctx.document.word_blocks[match.first_word]]
            marker = text[start:holder.content_start].strip()
            if holder.kind is BlockKind.LIST_ITEM and start <= holder.content_start <= match.start and \
                    not expected[0].lstrip().startswith(marker):
                start = holder.content_start
            end = text.find("\n", match.end)
            end = len(text) if end < 0 else end
            found = text[start:end].splitlines()
            differences = code_differences(expected, found)
            if not differences:
                continue
            limit = ctx.option("max_diffs")
            shown = "; ".join(differences[:limit])
            more = f"; and {len(differences) - limit} more" if len(differences) > limit else ""
            yield ctx.report(match.start, match.end,
                             f"shared code block {quote(expected[0], 40, raw=True)} altered: {shown}{more}",
                             expected="\n".join(expected), found=text[start:end], subject=block.text + "|" + shown)


def _code_blocks(template) -> tuple:
    return tuple(block for block in template.blocks if block.kind is BlockKind.CODE)


def _filled(ctx: Context, block) -> str:
    """A template code block as written, each slot filled with the value captured there."""
    template = ctx.template
    values = {value.slot.word: value.value for value in ctx.match(block).slots if value.value}
    pieces, at = [], block.start  # a code block has no marker: it starts with its text
    for index in block.word_range:
        word = template.words[index]
        if word.slot is not None:
            pieces += [template.text[at:word.start], values.get(index) or template.text[word.start:word.end]]
            at = word.end
    pieces.append(template.text[at:block.end])
    return "".join(pieces)


def code_differences(expected: list[str], found: list[str]) -> list[str]:
    """How found code lines differ from the expected ones, verbatim but for spacing: each
    differing expected line with what stands in its place. Lines a converter joined into
    one (a Word paragraph) compare by their tokens, as the same text."""
    expected = [" ".join(line.split()) for line in expected if line.strip()]
    found = [" ".join(line.split()) for line in found if line.strip()]
    if expected == found or " ".join(expected) == " ".join(found):
        return []
    differences = []
    matcher = difflib.SequenceMatcher(None, expected, found, autojunk=False)
    for tag, t_lo, t_hi, e_lo, e_hi in matcher.get_opcodes():
        if tag == "equal":
            continue
        was, now = " / ".join(expected[t_lo:t_hi]), " / ".join(found[e_lo:e_hi])
        line = f"line {t_lo + 1}" if t_hi - t_lo <= 1 else f"lines {t_lo + 1}-{t_hi}"
        if was and now:
            differences.append(f"{line} expected {quote(was, 60, raw=True)} but found {quote(now, 60, raw=True)}")
        elif was:
            differences.append(f"{line} {quote(was, 60, raw=True)} is missing")
        else:
            differences.append(f"{quote(now, 60, raw=True)} was added after line {t_lo}")
    return differences


def _edition_span(document, match, diff) -> tuple[int, int]:
    """The edition text a difference stands at: the words written instead, or, where words
    were dropped, the point just after the word before them."""
    if diff.e_end > diff.e_start:
        return document.words[diff.e_start].start, document.words[diff.e_end - 1].end
    if diff.e_start > match.first_word:
        end = document.words[diff.e_start - 1].end
        return end, end
    return match.start, match.start
