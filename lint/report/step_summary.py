"""The Markdown job summary written to `$GITHUB_STEP_SUMMARY` beside the `github` format.

GitHub shows at most 10 annotations of each level per step, so the summary carries the
full list: the summary line and a table of every finding. Cell text is kept on one line
and HTML-escaped, and `|` is escaped, so a message cannot break the table or inject markup.
"""

from __future__ import annotations

import html

from lint.report.text import printable, summary


def cell(text: str) -> str:
    """Text for one table cell: on one line, control characters escaped as in the text
    format, HTML and the table's own syntax neutralised."""
    return html.escape(printable(text), quote=False).replace("|", "\\|").replace("`", "&#96;")


def render(results, unreadable: int = 0, run=None) -> str:
    lines = ["## canonlint", "", cell(summary(results, unreadable, run.baselined if run else 0)), ""]
    findings = [f for result in results for f in result.findings]
    if findings:
        lines += ["| file | line | rule | severity | message |", "|---|---:|---|---|---|"]
        for f in findings:
            lines.append(f"| {cell(run.relative_path(f.path) if run else f.path)} | {f.line} | "
                         f"{f.rule} {f.name} | {f.severity.value} | {cell(f.message)} |")
        lines.append("")
    for message in (run.errors if run else ()):
        lines.append(f"- error: {cell(message)}")
    return "\n".join(lines).rstrip("\n") + "\n\n"
