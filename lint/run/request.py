"""A run of canonlint as a library — the request and what comes back. A run goes through
one module per stage: set up (canonlint.run.plan: configuration, rules chosen by
canonlint.run.selection, template, baseline), discovery (canonlint.run.discovery: the
targets), execution (canonlint.run.execution: each edition read, checked by
canonlint.run.edition_rules, fixed by canonlint.run.edition_fixes, from the result cache
where it is unchanged), the corpus rules (canonlint.run.corpus), the baseline
(canonlint.run.baseline). `canonlint check` is a thin layer over `run`: it parses options,
prints what comes back and picks the exit code; `check` is the Python API.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from canonlint.config import ConfigError
from canonlint.escaping import display_name
from canonlint.finding import Severity
from canonlint.run.discovery import NothingToCheck, config_for, display, targets_of
from canonlint.run.plan import RunError, set_up

if TYPE_CHECKING:
    from canonlint.run.edition_rules import EditionView

__all__ = ["CheckError", "Request", "RunError", "RunResult", "check", "files_to_check", "run"]


class CheckError(Exception):
    """`canonlint.check`: some editions could not be checked. `errors` has one line for each;
    `findings` holds what the others gave."""

    def __init__(self, errors: list[str], findings: list[dict[str, Any]]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors
        self.findings = findings


@dataclass(frozen=True)
class Request:
    """What a run is asked to do: the options of `canonlint check` that decide the findings."""

    paths: tuple[str, ...] = ()
    template: Path | None = None
    config: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: Severity | None = None
    baseline: Path | None = None
    update_baseline: bool = False
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    annotate: bool = False           # a review copy of each Word edition, its findings as comments
    annotate_dir: Path | None = None  # where the review copies go (None: beside each edition)
    stdin_filename: str | None = None
    force_exclude: bool = False
    jobs: int = 1
    cache: bool = True
    cache_dir: Path | None = None
    output: Path | None = None   # the report's file: never one of the run's inputs
    view: EditionView | None = None  # what a report shows of each edition besides findings (the HTML report)
    read_stdin: Callable[[], bytes] = field(default=lambda: b"", compare=False)


@dataclass
class RunResult:
    """What a run found and did."""

    results: list            # FileResult of every edition read, in the order given
    outcomes: list           # Outcome of every edition (diffs, fixed text, counts)
    targets: list            # the Target of each outcome
    errors: list[str]        # one line per path or file that could not be checked, in order
    rules: list              # the ActiveRule of the run
    fail_on: Severity
    problems: list[str]      # plug-ins that failed to load
    template: Any = None     # the Template of the run
    baselined: int = 0       # findings hidden by the baseline
    messages: list[str] = field(default_factory=list)  # what the run did, for a person (stderr)
    config_file: str | None = None  # the configuration file read, as reports name it; None: the defaults
    template_sha256: str = ""       # of the template file's bytes, to tell which template a report used
    docs_url: str | None = None  # the configuration's `docs-url`

    @property
    def unreadable(self) -> int:
        return len(self.errors) - sum(len(o.errors) for o in self.outcomes if o.result is not None)

    @property
    def fixed(self) -> int:
        return sum(o.fixed for o in self.outcomes)

    @property
    def fixed_files(self) -> int:
        return sum(1 for o in self.outcomes if o.fixed)

    @property
    def failed(self) -> bool:
        """Whether anything could not be done: an unreadable file, a plug-in or a rule that failed."""
        return bool(self.errors or self.problems or any(r.crashed for r in self.results))

    @property
    def failing(self) -> bool:
        """Whether a finding is at or above the failure level."""
        return any(f.severity.rank >= self.fail_on.rank for r in self.results for f in r.findings)


def run(request: Request) -> RunResult:
    """Carry out a request. Raises RunError when the run cannot start; a path or file that
    cannot be checked is one line in `errors` and every other edition is still checked."""
    from canonlint.run.baseline import BaselineError, apply_baseline
    from canonlint.run.cache import result_cache
    from canonlint.run.corpus import check_corpus
    from canonlint.run.execution import check_with_cache
    from canonlint.run.notices import PluginFailed, StaleBaselineEntry
    from canonlint.run.spool import Spool
    from canonlint.template import TemplateError

    try:
        setup = set_up(request)
    except (ConfigError, TemplateError, BaselineError) as exc:
        raise RunError(str(exc)) from None
    config, plan = setup.config, setup.plan
    targets, found = _collect(request, config, setup.template_path)
    errors = list(found.errors)
    if request.output is not None:
        from canonlint.run.fixes import same_file

        clash = same_file(request.output, [t.path for t in targets]
                          + [setup.template_path, config.path, setup.baseline_file])
        if clash is not None:
            raise RunError(f"--output {request.output}: is {display(clash)}, one of the run's inputs; "
                           "nothing was written")
    # The template and rules live as long as the run: out of the garbage collector's sight.
    # Checking an edition makes tens of thousands of short-lived objects and no cycles
    # worth collecting early, so the collector runs less often.
    gc.freeze()
    gc.set_threshold(20_000, 50, 100)
    cache = result_cache(plan, config, request.cache_dir) if request.cache else None
    outcomes = check_with_cache(plan, targets, request.jobs, cache, Spool() if plan.view is not None else None)
    for outcome in outcomes:
        errors.extend(outcome.errors)
    results = check_corpus([o.result for o in outcomes if o.result is not None], plan.template, setup.rules)
    ran = {o.result.key: o.ran for o in outcomes if o.result is not None}
    failed = _severity(setup.rules, PluginFailed)
    for result in results:  # a plug-in that failed to load: every edition it would have checked says so
        if failed is not None and PluginFailed.code in ran.get(result.key, (PluginFailed.code,)):
            result.findings[:0] = [PluginFailed.finding(result.path, problem, failed) for problem in setup.problems]
    outcome = RunResult(results, outcomes, targets, errors, setup.rules,
                        request.fail_on or config.fail_on, setup.problems, plan.template,
                        config_file=display_name(display(config.path)) if config.path is not None else None,
                        template_sha256=_sha256(setup.template_path),
                        docs_url=config.docs_url)
    outcome.messages.extend(f"{lock}: left out: a Word lock file (Word keeps it while the document is open), "
                            "not an edition" for lock in found.lock_files)
    for checked in outcomes:
        outcome.messages.extend(checked.notes)
    unwritten = [o.unwritten for o in outcomes if o.unwritten]
    if unwritten:  # documents (canonlint.readers) are never rewritten, Word files as tracked changes: said once
        outcome.messages.append(f"{sum(unwritten)} fix(es) in {len(unwritten)} document(s) were not applied: "
                                "--fix rewrites text editions, and Word files as tracked changes; "
                                "--diff shows them against the extracted text")
    if request.update_baseline:
        setup.baseline = _update_baseline(setup.baseline_file, setup.baseline, results, ran, outcome.messages)
    if setup.baseline_file:
        outcome.baselined = apply_baseline(results, ran, setup.baseline, _severity(setup.rules, StaleBaselineEntry))
    return outcome


def _sha256(path: Path) -> str:
    """The SHA-256 of a file read a moment ago, or "" should it have gone since."""
    import hashlib

    from canonlint.source import SourceError, read_file

    try:
        return hashlib.sha256(read_file(path, str(path))).hexdigest()
    except SourceError:
        return ""


def _severity(rules: list, rule: type) -> Severity | None:
    """The severity of a rule in this run, None when it is not active."""
    return next((a.severity for a in rules if type(a.rule) is rule), None)


def _collect(request: Request, config, template_path: Path | None):
    """The targets of a run and what collecting them found (canonlint.run.discovery)."""
    try:
        return targets_of(list(request.paths), config, template_path, request.stdin_filename,
                          request.force_exclude, read_stdin=request.read_stdin)
    except NothingToCheck as exc:
        raise RunError(str(exc), details=exc.details) from None


def files_to_check(request: Request):
    """`--show-files`: the targets a run of request would check (in order) and what
    collecting them found, without loading rules or the template. Raises RunError."""
    try:
        config = config_for(request.paths, request.config, request.stdin_filename)
    except ConfigError as exc:
        raise RunError(str(exc)) from None
    # Standard input is named, not read: listing files must not wait for it.
    return _collect(replace(request, read_stdin=lambda: b""), config, request.template or config.template)


def _update_baseline(path: Path, old, results, ran, messages: list[str]):
    """Write the baseline of this run's findings (keeping what the run did not cover) and
    return its entries; a file that cannot be written ends the run."""
    from canonlint.run.baseline import entry_of, render_baseline, updated_entries
    from canonlint.run.fixes import write_atomically

    current = [entry_of(f, r.key) for r in results for f in r.findings if f.rule not in r.crashed]
    entries = updated_entries(old, current, ran)
    try:
        write_atomically(path, render_baseline(entries))
    except OSError as exc:
        raise RunError(f"{path}: cannot write the baseline ({exc.strerror or exc})") from None
    added = len({e.fingerprint for e in entries} - {e.fingerprint for e in old})
    dropped = len({e.fingerprint for e in old} - {e.fingerprint for e in entries})
    messages.append(f"wrote {len(entries)} entr{'y' if len(entries) == 1 else 'ies'} to "
                    f"{path} ({added} added, {dropped} dropped)")
    return entries


def check(paths, *, template=None, config=None, select=None, ignore=None) -> list[dict[str, Any]]:
    """The findings of checking paths (files or folders), as `canonlint check --format json`
    gives them: a list of dicts with the keys documented in the README. template and config
    are paths (default: as the command line finds them); select and ignore take codes,
    code prefixes or names. Raises RunError if the run cannot start, and CheckError (with
    the other editions' findings) if some editions could not be read."""
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    outcome = run(Request(
        paths=tuple(os.fspath(p) for p in paths), template=Path(template) if template else None,
        config=Path(config) if config else None, select=_codes(select), ignore=_codes(ignore) or (),
        cache=False))
    findings = [f.to_dict() for result in outcome.results for f in result.findings]
    if outcome.errors:
        raise CheckError(outcome.errors, findings)
    return findings


def _codes(value) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    return tuple(part for item in value for part in item.replace(",", " ").split()) or None
