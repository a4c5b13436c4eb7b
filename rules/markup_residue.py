from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from canonlint.align import Status
from canonlint.finding import Edit, Fix, Report, Severity
from canonlint.readers.kinds import is_markdown
from canonlint.rulekit.edits import delete_words
from canonlint.rule import Context, Rule

__all__ = ["MarkupResidue"]

# Each pattern is bounded so that it stays linear on any line. Group "inner" is what stays.
# The third item is a character every match holds: a text without it is not scanned.
_EVERYWHERE = (
    ("superscript markup", re.compile(r"\^\{(?P<inner>[^{}\n]{0,20})\}"), "^"),
    ("LaTeX command", re.compile(r"\\(?:textbf|textit|emph|underline)\{(?P<inner>[^{}\n]{0,200})\}"), "\\"),
)
# Emphasis may wrap onto the next line of a hard-wrapped paragraph, never past a blank line.
_IN_LINE = r"(?:[^{0}\r\n]|\r?\n(?![ \t]*\r?\n))"
_PLAIN_TEXT_ONLY = (
    ("bold markup", re.compile(r"\*\*(?P<inner>" + _IN_LINE.format("*") + r"{1,200}?)\*\*"), "*"),
    # the mark first, its look-behind after it: the scan jumps from one mark to the next
    ("emphasis markup", re.compile(r"\*(?<![\w*]\*)(?=[^\s*])(?P<inner>" + _IN_LINE.format("*")
                                   + r"{0,200}?[^\s*])\*(?![\w*])"), "*"),
    ("underscore emphasis", re.compile(r"_(?<![\w_]_)(?=[^\s_])(?P<inner>" + _IN_LINE.format("_")
                                       + r"{0,200}?[^\s_])_(?![\w_])"), "_"),
    ("HTML tag", re.compile(r"</?(?:b|i|u|em|strong|sup|sub|span|font|br|p)(?:\s[^<>\n]{0,80})?/?>", re.I), "<"),
)

# Emphasis patterns (see _marked)
_TEXT_AFTER_MARK = frozenset(("emphasis markup", "underscore emphasis"))


class MarkupResidue(Rule):
    r"""Markup left behind by a conversion: `**bold**`, `*italic*`, `^{*}`, `_x_`, `<b>`.

    What it checks:
        Markdown, LaTeX and HTML markup that a reader of a plain-text edition sees as
        stray characters: `**Met Forward**`, `'*Community Engagement Commitment*'`,
        `^{*}`, `_text_`, `\textbf{…}`, `<b>`. In a Markdown edition (`.md`) its own
        syntax is fine; superscript and LaTeX markup are still reported.
    Why it matters:
        Asterisks and braces in print look like typing errors and make the shared text
        read differently from borough to borough.
    Example:
        Fails: `Met Forward encapsulates` → `**Met Forward** encapsulates`
        Passes: `Met Forward encapsulates` → `Met Forward, encapsulates`
    Fix:
        Remove the markup and keep the words (offered as a safe fix).
    """

    code = "CL701"
    name = "markup-residue"
    title = "Formatting marks left in the text"
    severity = Severity.WARNING
    prose = True
    fixable = True

    def check(self, ctx: Context) -> Iterator[Report]:
        markdown = is_markdown(ctx.document.source.path)
        patterns = _EVERYWHERE + (() if markdown else _PLAIN_TEXT_ONLY)
        found: list[tuple[int, int, str, str]] = []  # sorted, none overlapping another
        for what, pattern, mark in patterns:
            if mark not in ctx.text:
                continue
            hits = _marked(pattern, ctx.text, mark) if what in _TEXT_AFTER_MARK else pattern.finditer(ctx.text)
            starts = [f[0] for f in found]
            kept = []
            for hit in hits:
                # only the last one found starting before this hit ends can overlap it
                before = bisect.bisect_left(starts, hit.end())
                if before and found[before - 1][1] > hit.start():
                    continue
                kept.append((hit.start(), hit.end(), what, hit.groupdict().get("inner") or ""))
            found = sorted(found + kept)
        for start, end, what, inner in found:
            written = " ".join(ctx.text[start:end].split())
            keep = "" if not inner.strip(" *") else inner  # `^{*}` is a footnote mark: drop it
            yield ctx.report(start, end, f"{what} left in the text: '{written}'", found=written,
                             fix=_fix(ctx, start, end, keep), subject=f"{what}|{written}")


def _fix(ctx: Context, start: int, end: int, keep: str) -> Fix | None:
    """Remove the markup, keeping keep — unless what it marks is a shared heading or list
    item out of its place (`has **Met Forward** introduced Met Forward`, a heading run into
    a sentence; `^{*} the right service…`, a bullet before an item outside its list):
    there the words would stay where they do not belong, and heading-missing or
    list-item-displaced reports them. A mark dropped whole takes a space beside it along,
    so that no doubled or leading space is left."""
    text = ctx.text
    line_start, line_end = ctx.document.source.line_bounds(start)
    at_line_start = not text[line_start:start].strip()
    words_end = line_end if at_line_start and not keep else end
    if _out_of_place(ctx, start, words_end):
        return None
    edit = Edit(start, end, keep) if keep else delete_words(ctx.document, start, end)
    return Fix("Remove the markup", (edit,), safe=True)


def _out_of_place(ctx: Context, start: int, end: int) -> bool:
    """Whether text[start:end] holds the whole of a template block found out of its place
    (a word marked inside a paragraph that moved is only a word)."""
    alignment = ctx.alignment
    for word in ctx.document.words_in(start, end):
        block = alignment.block_of(word)
        if block is None:
            continue
        match = alignment.match(block)
        if match.status is Status.MOVED and start <= match.start and match.end <= end:
            return True
    return False


def _marked(pattern: re.Pattern, text: str, mark: str) -> Iterator[re.Match]:
    """pattern.finditer(text) for an emphasis pattern: `mark` (one character), no space,
    text without the mark, no space, and the mark again. Only the next mark can close
    one, so the pattern is tried only where neither mark has a space on its inner side
    (the marks found by str.find): in most texts every mark is a bullet's."""
    at = text.find(mark)
    while at >= 0:
        close = text.find(mark, at + 1)
        if close < 0:
            return
        hit = None if text[at + 1].isspace() or text[close - 1].isspace() else pattern.match(text, at)
        if hit is None:
            at = close
        else:
            yield hit
            at = text.find(mark, hit.end())
