"""JSON output: an array of finding objects.

Keys: path, line, column, end_line, end_column (1-based), rule, name, severity
(error|warning|info), message, expected, found (strings or null), fix (null or
{title, safe, edits: [{start, end, replacement}]} with character offsets), fingerprint.
"""

from __future__ import annotations

import json


def render(results, unreadable: int = 0) -> str:
    findings = [f.to_dict() for result in results for f in result.findings]
    return json.dumps(findings, indent=2, ensure_ascii=False) + "\n"
