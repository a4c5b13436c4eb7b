"""Calling one format's reader module (canonlint.readers.<module>) on a file's bytes, in
this process or in the isolated child: whatever goes wrong is one ReadError line."""

from __future__ import annotations

import importlib

from canonlint.readers.reader_output import ReadBlock, ReadError
from canonlint.source import SourceError


def read_with(module: str, data: bytes, display: str, kind: str) -> list[ReadBlock]:
    """The blocks canonlint.readers.<module> reads from data; kind names the format in an
    error ("Word", "PDF")."""
    reader = importlib.import_module(f"canonlint.readers.{module}")
    try:
        return reader.read(data, display)
    except SourceError:
        raise
    except Exception as exc:  # a library's own error on a damaged file: one line, no traceback
        raise ReadError(f"{display}: cannot read this {kind} file ({type(exc).__name__}: "
                        f"{str(exc).splitlines()[0] if str(exc) else 'damaged'})") from None
