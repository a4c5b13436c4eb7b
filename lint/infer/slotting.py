"""Slotting: what a gap between shared words becomes, the majority's wording or a slot.

A gap whose values mostly agree keeps the majority wording; one whose values differ is a
slot, typed by what (nearly) all its values share, with the punctuation they all have
around them left as shared text. A slot whose values are of no type (or a bare number, or
part of an address) but would be of a more particular one with a shared word or two
beside it taken in (`Target` + `achieved`, `12` + `March 2024`) takes them in. A gap of
a table row that spans several cells is read cell by cell (canonlint.infer.cells).
"""

from __future__ import annotations

from canonlint.exact_tokens import find_exact_tokens
from canonlint.infer.cells import cell_gaps
from canonlint.infer.drafts import Replacement, SlotDraft
from canonlint.infer.gaps import EDGE, Gap, common_affixes, gap_values, has_words, majority, pivot_span, strip_affixes
from canonlint.infer.values import slot_type
from canonlint.infer.votes import Votes
from canonlint.slots import slot_type_named

WIDEN = ((1, 0), (0, 1), (1, 1), (2, 0), (0, 2), (1, 2), (2, 1), (2, 2))  # shared words taken in, left, right


def _typed(gap: Gap, extra: dict[str, str]) -> tuple[str, str, str]:
    """The gap's slot type, and the affixes all its values share that stay shared text: none
    when the whole values have a type (`-2.5%`), else those around a typed core (`/`)."""
    values = [v for v in gap.values if v]
    whole = slot_type(values, extra=extra)
    if whole != "text":
        return whole, "", ""
    prefix, suffix = common_affixes(values)
    # The least taken off that leaves a typed core: of `-2.5% |` only the `|` is a cell's.
    cuts = sorted(((p, t) for p in range(len(prefix) + 1) for t in range(len(suffix) + 1) if p or t),
                  key=lambda cut: (cut[0] + cut[1], cut))
    for p, t in cuts:
        lead, trail = prefix[:p], suffix[len(suffix) - t :]
        stripped = [strip_affixes(v, lead, trail) for v in values]
        type_name = slot_type(stripped, lead.endswith("/"), extra)
        if type_name != "text":
            return type_name, lead, trail
    return "text", prefix, suffix


def _better(type_name: str, wider: str) -> bool:
    """Whether a slot of type_name, widened, should take the wider type instead."""
    kind = slot_type_named(type_name)
    if kind.weak:
        return slot_type_named(wider).widening_target
    return wider in kind.upgrades_to


def _widened(votes: Votes, block: int, bounds: list[int], at: int, candidates: list[bool], carriers: list[int],
             type_name: str, extra: dict[str, str]):
    """A slot of no type (or a bare number, or part of an address), widened over up to two
    shared words on either side when that gives it a more particular type (`Target` +
    `achieved`, `12` + `March 2024`, `pals@` + `trust.nhs` + `.example`): (gap, type,
    prefix, suffix, widen, further gaps taken in) or None."""
    best = None
    for back, ahead in WIDEN:
        lo, hi = at + 1 - back, at + ahead   # bounds[lo..at] and bounds[at+1..hi] are taken in
        if lo < 1 or hi > len(bounds) - 2 or any(candidates[g] for g in range(lo, at)) \
                or any(candidates[g] for g in range(at + 1, hi)):
            continue
        widen = (bounds[lo] if back else EDGE, bounds[hi] if ahead else EDGE)
        wider = gap_values(votes, block, bounds[at], bounds[at + 1], carriers, widen)
        wider_type, prefix, suffix = _typed(wider, extra)
        if _better(type_name, wider_type):
            rank = (slot_type_named(wider_type).widening_rank, -(back + ahead))
            if best is None or rank < best[0]:
                best = (rank, (wider, wider_type, prefix, suffix, widen, max(0, ahead - 1)))
    return best[1] if best else None


def make_slot(votes: Votes, gap: Gap, start: int, end: int, row: bool, extra: dict[str, str],
              typed: tuple[str, str, str] | None = None) -> Replacement:
    """The gap at pivot text [start, end) as a slot of its values' type (typed: the type and
    shared affixes, when already worked out), the affixes all values share left outside it
    as shared text; row: the slot takes a value per table row."""
    type_name, prefix, suffix = typed or _typed(gap, extra)
    start, end = _trim(votes.pivot.text, start, end, prefix, suffix)
    values = tuple(strip_affixes(v, prefix, suffix) if v else v for v in gap.values)
    return Replacement(start, end, SlotDraft(type_name, values, row))


def _decided(votes: Votes, gap: Gap, start: int, end: int, row: bool, extra: dict[str, str]) -> Replacement | None:
    """A cell's worth of gap at pivot text [start, end): its majority wording, or a slot."""
    wording = majority(gap)
    if wording is not None or not has_words(gap):
        if wording is None or wording == gap.values[votes.pivot_index]:
            return None
        return Replacement(start, end, None, wording)
    return make_slot(votes, gap, start, end, row, extra)


def read_gap(votes: Votes, block: int, bounds: list[int], at: int, candidates: list[bool],
              carriers: list[int], row: bool, extra: dict[str, str]) -> tuple[list[Replacement], int]:
    """The replacements for gap `at` (none: the pivot's text stands), and how many further
    gaps it took in."""
    left, right = bounds[at], bounds[at + 1]
    cells = cell_gaps(votes, block, left, right, carriers) if row else None
    if cells is not None:
        decided = (_decided(votes, gap, start, end, row, extra) for start, end, gap in cells)
        return [r for r in decided if r is not None], 0
    gap = gap_values(votes, block, left, right, carriers)
    wording = majority(gap)
    if wording is not None or not has_words(gap):
        if wording is None or wording == gap.values[votes.pivot_index]:
            return [], 0
        start, end = pivot_span(votes, block, left, right)
        return [Replacement(start, end, None, f" {wording} " if wording else " ")], 0
    widen, taken = (EDGE, EDGE), 0
    address = _address(votes, block, bounds, at)
    whole = _whole_token(votes, block, bounds, at, address) if address is not None else None
    if whole is not None:  # the gap touches an address: the whole address is the slot, or shared
        left, right, taken = whole
        gap = gap_values(votes, block, left, right, carriers)
        wording = majority(gap)
        if wording is not None:
            if wording == gap.values[votes.pivot_index]:
                return [], taken
            return [Replacement(*pivot_span(votes, block, left, right), None, f" {wording} ")], taken
    type_name, prefix, suffix = _typed(gap, extra)
    kind = slot_type_named(type_name)
    if address is None and (kind.weak or kind.upgrades_to):
        wider = _widened(votes, block, bounds, at, candidates, carriers, type_name, extra)
        if wider is not None:
            gap, type_name, prefix, suffix, widen, taken = wider
    start, end = pivot_span(votes, block, left, right, widen)
    return [make_slot(votes, gap, start, end, row, extra, (type_name, prefix, suffix))], taken


def _address(votes: Votes, block: int, bounds: list[int], at: int):
    """The web or e-mail address of the pivot that gap `at` touches, or None."""
    document = votes.pivot.document
    raw = document.blocks[block]
    start, end = pivot_span(votes, block, bounds[at], bounds[at + 1])
    return next((token for token in find_exact_tokens(document.text, raw.content_start, raw.end)
                 if token.kind in ADDRESSES and start <= token.end and token.start <= end), None)


def _whole_token(votes: Votes, block: int, bounds: list[int], at: int, token) -> tuple[int, int, int] | None:
    """For gap `at` touching an address (`https://{x}.com/…`, `at {x}contributor-covenant.org`),
    the shared words just outside the address to read the gap between instead, and how
    many further gaps that takes in: a slot never starts or ends inside an address, except
    at the slashes of its path (`…/{slug}`). None: the gap stands as it is."""
    document = votes.pivot.document
    if _path_segments(document.text, token, *pivot_span(votes, block, bounds[at], bounds[at + 1])):
        return None
    first = at  # the gap's left bound, moved out of the address
    while first > 0 and token.start <= document.starts[bounds[first]]:
        first -= 1
    last = at   # the last gap touching the address
    while last + 2 < len(bounds) and document.ends[bounds[last + 1]] <= token.end:
        last += 1
    if (first, last) == (at, at):
        return None  # the gap holds the whole address already
    return bounds[first], bounds[last + 1], last - at


ADDRESSES = ("web address", "e-mail address")


def _path_segments(text: str, token, start: int, end: int) -> bool:
    """Whether text[start:end] is whole segments of a web address's path (`…/{slug}`,
    `github.com/{user}/{repo}`): a slot a person would write there too."""
    scheme = token.text.find("://")
    path = token.text.find("/", scheme + 3 if scheme >= 0 else 0)
    if token.kind != "web address" or path < 0 or end > token.end:
        return False
    while start < end and text[start] == "/":
        start += 1
    while end > start and text[end - 1] == "/":
        end -= 1
    return token.start + path < start and text[start - 1] == "/" and (end == token.end or text[end] == "/")


def _trim(text: str, start: int, end: int, prefix: str, suffix: str) -> tuple[int, int]:
    """The pivot's value without the blank space and the shared affixes around it."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    start = min(end, start + len(prefix))
    end = max(start, end - len(suffix))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
