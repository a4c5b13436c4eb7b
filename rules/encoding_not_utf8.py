from __future__ import annotations

from collections.abc import Iterator

from canonlint.finding import Report, Severity
from canonlint.rule import Context, Rule

__all__ = ["EncodingNotUtf8"]

_NAMES = {"utf-16": "UTF-16", "windows-1252": "Windows-1252 (as Word saves curly quotes)"}


class EncodingNotUtf8(Rule):
    r"""The file is not UTF-8; it was read as UTF-16 or Windows-1252.

    What it checks:
        Editions are read as UTF-8. A file that starts with a UTF-16 byte-order mark, or
        whose bytes are not UTF-8 but are unambiguously Windows-1252, is still read and
        checked, and this notes the encoding once. (Bytes that are neither stop the file
        with an error naming the first bad byte.)
    Why it matters:
        Other tools in the chain — diff, search, the web page — may not guess the same
        way; UTF-8 is the one encoding every tool reads alike.
    Example:
        Fails: the sample `westminster.txt` saved as `utf-16`.
        Passes: the sample `westminster.txt` saved as `utf-8`.
    Fix:
        Save the file as UTF-8.
    """

    code = "CL002"
    name = "encoding-not-utf8"
    title = "File not saved as UTF-8"
    severity = Severity.INFO

    def check(self, ctx: Context) -> Iterator[Report]:
        encoding = ctx.document.source.encoding
        if encoding != "utf-8":
            yield ctx.report(0, 0, f"the file is not UTF-8; it was read as {_NAMES.get(encoding, encoding)}",
                             subject=encoding)
