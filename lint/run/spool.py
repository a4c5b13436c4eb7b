"""A spool: large per-edition values (the HTML report's edition views, tens of KB each) kept
on disk in one temporary file while the run holds each edition's findings, and read back
one at a time when the report is written. A run over 10,000 editions otherwise holds every
edition's text and rows at once, hundreds of MB.

The file has no name (it goes when its last Spooled is gone, or the process ends, however it
ends). A Spooled cannot be pickled: what keeps a result beyond the run (the result cache)
stores the value itself.
"""

from __future__ import annotations

import pickle
import tempfile
import threading
import weakref
from dataclasses import dataclass
from typing import IO, Any


class Spool:
    """One temporary file that values are appended to and read back from. Where no temporary
    file can be made or written (no space left, say), values stay in memory as they are."""

    def __init__(self) -> None:
        self._file: IO[bytes] | None = None  # made on first use
        self._usable = True
        self._end = 0
        self._lock = threading.Lock()  # one seek-and-read or seek-and-write at a time

    def keep(self, value: Any) -> Any:
        """What stands for value from now on: a Spooled that reads it back, or value itself
        when the file cannot take it."""
        if not self._usable:
            return value
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        with self._lock:
            try:
                if self._file is None:
                    self._file = tempfile.TemporaryFile(prefix="canonlint-")
                    weakref.finalize(self, self._file.close)  # closed (and so gone) with the last Spooled
                self._file.seek(self._end)
                self._file.write(data)
            except OSError:
                self._usable = False
                return value
            start, self._end = self._end, self._end + len(data)
        return Spooled(self, start, len(data))

    def read(self, start: int, size: int) -> Any:
        assert self._file is not None
        with self._lock:
            self._file.flush()
            self._file.seek(start)
            data = self._file.read(size)
        return pickle.loads(data)


@dataclass(frozen=True, slots=True)
class Spooled:
    """A value in a Spool: load() reads it back (each call a fresh copy)."""

    spool: Spool
    start: int
    size: int

    def load(self) -> Any:
        return self.spool.read(self.start, self.size)


def unspooled(value: Any) -> Any:
    """value itself, or the value a Spooled stands for."""
    return value.load() if isinstance(value, Spooled) else value
