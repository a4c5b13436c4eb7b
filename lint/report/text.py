"""Text output: `path:line:col: CODE [severity] message`, one finding a line, then a
summary line. With `--show-context`, the expected and found words follow, the differing
words marked `[-removed-]` and `{+added+}` (or coloured); with `--statistics`, a count per
rule replaces the findings."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from lint.report.statistics import rule_counts

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_COLOURS = {"error": "31", "warning": "33", "info": "36"}


def _escape(match: re.Match) -> str:
    char = match.group(0)
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def printable(text: str) -> str:
    """One line, safe for a terminal: line breaks and control characters (an escape
    sequence hidden in an edition) written as backslash escapes."""
    return _CONTROL.sub(_escape, text)


def _style(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


def word_diff(expected: str, found: str, color: bool = False) -> tuple[str, str]:
    """Both excerpts with the words that differ marked; words compare as the linter
    compares them (case, quotes and markup aside)."""
    import difflib

    from lint.words import normalise

    a, b = expected.split(), found.split()
    keys = lambda words: [normalise(w).casefold() for w in words]  # noqa: E731
    marked_a: list[str] = []
    marked_b: list[str] = []
    matcher = difflib.SequenceMatcher(None, keys(a), keys(b), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            marked_a.extend(a[i1:i2])
            marked_b.extend(b[j1:j2])
            continue
        if i2 > i1:
            gone = " ".join(a[i1:i2])
            marked_a.append(_style(gone, "31;1", True) if color else f"[-{gone}-]")
        if j2 > j1:
            new = " ".join(b[j1:j2])
            marked_b.append(_style(new, "32;1", True) if color else f"{{+{new}+}}")
    return " ".join(marked_a), " ".join(marked_b)


def _finding_line(f, color: bool) -> str:
    where = _style(f"{printable(f.path)}:{f.line}:{f.column}:", "1", color)
    code = _style(f.rule, _COLOURS[f.severity.value] + ";1", color)
    severity = _style(f"[{f.severity.value}]", _COLOURS[f.severity.value], color)
    return f"{where} {code} {severity} {printable(f.message)}"


def _context(f, color: bool) -> list[str]:
    if f.expected is None and f.found is None:
        return []
    if f.expected is not None and f.found is not None:
        expected, found = word_diff(printable(f.expected), printable(f.found), color)
    else:
        expected, found = printable(f.expected or ""), printable(f.found or "")
    lines = []
    if f.expected is not None:
        lines.append(f"    expected: {expected}")
    if f.found is not None:
        lines.append(f"    found:    {found}")
    return lines


def summary(results, unreadable: int, baselined: int = 0) -> str:
    counts: Counter = Counter(f.severity.value for result in results for f in result.findings)
    with_findings = sum(1 for result in results if result.findings)
    total = sum(counts.values())
    checked = len(results)
    files = f"{checked} file{'s' if checked != 1 else ''}"
    if total:
        parts = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 and s != 'info' else ''}"
                          for s in ("error", "warning", "info") if counts[s])
        line = (f"Found {total} finding{'s' if total != 1 else ''} ({parts}) "
                f"in {with_findings} of {files}.")
    else:
        line = f"No findings in {files}."
    if baselined:
        line += f" {baselined} more hidden by the baseline."
    if unreadable:
        line += f" {unreadable} file{'s' if unreadable != 1 else ''} could not be read."
    return line


def render(results, unreadable: int = 0, run=None) -> str:
    return "".join(chunks(results, unreadable, run))


def chunks(results, unreadable: int = 0, run=None) -> Iterator[str]:
    """The report in pieces, a file's findings at a time, each line ending in a line break:
    a run over thousands of editions is written out without holding the whole report."""
    color = bool(run and run.color)
    if run is not None and run.statistics:
        counts = rule_counts(results)
        width = max((len(c.name) for c in counts), default=0)
        for c in counts:
            yield (f"{c.count:>5}  {_style(c.code, _COLOURS[c.severity.value] + ';1', color)}  "
                   f"{c.name:<{width}}  {c.severity.value:<7}  {'fix' if c.fixable else ''}".rstrip() + "\n")
    else:
        show_context = run is not None and run.show_context
        for result in results:
            if not result.findings:
                continue
            lines = []
            for f in result.findings:
                lines.append(_finding_line(f, color))
                if show_context:
                    lines.extend(_context(f, color))
            yield "\n".join(lines) + "\n"
    yield summary(results, unreadable, run.baselined if run else 0) + "\n"
