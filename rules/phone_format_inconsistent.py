from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from functools import lru_cache

from canonlint.exact_tokens import phone_numbers
from canonlint.finding import Report, Severity
from canonlint.rule import Context, Rule
from canonlint.template import Template

__all__ = ["PhoneFormatInconsistent"]


@lru_cache(maxsize=4096)  # the same numbers, written the same ways, in edition after edition
def _digits(number: str) -> str:
    return _NOT_A_DIGIT.sub("", number)


_NOT_A_DIGIT = re.compile(r"\D")


class PhoneFormatInconsistent(Rule):
    r"""One phone number written in two formats in the same edition.

    What it checks:
        Phone numbers with the same digits but different grouping within one edition
        (`0207 202 0202` and `020 7202 0202`), in shared and local text alike. A pair of
        formats that the template itself uses is left alone (it is the template's to
        fix). A different number where the template has one is exact-token-changed's
        business, and an error; this is a warning.
    Why it matters:
        Two spellings of one number look like two numbers; readers wonder which is right,
        and London numbers have one correct grouping (020 xxxx xxxx).
    Example:
        Fails: `tel: 0845 303 0900` → `tel: 0845 3030 900`
        Passes: `tel: 0845 303 0900` → `tel:  0845 303 0900`
    Fix:
        Write the number the same way everywhere, as the template does.
    """

    code = "CL108"
    name = "phone-format-inconsistent"
    title = "Phone number written two ways"
    severity = Severity.WARNING
    claims = True

    def check(self, ctx: Context) -> Iterator[Report]:
        template_formats = ctx.per_template(self.code, _template_formats)
        seen: dict[str, list[tuple[str, int]]] = defaultdict(list)  # digits: (as written, offset)
        for value, start in phone_numbers(ctx.text):
            digits = _digits(value)
            if len(digits) >= 8:
                seen[digits].append((value, start))
        for digits, tokens in seen.items():
            written = [" ".join(value.split()) for value, _ in tokens]
            allowed = template_formats.get(digits)
            if allowed is not None and allowed.issuperset(written):
                continue  # each written as the template writes it: the common case
            allowed = allowed or {Counter(written).most_common(1)[0][0]}
            canonical = next(iter(allowed)) if len(allowed) == 1 else None
            for (value, start), form in zip(tokens, written):
                if form in allowed:
                    continue
                if canonical is not None and digits in template_formats:
                    where = f"the template writes '{canonical}'"
                else:
                    other, at = next((f, at) for (_, at), f in zip(tokens, written) if f in allowed)
                    where = f"'{other}' at line {ctx.document.source.position(at)[0]}"
                yield ctx.report(start, start + len(value),
                                 f"phone number written as '{form}' here but {where}",
                                 expected=canonical, found=form, subject=f"{digits}|{form}")


def _template_formats(template: Template) -> dict[str, frozenset[str]]:
    """The ways the template writes each phone number, by its digits (once per run)."""
    formats: dict[str, set[str]] = defaultdict(set)
    for block in template.blocks:
        for token in block.exact_tokens:
            if token.kind == "phone number":
                formats[_digits(token.text)].add(" ".join(token.text.split()))
    return {digits: frozenset(forms) for digits, forms in formats.items()}
