"""Text output: `path:line:col: CODE [severity] message`, one finding a line, then a
table of the editions (errors, warnings, info, verdict) when several were checked and
some have findings, and a summary line. With `--show-context`, the expected and found words follow, the differing words marked
`[-removed-]` and `{+added+}` (or coloured) and cut to a readable width around the
differences; with `--statistics`, a count per rule replaces the findings and the table.
Only the text is cut: the other formats carry every value whole."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from canonlint.escaping import printable
from canonlint.report.statistics import rule_counts

_COLOURS = {"error": "31", "warning": "33", "info": "36"}


def _style(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color else text


QUOTE_WIDTH = 160     # characters of an expected/found excerpt shown under a finding
AROUND_CHANGE = 6     # unchanged words kept on each side of a difference


def clip(text: str, width: int = QUOTE_WIDTH) -> str:
    """The text cut to width characters with `…` at the end, at a space when one is near."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space > width * 3 // 4:
        cut = cut[:space]
    return cut.rstrip() + "…"


def _shown(pieces: list[tuple[str, bool]], width: int) -> list[tuple[str, bool]]:
    """The pieces (text, changed) of one side of a word diff, readable at width: unchanged
    words far from every change become `…`, and the whole is cut to width."""
    keep = [changed for _, changed in pieces]
    for i, (_, changed) in enumerate(pieces):
        if changed:
            for j in range(max(0, i - AROUND_CHANGE), min(len(pieces), i + AROUND_CHANGE + 1)):
                keep[j] = True
    if not any(keep):
        keep = [True] * len(pieces)
    shown: list[tuple[str, bool]] = []
    used = 0
    for i, (text, changed) in enumerate(pieces):
        if not keep[i]:
            if not shown or shown[-1] != ("…", False):
                shown.append(("…", False))
                used += 2
            continue
        room = width - used
        if room <= 1:
            shown.append(("…", False))
            break
        piece = clip(text, room)
        shown.append((piece, changed))
        used += len(piece) + 1
        if piece != text:
            break
    return shown


def word_diff(expected: str, found: str, color: bool = False, width: int | None = None) -> tuple[str, str]:
    """Both excerpts with the words that differ marked; words compare as the linter
    compares them (case, quotes and markup aside). With a width, each side is cut to about
    that many characters, keeping the words around each difference."""
    import difflib

    from canonlint.words import normalise

    a, b = expected.split(), found.split()
    keys = lambda words: [normalise(w).casefold() for w in words]  # noqa: E731
    pieces_a: list[tuple[str, bool]] = []
    pieces_b: list[tuple[str, bool]] = []
    matcher = difflib.SequenceMatcher(None, keys(a), keys(b), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces_a.extend((w, False) for w in a[i1:i2])
            pieces_b.extend((w, False) for w in b[j1:j2])
            continue
        if i2 > i1:
            pieces_a.append((" ".join(a[i1:i2]), True))
        if j2 > j1:
            pieces_b.append((" ".join(b[j1:j2]), True))
    if width is not None:
        pieces_a, pieces_b = _shown(pieces_a, width), _shown(pieces_b, width)

    def marked(pieces: list[tuple[str, bool]], sign: str, colour: str) -> str:
        return " ".join(_style(text, colour, True) if changed and color
                        else f"{sign[0]}{text}{sign[1]}" if changed else text for text, changed in pieces)

    return marked(pieces_a, ("[-", "-]"), "31;1"), marked(pieces_b, ("{+", "+}"), "32;1")


def _finding_line(f, color: bool) -> str:
    where = _style(f"{printable(f.path)}:{f.line}:{f.column}:", "1", color)
    code = _style(f.rule, _COLOURS[f.severity.value] + ";1", color)
    severity = _style(f"[{f.severity.value}]", _COLOURS[f.severity.value], color)
    return f"{where} {code} {severity} {printable(f.message)}"


def _context(f, color: bool) -> list[str]:
    if f.expected is None and f.found is None:
        return []
    if f.expected is not None and f.found is not None:
        expected, found = word_diff(printable(f.expected), printable(f.found), color, QUOTE_WIDTH)
    else:
        expected, found = clip(printable(f.expected or "")), clip(printable(f.found or ""))
    lines = []
    if f.expected is not None:
        lines.append(f"    expected: {expected}")
    if f.found is not None:
        lines.append(f"    found:    {found}")
    return lines


def edition_table(results, fail_on, color: bool = False) -> list[str]:
    """A line per edition: its errors, warnings and info, and its verdict."""
    from canonlint.report.statistics import edition_counts

    counts = edition_counts(results, fail_on)
    if not counts:
        return []
    width = max(len("edition"), *(len(printable(c.path)) for c in counts))
    lines = [f"{'edition':<{width}}  errors  warnings  info  verdict"]
    for c in counts:
        verdict = _style(c.verdict, "32" if c.ready else "31;1", color)
        lines.append(f"{printable(c.path):<{width}}  {c.errors:>6}  {c.warnings:>8}  {c.info:>4}  {verdict}")
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
    # One file, or no finding: the summary line says it all.
    table = run is not None and not run.statistics and len(results) > 1 and any(r.findings for r in results)
    ending = ["", *edition_table(results, run.fail_on, color)] if table else []
    yield "\n".join([*ending, summary(results, unreadable, run.baselined if run else 0)]) + "\n"
