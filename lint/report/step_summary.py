"""The Markdown job summary written to `$GITHUB_STEP_SUMMARY` beside the `github` format.

GitHub shows at most 10 annotations of each level per step, so the summary carries the
full list: the summary line and a table of every finding — up to a size limit, as GitHub
refuses a step summary over 1 MiB: past `LIMIT` bytes (UTF-8) the table stops, and a
last line says how many findings and errors were left out and where to find them all. Cell text is kept on one line
and its punctuation backslash-escaped, so a message shows as written: it cannot break
the table or turn into markup.
"""

from __future__ import annotations

import re

from canonlint.escaping import printable
from canonlint.report.text import summary

_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")


def cell(text: str) -> str:
    """Text for one table cell, shown literally: on one line, control characters escaped
    as in the text format, and every ASCII punctuation mark backslash-escaped, so that
    neither Markdown (`**`, `|`), HTML (`<b>`) nor an entity (`&amp;`) takes effect."""
    return _PUNCTUATION.sub(r"\\\g<0>", printable(text))


LIMIT = 512 * 1024  # bytes of UTF-8: half GitHub's 1 MiB, leaving room for other steps' output


def render(results, unreadable: int = 0, run=None, limit: int = LIMIT) -> str:
    lines = ["## canonlint", "", cell(summary(results, unreadable, run.baselined if run else 0)), ""]
    findings = [f for result in results for f in result.findings]
    rows = [f"| {cell(run.relative_path(f.path) if run else f.path)} | {f.line} | "
            f"{f.rule} {f.name} | {f.severity.value} | {cell(f.message)} |" for f in findings]
    errors = [f"- error: {cell(message)}" for message in (run.errors if run else ())]
    header = ["| file | line | rule | severity | message |", "|---|---:|---|---|---|"] if rows else []
    # Room kept for the closing line; every line ends in one byte, "\n".
    budget = limit - _size(lines + header) - 200
    shown_errors = _fitting(errors, budget)  # a file that could not be checked comes first
    shown_rows = _fitting(rows, budget - _size(shown_errors))
    if rows:
        lines += header + shown_rows + [""]
    lines += shown_errors
    left_findings, left_errors = len(rows) - len(shown_rows), len(errors) - len(shown_errors)
    if left_findings or left_errors:
        what = " and ".join(f"{n} more {noun}{'s' if n != 1 else ''}" for n, noun in
                            ((left_findings, "finding"), (left_errors, "error")) if n)
        lines += ["", f"… and {what}, not shown: the summary is kept under {limit // 1024} KiB "
                      "(GitHub takes at most 1 MiB); run `canonlint check --format json` for the full list."]
    return "\n".join(lines).rstrip("\n") + "\n\n"


def _size(lines: list[str]) -> int:
    return sum(len(line.encode("utf-8", "replace")) + 1 for line in lines)


def _fitting(lines: list[str], budget: int) -> list[str]:
    """The leading lines whose bytes, each with its line break, fit in budget."""
    used = 0
    for count, line in enumerate(lines):
        used += len(line.encode("utf-8", "replace")) + 1
        if used > budget:
            return lines[:count]
    return lines
