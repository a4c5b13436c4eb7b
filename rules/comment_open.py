from __future__ import annotations

from collections.abc import Iterator

from canonlint.finding import Report, Severity
from canonlint.rulekit.pending import pending_work
from canonlint.rule import Context, Rule

__all__ = ["CommentOpen"]


class CommentOpen(Rule):
    r"""A comment in a Word or OpenDocument edition is not resolved.

    What it checks:
        Every comment not marked done (Word: `w15:done` in commentsExtended.xml;
        OpenDocument: an `office:annotation` not `loext:resolved`). Each is one finding
        with its author and date, the words it is anchored on and its own words. The
        comments are not the edition's text: the other rules never read them.
    Why it matters:
        An open comment is a question someone is still waiting on; an edition with one is
        not ready to publish.
    Example:
        Fails: a `.docx` in which Sam Editor's comment on `www.met.police.uk/sutton` is
        open (tests/fixtures/documents/revisions/reviewed.docx).
        Passes: the same comment marked done (Word: Resolve), or deleted.
    Fix:
        Answer the comment, then resolve or delete it in Word or LibreOffice and save.
    """

    code = "CL802"
    name = "comment-open"
    title = "Comment not resolved"
    severity = Severity.WARNING
    formats = ("docx", "odt")

    def check(self, ctx: Context) -> Iterator[Report]:
        for work in pending_work(ctx, comments=True):
            on = f" on {work.quote}" if work.pending.text.strip() else ""
            yield ctx.report(work.start, work.end, f"open comment{work.where}{work.who}{on}: '{work.pending.note}'",
                             found=work.pending.text or None,
                             subject=f"comment|{work.pending.author}|{work.pending.note}|{work.pending.text}")
