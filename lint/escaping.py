"""Text made safe to show on one line of a terminal or a report: what every report and
message writes a file name or an edition's words through (the bottom layer: it imports
nothing of canonlint)."""

from __future__ import annotations

import re

# Control characters, line and paragraph separators, the bidirectional overrides and
# isolates (they reorder what a terminal shows), and lone surrogates: a file name's bytes
# that are not UTF-8, as Python hands them over (U+DC80–U+DCFF for the bytes 0x80–0xFF).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    if "\udc80" <= char <= "\udcff":  # the byte the OS gave, not a character
        return f"\\x{ord(char) - 0xDC00:02x}"
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def printable(text: str, keep: str = "") -> str:
    """One line, safe for a terminal: line breaks and control characters (an escape
    sequence hidden in an edition) written as backslash escapes — but for the characters
    of keep, which a format writes its own way (GitHub's commands: CR and LF as %0D, %0A)."""
    if keep:
        return _CONTROL.sub(lambda match: match.group(0) if match.group(0) in keep else _escape(match), text)
    return _CONTROL.sub(_escape, text)


def display_name(name: str) -> str:
    """A file name as every report and message shows it: bytes that are not UTF-8 as
    `\\xff`, line breaks and control characters (a terminal escape) as backslash escapes,
    as the text report writes them."""
    return printable(name)
