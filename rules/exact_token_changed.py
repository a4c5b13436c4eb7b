from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from canonlint.align import Status
from canonlint.exact_tokens import ExactToken, exact_token_spans, reads_as, same_token
from canonlint.finding import Edit, Fix, Report, Severity
from canonlint.rule import Context, Rule
from canonlint.template import SLOT_PATTERN, Template, TemplateBlock

__all__ = ["ExactTokenChanged"]


class ExactTokenChanged(Rule):
    r"""A web address, e-mail address, phone number or figure differs from the template.

    What it checks:
        Inside every shared block found in the edition, each address, e-mail address,
        phone number and figure of the template must be written exactly as in the
        template (a web address's host name may differ in case). The paragraph around it
        may still be 99 % similar: that is why this is checked character by character.
    Why it matters:
        A phone number wrong by one digit sends readers to a stranger; an address broken
        by a lost hyphen leads nowhere. (The same number grouped differently is only a
        warning, from phone-format-inconsistent.)
    Example:
        Fails: `tel: 0800 555111` → `tel: 0800 555112`
        Passes: `www.talktoFRANK.com` → `www.talktofrank.com`
    Fix:
        Replace the edition's text with the template's (offered as a safe fix).
    """

    code = "CL105"
    name = "exact-token-changed"
    title = "Contact detail or figure changed"
    severity = Severity.ERROR
    fixable = True

    def check(self, ctx: Context) -> Iterator[Report]:
        document, alignment, matches = ctx.document, ctx.alignment, ctx.alignment.matches
        text, starts, ends = document.text, document.starts, document.ends
        # The edition's tokens are read as the template's are, over whole lines, never cut at
        # the end of a block's last word (`http://example.org/x/` keeps its '/'); only the
        # lines where a token is looked for are read (never those of verbatim blocks).
        spans_of_lines = _LineTokens(text)
        for block, tokens in ctx.per_template(self.code, _template_tokens):
            if alignment.is_verbatim(block):
                continue  # written exactly as the template writes it: every token is the template's
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
                token_starts, token_ends = spans_of_lines.around(start, end)
                at = bisect_right(token_ends, start)  # the first token ending after start
                while at < len(token_starts) and token_starts[at] < end:  # in order, none overlapping
                    start, end = min(start, token_starts[at]), max(end, token_ends[at])
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
                fix = Fix(f"Write '{expected}'", (Edit(start, end, expected),), safe=True) \
                    if reads_as(text[:start] + expected + text[end:], start, expected, token.kind) else None
                yield ctx.report(
                    start, end,
                    f"{token.kind} differs from the template: expected '{expected}', found '{found}'",
                    expected=expected, found=found, fix=fix,
                    subject=f"{token.kind}|{token.text}|{found}")


def _before_other_slots(values, slot_words, start: int, end: int, text: str) -> int:
    """Where the edition's token ends once a slot value after the template's token is left
    out: `0300 123 1212 {n}` filled with 10 reads as one longer phone number."""
    for value in values:
        if value.value and value.slot.word not in slot_words and start < value.start < end:
            end = len(text[start : value.start].rstrip()) + start
    return end


class _LineTokens:
    """The start and end offsets of the edition's exact tokens on the lines around a place,
    each stretch of lines read once (no token holds a line break)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.read: dict[tuple[int, int], tuple[list[int], list[int]]] = {}

    def around(self, start: int, end: int) -> tuple[list[int], list[int]]:
        """The tokens of the whole lines that text[start:end] touches, in order."""
        text = self.text
        first = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
        ends = [at for at in (text.find("\n", end), text.find("\r", end)) if at >= 0]
        last = min(ends) if ends else len(text)
        lines = (first, last)
        if lines not in self.read:
            spans = exact_token_spans(text, first, last)
            self.read[lines] = [s for s, _ in spans], [e for _, e in spans]
        return self.read[lines]


_TokenWords = tuple[ExactToken, tuple[int, ...], slice | None, frozenset[int], bool, bool]


def _template_tokens(template: Template) -> list[tuple[TemplateBlock, list[_TokenWords]]]:
    """Each block with exact tokens, and each token with the template words inside it (and
    them as a slice of the word map when they are consecutive), the slots' words among
    them, whether its text holds a slot and whether its text has its spaces folded:
    worked out once per run."""
    found = []
    for block in template.blocks:
        if not block.exact_tokens:
            continue
        tokens = []
        for token in block.exact_tokens:
            inside = tuple(i for i in block.word_range if token.start <= template.words[i].start < token.end)
            slot_words = frozenset(i for i in inside if template.words[i].slot is not None)
            run = slice(inside[0], inside[-1] + 1) if inside and inside == tuple(range(inside[0], inside[-1] + 1)) else None
            tokens.append((token, inside, run, slot_words, SLOT_PATTERN.search(token.text) is not None,
                           " ".join(token.text.split()) == token.text))
        found.append((block, tokens))
    return found


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
