"""GitLab Code Quality output: a JSON array of issues (`description`, `check_name`,
`fingerprint`, `severity`, `location.path`, `location.lines.begin`/`end`), as the
`codequality` report of a job. The fingerprint is the finding's, so GitLab tells new
findings from old ones across unrelated edits. Severities: error → major,
warning → minor, info → info.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(results, unreadable: int = 0, run=None) -> str:
    return "".join(chunks(results, unreadable, run))


def chunks(results, unreadable: int = 0, run=None) -> Iterator[str]:
    """The array in pieces, a file's issues at a time (the text json.dumps(…, indent=2) makes
    of the whole array): thousands of editions' findings are never all dictionaries at once."""
    first = True
    for result in results:
        pieces = []
        for f in result.findings:
            # An item of the array: each of its lines indented two spaces more.
            item = json.dumps(_issue(f, run), indent=2, ensure_ascii=False).replace("\n", "\n  ")
            pieces.append(("[" if first else ",") + "\n  " + item)
            first = False
        if pieces:
            yield "".join(pieces)
    yield "[]\n" if first else "\n]\n"


def _issue(f, run) -> dict:
    return {
        "type": "issue",
        "check_name": f.rule,
        "description": f"{f.rule} {f.name}: {f.message}",
        "categories": ["Style"],
        "severity": SEVERITIES[f.severity.value],
        "fingerprint": f.fingerprint,
        "location": {"path": run.relative_path(f.path),
                     "lines": {"begin": f.line, "end": max(f.end_line, f.line)}},
    }
