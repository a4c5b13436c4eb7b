"""The corpus rules: run once over the summaries of every edition checked, their findings
joining the results of the files they point to."""

from __future__ import annotations

from canonlint.rule import CorpusRule
from canonlint.run.findings import FileResult, FindingBuilder, Origin
from canonlint.run.selection import ActiveRule
from canonlint.template import Template


def check_corpus(results: list[FileResult], template: Template, rules: list[ActiveRule]) -> list[FileResult]:
    """Run the corpus rules over the summaries of every edition checked; their findings join
    the results of the files they point to (a finding on the template gets a result of its
    own, appended at the end), fingerprinted with that file's key. Returns the results in
    order."""
    by_path = {result.path: result for result in results}
    extra: dict[str, FileResult] = {}

    def result_for(path: str) -> FileResult:
        return by_path.get(path) or extra.setdefault(path, FileResult(path, key=path))

    for active in rules:
        if not isinstance(active.rule, CorpusRule):
            continue
        origin = Origin(active.rule.code, active.rule.name, active.severity)
        summaries = [r.summaries[active.rule.code] for r in results if active.rule.code in r.summaries]
        try:
            reports = list(active.rule.check_corpus(summaries, template, active.options))
        except Exception as exc:
            target = extra.setdefault(template.path, FileResult(template.path, key=template.path))
            target.crashed.append(active.rule.code)
            target.findings.append(FindingBuilder(template.path, template.path).crashed(origin, exc))
            continue
        builders: dict[str, FindingBuilder] = {}  # one per file: a rule's occurrences are counted per file
        for report in reports:
            path = report.place.path
            target = result_for(path)
            build = builders.get(path) or builders.setdefault(path, FindingBuilder(path, target.key or path))
            target.findings.append(build.placed(origin, report))
    merged = results + list(extra.values())
    for result in merged:
        result.findings.sort(key=lambda f: f.sort_key)
        result.summaries.clear()  # read: not kept while the report is written
    return merged
