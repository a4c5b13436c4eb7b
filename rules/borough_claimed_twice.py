from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from canonlint.rulekit.evidence import some_of
from canonlint.rulekit.identity import edition_borough
from canonlint.rule import Context, CorpusReport, CorpusRule, Option, Place, not_empty
from canonlint.finding import Severity

__all__ = ["BoroughClaimedTwice"]


@dataclass(frozen=True, slots=True)
class _Claim:
    borough: str
    place: Place


class BoroughClaimedTwice(CorpusRule):
    r"""Two editions in one run are for the same borough.

    What it checks:
        When several editions are checked together, each must be for a different
        borough (as its borough slots and file name say). Every edition whose borough
        another edition also claims is reported, naming the other files (the first
        three of them, and how many more).
    Why it matters:
        Two "Camden" editions mean one borough's edition is missing and another was
        copied over without being renamed — the copy would be printed twice.
    Example:
        Fails: a run with `camden.txt` and `camden-2.txt`, both titled "Local Policing Summary Camden".
        Passes: a run with `camden.txt` and `barnet.txt`.
    Options:
        borough_slot: the slot naming the edition's borough.
    Fix:
        Retitle the copy for its own borough, or remove the duplicate file.
    """

    code = "CL601"
    name = "borough-claimed-twice"
    title = "Two editions for one borough"
    severity = Severity.ERROR
    options = {"borough_slot": Option(str, "borough", "slot naming the edition's borough", validate=not_empty)}

    def collect(self, ctx: Context) -> _Claim | None:
        identity = edition_borough(ctx, ctx.option("borough_slot"))
        if identity is None:
            return None
        borough, named = identity
        value = next(v for v, name in named if name == borough)
        return _Claim(borough, ctx.place(value.start, value.end))

    def check_corpus(self, summaries, template, options) -> Iterator[CorpusReport]:
        claims: dict[str, list[_Claim]] = defaultdict(list)
        for claim in summaries:
            if claim is not None:
                claims[claim.borough].append(claim)
        for borough, group in claims.items():
            if len(group) < 2:
                continue
            for claim in group:
                others = some_of([c.place.path for c in group[:4] if c is not claim], len(group) - 1)
                yield CorpusReport(claim.place, f"{borough} is also the borough of {others}",
                                   found=borough, subject=f"{borough}|{others}")
