"""GitLab Code Quality output: a JSON array of issues (`description`, `check_name`,
`fingerprint`, `severity`, `location.path`, `location.lines.begin`/`end`), as the
`codequality` report of a job. The fingerprint is the finding's, so GitLab tells new
findings from old ones across unrelated edits. Severities: error → major,
warning → minor, info → info.
"""

from __future__ import annotations

import json

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}


def render(results, unreadable: int = 0, run=None) -> str:
    issues = [{
        "type": "issue",
        "check_name": f.rule,
        "description": f"{f.rule} {f.name}: {f.message}",
        "categories": ["Style"],
        "severity": SEVERITIES[f.severity.value],
        "fingerprint": f.fingerprint,
        "location": {"path": run.relative_path(f.path),
                     "lines": {"begin": f.line, "end": max(f.end_line, f.line)}},
    } for result in results for f in result.findings]
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
