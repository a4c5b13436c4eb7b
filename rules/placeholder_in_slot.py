from __future__ import annotations

import re
from collections.abc import Iterator

from lint.finding import Report, Severity
from lint.rule import Context, Rule

__all__ = ["PlaceholderInSlot"]

# What an unfinished copy leaves in a slot: an instruction in brackets, a marker word, a
# bracketed or angled name, a template's own braces, filler Latin.
PLACEHOLDER = re.compile(
    r"\[[ \t]*[A-Z][A-Z0-9 _'\-]{1,40}\]"
    r"|(?<![^\W_])(?:TODO|TBC|TBD|FIXME|XXX+)(?![^\W_])"
    r"|<[ \t]*[A-Za-z][A-Za-z0-9 _\-]{0,40}>"
    r"|\{\{[^{}\n]{0,80}\}\}|\{[A-Za-z_][A-Za-z0-9_]{0,40}(?::[A-Za-z_]\w{0,40})?\}"
    r"|(?i:lorem[ \t]+ipsum)"
)
_INSTRUCTION = re.compile(r"\[[ \t]*(?:insert|add|enter|name|tbc|tbd|todo)\b", re.IGNORECASE)
_BARE_INSTRUCTION = re.compile(r"(?:INSERT|ADD|ENTER)(?:[ \t]+[A-Z']+)*")
_OPENERS, _CLOSERS = "[<{", "]>}"


def placeholder(text: str) -> str | None:
    """The placeholder in text, or None."""
    match = _INSTRUCTION.search(text)
    if match:
        end = text.find("]", match.end())
        return text[match.start() : end + 1] if end >= 0 else None
    match = PLACEHOLDER.search(text)
    if match:
        return match.group(0)
    match = _BARE_INSTRUCTION.fullmatch(text.strip())
    return match.group(0) if match else None


def _with_brackets(text: str, start: int, end: int) -> tuple[int, int]:
    """The value's span with the brackets around it (a slot of type `person` captures
    `INSERT NAME` out of `[INSERT NAME]`, a text slot `<name` out of `<name>`)."""
    if start < end and text[start] in _OPENERS and end < len(text) \
            and text[end] == _CLOSERS[_OPENERS.index(text[start])]:
        end += 1  # a capture that stopped short of its closing bracket
    for _ in range(2):
        if start > 0 and end < len(text) and text[start - 1] in _OPENERS \
                and text[end] == _CLOSERS[_OPENERS.index(text[start - 1])]:
            start, end = start - 1, end + 1
    return start, end


class PlaceholderInSlot(Rule):
    r"""A slot still holds a placeholder instead of the edition's value.

    What it checks:
        Every slot's text in the edition (whether or not it is of the slot's type):
        `[INSERT …]`, `[ADD …]` or `[NAME]`-style bracketed capitals, `TODO`, `TBC`,
        `FIXME`, `XXX`, an angled `<name>`, a template's own `{{…}}` or `{slot}`, or
        "lorem ipsum" left in a slot is reported with the slot's name.
    Why it matters:
        An edition made from a blank copy of the template and published before every
        gap was filled shows readers an instruction instead of a name, figure or contact.
    Example:
        Fails: `Message from Borough Commander Simon Bray` → `Message from Borough Commander [INSERT NAME]`
        Passes: `Message from Borough Commander Simon Bray` → `Message from Borough Commander Sarah Hughes`
    Options:
        None.
    Fix:
        Fill in the edition's own value.
    """

    code = "CL503"
    name = "placeholder-in-slot"
    severity = Severity.ERROR

    def check(self, ctx: Context) -> Iterator[Report]:
        for match in ctx.alignment.matches:
            if not match.slots or not match.located:
                continue
            for value in match.slots:
                start, end = _with_brackets(ctx.text, value.start, value.end)
                text = ctx.text[start:end]
                found = placeholder(text) if text.strip() else None
                if found is None:
                    continue
                yield ctx.report(start, end,
                                 f"slot {{{value.slot.name}}} still holds the placeholder '{found}'",
                                 found=text, subject=f"{value.slot.name}|{found}")
