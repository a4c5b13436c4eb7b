"""Text output: `path:line:col: CODE [severity] message`, then a summary line."""

from __future__ import annotations

from collections import Counter


def render(results, unreadable: int = 0) -> str:
    lines = []
    counts: Counter = Counter()
    with_findings = 0
    for result in results:
        if result.findings:
            with_findings += 1
        for f in result.findings:
            counts[f.severity.value] += 1
            lines.append(f"{f.path}:{f.line}:{f.column}: {f.rule} [{f.severity.value}] {f.message}")
    total = sum(counts.values())
    checked = len(results)
    files = f"{checked} file{'s' if checked != 1 else ''}"
    if total:
        parts = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}"
                          for s in ("error", "warning", "info") if counts[s])
        lines.append(f"Found {total} finding{'s' if total != 1 else ''} ({parts}) "
                     f"in {with_findings} of {files}.")
    else:
        lines.append(f"No findings in {files}.")
    if unreadable:
        lines[-1] += f" {unreadable} file{'s' if unreadable != 1 else ''} could not be read."
    return "\n".join(lines) + "\n"
