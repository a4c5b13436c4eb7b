"""JSON output: an array of finding objects (format version 1; keys are only ever added).

Keys: path, line, column, end_line, end_column (1-based), rule, name, severity
(error|warning|info), message, expected, found (strings or null), fix (null or
{title, safe, edits: [{start, end, replacement}]} with character offsets), fingerprint.
With --statistics: an array of {code, name, severity, count, fixable} instead.
"""

from __future__ import annotations

from canonlint.report import dumps_indented
from canonlint.report.statistics import rule_counts


def render(results, unreadable: int = 0, run=None) -> str:
    if run is not None and run.statistics:
        data = [count.to_dict() for count in rule_counts(results)]
    else:
        data = [f.to_dict() for result in results for f in result.findings]
    return dumps_indented(data) + "\n"
