"""Ctrl-C while editions are checked: a stop between editions, never inside one.

While `stop_on_interrupt()` is active, the first SIGINT only raises a flag: no edition
starts after it, and the one being checked (its fixes written atomically, or not at all)
completes; the run then raises `Interrupted` with what was done. Worker processes ignore
SIGINT (a terminal sends it to the whole process group) and read the same flag, shared
with them. A second SIGINT interrupts at once, as usual. Outside the main thread, or when
the program has its own SIGINT handler, nothing is changed.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from typing import Any


class Interrupted(KeyboardInterrupt):
    """The run was stopped by Ctrl-C between editions: `done` holds the outcomes of the
    editions checked (and fixed, under --fix) before it, `total` how many there were."""

    def __init__(self, done: list, total: int, fixing: bool) -> None:
        super().__init__(f"interrupted after {len(done)} of {total}")
        self.done, self.total, self.fixing = done, total, fixing

    def summary(self) -> str:
        line = f"interrupted after {len(self.done)} of {self.total} file{'s' if self.total != 1 else ''}"
        if self.fixing:
            fixed = sum(1 for outcome in self.done if outcome.fixed)
            line += f"; {fixed} file{'s' if fixed != 1 else ''} fixed"
        return line


class _Flag:
    value = 0


class StopFlag:
    """Whether a stop was asked for; `shared()` makes it readable by worker processes."""

    def __init__(self) -> None:
        self._flag: Any = _Flag()

    def __bool__(self) -> bool:
        return bool(self._flag.value)

    def set(self) -> None:
        self._flag.value = 1

    def shared(self, context) -> Any:
        """The flag in memory shared with the processes of a multiprocessing context (for
        a worker's `watch`)."""
        if isinstance(self._flag, _Flag):
            self._flag = context.RawValue("b", self._flag.value)
        return self._flag


@contextlib.contextmanager
def stop_on_interrupt() -> Iterator[StopFlag]:
    stop = StopFlag()
    if threading.current_thread() is not threading.main_thread() \
            or signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        yield stop
        return

    def asked(signum, frame) -> None:
        if stop:
            raise KeyboardInterrupt
        stop.set()

    signal.signal(signal.SIGINT, asked)
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


_WATCHED: Any = None


def watch(shared) -> None:
    """In a worker process: ignore SIGINT (the parent decides) and follow the shared flag."""
    global _WATCHED
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WATCHED = shared


def stop_asked() -> bool:
    """In a worker process: whether the parent asked for a stop."""
    return _WATCHED is not None and bool(_WATCHED.value)
