"""Checking the editions of a run: each one read, checked, and fixed or diffed if asked,
one after another or in worker processes (`--jobs N`). Results come back in the order
the files were given, so a parallel run's report is the same as a serial one's.
"""

from __future__ import annotations

import fnmatch
import gc
import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from operator import attrgetter
from pathlib import Path

from canonlint.files import Collection, collect_files, display_name
from canonlint.run.interrupt import Interrupted, StopFlag, stop_asked, stop_on_interrupt, watch
from canonlint.run.runner import ActiveRule, FileResult, check_source, ignored_for, selected
from canonlint.source import MAX_BYTES, Source, SourceError
from canonlint.template import Template


@dataclass(frozen=True)
class Target:
    """One edition to check: a file, or standard input (path None, its bytes in data)."""

    path: Path | None
    display: str       # as reports show it
    key: str           # relative to the configuration's folder: fingerprints, baseline, per-file-ignores
    data: bytes | None = None
    companion: Path | None = None   # the PDF exported from this Word file (canonlint.pairs)
    companion_display: str = ""
    companion_key: str = ""


@dataclass(frozen=True)
class Plan:
    """Everything fixed for the run that checking one edition needs."""

    template: Template
    rules: tuple[ActiveRule, ...]
    known: Mapping[str, str] = field(default_factory=dict)
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fix: bool = False
    diff: bool = False
    unsafe_fixes: bool = False
    hidden: frozenset[str] = frozenset()   # fingerprints in the baseline: not fixed
    view: Callable | None = None           # check_source's view hook, when the report needs it
    fix_author: str = "canonlint"          # the author of the tracked changes --fix writes into a Word file
    annotate: bool = False                 # write a review copy of each Word edition (canonlint.writers.docx_comments)
    annotate_dir: Path | None = None       # into this folder (None: beside the edition)


@dataclass(slots=True)
class Outcome:
    result: FileResult | None
    errors: list[str] = field(default_factory=list)
    diff: bytes = b""  # --diff: the patch, in the bytes of the file it applies to
    fixed: int = 0
    text: str | None = None   # the edition after fixes (written to stdout for standard input)
    ran: frozenset[str] = frozenset()  # codes of the rules that ran on it
    unwritten: int = 0        # fixes --fix found for a document (.docx, .pdf, ...) and did not write
    notes: list[str] = field(default_factory=list)  # what the run says about it besides findings and errors


def key_for(path: str | Path, root: Path | str) -> str:
    """The path relative to root, with forward slashes (`..` where it lies outside)."""
    full, base = os.path.abspath(path), os.path.abspath(root)
    # Inside root, the common case, the key is what follows root's path: no need for
    # relpath, which takes both paths apart (a thousand files cost it ~15 ms).
    if full.startswith(base) and full[len(base):len(base) + 1] == os.sep and len(full) > len(base) + 1:
        relative = full[len(base) + 1:]
        return relative if os.sep == "/" else relative.replace(os.sep, "/")
    return Path(os.path.relpath(full, base)).as_posix()


def _matches(key: str, patterns: tuple[str, ...]) -> bool:
    name = key.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(key, p) or fnmatch.fnmatch(name, p) for p in patterns)


def outside_configuration(path: Path, key: str, include, exclude, corpus: tuple[Path, ...]) -> bool:
    """`--force-exclude`: whether a file named on the command line is one the
    configuration leaves out (not included, excluded, or outside the configured paths)."""
    if not _matches(key, include) or _matches(key, exclude):
        return True
    if corpus:
        full = Path(os.path.abspath(path))
        return not any(full == Path(os.path.abspath(p)) or Path(os.path.abspath(p)) in full.parents
                       for p in corpus)
    return False


def collect_targets(paths: list[str], config, template: Path | None, stdin_filename: str | None,
                    force_exclude: bool, read_stdin) -> tuple[list[Target], Collection]:
    """The editions a run checks, in order, and what collecting them found (one error line
    per bad path, what walking left out). `-` is standard input (read with read_stdin),
    named by stdin_filename."""
    found = collect_files([p for p in paths if p != "-"], config.include, config.exclude,
                          skip=(template,) if template is not None else ())
    given = {display_name(p) for p in paths}
    targets = []
    for entry in found.files:
        key = display_name(key_for(entry.path, config.root))
        if force_exclude and entry.display in given and outside_configuration(
                entry.path, key, config.include, config.exclude, config.paths):
            found.left_out += 1
            continue
        targets.append(Target(entry.path, entry.display, key))
    if "-" in paths:
        key = display_name(key_for(stdin_filename, config.root)) if stdin_filename else "-"
        if force_exclude and stdin_filename and outside_configuration(
                Path(stdin_filename), key, config.include, config.exclude, config.paths):
            found.left_out += 1
        else:
            stdin = Target(None, display_name(stdin_filename or "-"), key, read_stdin())
            targets.insert(0 if paths[0] == "-" else len(targets), stdin)
    from canonlint.pairs import pair_editions

    return pair_editions(targets), found


_RAN: dict[frozenset[str], frozenset[str]] = {}


def check_one(plan: Plan, target: Target) -> Outcome:
    from canonlint.readers import read_edition  # a document through its reader, text as text

    try:
        source = read_edition(target.path, target.display, target.data)
    except SourceError as exc:
        if target.companion is not None:  # the Word file unreadable: its PDF is checked on its own
            alone = check_one(plan, Target(target.companion, target.companion_display, target.companion_key))
            alone.errors.insert(0, str(exc))
            return alone
        return Outcome(None, [str(exc)])
    companion_error = None
    if target.companion is not None:
        try:
            source = _with_companion(source, read_edition(target.companion, target.companion_display))
        except SourceError as exc:  # the Word file is still checked
            companion_error = str(exc)
    ignored = ignored_for(target.key, plan.per_file_ignores)
    rules = [a for a in plan.rules if not selected(a.rule, ignored)]
    ran = frozenset(a.rule.code for a in rules)
    ran = _RAN.setdefault(ran, ran)  # one shared set, not one per file, for the whole run

    def run(src: Source) -> FileResult:
        return check_source(src, plan.template, rules, key=target.key,
                            known=plan.known, view=plan.view)

    result = _placed(run(source), source)
    outcome = Outcome(result, ran=ran)
    if companion_error:
        outcome.errors.append(companion_error)
    word = target.path is not None and getattr(source.layout, "format", "") == "docx"
    if plan.fix and not plan.diff and word:
        source = _fix_word(plan, target, source, outcome, lambda src: _placed(run(src), src))
    elif plan.fix or plan.diff:
        _fix(plan, target, source, outcome, run)
    if plan.annotate and word and not plan.diff and outcome.result is not None:
        _annotate(plan, target, source, outcome)
    return outcome


def _annotate(plan: Plan, target: Target, source: Source, outcome: Outcome) -> None:
    """--annotate: the review copy of a Word edition (canonlint.writers.docx_comments), its
    findings as comments, written beside it or into plan.annotate_dir, never over it."""
    from canonlint.files import read_file
    from canonlint.run.fixes import same_file, write_atomically
    from canonlint.readers import read_edition
    from canonlint.writers.docx_tracked_changes import NotWritable
    from canonlint.writers.docx_comments import review_copy_name, with_comments

    name = review_copy_name(target.path.name)
    destination = (plan.annotate_dir or target.path.parent) / name
    if same_file(destination, [target.path]) is not None:
        outcome.errors.append(f"{target.display}: its review copy would be the file itself; not written")
        return
    try:
        data = read_file(target.path, target.display)
        copy = with_comments(data, source, outcome.result.findings, _revision(plan))
        if read_edition(None, target.display, copy).text != source.text:
            raise NotWritable("its comments would change its text")
        if plan.annotate_dir is not None:
            plan.annotate_dir.mkdir(parents=True, exist_ok=True)
        write_atomically(destination, copy)
    except SourceError as exc:
        outcome.errors.append(str(exc))
    except NotWritable as exc:
        outcome.errors.append(f"{target.display}: no review copy written: {exc}")
    except OSError as exc:
        outcome.errors.append(f"{destination}: cannot write the review copy ({exc.strerror or exc})")
    else:
        outcome.notes.append(f"{target.display}: review copy with {len(outcome.result.findings)} comment(s) "
                             f"written to {destination}")


def _revision(plan: Plan):
    """Who canonlint's changes and comments in a Word file are by, and now."""
    from datetime import UTC, datetime

    from canonlint.writers.docx_tracked_changes import Revision

    return Revision(plan.fix_author, datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def _with_companion(source: Source, pdf: Source) -> Source:
    """The Word file's Source with the PDF exported from it beside its layout (rule CL803 reads it)."""
    from dataclasses import replace

    return replace(source, layout=replace(source.layout, companion=pdf))


def _placed(result: FileResult, source: Source) -> FileResult:
    """A document's findings told where a person finds them (canonlint.readers.places)."""
    if source.layout is not None and source.layout.places:
        from canonlint.readers.places import placed

        result.findings = placed(result.findings, source.layout, source.text, source.line_starts, result.headings)
    return result


def _fix_word(plan: Plan, target: Target, source: Source, outcome: Outcome, run) -> None:
    """--fix on a Word file: the fixes written into it as tracked changes by plan.fix_author
    (canonlint.writers.docx_tracked_changes), the file replaced at once; a fix the file cannot take is
    counted as not applied, and its reason said once. Returns the Source of the file as it
    is now."""
    from canonlint.files import read_file
    from canonlint.run.fixes import write_atomically
    from canonlint.writers.docx_tracked_changes import fix_as_tracked_changes

    if not any(f.fix is not None and (f.fix.safe or plan.unsafe_fixes) and f.fingerprint not in plan.hidden
               for f in outcome.result.findings):
        return source
    try:
        read_only = not os.stat(target.path).st_mode & 0o222 or not os.access(target.path, os.W_OK)
    except OSError:
        read_only = False  # reading it below says what is wrong
    if read_only:  # the mode too: os.access grants everything to root
        outcome.errors.append(f"{target.display}: the file is read-only; its fixes were not written")
        return source
    try:
        data = read_file(target.path, target.display)
    except SourceError as exc:
        outcome.errors.append(str(exc))
        return source
    revision = _revision(plan)
    results: dict[int, FileResult] = {}

    def recheck(src: Source) -> list:
        results[id(src)] = run(src)
        return results[id(src)].findings

    fixed = fix_as_tracked_changes(data, source, outcome.result.findings, recheck, revision,
                                   unsafe=plan.unsafe_fixes, hidden=plan.hidden)
    if fixed.refused:
        outcome.unwritten = len(fixed.refused)
        reasons = sorted(set(fixed.refused.values()))
        outcome.notes.append(f"{target.display}: {len(fixed.refused)} fix(es) not written as tracked changes: "
                             + "; ".join(reasons))
    if not fixed.applied:
        return source
    try:
        write_atomically(target.path, fixed.data)
    except OSError as exc:
        outcome.errors.append(f"{target.display}: cannot write the fixes ({exc.strerror or exc}); "
                              "the file is unchanged")
        return source
    outcome.fixed = fixed.applied
    outcome.result = results[id(fixed.source)]
    return fixed.source


def _fix(plan: Plan, target: Target, source: Source, outcome: Outcome, run) -> None:
    """Apply the fixes to the edition until none is left, then show them (--diff) or
    write the file back in its own encoding, and re-check it; what went wrong is an error
    of the outcome, and then nothing is written."""
    from canonlint.run.fixes import MAX_ROUNDS, fix_until_settled, unified_diff, write_atomically

    results: dict[str, FileResult] = {}

    def check(text: str) -> list:
        results[text] = run(source.with_text(text))
        return results[text].findings

    fixes = fix_until_settled(source.text, outcome.result.findings, check, plan.unsafe_fixes, plan.hidden)
    outcome.text = fixes.text
    if not fixes.applied:
        return
    if not fixes.settled:
        outcome.text = source.text
        outcome.errors.append(f"{target.display}: the fixes did not settle after {MAX_ROUNDS} rounds "
                              "(each round made another fix); nothing was written")
        return
    document = source.layout is not None and source.layout.reread is None
    if document and not plan.diff:  # a document is never rewritten: see canonlint.readers
        outcome.text, outcome.unwritten = source.text, fixes.applied
        return
    outcome.fixed = fixes.applied
    if plan.diff:
        if document:
            outcome.diff = unified_diff(f"{target.display} (extracted text)", source.text.encode(), fixes.text.encode())
        elif source.codec.startswith("utf-16"):
            outcome.errors.append(f"{target.display}: no diff for a UTF-16 file: patch and git apply read a patch "
                                  "as lines of bytes, which UTF-16 text is not; --fix applies the same fixes")
            outcome.fixed = 0
        else:
            outcome.diff = _encoded_diff(target.display, source, fixes.text, outcome)
        return
    try:
        data = source.encode(fixes.text)
    except UnicodeEncodeError as exc:
        outcome.errors.append(_unencodable(target.display, source, fixes.text, exc))
        outcome.fixed, outcome.text = 0, source.text
        return
    if target.path is not None:
        try:
            write_atomically(target.path, data)
        except OSError as exc:
            outcome.errors.append(f"{target.display}: cannot write the fixes ({exc.strerror or exc})")
            outcome.fixed = 0
            return
    outcome.result = results[fixes.text]


def _encoded_diff(display: str, source, fixed: str, outcome: Outcome) -> bytes:
    """The diff of a text edition in its own bytes (encoding, byte-order mark); an error of
    the outcome when its encoding cannot hold the fixed text."""
    from canonlint.run.fixes import unified_diff

    try:
        return unified_diff(display, source.encode(source.text), source.encode(fixed))
    except UnicodeEncodeError as exc:
        outcome.errors.append(_unencodable(display, source, fixed, exc))
        outcome.fixed = 0
        return b""


def _unencodable(display: str, source, text: str, exc: UnicodeEncodeError) -> str:
    character = text[exc.start]
    return (f"{display}: the fixed text holds {character!r} (U+{ord(character):04X}), "
            f"which {source.encoding} cannot hold; nothing was written")


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
    """Outcomes go from the workers to the parent by pickle. Slotted dataclasses pickle as
    their class plus a list of field values that a loop over dataclasses.fields() sets one
    by one, twice as slow to dump and to load as a call of the class with the values; on
    the way back it is the parent, on the path of every result, that pays the loading.
    These reducers (only for multiprocessing's pickler) make the same objects the faster way."""
    from multiprocessing.reduction import ForkingPickler

    from canonlint.finding import Edit, Finding, Fix

    for cls in (Finding, Fix, Edit, FileResult, Outcome):
        ForkingPickler.register(cls, _by_constructor(cls))


def _by_constructor(cls):
    """A reducer that makes an object of the dataclass cls again by calling cls with the
    values of its fields, in order (every field is an argument of its constructor)."""
    values = attrgetter(*(f.name for f in fields(cls)))
    return lambda obj: (cls, values(obj))


def check_all(plan: Plan, targets: list[Target], jobs: int = 1) -> list[Outcome]:
    """The outcome of every target, in order; jobs > 1 checks them in that many worker
    processes (0: one per CPU this process may use, canonlint.run.cores). Ctrl-C stops the run between editions (canonlint.run.interrupt):
    raises Interrupted with the outcomes of the editions done."""
    from concurrent.futures import BrokenExecutor

    with stop_on_interrupt() as stop:
        outcomes: list[Outcome] = []
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


def check_with_cache(plan: Plan, targets: list[Target], jobs: int, cache) -> list[Outcome]:
    """check_all, with each unchanged edition's outcome taken from the cache instead of
    checked again. Fixing and diffing runs always check (they must see the text); so does
    standard input, and anything that is not a regular file."""
    if cache is None or plan.fix or plan.diff or plan.annotate:
        return check_all(plan, targets, jobs)
    keyed = [_cache_entry(target) for target in targets]
    outcomes: list[Outcome | None] = [cache.get(entry[0], Outcome) if entry else None for entry in keyed]
    missing = [i for i, outcome in enumerate(outcomes) if outcome is None]
    try:
        checked = check_all(plan, [targets[i] for i in missing], jobs)
    except Interrupted as exc:  # the editions taken from the cache were done too
        cached = [o for o in outcomes if o is not None]
        raise Interrupted(cached + exc.done, len(targets), plan.fix) from None
    for i, outcome in zip(missing, checked, strict=True):
        outcomes[i] = outcome
        entry = keyed[i]
        if entry and _worth_keeping(outcome) and _stamp(targets[i].path) == entry[1]:
            cache.put(entry[0], outcome)
    cache.trim()
    return outcomes  # type: ignore[return-value]


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


def _cache_entry(target: Target) -> tuple[str, tuple[int, int, int]] | None:
    from canonlint.run.cache import ResultCache

    stamp = _stamp(target.path)
    if stamp is None:
        return None
    try:
        data = target.path.read_bytes()  # type: ignore[union-attr]
        if target.companion is not None:  # the PDF compared with it is part of what is checked
            data += b"\0" + target.companion.read_bytes()
    except OSError:
        return None
    return ResultCache.entry_key(data, target.display, target.key), stamp


def _worth_keeping(outcome: Outcome) -> bool:
    """An outcome the same bytes would give again: read, with no rule that crashed."""
    return outcome.result is not None and not outcome.errors and not outcome.result.crashed
