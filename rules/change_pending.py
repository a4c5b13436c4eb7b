from __future__ import annotations

from collections.abc import Iterator

from canonlint.finding import Report, Severity
from canonlint.rulekit.pending import pending_work
from canonlint.rule import Context, Rule

__all__ = ["ChangePending"]


class ChangePending(Rule):
    r"""A tracked change in a Word or OpenDocument edition still waits to be accepted or rejected.

    What it checks:
        Every tracked change nobody accepted or rejected: an insertion, a deletion, a move,
        a change of formatting, a paragraph break added or removed, a table row inserted or
        deleted (`w:ins`, `w:del`, `w:moveTo`, `w:rPrChange`, `w:pPrChange` in Word;
        `text:tracked-changes` in OpenDocument). Each is one finding that names its kind,
        who made it and when, and the words concerned. Every other rule reads the text as
        it will be once all the changes are accepted, so a pending change of `1212` to
        `1213` is also checked as `1213`.
    Why it matters:
        An edition with pending changes is not ready to publish: what readers get depends
        on whether someone accepts them, and a PDF exported now may show either text.
    Example:
        Fails: a `.docx` in which Jane Reviewer's deletion of `1212` and insertion of
        `1213` are still tracked (tests/fixtures/documents/revisions/reviewed.docx).
        Passes: the same file once every change is accepted or rejected.
    Fix:
        Review the changes in Word (Review › Accept / Reject) or LibreOffice (Edit › Track
        Changes › Manage) and save.
    """

    code = "CL801"
    name = "change-pending"
    title = "Tracked change still pending"
    severity = Severity.ERROR
    formats = ("docx", "odt")

    def check(self, ctx: Context) -> Iterator[Report]:
        for work in pending_work(ctx, comments=False):
            kind = work.pending.kind
            words = f": {work.quote}" if work.pending.text.strip() else ""
            yield ctx.report(work.start, work.end,
                             f"tracked {kind}{work.where}{work.who} not yet accepted or rejected{words}",
                             found=work.pending.text or None,
                             subject=f"{kind}|{work.pending.author}|{work.pending.text}")
