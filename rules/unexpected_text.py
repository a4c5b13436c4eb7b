from __future__ import annotations

from collections.abc import Iterator

from canonlint.rulekit.evidence import quote
from canonlint.finding import Report, Severity
from canonlint.rule import Context, Option, Rule, at_least

__all__ = ["UnexpectedText"]


class UnexpectedText(Rule):
    r"""Text that is in no template block and outside every local section.

    What it checks:
        Words of the edition that the alignment could not attribute to any shared block,
        to a slot, or to a `{{local}}` section: added paragraphs, duplicated headings,
        leftovers of another document (a scraped page's "Similar documents" list).
        Consecutive such words are one finding. Text a more specific rule claims is left
        to it, and so is a missing shared block written with only a claimed token changed
        (`tel: 0300 123 1212` as `tel: 03001 231212`, which the short paragraph no longer
        matches): its words stand beside the block's place and are the block's words but
        for the claimed token.
    Why it matters:
        Shared sections are written centrally; anything added there was not approved,
        and debris from a conversion or a web page reaches readers as nonsense.
    Example:
        Fails: `Useful contacts` → `Useful contacts\n\nCall our hotline any time for a free lunch voucher.`
        Passes: `We carried out a number of successful projects` → `We carried out a number of successful and popular projects`
    Options:
        min_words: shorter runs are left to shared-text-altered and not reported here.
    Fix:
        Delete the text, or move it into a section the borough writes itself.
    """

    code = "CL104"
    name = "unexpected-text"
    title = "Text not in the template"
    severity = Severity.ERROR
    options = {"min_words": Option(int, 1, "shortest run of unexpected words reported", validate=at_least(1))}

    def check(self, ctx: Context) -> Iterator[Report]:
        minimum = ctx.option("min_words")
        for run in ctx.alignment.unexpected:
            count = run.last_word - run.first_word + 1
            if count < minimum or ctx.claimed(run.start, run.end) or ctx.stands_in(run):
                continue  # too short, or what a more specific rule reports (a regrouped number)
            section = ctx.section_name(run.section)
            words = f"{count} word{'s' if count != 1 else ''}"
            yield ctx.report(run.start, run.end,
                             f"text not in the template in shared section {quote(section, 50)} "
                             f"({words}): {quote(ctx.text[run.start:run.end], 80)}",
                             found=ctx.excerpt(run.start, run.end, 10_000),
                             subject=ctx.text[run.start:run.end])
