"""Source: the bytes of one edition read safely and turned into text, and offsets turned
into line/column.

Only regular files are read (a pipe, a device or a socket is named, never opened for
reading), and never more than MAX_BYTES of one.

Line ends are kept exactly as they were (CRLF, CR or LF) so that offsets point into the
original text; matching code works on the normalised forms the Document builds.
"""

from __future__ import annotations

import bisect
import os
import re
import stat
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
    bom: bool = False   # the file began with a byte-order mark (kept when fixing)
    line_starts: tuple[int, ...] = field(default=(), repr=False)
    encoding: str = "utf-8"  # what the bytes were read as: utf-8, utf-16 or windows-1252
    codec: str = "utf-8"     # the codec that writes the text back as it was: utf-8, utf-16-le/-be, cp1252
    # Spans blanked out before parsing (Markdown suppression comments): not the edition's text.
    hidden: tuple[tuple[int, int], ...] = ()
    # A document's reader's blocks and the place of each line (canonlint.readers.Layout), or
    # None for a text file, whose blocks canonlint.document reads from the text.
    layout: object | None = field(default=None, repr=False, compare=False)

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
        source = cls.from_text(path, text, bom=data.startswith(_BOMS))
        if encoding == "utf-8":
            return source
        codec = "cp1252" if encoding == "windows-1252" else _UTF16_CODECS[data[:2]]
        return replace(source, encoding=encoding, codec=codec)

    def with_text(self, text: str, hidden: tuple[tuple[int, int], ...] = ()) -> Source:
        """The same file (name, encoding, byte-order mark) holding another text."""
        fresh = Source.from_text(self.path, text)
        other = replace(self, text=text, line_starts=fresh.line_starts, hidden=hidden, layout=None)
        reread = getattr(self.layout, "reread", None)  # a text format's reader reads the new text too
        return reread(other) if reread is not None else other

    def encode(self, text: str) -> bytes:
        """text as the file's own bytes: its encoding and byte-order mark. Raises
        UnicodeEncodeError when the encoding cannot hold a character of text."""
        mark = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(self.codec, b"")
        return (mark if self.bom else b"") + text.encode(self.codec)

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
        starts, text = self.line_starts, self.text
        # No clamping of offset: past the text, bisect finds the last line as it is.
        line = bisect.bisect_right(starts, offset) - 1
        if line < 0:  # before the text: the first line
            line = 0
        start = starts[line]
        end = starts[line + 1] if line + 1 < len(starts) else len(text)
        while end > start and text[end - 1] in "\r\n":
            end -= 1
        return start, end


_UTF16_CODECS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
_BOMS = (b"\xef\xbb\xbf", *_UTF16_CODECS)

MAX_BYTES = 20_000_000  # an edition is a few tens of kilobytes: this bound is generous
_C1_BYTE = re.compile(rb"[\x80-\x9f]")
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
# A well-formed UTF-8 sequence for one character beyond ASCII (RFC 3629's table).
_UTF8_CHARACTER = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}")


def decode(path: str, data: bytes) -> tuple[str, str]:
    """(text, encoding). UTF-8 with or without a byte-order mark; UTF-16 with one; and
    Windows-1252 when the bytes are not UTF-8 but read as it (see _reads_as_cp1252). A NUL
    byte means a binary file. Anything else is a SourceError that names the place of the
    first bad byte."""
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
        if _reads_as_cp1252(data):
            return data.decode("cp1252"), "windows-1252"
        bad = data[exc.start : exc.start + 1].hex()
        line, column = _place(data, exc.start)
        raise SourceError(
            f"{path}:{line}:{column}: not valid UTF-8 (byte 0x{bad} at offset {exc.start}); "
            "save the file as UTF-8"
        ) from None


def _reads_as_cp1252(data: bytes) -> bool:
    """Whether bytes that are not UTF-8 are Windows-1252 text: every byte is a character
    there, some are 0x80–0x9F (its curly quotes and dashes: never Latin-1 text), and the
    rest does not read as UTF-8: no character of three or four UTF-8 bytes (`’` is E2 80 99,
    which Windows-1252 reads as `â€™`) and no more two-byte UTF-8 characters than stray
    bytes. A UTF-8 file with one stray bad byte is an error, not a guess that would turn
    every `’` into `â€™`."""
    if not _C1_BYTE.search(data):
        return False
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    utf8 = _UTF8_CHARACTER.findall(data)
    if any(len(character) > 2 for character in utf8):
        return False
    stray = len(_HIGH_BYTE.findall(data)) - 2 * len(utf8)
    return stray >= len(utf8)


def _place(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


_NOT_REGULAR = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe"),
                (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                (stat.S_ISSOCK, "a socket"))
# O_NONBLOCK: should a pipe take the place of the file between stat and open, opening it
# does not wait for a writer. O_NOCTTY: a terminal named here never becomes ours.
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def not_regular(mode: int) -> str | None:
    """What a file is when it is not a regular file ('a named pipe' …), else None."""
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _NOT_REGULAR if test(mode)), "not a regular file")


def _kind_error(name: str, what: str) -> SourceError:
    return SourceError(f"{name}: is a directory" if what == "a directory" else f"{name}: {what}, not a regular file")


def regular_file_problem(path: Path, name: str) -> str | None:
    """The one-line problem of a path that exists but is not a regular file (a pipe, a
    device …), else None (a regular file, or nothing there: the reader says so)."""
    try:
        what = not_regular(os.stat(path).st_mode)
    except (OSError, ValueError):
        return None
    return None if what is None else str(_kind_error(name, what))


def read_file(path: Path, name: str) -> bytes:
    """The bytes of a regular file, at most MAX_BYTES of them (whatever st_size says: a
    file can grow while it is read). Every problem is a SourceError naming the file."""
    try:
        status = os.stat(path)
        _require_regular(status, name)
        _require_size(status.st_size, name)
        handle = os.open(path, _OPEN_FLAGS)
        try:
            _require_regular(os.fstat(handle), name)  # replaced between the stat and the open
            return _read_bounded(handle, name)
        finally:
            os.close(handle)
    except SourceError:
        raise
    except IsADirectoryError:
        raise SourceError(f"{name}: is a directory") from None
    except FileNotFoundError:
        raise SourceError(f"{name}: no such file") from None
    except PermissionError:
        raise SourceError(f"{name}: permission denied") from None
    except OSError as exc:
        raise SourceError(f"{name}: cannot read ({exc.strerror or exc})") from None
    except ValueError as exc:  # a NUL in the name
        raise SourceError(f"{name}: cannot read ({exc})") from None


def _require_regular(status: os.stat_result, name: str) -> None:
    what = not_regular(status.st_mode)
    if what is not None:
        raise _kind_error(name, what)


def _require_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise SourceError(f"{name}: too large for an edition ({size / 1e6:.1f} MB; the limit is "
                          f"{MAX_BYTES / 1e6:.0f} MB)")


def _read_bounded(handle: int, name: str) -> bytes:
    chunks, size = [], 0
    while chunk := os.read(handle, min(1 << 20, MAX_BYTES + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_BYTES:
            raise SourceError(f"{name}: too large for an edition (more than the limit of "
                              f"{MAX_BYTES / 1e6:.0f} MB)")
    return b"".join(chunks)


def read_source(path: Path, display: str | None = None) -> Source:
    """Read and decode one file: a regular file of at most MAX_BYTES (read_file), every
    problem a SourceError naming it."""
    name = display if display is not None else str(path)
    return Source.from_bytes(name, read_file(path, name))
