from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from rapidfuzz.distance import Indel

from canonlint.document import parse_document
from canonlint.finding import Report, Severity
from canonlint.rulekit.reader_facts import companion_pdf
from canonlint.rule import Context, Rule

__all__ = ["PdfOutOfDate"]

SHOWN = 3  # differences quoted in the message


class PdfOutOfDate(Rule):
    r"""The PDF exported from a Word edition no longer reads as the Word file.

    What it checks:
        A Word or OpenDocument edition and a PDF of the same name in the same folder (or a
        PDF whose metadata title is the Word file's name) are one edition: checked once,
        from the Word file — no CL601 for the pair — and the PDF's words compared with the
        Word file's (as if its tracked changes were accepted). Words the PDF reader reads
        apart or together (`night-time` across a line end) and table cells read in another
        order are not differences; words added, dropped or changed are, and the finding
        quotes the first three, Word beside PDF. A PDF checked without its Word file is
        checked as an edition of its own.
    Why it matters:
        The PDF is what readers get. One exported before the last edit of the Word file
        publishes the text the edit corrected.
    Example:
        Fails: `westminster.docx` edited (`0300 123 1212` → `0300 123 1213`) after
        `westminster.pdf` was exported from it.
        Passes: the PDF exported again after the edit.
    Fix:
        Export the PDF again from the Word file.
    """

    code = "CL803"
    name = "pdf-out-of-date"
    title = "PDF no longer matches its Word file"
    severity = Severity.ERROR
    formats = ("docx", "odt")

    def check(self, ctx: Context) -> Iterator[Report]:
        pdf = companion_pdf(ctx.document)
        if pdf is None:
            return
        ours, theirs = ctx.document, parse_document(pdf)
        hunks = _differences(list(ours.keys), list(theirs.keys))
        if not hunks:
            return
        quotes = [f"Word {_quote(ours, a, b)} / PDF {_quote(theirs, c, d)}" for a, b, c, d in hunks[:SHOWN]]
        more = f" and {len(hunks) - SHOWN} more" if len(hunks) > SHOWN else ""
        first = hunks[0]
        start = ours.starts[first[0]] if first[0] < len(ours.starts) else len(ctx.text)
        end = ours.ends[first[1] - 1] if first[1] > first[0] else start
        yield ctx.report(start, end, f"the PDF does not match its Word source: {pdf.path} was exported before "
                                     f"the last edit; {len(hunks)} difference{'s' if len(hunks) != 1 else ''}: "
                                     f"{'; '.join(quotes)}{more}",
                         subject=f"{pdf.path}|{'|'.join(quotes)}")


def _differences(ours: list[str], theirs: list[str]) -> list[tuple[int, int, int, int]]:
    """The stretches of words (ours[a:b], theirs[c:d]) that differ, leaving out those that
    only split or join words, and those whose words stand elsewhere on the other side (read in another order)."""
    hunks: list[list[int]] = []
    for op in Indel.opcodes(ours, theirs):
        if op.tag == "equal":
            continue
        if hunks and hunks[-1][1] == op.src_start and hunks[-1][3] == op.dest_start:
            hunks[-1][1], hunks[-1][3] = op.src_end, op.dest_end
        else:
            hunks.append([op.src_start, op.src_end, op.dest_start, op.dest_end])
    hunks = [h for h in hunks if "".join(ours[h[0]:h[1]]) != "".join(theirs[h[2]:h[3]])]
    dropped = Counter(w for h in hunks for w in ours[h[0]:h[1]])
    added = Counter(w for h in hunks for w in theirs[h[2]:h[3]])
    changed = set((dropped - added) + (added - dropped))
    return [tuple(h) for h in hunks if changed & set(ours[h[0]:h[1]] + theirs[h[2]:h[3]])]


def _quote(document, start: int, end: int) -> str:
    """The words [start, end) of a document with one word of context each side, quoted."""
    if start == end:
        before = document.text[document.starts[start - 1]:document.ends[start - 1]] if start else ""
        return f"(nothing after '{before}')" if before else "(nothing)"
    lo, hi = max(start - 1, 0), min(end + 1, len(document.starts))
    words = " ".join(document.text[document.starts[lo]:document.ends[hi - 1]].split())
    return f"'{words[:60]}…'" if len(words) > 60 else f"'{words}'"
