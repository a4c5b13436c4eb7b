"""Checking files one by one or on several processes (`canonlint check --jobs N`).

Each worker process receives the template and the active rules once, when it starts,
then reads and checks the files it is given; results come back in the order the files
were given, so the report is byte for byte the one a single process writes. Nothing but
the findings crosses back: a worker keeps no document once its file is checked.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lint.files import FileEntry
from lint.runner import ActiveRule, FileResult, check_source
from lint.source import Source, SourceError, read_source
from lint.template import Template


@dataclass(frozen=True)
class Checked:
    """One file's outcome: its result, or the one-line error that stopped it being read.
    source is kept only when checking in this process (fixes need the text)."""

    entry: FileEntry
    result: FileResult | None
    error: str | None = None
    source: Source | None = None


def workers(jobs: int, files: int) -> int:
    """Processes to use: jobs (0 means one per CPU), never more than there are files."""
    wanted = jobs if jobs > 0 else (os.cpu_count() or 1)
    return max(1, min(wanted, files))


def check_files(files: Sequence[FileEntry], template: Template, rules: list[ActiveRule],
                jobs: int = 1) -> Iterator[Checked]:
    """Read and check each file, yielding outcomes in the order of files."""
    processes = workers(jobs, len(files))
    if processes == 1:
        for entry in files:
            try:
                source = read_source(entry.path, entry.display)
            except SourceError as exc:
                yield Checked(entry, None, str(exc))
                continue
            yield Checked(entry, check_source(source, template, rules), source=source)
        return
    import multiprocessing

    # Small batches keep every worker busy to the end while sparing one message per file.
    chunk = max(1, min(16, len(files) // (processes * 8)))
    with multiprocessing.Pool(processes, initializer=_start, initargs=(template, rules)) as pool:
        for entry, (result, error) in zip(files, pool.imap(_check, files, chunksize=chunk)):
            yield Checked(entry, result, error)


_state: tuple[Template, list[ActiveRule]] | None = None


def _start(template: Template, rules: list[ActiveRule]) -> None:
    global _state
    _state = (template, rules)


def _check(entry: FileEntry) -> tuple[FileResult | None, str | None]:
    template, rules = _state
    try:
        source = read_source(entry.path, entry.display)
    except SourceError as exc:
        return None, str(exc)
    return check_source(source, template, rules), None
