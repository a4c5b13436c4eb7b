from __future__ import annotations

from collections.abc import Iterator
from operator import attrgetter

from canonlint.align import LOCATED
from canonlint.finding import Report, Severity
from canonlint.rule import Context, Option, Rule, between
from canonlint.template import Template

_STATUS = attrgetter("status")

__all__ = ["NotAnEdition"]


class NotAnEdition(Rule):
    r"""The file does not look like an edition of the template at all.

    What it checks:
        The share of the template's shared blocks (headings, paragraphs, list items,
        table rows) found anywhere in the file. Below `min_share`, the file is reported
        once — empty, blank, another document, or checked against the wrong template —
        and the other rules' findings for it are left out, since a hundred "missing"
        findings would only hide the one that matters.
    Why it matters:
        A wrong file in the corpus, or an edition saved empty, should fail the check with
        one clear line, not drown the report.
    Example:
        Fails: the whole file reads `Minutes of the allotment society, March meeting.`
        Passes: `Useful contacts\n\n` → ``
    Options:
        min_share: the share of shared blocks (0 to 1) below which the file is not an edition.
    Fix:
        Check that the file is the edition you meant, and that it is checked against the
        right template (`--template`, or `template` in the configuration).
    """

    code = "CL001"
    name = "not-an-edition"
    title = "Not an edition of the template"
    severity = Severity.ERROR
    exclusive = True
    options = {"min_share": Option(float, 0.2, "share of shared blocks that must be found",
                                 validate=between(0.0, 1.0))}

    def check(self, ctx: Context) -> Iterator[Report]:
        shared = ctx.per_template(self.code, _shared_with_words)
        verbatim = len(ctx.alignment.verbatim)  # shared blocks with words, found: mostly enough
        if verbatim and verbatim >= ctx.option("min_share") * len(shared):
            return
        statuses = map(_STATUS, map(ctx.alignment.matches.__getitem__, shared))  # in C
        found = sum(map(LOCATED.__contains__, statuses))
        if not ctx.document.words:
            yield ctx.report(0, 0, "the file has no text: an edition of the template was expected",
                             subject="empty")
        elif found < ctx.option("min_share") * len(shared):
            yield ctx.report(0, 0, f"this does not look like an edition of {ctx.template.path}: only "
                                   f"{found} of its {len(shared)} shared blocks were found; "
                                   "other checks were skipped for this file",
                             subject="unrecognised")


def _shared_with_words(template: Template) -> tuple[int, ...]:
    """Indices of the shared blocks that have words (once per run)."""
    return tuple(b.index for b in template.blocks if b.is_shared and b.last_word > b.first_word)
