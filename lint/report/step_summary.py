"""The Markdown job summary written to `$GITHUB_STEP_SUMMARY` beside the `github` format.

GitHub shows at most 10 annotations of each level per step, so the summary carries the
full list: the summary line and a table of every finding. Cell text is kept on one line
and its punctuation backslash-escaped, so a message shows as written: it cannot break
the table or turn into markup.
"""

from __future__ import annotations

import re

from lint.report.text import printable, summary

_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")


def cell(text: str) -> str:
    """Text for one table cell, shown literally: on one line, control characters escaped
    as in the text format, and every ASCII punctuation mark backslash-escaped, so that
    neither Markdown (`**`, `|`), HTML (`<b>`) nor an entity (`&amp;`) takes effect."""
    return _PUNCTUATION.sub(r"\\\g<0>", printable(text))


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
