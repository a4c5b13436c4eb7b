"""JSON output: an array of finding objects (format version 1; keys are only ever added).

Keys: path, line, column, end_line, end_column (1-based), rule, name, severity
(error|warning|info), message, expected, found (strings or null), fix (null or
{title, safe, edits: [{start, end, replacement}]} with character offsets), fingerprint.
With --statistics: an array of {code, name, severity, count, fixable} instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from canonlint.report.indented_json import dumps_indented
from canonlint.report.statistics import rule_counts


def render(results, unreadable: int = 0, run=None) -> str:
    return "".join(chunks(results, unreadable, run))


def chunks(results, unreadable: int = 0, run=None) -> Iterator[str]:
    """The report in pieces, a file's findings at a time (the text json.dumps(…, indent=2)
    makes of the whole array): a run over thousands of editions is written out without
    holding every finding's dictionary, or the whole text, at once."""
    if run is not None and run.statistics:
        yield dumps_indented([count.to_dict() for count in rule_counts(results)]) + "\n"
        return
    first = True
    for result in results:
        pieces = []
        for finding in result.findings:
            # An item of the array: each of its lines indented two spaces more.
            pieces.append(("[" if first else ",") + "\n  " + dumps_indented(finding.to_dict(), "\n  "))
            first = False
        if pieces:
            yield "".join(pieces)
    yield "[]\n" if first else "\n]\n"
