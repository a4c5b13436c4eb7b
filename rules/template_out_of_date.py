from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import compress, repeat
from operator import attrgetter, lshift

from canonlint.align import LOCATED, Status
from canonlint.rulekit.evidence import edition_words, quote, template_words
from canonlint.finding import Severity
from canonlint.rule import Context, CorpusReport, CorpusRule, Option, Place, at_least
from canonlint.words import normalise

__all__ = ["TemplateOutOfDate"]

_STATUS, _BLOCK = attrgetter("status"), attrgetter("block")


class _Blocks(int):
    """A set of template block indices as the bits of one int: `index in blocks`. Ten
    thousand editions keep one each until the end of the run; a frozenset of a hundred
    indices would take 8 KB, this takes 40 bytes."""

    __slots__ = ()

    def __contains__(self, index: int) -> bool:
        return index >= 0 and bool(self >> index & 1)


@dataclass(frozen=True, slots=True)
class _Edition:
    located: _Blocks                                # template blocks found in the edition
    changes: tuple[tuple[int, tuple[tuple[str, str], ...]], ...]  # block -> its word changes


class TemplateOutOfDate(CorpusRule):
    r"""A shared block differs from the template in the same way in most editions.

    What it checks:
        When several editions are checked together: a template block that most of the
        editions carrying it (and at least `min_editions`) write with exactly the same
        word changes. The finding points at the template, once per block, with the
        common reading.
    Why it matters:
        When the editions agree with each other and not with the template, the template
        is probably what fell behind; fixing it once stops every edition being flagged.
    Example:
        Fails: three editions that all say "we must all work together" where the template says "we must work together".
        Passes: one edition in three with that change (then it is the edition's drift).
    Options:
        min_editions: the fewest editions that must agree.
    Fix:
        Update the template to the common reading, if it is the approved text.
    """

    code = "CL603"
    name = "template-out-of-date"
    title = "Template may be out of date"
    severity = Severity.WARNING
    options = {"min_editions": Option(int, 2, "fewest editions that must agree", validate=at_least(2))}

    def collect(self, ctx: Context) -> _Edition:
        template, document = ctx.template, ctx.document
        changes = []
        for block in ctx.blocks_with_status(Status.ALTERED):
            match = ctx.match(block)
            if block.table_id >= 0:
                continue
            diffs = tuple((normalise(template_words(template, d.t_start, d.t_end)),
                           normalise(edition_words(document, d.e_start, d.e_end))) for d in match.diffs)
            changes.append((block.index, diffs))
        matches = ctx.alignment.matches
        located_matches = compress(matches, map(LOCATED.__contains__, map(_STATUS, matches)))
        located = _Blocks(sum(map(lshift, repeat(1), map(_BLOCK, located_matches))))  # in C
        return _Edition(located, tuple(changes))

    def check_corpus(self, summaries, template, options) -> Iterator[CorpusReport]:
        minimum = options["min_editions"]
        agreeing: dict[tuple, int] = defaultdict(int)
        for edition in summaries:
            for change in edition.changes:
                agreeing[change] += 1
        carried: dict[int, int] = {}  # editions carrying each block, counted once per block
        for (index, diffs), count in agreeing.items():
            if count < minimum:
                continue
            if index not in carried:
                carried[index] = sum(index in e.located for e in summaries)
            carrying = carried[index]
            if 2 * count <= carrying:
                continue
            block = template.blocks[index]
            said = "; ".join(f"{quote(found, 40)} for {quote(expected, 40)}" if expected and found else
                             f"no {quote(expected, 40)}" if expected else f"an added {quote(found, 40)}"
                             for expected, found in diffs[:3])
            width = len(template.text[block.start:block.end].splitlines()[0]) if block.end > block.start else 1
            yield CorpusReport(Place(template.path, block.line, 1, block.line, width + 1),
                               f"{count} of {carrying} editions write {said} in {quote(block.text, 40)}: "
                               "the template may be out of date",
                               subject=f"{block.text}|{diffs}")

