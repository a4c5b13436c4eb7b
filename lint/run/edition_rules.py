"""The rules run on one edition: read → (suppression comments masked) → parse → align →
the claiming rules, the other rules, the reviewing rules → findings, with every rule's
failure kept to itself."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import replace
from itertools import repeat
from typing import Any

from canonlint.align import Alignment, align
from canonlint.suggestions import did_you_mean
from canonlint.document import BlockKind, Document, parse_document
from canonlint.finding import Report, Severity
from canonlint.rule import Claims, Context, CorpusRule, Review
from canonlint.run.findings import FileResult, FindingBuilder, Origin
from canonlint.run.selection import ActiveRule
from canonlint.run.suppression import Suppressions, find_directives, mask, takes_suppressions
from canonlint.source import Source
from canonlint.template import Template

# What a report that shows more than findings makes of each edition (the HTML report's
# view): it travels from the Request through the Plan to check_source, and its answer
# comes back as FileResult.view.
EditionView = Callable[[Source, Document, Template, Alignment], Any]
Raw = list[tuple[Origin, Report]]


class _Edition:
    """One edition being checked: what every rule's Context is made of, and where the
    findings go."""

    def __init__(self, source: Source, work: Source, template: Template, result: FileResult,
                 view: EditionView | None) -> None:
        self.document = parse_document(work)
        self.alignment = align(self.document, template)
        self.source, self.work, self.template, self.result = source, work, template, result
        if source.layout is not None:  # where a document's findings are told (canonlint.readers.places)
            result.headings = _located_headings(source, template, self.alignment)
        if view is not None:
            result.view = view(source, self.document, template, self.alignment)
        self.build = FindingBuilder(source.path, result.key, source, result.headings)

    def context(self, active: ActiveRule, claims: Claims | None = None, review: Review | None = None) -> Context:
        if review is not None:
            return Context(self.document, self.template, self.alignment, active.options, review)
        return Context(self.document, self.template, self.alignment, active.options, claims=claims)


def check_source(source: Source, template: Template, rules: list[ActiveRule], *, key: str | None = None,
                 known: Mapping[str, str] | None = None, view: EditionView | None = None) -> FileResult:
    """Every finding of the active rules on one edition; a rule that raises becomes one
    error finding naming it, and the other rules still run.

    key is the path used for fingerprints (default: the source's path); known maps each
    code and name a suppression comment may use to its code (default: the active rules');
    view, when given, makes the result's `view` from the edition's parse and alignment (a
    report that shows more than findings asks for it). Reviewing rules (`Rule.reviews`)
    run last, on an edition with suppression comments, after the comments hid what they
    hide. A document's findings end with where a person finds them.
    """
    key = key or source.path
    if known is None:
        known = {n: a.rule.code for a in rules for n in (a.rule.code, a.rule.name)}
    directives = find_directives(source.text) if takes_suppressions(key) else []
    work = source.with_text(mask(source.text, directives), tuple((d.start, d.end) for d in directives)) \
        if directives else source
    result = FileResult(source.path, key=key)
    edition = _Edition(source, work, template, result, view)
    raw = _checked(edition, [a for a in rules if not a.rule.reviews])
    exclusive = {a.rule.code for a in rules if a.rule.exclusive}
    took_over = any(origin.code in exclusive for origin, _ in raw)
    if took_over:
        raw = [(origin, report) for origin, report in raw if origin.code in exclusive]
        result.summaries.clear()  # not an edition: it takes no part in corpus rules
    if directives:
        suppressions = Suppressions(source.text, directives, known, [(b.start, b.end) for b in edition.document.blocks])
        raw = [(origin, report) for origin, report in raw if not suppressions.hides(origin.code, report.start)]
        if not took_over:
            raw.extend(_reviewed(edition, rules, suppressions, known))
    result.findings.extend(edition.build.reported(origin, report) for origin, report in raw)
    result.findings.sort(key=lambda f: f.sort_key)
    return result


def _checked(edition: _Edition, checking: list[ActiveRule]) -> Raw:
    """The reports of the checking rules: the claiming rules first, rank by rank, each rank
    seeing what the higher ranks claimed; then the others, seeing every claim."""
    raw: Raw = []
    claiming = [a for a in checking if a.rule.claims]
    for rank in sorted({a.rule.claim_rank for a in claiming}, reverse=True):
        claims = Claims.of(report for _, report in raw)  # those of a higher rank
        for active in claiming:
            if active.rule.claim_rank == rank:
                raw.extend(_run(active, edition.context(active, claims), edition, edition.work))
    claims = Claims.of(report for _, report in raw)
    for active in checking:
        if not active.rule.claims:
            raw.extend(_run(active, edition.context(active, claims), edition, edition.work))
    return raw


def _reviewed(edition: _Edition, rules: list[ActiveRule], suppressions: Suppressions,
              known: Mapping[str, str]) -> Raw:
    """The reports of the reviewing rules (on the suppression comments themselves)."""
    reviewers = [a for a in rules if a.rule.reviews]
    if not reviewers:
        return []
    crashed = edition.result.crashed
    judged = frozenset(a.rule.code for a in rules if a.rule.code not in crashed and not a.rule.reviews)
    review = Review(suppressions, judged, {a.rule.code: a.rule.name for a in rules},
                    lambda name: did_you_mean(name, list(known)))
    raw: Raw = []
    for active in reviewers:
        raw.extend(_run(active, edition.context(active, review=review), edition))
    return raw


def _located_headings(source: Source, template: Template, alignment: Alignment) -> tuple[tuple[int, str], ...]:
    located = []
    for block in template.blocks:
        if block.kind is BlockKind.HEADING:
            match = alignment.match(block)
            if match.located and match.end > match.start:
                located.append((match.start, " ".join(source.text[match.start:match.end].split())))
    return tuple(sorted(located))


def _run(active: ActiveRule, ctx: Context, edition: _Edition, work: Source | None = None) -> Raw:
    """One rule's reports on an edition, each with its origin; a rule that raises is one
    crash finding in the result (what it yielded before is kept). With work, a fix reaching
    into a span the work source hides (a suppression comment) is dropped."""
    rule, result = active.rule, edition.result
    reports: list[Report] = []
    try:
        reports.extend(rule.check(ctx))
        if isinstance(rule, CorpusRule):
            result.summaries[rule.code] = rule.collect(ctx)
    except Exception as exc:
        result.crashed.append(rule.code)
        result.findings.append(edition.build.crashed(_origin(rule.code, rule.name, active.severity), exc))
    if not reports:  # most rules report nothing on most editions
        return []
    origin = _origin(rule.code, rule.name, active.severity)
    if rule.prose and ctx.code_spans():  # code is compared as code, not read as prose
        reports = [report for report in reports if not ctx.in_code(report.start, report.end)]
    if work is not None and work.hidden:  # a fix never touches a suppression comment
        reports = [_sparing(report, work.hidden) for report in reports]
    return list(zip(repeat(origin), reports))


@functools.cache
def _origin(code: str, name: str, severity: Severity) -> Origin:
    """The one Origin of a rule at a severity: every rule runs on every edition, and making
    its Origin each time was a tenth of what running a rule that reports nothing costs."""
    return Origin(code, name, severity)


def _sparing(report: Report, hidden: tuple[tuple[int, int], ...]) -> Report:
    """report without its fix when an edit of the fix reaches into one of the hidden spans."""
    if report.fix is None or not any(a < e.end and e.start < b or a < e.start < b
                                     for e in report.fix.edits for a, b in hidden):
        return report
    return replace(report, fix=None)
