"""HTML cut into tags and text in one pass, in time linear in its length.

The standard library's html.parser (before Python 3.11.13, 3.12.11 and 3.13.4) scans from
each unterminated construct to the end of the input and then moves on by a character: 20,000
`<a ` or `<b x='` take it half a minute, four times as many sixteen times as long. Here,
as in a browser (the HTML standard's tokenizer), an unterminated comment, tag or quoted
attribute value runs to the end of the input, so each character is looked at a bounded
number of times. Character references are decoded by the standard library's html.unescape.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape

# Each alternative starts with its own characters after "<", and the repeated parts of a
# tag (attribute characters, a quoted value) cannot overlap, so a match never backtracks.
_MARKUP = re.compile(r"""
    <!--.*?(?:-->|\Z)                                    # a comment, to its end or the input's
  | <[!?][^>]*(?:>|\Z)                                   # a declaration, a processing instruction
  | </(?P<end>[A-Za-z][^\s/>]*)[^>]*(?:>|\Z)             # an end tag
  | <(?P<start>[A-Za-z][^\s/>]*)(?P<attrs>(?:[^>"']+|"[^"]*(?:"|\Z)|'[^']*(?:'|\Z))*)(?:>|\Z)
""", re.VERBOSE | re.DOTALL)
_ATTRIBUTE = re.compile(r"""([^\s/>"'=][^\s/>"'=]*)(?:\s*=\s*("[^"]*"?|'[^']*'?|[^\s>]*))?""")
_RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "plaintext"}

# ("start", tag, attributes) | ("end", tag, None) | ("text", text, None)
Token = tuple[str, str, list[tuple[str, str | None]] | None]


def tokens(html: str) -> Iterator[Token]:
    """The start tags (with their attributes), end tags and text of html, in order; a tag
    written `<br/>` is a start tag and an end tag. The text of a raw-text element (script,
    style, title, …) runs to its end tag unread."""
    position = 0
    while (match := _MARKUP.search(html, position)) is not None:
        if match.start() > position:
            yield "text", unescape(html[position : match.start()]), None
        position = match.end()
        if match["end"]:
            yield "end", match["end"].lower(), None
        elif match["start"]:
            tag, attrs = match["start"].lower(), match["attrs"]
            yield "start", tag, _attributes(attrs)
            if attrs.endswith("/"):
                yield "end", tag, None
            elif tag in _RAW_TEXT:
                close = re.compile(rf"</{tag}[\s/>]", re.IGNORECASE).search(html, position)
                stop = close.start() if close else len(html)
                if stop > position and tag in ("textarea", "title"):
                    yield "text", unescape(html[position:stop]), None
                position = stop
    if position < len(html):
        yield "text", unescape(html[position:]), None


def _attributes(text: str) -> list[tuple[str, str | None]]:
    found = []
    for match in _ATTRIBUTE.finditer(text):
        value = match[2]
        if value is not None and value[:1] in "\"'":
            value = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
        found.append((match[1].lower(), unescape(value) if value is not None else None))
    return found
