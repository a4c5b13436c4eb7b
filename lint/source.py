"""Source: the bytes of one edition turned into text, and offsets turned into line/column.

Line ends are kept exactly as they were (CRLF, CR or LF) so that offsets point into the
original text; matching code works on the normalised forms the Document builds.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from itertools import accumulate, repeat
from operator import add
from pathlib import Path

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class SourceError(Exception):
    """A file that cannot be read or decoded; the message names the problem."""


@dataclass(frozen=True)
class Source:
    """The decoded text of one file with an offset → (line, column) map."""

    path: str
    text: str
    bom: bool = False   # the file began with a UTF-8 byte-order mark (kept when fixing)
    line_starts: tuple[int, ...] = field(default=(), repr=False)
    encoding: str = "utf-8"  # what the bytes were read as: utf-8, utf-16 or windows-1252

    @classmethod
    def from_text(cls, path: str, text: str, bom: bool = False) -> Source:
        if "\r" in text:
            starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        else:  # the common case, in C: each line starts one past the end of the last
            starts = list(accumulate(map(add, map(len, text.split("\n")), repeat(1)), initial=0))
            starts.pop()
        return cls(path=path, text=text, bom=bom, line_starts=tuple(starts))

    @classmethod
    def from_bytes(cls, path: str, data: bytes) -> Source:
        text, encoding = decode(path, data)
        source = cls.from_text(path, text, bom=data.startswith(b"\xef\xbb\xbf"))
        return source if encoding == "utf-8" else replace(source, encoding=encoding)

    @property
    def newline(self) -> str:
        """The file's own line break (its first one), for fixes that insert lines."""
        found = _LINE_BREAK.search(self.text)
        return found.group(0) if found else "\n"

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def line_bounds(self, offset: int) -> tuple[int, int]:
        """Offsets of the start and end (before its line break) of the line holding offset."""
        line = bisect.bisect_right(self.line_starts, max(0, min(offset, len(self.text)))) - 1
        start = self.line_starts[line]
        end = self.line_starts[line + 1] if line + 1 < len(self.line_starts) else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        return start, end


MAX_BYTES = 20_000_000  # an edition is a few tens of kilobytes: this bound is generous
_CP1252_ONLY = re.compile(rb"[\x80-\x9f]")


def decode(path: str, data: bytes) -> tuple[str, str]:
    """(text, encoding). UTF-8 with or without a byte-order mark; UTF-16 with one; and
    Windows-1252 when the bytes are not UTF-8 but are unambiguously that (what Word saves
    curly quotes as). A NUL byte means a binary file. Anything else is a SourceError that
    names the place of the first bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise SourceError(f"{path}: not valid UTF-16 (bad bytes at offset {exc.start})") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    nul = data.find(b"\x00")
    if nul >= 0:
        line, column = _place(data, nul)
        raise SourceError(f"{path}:{line}:{column}: a binary file, not text (NUL byte at offset {nul})")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        if _CP1252_ONLY.search(data):  # C1 bytes are quotes and dashes in Windows-1252, never Latin-1 text
            try:
                return data.decode("cp1252"), "windows-1252"
            except UnicodeDecodeError:
                pass
        bad = data[exc.start : exc.start + 1].hex()
        line, column = _place(data, exc.start)
        raise SourceError(
            f"{path}:{line}:{column}: not valid UTF-8 (byte 0x{bad} at offset {exc.start}); "
            "save the file as UTF-8"
        ) from None


def _place(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def read_source(path: Path, display: str | None = None) -> Source:
    """Read and decode one file, turning every OS error into a SourceError."""
    name = display if display is not None else str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise SourceError(f"{name}: too large for an edition ({size / 1e6:.1f} MB; the limit is "
                              f"{MAX_BYTES / 1e6:.0f} MB)")
        data = path.read_bytes()
    except IsADirectoryError:
        raise SourceError(f"{name}: is a directory") from None
    except FileNotFoundError:
        raise SourceError(f"{name}: no such file") from None
    except PermissionError:
        raise SourceError(f"{name}: permission denied") from None
    except OSError as exc:
        raise SourceError(f"{name}: cannot read ({exc.strerror or exc})") from None
    return Source.from_bytes(name, data)
