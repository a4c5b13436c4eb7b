from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import islice

from canonlint.rulekit.evidence import some_of
from canonlint.finding import Severity
from canonlint.rulekit.identity import edition_borough
from canonlint.rule import Context, CorpusReport, CorpusRule, Option, Place, not_empty

__all__ = ["CommanderInTwoBoroughs"]


@dataclass(frozen=True, slots=True)
class _Commander:
    name: str
    borough: str
    place: Place


class CommanderInTwoBoroughs(CorpusRule):
    r"""The same borough commander is named in editions for different boroughs.

    What it checks:
        When several editions are checked together, the person in the `commander` slot
        ("Message from Borough Commander …") must differ between boroughs. Each edition
        whose commander also signs another borough's edition is reported, naming the
        first three of those editions and how many more.
    Why it matters:
        A commander's name left behind after copying another borough's edition puts a
        message in someone's mouth who did not write it.
    Example:
        Fails: `westminster.txt` and `camden.txt` both with "Message from Borough Commander Simon Bray".
        Passes: each borough's edition with its own commander.
    Options:
        commander_slot / borough_slot: the slots naming the commander and the borough.
    Fix:
        Put the right commander's name (and message) in the copied edition.
    """

    code = "CL602"
    name = "commander-in-two-boroughs"
    title = "One commander named for two boroughs"
    severity = Severity.ERROR
    options = {
        "commander_slot": Option(str, "commander", "slot naming the borough commander", validate=not_empty),
        "borough_slot": Option(str, "borough", "slot naming the edition's borough", validate=not_empty),
    }

    def collect(self, ctx: Context) -> _Commander | None:
        identity = edition_borough(ctx, ctx.option("borough_slot"))
        names = [v for v in ctx.slot_values(ctx.option("commander_slot")) if v.value]
        if identity is None or not names:
            return None
        value = names[0]
        return _Commander(" ".join(value.value.split()), identity[0], ctx.place(value.start, value.end))

    def check_corpus(self, summaries, template, options) -> Iterator[CorpusReport]:
        by_name: dict[str, list[_Commander]] = defaultdict(list)
        for commander in summaries:
            if commander is not None:
                by_name[commander.name].append(commander)
        for name, group in by_name.items():
            per_borough = Counter(c.borough for c in group)
            if len(per_borough) < 2:
                continue
            others_of: dict[str, str] = {}  # the same for every edition of one borough
            for commander in group:
                others = others_of.get(commander.borough)
                if others is None:
                    first = islice((c for c in group if c.borough != commander.borough), 3)
                    others = others_of[commander.borough] = some_of(
                        [f"{c.borough} ({c.place.path})" for c in first], len(group) - per_borough[commander.borough])
                yield CorpusReport(commander.place,
                                   f"Borough Commander {name} is also named for {others}",
                                   found=name, subject=f"{name}|{others}")
