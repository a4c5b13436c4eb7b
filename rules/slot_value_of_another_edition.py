from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from canonlint.rulekit.evidence import some_of
from canonlint.finding import Severity
from canonlint.rule import Context, CorpusReport, CorpusRule, Option, Place
from canonlint.slots import slug

__all__ = ["SlotValueOfAnotherEdition"]

MIN_NAME = 4  # shorter file names (`a.txt`) are found inside values by chance


@dataclass(frozen=True, slots=True)
class _Value:
    slot: str
    value: str        # spaces folded
    key: str          # case folded
    place: Place


@dataclass(frozen=True, slots=True)
class _Edition:
    path: str
    name: str         # the file name as a slug: `camden.txt` -> camden
    values: tuple[_Value, ...]


def _names(value: str, edition: _Edition) -> bool:
    return len(edition.name) >= MIN_NAME and edition.name in slug(value)


class SlotValueOfAnotherEdition(CorpusRule):
    r"""A slot holds the value that belongs to another edition of the run.

    What it checks:
        When several editions are checked together, each slot outside tables whose
        values identify an edition (contacts, addresses, names, text; not figures,
        dates or statuses) is compared across them. A value is reported when it names
        another edition's file and not its own, and that edition holds the same value
        (`press@camden.example` in `westminster.txt`, beside `camden.txt` with the same
        contact), or when it is the value of other
        editions in a slot where every other edition has a value of its own.
    Why it matters:
        An edition made by copying another keeps the other's contact, web address or
        signatory wherever the copy was not updated, and sends readers to the wrong place.
    Example:
        Fails: `westminster.txt` with "contact press@camden.example" beside `camden.txt` with the same.
        Passes: each edition with its own contact.
    Options:
        skip_slots: slot names left to rules of their own (the commander: CL602).
    Fix:
        Write this edition's own value.
    """

    code = "CL604"
    name = "slot-value-of-another-edition"
    title = "Value copied from another edition"
    severity = Severity.ERROR
    options = {"skip_slots": Option(list, ["commander"], "slot names not compared (judged by other rules)",
                                    item_type=str)}

    def collect(self, ctx: Context) -> _Edition:
        skip = set(ctx.option("skip_slots"))
        values = []
        for name, found in ctx.alignment.slot_values_by_name().items():
            first = next((v for v in found if v.value and not v.slot.row_scoped), None)
            if first is None or name in skip or not first.slot.type.identifies_edition:
                continue
            text = " ".join(first.value.split())
            values.append(_Value(name, text, text.casefold(), ctx.place(first.start, first.end)))
        path = ctx.document.source.path
        return _Edition(path, slug(Path(path).stem), tuple(values))

    def check_corpus(self, summaries, template, options) -> Iterator[CorpusReport]:
        editions = [e for e in summaries if e is not None]
        by_slot: dict[str, dict[str, list[tuple[_Edition, _Value]]]] = defaultdict(lambda: defaultdict(list))
        for edition in editions:
            for value in edition.values:
                by_slot[value.slot][value.key].append((edition, value))
        names = _NameIndex(editions)
        for slot, by_value in by_slot.items():
            shared = sum(len(h) > 1 for h in by_value.values())  # values more than one edition holds
            for holders in by_value.values():
                yield from _report(slot, holders, names, len(by_value), shared)


class _NameIndex:
    """The editions whose file name a value names, found by looking up the value's own
    stretches (of the lengths names have) instead of trying every edition on every value:
    with one value per edition that was quadratic (4,000 editions took 12 s)."""

    def __init__(self, editions: list[_Edition]) -> None:
        self.order = {id(e): i for i, e in enumerate(editions)}
        self.by_name: dict[str, list[_Edition]] = defaultdict(list)
        for edition in editions:
            if len(edition.name) >= MIN_NAME:
                self.by_name[edition.name].append(edition)
        self.lengths = sorted({len(name) for name in self.by_name})

    def owners(self, value: str) -> list[_Edition]:
        """The editions value names, in the run's order."""
        text, found = slug(value), {}
        for length in self.lengths:
            for start in range(len(text) - length + 1):
                for edition in self.by_name.get(text[start:start + length], ()):
                    found[id(edition)] = edition
        return sorted(found.values(), key=lambda e: self.order[id(e)])


def _report(slot, holders, names: _NameIndex, values: int, shared: int) -> Iterator[CorpusReport]:
    value = holders[0][1].value
    # An edition the value names owns it only when it holds that value itself: a name is
    # also a team's or a product's (`IPython Development Team` in matplotlib-inline's own
    # licence, while ipython.txt holds another value).
    holding = [edition for edition, _ in holders]
    owners = [edition for edition in names.owners(value) if edition in holding]
    if owners:
        for edition, held in holders:
            if edition not in owners and not _names(value, edition):
                yield CorpusReport(held.place, f"slot {{{slot}}}: '{held.value}' belongs to {owners[0].path} "
                                   f"(it names {owners[0].name}), not to this edition",
                                   found=held.value, subject=f"{slot}|{held.key}|{owners[0].path}")
        return
    # the other values: at least two, each held by one edition only
    if len(holders) < 2 or values - 1 < 2 or shared - (len(holders) > 1) > 0:
        return  # a value many editions share is shared text, not a slip
    paths = [e.path for e, _ in holders]
    for index, (edition, held) in enumerate(holders):
        elsewhere = paths[:index] + paths[index + 1:]
        yield CorpusReport(held.place, f"slot {{{slot}}}: '{held.value}' is also the value in "
                           f"{some_of(elsewhere[:3], len(elsewhere))}, where every other edition has its own",
                           found=held.value, subject=f"{slot}|{held.key}|{len(holders)}")
