"""Execution: each edition read, checked, and fixed or diffed if asked, one after another
or in worker processes (`--jobs N`), unchanged editions taken from the result cache.
Results come back in the order the files were given, so a parallel run's report is the
same as a serial one's.
"""

from __future__ import annotations

import gc
import os
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from canonlint.run.cache import ResultCache
from canonlint.run.discovery import Target
from canonlint.run.edition_fixes import annotate, fix_text, fix_word, with_companion
from canonlint.run.edition_rules import check_source
from canonlint.run.findings import FileResult, Outcome
from canonlint.run.interrupt import Interrupted, StopFlag, stop_asked, stop_on_interrupt, watch
from canonlint.run.plan import Plan
from canonlint.run.spool import Spool, Spooled, unspooled
from canonlint.run.selection import ignored_for, selected
from canonlint.source import MAX_BYTES, Source, SourceError, read_file

_RAN: dict[frozenset[str], frozenset[str]] = {}


def check_one(plan: Plan, target: Target) -> Outcome:
    """The outcome of one edition: read (a document through its reader), checked by the
    rules per-file-ignores leaves it, then fixed, diffed or annotated as the plan asks."""
    from canonlint.readers import read_edition  # a document through its reader, text as text

    try:
        source = read_edition(target.path, target.display, target.data)
    except SourceError as exc:
        if target.companion is not None:  # the Word file unreadable: its PDF is checked on its own
            alone = check_one(plan, Target(target.companion, target.companion_display, target.companion_key,
                                           target.companion_data))
            alone.errors.insert(0, str(exc))
            return alone
        return Outcome(None, [str(exc)])
    companion_error = None
    if target.companion is not None:
        try:
            companion = read_edition(target.companion, target.companion_display, target.companion_data)
            source = with_companion(source, companion)
        except SourceError as exc:  # the Word file is still checked
            companion_error = str(exc)
    ignored = ignored_for(target.key, plan.per_file_ignores)
    rules = [a for a in plan.rules if not selected(a.rule, ignored)]
    ran = frozenset(a.rule.code for a in rules)
    ran = _RAN.setdefault(ran, ran)  # one shared set, not one per file, for the whole run

    def run(src: Source) -> FileResult:
        return check_source(src, plan.template, rules, key=target.key, known=plan.known, view=plan.view)

    outcome = Outcome(run(source), ran=ran)
    if companion_error:
        outcome.errors.append(companion_error)
    word = target.path is not None and getattr(source.layout, "format", "") == "docx"
    if plan.fix and not plan.diff and word:
        source = fix_word(plan, target, source, outcome, run)
    elif plan.fix or plan.diff:
        fix_text(plan, target, source, outcome, run)
    if plan.annotate and word and not plan.diff and outcome.result is not None:
        annotate(plan, target, source, outcome)
    return outcome


_PLAN: Plan | None = None
_TARGETS: list[Target] = []


def _start_worker(plan: Plan, targets: list[Target], stop) -> None:
    global _PLAN, _TARGETS
    _PLAN, _TARGETS = plan, targets
    watch(stop)
    _send_results_compactly()  # a spawned worker registers them itself; a forked one has them
    # What the worker inherited (forked) or was sent lives as long as the worker: out of its
    # collector's sight, so that no collection walks it (nor copies its pages).
    gc.freeze()


def _check_batch(start: int, end: int) -> list[Outcome]:
    assert _PLAN is not None
    outcomes = []
    for target in _TARGETS[start:end]:
        if stop_asked():  # Ctrl-C: no edition starts after it
            break
        outcomes.append(check_one(_PLAN, target))
    return outcomes


def _batches(start: int, stop: int, workers: int) -> list[tuple[int, int]]:
    """[start, stop) cut into batches of decreasing size: large ones first, for few round
    trips, then smaller and smaller (down to one edition), so that no worker is left with
    a long batch while the others are idle at the end."""
    batches = []
    while start < stop:
        size = max(1, min(32, (stop - start) // (workers * 4)))
        batches.append((start, start + size))
        start += size
    return batches


def _send_results_compactly() -> None:
    """Outcomes go from the workers to the parent by pickle, each result class as a call of
    the class (canonlint.run.result_pickling): the parent, on the path of every result,
    loads them the faster way. Only for multiprocessing's pickler."""
    from multiprocessing.reduction import ForkingPickler

    from canonlint.run.result_pickling import result_reducers

    for cls, reducer in result_reducers().items():
        ForkingPickler.register(cls, reducer)


class _Outcomes(list):
    """The outcomes of a run as they come back, each edition's view (the HTML report's, tens
    of KB) put in the spool as it arrives when there is one (canonlint.run.spool)."""

    def __init__(self, spool: Spool | None) -> None:
        super().__init__()
        self.spool = spool

    def append(self, outcome: Outcome) -> None:
        super().append(_spooled(outcome, self.spool))

    def extend(self, outcomes) -> None:
        for outcome in outcomes:
            self.append(outcome)


def _spooled(outcome: Outcome | None, spool: Spool | None) -> Outcome | None:
    if spool is not None and outcome is not None and outcome.result is not None and outcome.result.view is not None:
        outcome.result.view = spool.keep(unspooled(outcome.result.view))
    return outcome


def check_all(plan: Plan, targets: list[Target], jobs: int = 1, spool: Spool | None = None) -> list[Outcome]:
    """The outcome of every target, in order; jobs > 1 checks them in that many worker
    processes (0: one per CPU this process may use, canonlint.run.cores). Ctrl-C stops the run between editions (canonlint.run.interrupt):
    raises Interrupted with the outcomes of the editions done. With a spool, each
    edition's view is kept in it as the edition's outcome comes back."""
    from concurrent.futures import BrokenExecutor

    with stop_on_interrupt() as stop:
        outcomes = _Outcomes(spool)
        try:
            _check_all(plan, targets, jobs, stop, outcomes)
        except BrokenExecutor:  # a worker that a second Ctrl-C caught starting up
            if not stop:
                raise
        if stop:
            raise Interrupted(outcomes, len(targets), plan.fix)
        return outcomes


def _check_serially(plan: Plan, targets: list[Target], stop: StopFlag, outcomes: list[Outcome]) -> None:
    for target in targets:
        if stop:
            return
        outcomes.append(check_one(plan, target))


def _check_all(plan: Plan, targets: list[Target], jobs: int, stop: StopFlag, outcomes: list[Outcome]) -> None:
    """check_all's work, each outcome appended to outcomes as it comes back."""
    from canonlint.run.cores import available_cores

    workers = min(jobs or available_cores(), len(targets))
    if workers <= 1:
        return _check_serially(plan, targets, stop, outcomes)
    import multiprocessing
    import threading
    from concurrent.futures import ProcessPoolExecutor

    # fork where it is safe: a process with one thread, on a platform that has fork. The
    # workers then start with the template and rules already loaded, instead of importing
    # everything again (about 0.4 s a run here). Otherwise spawn: forking a process that
    # holds threads can deadlock.
    fork = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
    context = multiprocessing.get_context("fork" if fork else "spawn")
    if fork:
        # The first edition is checked here, before forking: what its check builds once
        # per process (the template's indexes and readings, the rules' compiled patterns,
        # modules imported on first use, the readings of the text it shares with the
        # others) is then built once, not once in every worker.
        _check_serially(plan, targets[:1], stop, outcomes)
        workers = min(workers, len(targets) - 1)
        if workers <= 1:
            return _check_serially(plan, targets[1:], stop, outcomes)
    _send_results_compactly()
    # Workers get the plan and the targets once (a forked one inherits them: nothing is
    # pickled) and then only the bounds of each batch. After Ctrl-C each batch comes back
    # with the editions done before it (the rest are not started).
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                             initargs=(plan, targets, stop.shared(context))) as pool:
        batches = [pool.submit(_check_batch, start, end)
                   for start, end in _batches(len(outcomes), len(targets), workers)]
        for batch in batches:
            outcomes.extend(batch.result())


def check_with_cache(plan: Plan, targets: list[Target], jobs: int, cache: ResultCache | None,
                     spool: Spool | None = None) -> list[Outcome]:
    """check_all, with each unchanged edition's outcome taken from the cache instead of
    checked again: each file is read once, its bytes make the entry's key, and on a miss
    they are what is checked. Fixing and diffing runs always check (they must see the
    text); so does standard input, and anything that is not a regular file. With a spool,
    every edition's view is kept in it, the cached ones' too."""
    if cache is None or plan.fix or plan.diff or plan.annotate:
        return check_all(plan, targets, jobs, spool)
    read = [_read_for_cache(target) for target in targets]
    outcomes: list[Outcome | None] = [_spooled(cache.get(entry.key, Outcome), spool) if entry else None
                                      for entry in read]
    missing = [i for i, outcome in enumerate(outcomes) if outcome is None]
    try:
        checked = check_all(plan, [read[i].target if read[i] else targets[i] for i in missing], jobs, spool)
    except Interrupted as exc:  # the editions taken from the cache were done too
        cached = [o for o in outcomes if o is not None]
        raise Interrupted(cached + exc.done, len(targets), plan.fix) from None
    for i, outcome in zip(missing, checked, strict=True):
        outcomes[i] = outcome
        entry = read[i]
        if entry and _worth_keeping(outcome) and _stamp(targets[i].path) == entry.stamp:
            cache.put(entry.key, _as_stored(outcome))
    cache.trim()
    return outcomes  # type: ignore[return-value]


@dataclass(frozen=True)
class _CacheRead:
    """A target read for the cache: its entry key, what told the file apart when it was
    read, and the target carrying the bytes read (checked from them on a miss)."""

    key: str
    stamp: tuple[int, int, int]
    target: Target


def _stamp(path: Path | None) -> tuple[int, int, int] | None:
    """What tells a regular file changed since it was read (None: not one to cache)."""
    if path is None:
        return None
    try:
        status = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_BYTES:
        return None
    return status.st_mtime_ns, status.st_size, status.st_ino


def _read_for_cache(target: Target) -> _CacheRead | None:
    stamp = _stamp(target.path)
    if stamp is None:
        return None
    try:
        data = read_file(target.path, target.display)  # type: ignore[arg-type]
        companion = read_file(target.companion, target.companion_display) if target.companion is not None else None
    except SourceError:  # checking it says what is wrong
        return None
    keyed = data if companion is None else data + b"\0" + companion  # the PDF compared with it is part of what is checked
    return _CacheRead(ResultCache.entry_key(keyed, target.display, target.key), stamp,
                      replace(target, data=data, companion_data=companion))


def _as_stored(outcome: Outcome) -> Outcome:
    """outcome as the cache keeps it: with its view itself, not where this run's spool has it."""
    assert outcome.result is not None
    view = outcome.result.view
    if not isinstance(view, Spooled):
        return outcome
    return replace(outcome, result=replace(outcome.result, view=view.load()))


def _worth_keeping(outcome: Outcome) -> bool:
    """An outcome the same bytes would give again: read, with no rule that crashed."""
    return outcome.result is not None and not outcome.errors and not outcome.result.crashed
