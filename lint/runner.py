"""Running rules: selection, severities, options, per-file ignores and table targets from
the configuration, then per edition read → parse → align → rules → suppressions →
findings, with every failure kept to its own file."""

from __future__ import annotations

import fnmatch
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from lint.align import align
from lint.config import Config, ConfigError, did_you_mean
from lint.document import parse_document
from lint.finding import Finding, Report, Severity, fingerprint
from lint.notices import NOTICES, UNUSED_SUPPRESSION
from lint.registry import Registry
from lint.rule import Context, Rule
from lint.source import Source
from lint.suppression import Suppressions, find_directives, is_markdown, mask
from lint.template import Template
from lint.words import normalise


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    severity: Severity
    options: dict[str, Any]


@dataclass
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None        # the file could not be read
    crashed: list[str] = field(default_factory=list)  # rules that raised
    key: str = ""                   # the path fingerprints and the baseline use


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
                wanted = cls.options[name].type
                if not isinstance(value, wanted) or (isinstance(value, bool) and wanted is not bool):
                    raise ConfigError(f"{where}: option '{name}' of {cls.code} must be {wanted.__name__}")
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


def resolve_targets(config: Config, template: Template) -> dict[str, str]:
    """The configured direction of each table row's target, keyed by the row's label as
    the template writes it; a label that is no row of the template is a ConfigError."""
    labels = [row.cells[0] if row.cells else row.text for rows in template.tables() for row in rows]
    by_key = {normalise(label).casefold(): label for label in labels}
    targets = {}
    for label, direction in config.targets.items():
        found = by_key.get(normalise(label).casefold())
        if found is None:
            hint = did_you_mean(label, labels) or (f"; the rows are: {', '.join(labels)}" if labels
                                                    else "; the template has no table")
            raise ConfigError(f"{config.where}: [targets]: '{label}' is no table row of the template{hint}")
        targets[found] = direction
    return targets


def ignored_for(key: str, per_file_ignores) -> tuple[str, ...]:
    """The selectors per-file-ignores sets for a file (its path relative to the config's
    folder). A pattern without a slash also matches the file's name alone."""
    name = PurePosixPath(key).name
    return tuple(code for pattern, codes in per_file_ignores
                 if fnmatch.fnmatch(key, pattern) or ("/" not in pattern and fnmatch.fnmatch(name, pattern))
                 for code in codes)


@dataclass(frozen=True)
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
                 notices: Mapping[str, Severity] | None = None, known: Mapping[str, str] | None = None,
                 targets: Mapping[str, str] | None = None) -> FileResult:
    """Every finding of the active rules on one edition; a rule that raises becomes one
    error finding naming it, and the other rules still run.

    key is the path used for fingerprints (default: the source's path); notices are the
    active notices with their severity (default: none); known maps each code and name a
    suppression comment may use to its code (default: the active rules'); targets give
    table rows whose target is an increase.
    """
    key = key or source.path
    notices = notices or {}
    if known is None:
        known = {n: a.rule.code for a in rules for n in (a.rule.code, a.rule.name)}
    directives = find_directives(source.text) if is_markdown(key) else []
    work = Source.from_text(source.path, mask(source.text, directives), source.bom) if directives else source
    document = parse_document(work)
    alignment = align(document, template)
    result = FileResult(source.path, key=key)
    raw: list[tuple[_Origin, Report]] = []
    exclusive: set[str] = set()
    for active in rules:
        origin = _Origin(active.rule.code, active.rule.name, active.severity)
        if active.rule.exclusive:
            exclusive.add(origin.code)
        ctx = Context(document, template, alignment, active.options, dict(targets or {}))
        try:
            raw.extend((origin, report) for report in active.rule.check(ctx))
        except Exception as exc:
            result.crashed.append(active.rule.code)
            message = f"rule {active.rule.code} ({active.rule.name}) crashed on this file: {type(exc).__name__}: {exc}"
            result.findings.append(Finding(source.path, 1, 1, 1, 1, active.rule.code, active.rule.name,
                                           Severity.ERROR, message,
                                           fingerprint=fingerprint(key, active.rule.code, message, 0)))
    took_over = any(origin.code in exclusive for origin, _ in raw)
    if took_over:
        raw = [(origin, report) for origin, report in raw if origin.code in exclusive]
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
