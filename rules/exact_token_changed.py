from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from canonlint.align import Status
from canonlint.document import BlockKind
from canonlint.exact_tokens import ExactToken, exact_token_spans, reads_as, same_token
from canonlint.finding import Edit, Fix, Report, Severity
from canonlint.readers import Link
from canonlint.rulekit import reader_facts
from canonlint.rule import Context, Rule
from canonlint.slot_syntax import SLOT_PATTERN
from canonlint.template import Template, TemplateBlock
from canonlint.text_memo import TextMemo

__all__ = ["ExactTokenChanged"]


class ExactTokenChanged(Rule):
    r"""A web address, e-mail address, phone number, figure or link target differs from the template.

    What it checks:
        Inside every shared block found in the edition, each address, e-mail address,
        phone number and figure of the template must be written exactly as in the
        template (a web address's host name may differ in case). The paragraph around it
        may still be 99 % similar: that is why this is checked character by character.
        Where the edition's format has links (Markdown, Word, HTML), a link of the template
        must lead where the template's does: its target (inline, a reference definition's,
        an autolink's) is compared the same way; its text is compared as text. A token
        another rule reports as a whole, naming how it was mangled (broken-hyphenation's
        `haveyoursay -businesses`), is left to that rule.
    Why it matters:
        A phone number wrong by one digit sends readers to a stranger; an address broken
        by a lost hyphen leads nowhere. (The same number grouped differently is only a
        warning, from phone-format-inconsistent.)
    Example:
        Fails: `tel: 0800 555111` → `tel: 0800 555112`
        Passes: `www.talktoFRANK.com` → `www.talktofrank.com`
    Fix:
        Replace the edition's text with the template's (offered as a safe fix), a
        Markdown link's target likewise.
    """

    code = "CL105"
    name = "exact-token-changed"
    title = "Contact detail or figure changed"
    severity = Severity.ERROR
    claims = True
    fixable = True

    def check(self, ctx: Context) -> Iterator[Report]:
        document, alignment, matches = ctx.document, ctx.alignment, ctx.alignment.matches
        text, starts, ends = document.text, document.starts, document.ends
        # The edition's tokens are read as the template's are, over whole lines, never cut at
        # the end of a block's last word (`http://example.org/x/` keeps its '/'); only the
        # lines where a token is looked for are read (never those of verbatim blocks).
        spans_of_lines = _LineTokens(text)
        blocks, tokens_of = ctx.per_template(self.code, _template_tokens)
        # A block written exactly as the template writes it holds every token as the template's.
        for block in alignment.not_verbatim(blocks):
            tokens = tokens_of[block.index]
            match = matches[block.index]
            if match.status in (Status.MISSING, Status.LOCAL):
                continue
            filled = {v.slot.name: v.value for v in match.slots} if match.slots else {}
            for token, inside, run, slot_words, has_slot, normal in tokens:
                expected = token.text
                if has_slot:
                    expected = SLOT_PATTERN.sub(lambda m, filled=filled: filled.get(m.group(1)) or "\x00", expected)
                    if "\x00" in expected:
                        continue  # a slot in it holds nothing valid: slot-value-mismatch reports that
                    normal = " ".join(expected.split()) == expected
                # Only the first and last written word count: the lowest and highest, in C.
                written = alignment.edition_words(run or inside)
                if match.diffs:
                    written = written + _replaced(match.diffs, inside)
                if not written:
                    continue  # the token was deleted: shared-text-altered reports that
                start, end = starts[min(written)], ends[max(written)]
                if slot_words:
                    for value in match.slots:  # a slot inside the token: its value is part of it
                        if value.value and value.slot.word in slot_words:
                            start, end = min(start, value.start), max(end, value.end)
                line, token_starts, token_ends = spans_of_lines.around(start, end)
                at = bisect_right(token_ends, start - line)  # the first token ending after start
                while at < len(token_starts) and token_starts[at] + line < end:  # in order, none overlapping
                    start, end = min(start, token_starts[at] + line), max(end, token_ends[at] + line)
                    at += 1
                end = _before_other_slots(match.slots, slot_words, start, end, text)
                if token.kind == "phone number" and text[start - 1 : start] == "+":
                    start -= 1  # an international prefix is part of the number as written
                found = text[start:end]
                if found == expected and normal:
                    continue  # as the template writes it: the common case
                found = " ".join(found.split())  # a line break inside a number is a re-wrap
                if found == expected or same_token(token.kind, expected, found) or _same_number(token, found):
                    continue  # (same_token holds for equal texts: the common case, tested first)
                if ctx.claimed(start, end):
                    continue  # a rule of a higher claim rank names what happened to it
                fix = Fix(f"Write '{expected}'", (Edit(start, end, expected),), safe=True) \
                    if reads_as(text[:start] + expected + text[end:], start, expected, token.kind) else None
                yield ctx.report(
                    start, end,
                    f"{token.kind} differs from the template: expected '{expected}', found '{found}'",
                    expected=expected, found=found, fix=fix,
                    subject=f"{token.kind}|{token.text}|{found}")
        yield from _link_targets(ctx)


def _link_targets(ctx: Context) -> Iterator[Report]:
    """Each template link whose text the edition carries as a link: its target as the template's."""
    links = reader_facts.links(ctx.document)
    if not links or not ctx.template.links:
        return
    text, document, alignment = ctx.text, ctx.document, ctx.alignment
    link_starts = [link.start for link in links]
    values = alignment.slot_values_by_name()
    for link, words, block in ctx.per_template("link words", _link_words):
        if ctx.match(block).status in (Status.MISSING, Status.LOCAL):
            continue
        written = alignment.edition_words(words)
        if not written:
            continue
        first = document.starts[min(written)]
        at = bisect_right(link_starts, first) - 1
        if at < 0 or not links[at].start <= first < links[at].end:
            continue  # not a link in the edition (or its format has none): its text was compared
        found = links[at]
        if not found.target or found.target.removeprefix("mailto:") == " ".join(text[found.start:found.end].split()):
            continue  # the visible text is the target (or the address a mailto: link writes to): compared as text
        expected, pattern = _expected_target(link.target, values)
        if pattern.fullmatch(found.target) or same_token("web address", expected, found.target):
            continue
        fix = None
        if found.target_start >= 0 and not SLOT_PATTERN.search(expected):
            fix = Fix(f"Link to '{expected}'", (Edit(found.target_start, found.target_end, expected),), safe=True)
        start, end = (found.target_start, found.target_end) if found.target_start >= 0 else (found.start, found.end)
        yield ctx.report(
            start, end,
            f"link target differs from the template: '{' '.join(text[found.start:found.end].split())}' "
            f"should lead to '{expected}', found '{found.target}'",
            expected=expected, found=found.target, fix=fix, subject=f"link|{link.target}|{found.target}")


def _link_words(template: Template) -> list[tuple[Link, list[int], TemplateBlock]]:
    """Each template link with words in its text: those words and their block (once per run)."""
    starts = [word.start for word in template.words]
    found = []
    for link in template.links:
        words = list(range(bisect_left(starts, link.start), bisect_left(starts, link.end)))
        if words:
            found.append((link, words, template.blocks[template.words[words[0]].block]))
    return found


def _expected_target(target: str, values) -> tuple[str, re.Pattern[str]]:
    """A template link's target with its slots filled by the edition's values, and a pattern
    that matches it, a slot with no value standing for any run without '/' or spaces."""
    shown, pattern, at = [], [], 0
    for slot in SLOT_PATTERN.finditer(target):
        captured = next((v.value for v in values.get(slot.group(1), ()) if v.value), None)
        shown += [target[at:slot.start()], captured or slot.group(0)]
        pattern += [re.escape(target[at:slot.start()]), re.escape(captured) if captured else r"[^\s/]+"]
        at = slot.end()
    shown.append(target[at:])
    pattern.append(re.escape(target[at:]))
    return "".join(shown), re.compile("".join(pattern))


def _before_other_slots(values, slot_words, start: int, end: int, text: str) -> int:
    """Where the edition's token ends once a slot value after the template's token is left
    out: `0300 123 1212 {n}` filled with 10 reads as one longer phone number."""
    for value in values:
        if value.value and value.slot.word not in slot_words and start < value.start < end:
            end = len(text[start : value.start].rstrip()) + start
    return end


class _LineTokens:
    """The start and end offsets of the edition's exact tokens on the lines around a place,
    from the start of those lines (no token holds a line break), each stretch of lines
    read once. What the tokens of a stretch are depends on its text only: a line that
    many editions share (a heading, a contact line) is read once per run."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.read: dict[tuple[int, int], tuple[int, tuple[int, ...], tuple[int, ...]]] = {}

    def around(self, start: int, end: int) -> tuple[int, tuple[int, ...], tuple[int, ...]]:
        """Where the whole lines that text[start:end] touches start, and their tokens' start
        and end offsets from there, in order."""
        text = self.text
        first = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
        ends = [at for at in (text.find("\n", end), text.find("\r", end)) if at >= 0]
        last = min(ends) if ends else len(text)
        lines = (first, last)
        if lines not in self.read:
            self.read[lines] = (first, *_LINE_SPANS.get(text[first:last]))
        return self.read[lines]


def _line_spans(lines: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The start and end offsets of the exact tokens of whole lines, as read where they
    start a text (a line break before them reads the same to every pattern)."""
    spans = exact_token_spans(lines, 0, len(lines))
    return tuple(s for s, _ in spans), tuple(e for _, e in spans)


_LINE_SPANS: TextMemo[tuple[tuple[int, ...], tuple[int, ...]]] = TextMemo(_line_spans, 200_000, 1000)


_TokenWords = tuple[ExactToken, tuple[int, ...], slice | None, frozenset[int], bool, bool]


def _template_tokens(template: Template) -> tuple[tuple[TemplateBlock, ...], dict[int, list[_TokenWords]]]:
    """The blocks with exact tokens, in order, and by block index each of their tokens with
    the template words inside it (and them as a slice of the word map when they are
    consecutive), the slots' words among them, whether its text holds a slot and whether
    its text has its spaces folded: worked out once per run."""
    found = {}
    for block in template.blocks:
        if not block.exact_tokens or block.kind is BlockKind.CODE:
            continue  # (code is compared verbatim by shared-text-altered)
        tokens = []
        for token in block.exact_tokens:
            if any(w.start < edge < w.end for w in map(template.words.__getitem__, block.word_range)
                   for edge in (token.start, token.end)):
                continue  # a piece of a word (the '0' of `0x01`), not a figure of its own
            inside = tuple(i for i in block.word_range if token.start <= template.words[i].start < token.end)
            slot_words = frozenset(i for i in inside if template.words[i].slot is not None)
            run = slice(inside[0], inside[-1] + 1) if inside and inside == tuple(range(inside[0], inside[-1] + 1)) else None
            tokens.append((token, inside, run, slot_words, SLOT_PATTERN.search(token.text) is not None,
                           " ".join(token.text.split()) == token.text))
        found[block.index] = tokens
    return tuple(template.blocks[index] for index in found), found


def _replaced(diffs, inside: list[int]) -> list[int]:
    """Edition words that replaced the template words `inside`: word for word when a diff
    replaced as many words as it removed, else the whole replacement."""
    words = []
    for diff in diffs:
        hit = [i for i in inside if diff.t_start <= i < diff.t_end]
        if not hit or diff.e_end == diff.e_start:
            continue
        if diff.e_end - diff.e_start == diff.t_end - diff.t_start:
            words.extend(diff.e_start + (i - diff.t_start) for i in hit)
        else:
            words.extend(range(diff.e_start, diff.e_end))
    return words


def _same_number(token, found: str) -> bool:
    """The same phone number grouped differently: phone-format-inconsistent's business."""
    digits = [c for c in token.text if c.isdigit()]
    return token.kind == "phone number" and digits == [c for c in found if c.isdigit()] \
        and all(c.isdigit() or c in " -" for c in found)
