"""Running rules: selection, severities, options and per-file ignores from the
configuration, then per edition read → parse → align → rules → suppressions → findings,
with every failure kept to its own file; then the corpus rules over every edition."""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from itertools import repeat
from pathlib import PurePosixPath
from typing import Any

from lint.align import Alignment, align
from lint.config import Config, ConfigError, did_you_mean
from lint.document import Document, parse_document
from lint.finding import Finding, Report, Severity, fingerprint
from lint.notices import NOTICES, UNUSED_SUPPRESSION
from lint.registry import Registry
from lint.rule import Context, CorpusRule, Rule
from lint.source import Source
from lint.suppression import Suppressions, find_directives, is_markdown, mask
from lint.template import Template


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    severity: Severity
    options: dict[str, Any]


@dataclass(slots=True)
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None        # the file could not be read
    crashed: list[str] = field(default_factory=list)  # rules that raised
    key: str = ""                   # the path fingerprints and the baseline use
    summaries: dict[str, Any] = field(default_factory=dict)  # corpus rule code -> its summary
    view: Any = None                # what check_source's view hook made of the edition (the HTML report's)


def selected(rule, selectors: tuple[str, ...]) -> bool:
    """Whether a rule (or notice) is one the selectors name: ALL, a code prefix or a name."""
    return any(s.upper() == "ALL" or rule.code.startswith(s.upper()) or rule.name == s.lower()
               for s in selectors)


def _suggest(registry: Registry, name: str) -> str:
    return did_you_mean(name, [r.code for r in (*registry.rules, *NOTICES)]
                        + [r.name for r in (*registry.rules, *NOTICES)])


def _check_selectors(registry: Registry, selectors, where: str) -> None:
    for selector in selectors:
        if selector.upper() == "ALL":
            continue
        if not any(selected(r, (selector,)) for r in (*registry.rules, *NOTICES)):
            raise ConfigError(f"{where}: unknown rule '{selector}'{_suggest(registry, selector)}")


def _chosen(config: Config, select, ignore) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (tuple(select) if select else config.select + config.extend_select,
            config.ignore + tuple(ignore))


def resolve_rules(registry: Registry, config: Config, select: tuple[str, ...] | None = None,
                  ignore: tuple[str, ...] = ()) -> list[ActiveRule]:
    """The rules this run uses. Command-line --select replaces the config's select;
    --ignore adds to the config's ignore."""
    where = config.where
    chosen_select, chosen_ignore = _chosen(config, select, ignore)
    _check_selectors(registry, chosen_select, "--select" if select else where)
    _check_selectors(registry, config.ignore, where)
    _check_selectors(registry, tuple(ignore), "--ignore")
    for pattern, codes in config.per_file_ignores:
        _check_selectors(registry, codes, f"{where}: per-file-ignores \"{pattern}\"")
    notice_keys = {n.code for n in NOTICES} | {n.name for n in NOTICES}
    for key in config.severity:
        if registry.find(key) is None and key.upper() not in notice_keys and key.lower() not in notice_keys:
            raise ConfigError(f"{where}: unknown rule '{key}'{_suggest(registry, key)}")
    for key in config.rule_options:
        if registry.find(key) is None:
            if key.upper() in notice_keys or key.lower() in notice_keys:
                raise ConfigError(f"{where}: [rules.{key}]: {key} has no options")
            raise ConfigError(f"{where}: unknown rule '{key}'{_suggest(registry, key)}")
    active = []
    for cls in registry.rules:
        if not selected(cls, chosen_select) or selected(cls, chosen_ignore):
            continue
        severity = config.severity.get(cls.code) or config.severity.get(cls.name) or cls.severity
        options = {name: option.default for name, option in cls.options.items()}
        for key in (cls.code, cls.name):
            for name, value in config.rule_options.get(key, {}).items():
                if name not in cls.options:
                    raise ConfigError(f"{where}: rule {cls.code} ({cls.name}) has no option '{name}'"
                                      + (did_you_mean(name, cls.options) or
                                         (f"; its options: {', '.join(cls.options)}" if cls.options else "")))
                option = cls.options[name]
                wanted = option.type
                if wanted is float and isinstance(value, int) and not isinstance(value, bool):
                    value = float(value)
                if not isinstance(value, wanted) or (isinstance(value, bool) and wanted is not bool):
                    raise ConfigError(f"{where}: option '{name}' of {cls.code} must be {wanted.__name__}")
                items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
                if option.item_type and any(not isinstance(v, option.item_type) or isinstance(v, bool) for v in items):
                    kind = "numbers" if option.item_type == (int, float) else getattr(option.item_type, "__name__", "")
                    raise ConfigError(f"{where}: the values of option '{name}' of {cls.code} must be {kind}")
                bad = next((v for v in (items if option.item_type else (value,)) if v not in option.choices), None) \
                    if option.choices else None
                if bad is not None:
                    raise ConfigError(f"{where}: option '{name}' of {cls.code}: {bad!r} is not one of "
                                      f"{', '.join(option.choices)}")
                options[name] = value
        active.append(ActiveRule(cls(), severity, options))
    return active


def resolve_notices(config: Config, select: tuple[str, ...] | None = None,
                    ignore: tuple[str, ...] = ()) -> dict[str, Severity]:
    """canonlint's own notices (lint.notices) that this run reports, with their severity;
    selected, ignored and re-levelled like rules (call resolve_rules first: it checks the
    selectors)."""
    chosen_select, chosen_ignore = _chosen(config, select, ignore)
    return {n.code: config.severity.get(n.code) or config.severity.get(n.name) or n.severity
            for n in NOTICES if selected(n, chosen_select) and not selected(n, chosen_ignore)}


def ignored_for(key: str, per_file_ignores) -> tuple[str, ...]:
    """The selectors per-file-ignores sets for a file (its path relative to the config's
    folder). A pattern without a slash also matches the file's name alone."""
    name = PurePosixPath(key).name
    return tuple(code for pattern, codes in per_file_ignores
                 if fnmatch.fnmatch(key, pattern) or ("/" not in pattern and fnmatch.fnmatch(name, pattern))
                 for code in codes)


@dataclass(slots=True)
class _Origin:
    code: str
    name: str
    severity: Severity


def known_rules(registry: Registry) -> dict[str, str]:
    """Every code and name a suppression comment may use → its code."""
    known = {}
    for rule in (*registry.rules, *NOTICES):
        known[rule.code] = rule.code
        known[rule.name] = rule.code
    return known


def check_source(source: Source, template: Template, rules: list[ActiveRule], *, key: str | None = None,
                 notices: Mapping[str, Severity] | None = None,
                 known: Mapping[str, str] | None = None,
                 view: Callable[[Source, Document, Template, Alignment], Any] | None = None) -> FileResult:
    """Every finding of the active rules on one edition; a rule that raises becomes one
    error finding naming it, and the other rules still run.

    key is the path used for fingerprints (default: the source's path); notices are the
    active notices with their severity (default: none); known maps each code and name a
    suppression comment may use to its code (default: the active rules'); view, when
    given, makes the result's `view` from the edition's parse and alignment (a report that
    shows more than findings asks for it).
    """
    key = key or source.path
    notices = notices or {}
    if known is None:
        known = {n: a.rule.code for a in rules for n in (a.rule.code, a.rule.name)}
    directives = find_directives(source.text) if is_markdown(key) else []
    work = source.with_text(mask(source.text, directives), tuple((d.start, d.end) for d in directives)) \
        if directives else source
    document = parse_document(work)
    alignment = align(document, template)
    result = FileResult(source.path, key=key)
    if view is not None:
        result.view = view(source, document, template, alignment)
    raw: list[tuple[_Origin, Report]] = []
    exclusive: set[str] = set()
    for active in rules:
        rule = active.rule
        if rule.exclusive:
            exclusive.add(rule.code)
        ctx = Context(document, template, alignment, active.options)
        reports: list[Report] = []  # what the rule yields before it may raise is kept
        try:
            reports.extend(rule.check(ctx))
            if isinstance(rule, CorpusRule):
                result.summaries[rule.code] = rule.collect(ctx)
        except Exception as exc:
            result.crashed.append(rule.code)
            result.findings.append(_crash(source.path, key, active, exc))
        if reports and directives:  # a fix never touches a suppression comment
            reports = [_sparing(report, work.hidden) for report in reports]
        if reports:  # most rules report nothing on most editions
            raw.extend(zip(repeat(_Origin(rule.code, rule.name, active.severity)), reports))
    took_over = any(origin.code in exclusive for origin, _ in raw)
    if took_over:
        raw = [(origin, report) for origin, report in raw if origin.code in exclusive]
        result.summaries.clear()  # not an edition: it takes no part in corpus rules
    if directives:
        spans = [(b.start, b.end) for b in document.blocks]
        suppressions = Suppressions(source.text, directives, known, spans)
        raw = [(origin, report) for origin, report in raw if not suppressions.hides(origin.code, report.start)]
        if UNUSED_SUPPRESSION.code in notices and not took_over:
            judged = {a.rule.code for a in rules if a.rule.code not in result.crashed}
            describe = {a.rule.code: a.rule.name for a in rules}
            origin = _Origin(UNUSED_SUPPRESSION.code, UNUSED_SUPPRESSION.name, notices[UNUSED_SUPPRESSION.code])
            suggest = lambda name: did_you_mean(name, list(known))  # noqa: E731
            for directive, message, fix in suppressions.problems(judged, describe, suggest):
                raw.append((origin, Report(directive.start, directive.end, message, found=source.text[directive.start:directive.end],
                                           fix=fix, subject=f"{' '.join(source.text[directive.start:directive.end].split())}|{message}")))
    occurrences: dict[tuple[str, str], int] = {}
    for origin, report in raw:
        line, column = source.position(report.start)
        end_line, end_column = source.position(report.end)
        subject = report.subject if report.subject is not None else report.message
        occurrence_key = (origin.code, subject)
        occurrences[occurrence_key] = occurrences.get(occurrence_key, 0) + 1
        result.findings.append(Finding(
            source.path, line, column, end_line, end_column, origin.code, origin.name,
            origin.severity, report.message, report.expected, report.found, report.fix,
            fingerprint(key, origin.code, subject, occurrences[occurrence_key] - 1)))
    result.findings.sort(key=lambda f: f.sort_key)
    return result


def _sparing(report: Report, hidden: tuple[tuple[int, int], ...]) -> Report:
    """report without its fix when an edit of the fix reaches into one of the hidden spans."""
    if report.fix is None or not any(a < e.end and e.start < b or a < e.start < b
                                     for e in report.fix.edits for a, b in hidden):
        return report
    return replace(report, fix=None)


def _crash(path: str, key: str, active: ActiveRule, exc: Exception) -> Finding:
    message = f"rule {active.rule.code} ({active.rule.name}) crashed on this file: {type(exc).__name__}: {exc}"
    return Finding(path, 1, 1, 1, 1, active.rule.code, active.rule.name, Severity.ERROR, message,
                   fingerprint=fingerprint(key, active.rule.code, message, 0))


def check_corpus(results: list[FileResult], template: Template, rules: list[ActiveRule]) -> list[FileResult]:
    """Run the corpus rules over the summaries of every edition checked; their findings join
    the results of the files they point to (a finding on the template gets a result of its
    own, appended at the end), fingerprinted with that file's key. Returns the results in
    order."""
    by_path = {result.path: result for result in results}
    extra: dict[str, FileResult] = {}
    for active in rules:
        if not isinstance(active.rule, CorpusRule):
            continue
        summaries = [r.summaries[active.rule.code] for r in results if active.rule.code in r.summaries]
        try:
            reports = list(active.rule.check_corpus(summaries, template, active.options))
        except Exception as exc:
            target = extra.setdefault(template.path, FileResult(template.path, key=template.path))
            target.crashed.append(active.rule.code)
            target.findings.append(_crash(template.path, template.path, active, exc))
            continue
        occurrences: dict[tuple[str, str], int] = {}
        for report in reports:
            place = report.place
            target = by_path.get(place.path) or extra.setdefault(place.path, FileResult(place.path, key=place.path))
            subject = report.subject if report.subject is not None else report.message
            key = target.key or place.path
            occurrences[(key, subject)] = occurrences.get((key, subject), 0) + 1
            target.findings.append(Finding(
                place.path, place.line, place.column, place.end_line, place.end_column, active.rule.code,
                active.rule.name, active.severity, report.message, report.expected, report.found, None,
                fingerprint(key, active.rule.code, subject, occurrences[(key, subject)] - 1)))
    merged = results + list(extra.values())
    for result in merged:
        result.findings.sort(key=lambda f: f.sort_key)
        result.summaries.clear()  # read: not kept while the report is written
    return merged


PLUGIN_FAILED = ("CL900", "plugin-failed")


def plugin_failed(path: str, problem: str) -> Finding:
    """The finding an edition gets for a rule plug-in that could not be loaded: the rules it
    would have brought did not check this edition."""
    return Finding(path, 1, 1, 1, 1, *PLUGIN_FAILED, Severity.ERROR, f"{problem}; its rules did not run",
                   fingerprint=fingerprint(path, PLUGIN_FAILED[0], problem, 0))
