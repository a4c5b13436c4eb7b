"""GitHub Actions output: one workflow command per finding,
`::error file=…,line=…,endLine=…,title=…::message`, which the runner turns into an
annotation on the file.

Values are escaped exactly as the runner unescapes them (`ActionCommand.cs` in
actions/runner): in the message `%`, CR and LF become `%25`, `%0D`, `%0A`; in property
values `:` and `,` become `%3A` and `%2C` as well. The runner unescapes `%25` last, so
every message, `%0A` and `::error::` included, arrives as it was written. Columns are
given only when a finding lies on one line, as GitHub ignores them otherwise. Levels:
error → error, warning → warning, info → notice. The last line is the text report's
summary line (`Found 12 findings (…) in 5 of 32 files.`), for whoever reads the log.
Other control characters (an escape sequence in an edition's text) are shown as backslash
escapes, as in the text format.
"""

from __future__ import annotations

import functools

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """text as the runner reads it back, with every control character but CR, LF and tab
    (an escape sequence from an edition, which the log's terminal would obey) escaped."""
    from canonlint.escaping import printable

    return printable(text, keep="\t\r\n").replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(f, run, relative_path=None) -> str:
    """The workflow command for one finding (relative_path: run.relative_path, or a cache of it)."""
    properties = [("file", (relative_path or run.relative_path)(f.path)), ("line", str(f.line)),
                  ("endLine", str(max(f.end_line, f.line)))]
    if f.end_line == f.line:
        properties += [("col", str(f.column)), ("endColumn", str(max(f.end_column, f.column)))]
    properties.append(("title", f"{f.rule} {f.name}"))
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    return f"::{LEVELS[f.severity.value]} {props}::{escape_data(f.message)}"


def render(results, unreadable: int = 0, run=None) -> str:
    from canonlint.report.text import summary

    relative_path = functools.cache(run.relative_path)  # the findings of a file share its path
    lines = [command(f, run, relative_path) for result in results for f in result.findings]
    lines.extend(f"::error title=canonlint::{escape_data(message)}" for message in run.errors)
    # The text report's summary line, for the log (it starts "Found" or "No findings", so
    # the runner never reads it as a command).
    lines.append(summary(results, unreadable, run.baselined))
    return "".join(line + "\n" for line in lines)
