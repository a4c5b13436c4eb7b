"""Placeholders: what an unfinished copy of a template leaves where a value belongs, in a
slot or in the borough's own (local) text. Read by placeholder-in-slot (CL503), which
reports them, and by slot-value-mismatch (CL502), which leaves them to it."""

from __future__ import annotations

import re
from collections.abc import Iterator

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
# Where any of the three patterns above can match at all: a bracket, a marker word, 'lorem'
# in any case, or an instruction word. Most slot values hold none of them, and one search
# for them is cheaper than the three (a value it misses holds no placeholder).
_MAYBE = re.compile(r"[\[<{]|TODO|TBC|TBD|FIXME|XXX|INSERT|ADD|ENTER|(?i:lorem)")
# What reads as unfinished even in free prose: an instruction or a name of several words
# in capitals between brackets, or a template's own double braces. What prose also writes
# (TODO in a sentence, an HTML tag, `{x}`, `[1]`, `[WIP]`, a checkbox) is judged in slots only.
_IN_PROSE = re.compile(
    r"\[[ \t]*(?:(?i:insert|add|enter|your)\b[^\[\]\n]{0,60}|[A-Z][A-Z0-9'\-]*(?:[ _][A-Z0-9'\-]+){1,6})\]"
    r"|<[ \t]*(?i:insert|add|enter|your)\b[^<>\n]{0,60}>"
    r"|\{\{[^{}\n]{0,80}\}\}"
)
_LINK_SYNTAX = "([:"  # after `[text]`: a link's target, its reference, or a definition


def placeholder(text: str) -> str | None:
    """The placeholder in text, or None."""
    if _MAYBE.search(text) is None:
        return None
    match = _INSTRUCTION.search(text)
    if match:
        end = text.find("]", match.end())
        return text[match.start() : end + 1] if end >= 0 else None
    match = PLACEHOLDER.search(text)
    if match:
        return match.group(0)
    match = _BARE_INSTRUCTION.fullmatch(text.strip())
    return match.group(0) if match else None


def with_brackets(text: str, start: int, end: int) -> tuple[int, int]:
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


def placeholder_at(text: str, start: int, end: int) -> tuple[int, int, str] | None:
    """The span (brackets around it included) and placeholder of a slot's value at
    text[start:end], or None when the value is no placeholder."""
    if _MAYBE.search(text, max(start - 2, 0), end + 3) is None:
        return None  # no bracket that with_brackets could take in, nothing of a placeholder inside
    start, end = with_brackets(text, start, end)
    value = text[start:end]
    found = placeholder(value) if value.strip() else None
    return (start, end, found) if found is not None else None


def placeholders_in_prose(text: str, start: int, end: int) -> Iterator[tuple[int, int, str]]:
    """The placeholders in free prose text[start:end], each (start, end, placeholder);
    bracketed text that is Markdown link syntax (`[text](url)`, `[text][ref]`,
    `[label]: url`) is no placeholder."""
    if text.find("[", start, end) < 0 and text.find("<", start, end) < 0 and text.find("{{", start, end) < 0:
        return  # each of them opens with one of these: looked for in C, not by the pattern at every character
    for match in _IN_PROSE.finditer(text, start, end):
        if match.group(0)[0] == "[" and match.end() < len(text) and text[match.end()] in _LINK_SYNTAX:
            continue
        yield match.start(), match.end(), match.group(0)
