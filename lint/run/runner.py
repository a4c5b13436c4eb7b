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

from canonlint.align import Alignment, align
from canonlint.config import Config, ConfigError, did_you_mean
from canonlint.document import BlockKind, Document, parse_document
from canonlint.finding import Finding, Report, Severity, fingerprint
from canonlint.registry import Registry
from canonlint.rule import Claims, Context, CorpusRule, OptionError, Review, Rule
from canonlint.source import Source
from canonlint.run.suppression import Suppressions, find_directives, is_markdown, mask
from canonlint.template import Template


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
    # A document's template headings as located in it: (offset, the heading's words there), in order.
    headings: tuple[tuple[int, str], ...] = ()


def selected(rule, selectors: tuple[str, ...]) -> bool:
    """Whether a rule is one the selectors name: ALL, a code prefix or a name."""
    return any(s.upper() == "ALL" or rule.code.startswith(s.upper()) or rule.name == s.lower()
               for s in selectors)


def _suggest(registry: Registry, name: str) -> str:
    return did_you_mean(name, [r.code for r in registry.rules] + [r.name for r in registry.rules])


def _check_selectors(registry: Registry, selectors, where: str) -> None:
    for selector in selectors:
        if selector.upper() == "ALL":
            continue
        if not any(selected(r, (selector,)) for r in registry.rules):
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
    for key in (*config.severity, *config.rule_options):
        if registry.find(key) is None:
            raise ConfigError(f"{where}: unknown rule '{key}'{_suggest(registry, key)}")
        if key in config.rule_options and config.rule_options[key] and not registry.find(key).options:
            raise ConfigError(f"{where}: [rules.{key}]: {key} has no options")
    active = []
    for cls in registry.rules:  # every rule's options are checked, whether it runs or not
        options = configured_options(cls, config)
        if selected(cls, chosen_select) and not selected(cls, chosen_ignore):
            severity = config.severity.get(cls.code) or config.severity.get(cls.name) or cls.severity
            active.append(ActiveRule(cls(), severity, options))
    return active


def configured_options(cls, config: Config) -> dict:
    """A rule's options as the configuration sets them (raises ConfigError)."""
    try:  # the values under the rule's name win over those under its code
        return cls.resolve_options({**config.rule_options.get(cls.code, {}),
                                    **config.rule_options.get(cls.name, {})})
    except OptionError as exc:
        raise ConfigError(f"{config.where}: {exc}") from None


def check_options_against_template(registry: Registry, config: Config, template) -> None:
    """Every rule's options (run or not) that name a row or table the template lacks: a
    ConfigError with the first, and the closest name the template has."""
    for cls in registry.rules:
        for problem in cls.template_problems(configured_options(cls, config), template):
            raise ConfigError(f"{config.where}: [rules.{cls.code}] {problem}")


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
    for rule in registry.rules:
        known[rule.code] = rule.code
        known[rule.name] = rule.code
    return known


def check_source(source: Source, template: Template, rules: list[ActiveRule], *, key: str | None = None,
                 known: Mapping[str, str] | None = None,
                 view: Callable[[Source, Document, Template, Alignment], Any] | None = None) -> FileResult:
    """Every finding of the active rules on one edition; a rule that raises becomes one
    error finding naming it, and the other rules still run.

    key is the path used for fingerprints (default: the source's path); known maps each
    code and name a suppression comment may use to its code (default: the active rules');
    view, when given, makes the result's `view` from the edition's parse and alignment (a
    report that shows more than findings asks for it). Reviewing rules (`Rule.reviews`)
    run last, on an edition with suppression comments, after the comments hid what they
    hide.
    """
    key = key or source.path
    if known is None:
        known = {n: a.rule.code for a in rules for n in (a.rule.code, a.rule.name)}
    directives = find_directives(source.text) if is_markdown(key) else []
    work = source.with_text(mask(source.text, directives), tuple((d.start, d.end) for d in directives)) \
        if directives else source
    document = parse_document(work)
    alignment = align(document, template)
    result = FileResult(source.path, key=key)
    if source.layout is not None:  # where a document's findings are told (canonlint.readers.places)
        result.headings = _located_headings(source, template, alignment)
    if view is not None:
        result.view = view(source, document, template, alignment)
    raw: list[tuple[_Origin, Report]] = []
    exclusive = {a.rule.code for a in rules if a.rule.exclusive}
    checking = [a for a in rules if not a.rule.reviews]
    claiming = [a for a in checking if a.rule.claims]
    for rank in sorted({a.rule.claim_rank for a in claiming}, reverse=True):  # the claiming rules first
        claims = Claims.of(report for _, report in raw)  # those of a higher rank
        for active in claiming:
            if active.rule.claim_rank == rank:
                raw.extend(_run(active, Context(document, template, alignment, active.options, claims=claims), result, work))
    claims = Claims.of(report for _, report in raw)
    for active in checking:
        if not active.rule.claims:
            raw.extend(_run(active, Context(document, template, alignment, active.options, claims=claims), result, work))
    took_over = any(origin.code in exclusive for origin, _ in raw)
    if took_over:
        raw = [(origin, report) for origin, report in raw if origin.code in exclusive]
        result.summaries.clear()  # not an edition: it takes no part in corpus rules
    if directives:
        spans = [(b.start, b.end) for b in document.blocks]
        suppressions = Suppressions(source.text, directives, known, spans)
        raw = [(origin, report) for origin, report in raw if not suppressions.hides(origin.code, report.start)]
        reviewers = [a for a in rules if a.rule.reviews] if not took_over else []
        if reviewers:
            judged = frozenset(a.rule.code for a in rules if a.rule.code not in result.crashed and not a.rule.reviews)
            review = Review(suppressions, judged, {a.rule.code: a.rule.name for a in rules},
                            lambda name: did_you_mean(name, list(known)))
            for active in reviewers:
                raw.extend(_run(active, Context(document, template, alignment, active.options, review), result))
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


def _located_headings(source: Source, template: Template, alignment: Alignment) -> tuple[tuple[int, str], ...]:
    located = []
    for block in template.blocks:
        if block.kind is BlockKind.HEADING:
            match = alignment.match(block)
            if match.located and match.end > match.start:
                located.append((match.start, " ".join(source.text[match.start:match.end].split())))
    return tuple(sorted(located))


def _run(active: ActiveRule, ctx: Context, result: FileResult, work: Source | None = None) -> list[tuple[_Origin, Report]]:
    """One rule's reports on an edition, each with its origin; a rule that raises is one
    crash finding in result (what it yielded before is kept). With work, a fix reaching into
    a span the work source hides (a suppression comment) is dropped."""
    rule = active.rule
    reports: list[Report] = []
    try:
        reports.extend(rule.check(ctx))
        if isinstance(rule, CorpusRule):
            result.summaries[rule.code] = rule.collect(ctx)
    except Exception as exc:
        result.crashed.append(rule.code)
        result.findings.append(_crash(result.path, result.key, active, exc))
    if not reports:  # most rules report nothing on most editions
        return []
    if rule.prose and ctx.code_spans():  # code is compared as code, not read as prose
        reports = [report for report in reports if not ctx.in_code(report.start, report.end)]
    if work is not None and work.hidden:  # a fix never touches a suppression comment
        reports = [_sparing(report, work.hidden) for report in reports]
    return list(zip(repeat(_Origin(rule.code, rule.name, active.severity)), reports))


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
