"""Running rules: selection and severities from config, then per edition
read → parse → align → rules → findings, with every failure kept to its own file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lint.align import align
from lint.config import Config, ConfigError
from lint.document import parse_document
from lint.finding import Finding, Severity, fingerprint
from lint.registry import Registry
from lint.rule import Context, CorpusRule, Rule
from lint.source import Source
from lint.template import Template


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
    summaries: dict[str, Any] = field(default_factory=dict)  # corpus rule code -> its summary


def _selected(rule: type[Rule], selectors: tuple[str, ...]) -> bool:
    return any(s.upper() == "ALL" or rule.code.startswith(s.upper()) or rule.name == s.lower()
               for s in selectors)


def _check_selectors(registry: Registry, selectors, where: str) -> None:
    for selector in selectors:
        if selector.upper() == "ALL":
            continue
        if not any(_selected(r, (selector,)) for r in registry.rules):
            raise ConfigError(f"{where}: unknown rule '{selector}'{registry.suggest(selector)}")


def resolve_rules(registry: Registry, config: Config, select: tuple[str, ...] | None = None,
                  ignore: tuple[str, ...] = ()) -> list[ActiveRule]:
    """The rules this run uses. Command-line --select replaces the config's select;
    --ignore adds to the config's ignore."""
    where = str(config.path) if config.path else "configuration"
    chosen_select = tuple(select) if select else config.select + config.extend_select
    chosen_ignore = config.ignore + tuple(ignore)
    _check_selectors(registry, chosen_select, "--select" if select else where)
    _check_selectors(registry, config.ignore, where)
    _check_selectors(registry, tuple(ignore), "--ignore")
    for key in list(config.severity) + list(config.rule_options):
        if registry.find(key) is None:
            raise ConfigError(f"{where}: unknown rule '{key}'{registry.suggest(key)}")
    active = []
    for cls in registry.rules:
        if not _selected(cls, chosen_select) or _selected(cls, chosen_ignore):
            continue
        severity = config.severity.get(cls.code) or config.severity.get(cls.name) or cls.severity
        options = {name: option.default for name, option in cls.options.items()}
        for key in (cls.code, cls.name):
            for name, value in config.rule_options.get(key, {}).items():
                if name not in cls.options:
                    raise ConfigError(f"{where}: rule {cls.code} ({cls.name}) has no option '{name}'"
                                      + (f"; its options: {', '.join(cls.options)}" if cls.options else ""))
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
                options[name] = value
        active.append(ActiveRule(cls(), severity, options))
    return active


def check_source(source: Source, template: Template, rules: list[ActiveRule]) -> FileResult:
    """Every finding of the active rules on one edition; a rule that raises becomes one
    error finding naming it, and the other rules still run."""
    document = parse_document(source)
    alignment = align(document, template)
    result = FileResult(source.path)
    raw: list[tuple[ActiveRule, Any]] = []
    for active in rules:
        ctx = Context(document, template, alignment, active.options)
        try:
            raw.extend((active, report) for report in active.rule.check(ctx))
            if isinstance(active.rule, CorpusRule):
                result.summaries[active.rule.code] = active.rule.collect(ctx)
        except Exception as exc:
            result.crashed.append(active.rule.code)
            result.findings.append(_crash(source.path, active, exc))
    if any(active.rule.exclusive for active, _ in raw):
        raw = [(active, report) for active, report in raw if active.rule.exclusive]
        result.summaries.clear()  # not an edition: it takes no part in corpus rules
    occurrences: dict[tuple[str, str], int] = {}
    for active, report in raw:
        line, column = source.position(report.start)
        end_line, end_column = source.position(report.end)
        subject = report.subject if report.subject is not None else report.message
        key = (active.rule.code, subject)
        occurrences[key] = occurrences.get(key, 0) + 1
        result.findings.append(Finding(
            source.path, line, column, end_line, end_column, active.rule.code, active.rule.name,
            active.severity, report.message, report.expected, report.found, report.fix,
            fingerprint(source.path, active.rule.code, subject, occurrences[key] - 1)))
    result.findings.sort(key=lambda f: f.sort_key)
    return result


def _crash(path: str, active: ActiveRule, exc: Exception) -> Finding:
    message = f"rule {active.rule.code} ({active.rule.name}) crashed on this file: {type(exc).__name__}: {exc}"
    return Finding(path, 1, 1, 1, 1, active.rule.code, active.rule.name, Severity.ERROR, message,
                   fingerprint=fingerprint(path, active.rule.code, message, 0))


def check_corpus(results: list[FileResult], template: Template, rules: list[ActiveRule]) -> list[FileResult]:
    """Run the corpus rules over the summaries of every edition checked; their findings join
    the results of the files they point to (a finding on the template gets a result of its
    own, appended at the end). Returns the results in order."""
    by_path = {result.path: result for result in results}
    extra: dict[str, FileResult] = {}
    for active in rules:
        if not isinstance(active.rule, CorpusRule):
            continue
        summaries = [r.summaries[active.rule.code] for r in results if active.rule.code in r.summaries]
        try:
            reports = list(active.rule.check_corpus(summaries, template, active.options))
        except Exception as exc:
            target = extra.setdefault(template.path, FileResult(template.path))
            target.crashed.append(active.rule.code)
            target.findings.append(_crash(template.path, active, exc))
            continue
        occurrences: dict[tuple[str, str], int] = {}
        for report in reports:
            place = report.place
            target = by_path.get(place.path) or extra.setdefault(place.path, FileResult(place.path))
            subject = report.subject if report.subject is not None else report.message
            key = (place.path, subject)
            occurrences[key] = occurrences.get(key, 0) + 1
            target.findings.append(Finding(
                place.path, place.line, place.column, place.end_line, place.end_column, active.rule.code,
                active.rule.name, active.severity, report.message, report.expected, report.found, None,
                fingerprint(place.path, active.rule.code, subject, occurrences[key] - 1)))
    merged = results + list(extra.values())
    for result in merged:
        result.findings.sort(key=lambda f: f.sort_key)
    return merged
