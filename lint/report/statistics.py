"""Counts for summaries: per rule for `--statistics` (text and JSON formats), and per
edition with its verdict (the text and HTML reports)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from canonlint.finding import Severity


@dataclass(frozen=True)
class RuleCount:
    code: str
    name: str
    severity: Severity   # the most severe level the rule's findings had in this run
    count: int
    fixable: int         # how many of them offer a fix

    def to_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "severity": self.severity.value,
                "count": self.count, "fixable": self.fixable}


def rule_counts(results) -> list[RuleCount]:
    """One entry per rule with findings, most frequent first, then by code."""
    counts: Counter = Counter()
    names: dict[str, str] = {}
    levels: dict[str, Severity] = {}
    fixable: Counter = Counter()
    for result in results:
        for f in result.findings:
            counts[f.rule] += 1
            names[f.rule] = f.name
            if f.rule not in levels or f.severity.rank > levels[f.rule].rank:
                levels[f.rule] = f.severity
            fixable[f.rule] += f.fix is not None
    return [RuleCount(code, names[code], levels[code], count, fixable[code])
            for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


@dataclass(frozen=True)
class EditionCount:
    """One edition's findings by severity, and whether it is ready: nothing at or above
    the failure level."""

    path: str
    errors: int
    warnings: int
    info: int
    ready: bool

    @property
    def verdict(self) -> str:
        return "ready" if self.ready else "not ready"


def edition_counts(results, fail_on: Severity) -> list[EditionCount]:
    """One entry per file checked, in the report's order."""
    counts = []
    for result in results:
        by_level = Counter(f.severity.value for f in result.findings)
        ready = not any(f.severity.rank >= fail_on.rank for f in result.findings)
        counts.append(EditionCount(result.path, by_level["error"], by_level["warning"], by_level["info"], ready))
    return counts
