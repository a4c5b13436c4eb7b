"""Reading a document in a child process, where a crash ends only that file.

A reader built on a native library (PDFium, for PDF) can abort the whole process on a
hostile file — a content stream that inflates to gigabytes — or use memory without end.
Such formats are read in one long-lived child process per run (or per worker), with its
address space limited to MEMORY_LIMIT and each file given TIME_LIMIT seconds. A file that
crashes the child, exhausts its memory or overruns its time is one ReadError line; the
child is started again for the next file, and the other editions are read as usual.

The child speaks over its standard input and output: a request is a length-prefixed
pickle of (reader module, bytes, display name, format name); the answer one of ("blocks", [ReadBlock])
or ("error", message). Nothing but the parent's own requests is ever unpickled by the
child, and the parent unpickles only what its child sent.
"""

from __future__ import annotations

import atexit
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import time
from dataclasses import astuple

from canonlint.readers.format_reader import read_with
from canonlint.readers.reader_output import DocumentPlace, ReadBlock, ReadError

MEMORY_LIMIT = 2 << 30  # address space of the child: the samples' PDFs need under 300 MB
TIME_LIMIT = 120.0      # seconds for one file (the page and text bounds keep real editions far under)
_HEADER = struct.Struct("!Q")


class _Child:
    """The running child process, started on first use."""

    process: subprocess.Popen | None = None
    owner = 0  # the process that started it: a forked --jobs worker starts its own

    def read(self, module: str, data: bytes, name: str, kind: str) -> list:
        if self.owner != os.getpid():
            self.process, self.owner = None, os.getpid()
        if self.process is None or self.process.poll() is not None:
            self.process = subprocess.Popen([sys.executable, "-m", __name__, str(MEMORY_LIMIT)],
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=subprocess.DEVNULL)
        request = pickle.dumps((module, data, name, kind), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            self.process.stdin.write(_HEADER.pack(len(request)) + request)
            self.process.stdin.flush()
            answer = _receive(self.process.stdout.fileno(), time.monotonic() + TIME_LIMIT)
        except (OSError, EOFError, TimeoutError) as exc:
            raise ReadError(self._stopped(name, kind, exc)) from None
        status, payload = pickle.loads(answer)
        if status == "error":
            raise ReadError(payload)
        return [ReadBlock(kind, text, tuple(DocumentPlace(*place) for place in places), *rest)
                for kind, text, places, *rest in payload]

    def _stopped(self, name: str, kind: str, exc: BaseException) -> str:
        """Why the child gave no answer, in one line; the child is ended (and the next file starts another)."""
        timed_out = isinstance(exc, TimeoutError)
        code = self.close(kill=timed_out)
        if timed_out:
            return f"{name}: reading this {kind} file took more than {TIME_LIMIT:.0f} s: stopped (a damaged or crafted file)"
        how = f"signal {signal.Signals(-code).name}" if code < 0 else f"exit status {code}"
        return (f"{name}: the {kind} reader crashed on this file ({how}; it may need more than "
                f"{MEMORY_LIMIT >> 20} MB of memory): a damaged or crafted file")

    def close(self, kill: bool = False) -> int:
        """End the child (at once with kill, else when it has read its input to the end); its exit status."""
        process, self.process = self.process, None
        if process is None:
            return 0
        if kill:
            process.kill()
        for stream in (process.stdin, process.stdout):
            try:
                stream.close()
            except OSError:  # the child is gone, with what was left to write
                pass
        return process.wait()


def _receive(fd: int, deadline: float) -> bytes:
    """One length-prefixed message from fd, by the deadline (TimeoutError), whole (EOFError)."""
    header = _read_exactly(fd, _HEADER.size, deadline)
    return _read_exactly(fd, _HEADER.unpack(header)[0], deadline)


def _read_exactly(fd: int, size: int, deadline: float) -> bytes:
    chunks, left = [], size
    while left:
        if not select.select([fd], [], [], max(0.0, deadline - time.monotonic()))[0]:
            raise TimeoutError
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


_CHILD = _Child()
atexit.register(_CHILD.close)


def read(module: str, data: bytes, name: str, kind: str) -> list:
    """The blocks of a document, read by canonlint.readers.<module> in the child process."""
    return _CHILD.read(module, data, name, kind)


def _serve(memory_limit: int) -> None:
    """The child: answer requests until standard input closes."""
    import resource

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    while header := requests.read(_HEADER.size):
        module, data, name, kind = pickle.loads(requests.read(_HEADER.unpack(header)[0]))
        try:
            answer = ("blocks", [_flat(block) for block in read_with(module, data, name, kind)])
        except ReadError as exc:
            answer = ("error", str(exc))
        except MemoryError:
            answer = ("error", f"{name}: reading this file needs more than {memory_limit >> 20} MB of memory: "
                               "refused (a damaged or crafted file)")
        message = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        answers.write(_HEADER.pack(len(message)) + message)
        answers.flush()


def _flat(block: ReadBlock) -> tuple:
    """A block as plain tuples, which pickle (and unpickle) several times faster than dataclasses."""
    return (block.kind, block.text, tuple(astuple(place) for place in block.places), block.level, block.marker,
            block.cells, block.header)


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
