"""Consensus: the pivot's blocks voted on by every edition.

- A pivot block that most voters carry (more than SHARED of them) is shared text; the words
  of it that at least LITERAL of its carriers match are its shared words.
- Between neighbouring shared words, a gap whose values mostly agree keeps the majority
  wording; one whose values differ is a slot, typed by what all its values share. A slot
  whose values are of no type but would be with a shared word beside it taken in
  (`Target` + `achieved`/`missed`) takes that word in.
- A run of pivot blocks that most voters do not carry is local text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from lint.document import BlockKind
from lint.infer.cells import cell_gaps, varying_cells
from lint.infer.gaps import EDGE, Gap, common_affixes, gap_values, has_words, majority, pivot_span, strip_affixes
from lint.infer.headings import first_heading, heading_level
from lint.infer.values import slot_type
from lint.infer.votes import Votes

SHARED = 0.5
LITERAL = 0.75
LOCAL_WORDS = 8       # words of their own most editions hold between two shared blocks: a local section
FREE_TEXT_WORDS = 6   # a text slot whose values run longer is local text that shares phrases
INSERTED = 0.25   # voters with words where the pivot has none that make a gap worth reading
WEAK = ("text", "count")  # types a slot widened over a shared word or two may trade for another
UPGRADES = {("url", "email"), ("url_slug", "email")}
_RANK = {name: n for n, name in enumerate(("email", "url", "date", "target_status", "signed_percent", "percent"))}
WIDEN = ((1, 0), (0, 1), (1, 1), (2, 0), (0, 2), (1, 2), (2, 1), (2, 2))  # shared words taken in, left, right


@dataclass
class SlotDraft:
    type: str
    values: tuple[str | None, ...]
    row: bool
    name: str = ""


@dataclass(frozen=True)
class Replacement:
    start: int               # pivot offsets
    end: int
    slot: SlotDraft | None   # a slot, or (None) the majority wording `text`
    text: str = ""


@dataclass
class BlockDraft:
    kind: BlockKind
    level: int
    pivot_block: int
    agreement: float                 # share of voters carrying the block
    local: bool = False
    header: bool = False
    replacements: list[Replacement] = field(default_factory=list)


def _carriers(votes: Votes, block: int) -> list[int]:
    return [n for n, present in enumerate(votes.block_support(block)) if present]


def _number_groups(votes: Votes, words: range) -> list[list[int]]:
    """The block's words grouped as they are written together: `11.7` or `1,204` is one
    group of two words (a figure is shared whole or not at all), any other word its own."""
    document = votes.pivot.document
    text = document.text
    groups: list[list[int]] = []
    for i in words:
        if groups and i - 1 in words and text[document.ends[i - 1] : document.starts[i]] in (".", ",") \
                and document.keys[i].isdigit() and document.keys[i - 1].isdigit():
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def _shared_words(votes: Votes, block: int, carriers: list[int]) -> list[int]:
    words = votes.pivot.document.block_words[block]
    need = LITERAL * len(carriers)
    # Matches among the carriers: every voter's, less those of the few that do not carry it.
    carrying = set(carriers)
    support = {i: votes.support[i] for i in words}
    for n, voter in enumerate(votes.voters):
        if n not in carrying:
            for i in words:
                support[i] -= voter.mapping[i] >= 0
    shared = []
    for group in _number_groups(votes, words):
        if all(support[i] >= need for i in group):
            shared.extend(group)
    return shared


def _edge_words(votes: Votes, block: int, word: int, after: bool, carriers: list[int]) -> bool:
    """Whether enough carriers hold words between the block's first (last) shared word and
    the edge of the edition block it stands in (or the neighbouring pivot block's words)."""
    words = votes.pivot.document.block_words[block]
    neighbour = words.stop if after else words.start - 1
    count = 0
    for n in carriers:
        aligned = votes.voters[n]
        mapping, document = aligned.mapping, aligned.edition.document
        j = mapping[word]
        if j < 0:
            continue
        edge = document.block_words[document.word_blocks[j]]
        k = mapping[neighbour] if 0 <= neighbour < len(mapping) else -1
        inside = edge.start <= k < edge.stop
        if after:
            end = k if inside and k > j else edge.stop
            count += end > j + 1
        else:
            start = k + 1 if inside and k < j else edge.start
            count += j > start
    return count >= INSERTED * max(1, len(carriers))


def _candidates(votes: Votes, block: int, shared: list[int], carriers: list[int]) -> list[bool]:
    """For each gap between shared words (edges included), whether it is worth reading."""
    words = votes.pivot.document.block_words[block]
    bounds = [EDGE, *shared, EDGE]
    need = INSERTED * max(1, len(carriers))
    flags = []
    for left, right in zip(bounds, bounds[1:]):
        if left == EDGE:
            flags.append(right > words.start or _edge_words(votes, block, right, False, carriers))
        elif right == EDGE:
            flags.append(left < words.stop - 1 or _edge_words(votes, block, left, True, carriers))
        else:
            flags.append(right > left + 1 or votes.breaks[left] >= need)
    return flags


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
    if type_name in WEAK:
        return wider not in WEAK and wider != "person"  # any capitalised run reads as a name
    return (type_name, wider) in UPGRADES


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
            rank = (_RANK.get(wider_type, len(_RANK)), -(back + ahead))  # the whole address or date
            if best is None or rank < best[0]:
                best = (rank, (wider, wider_type, prefix, suffix, widen, max(0, ahead - 1)))
    return best[1] if best else None


def _slot(votes: Votes, gap: Gap, start: int, end: int, extra: dict[str, str]) -> Replacement:
    """A table cell at pivot text [start, end) as a slot of its values' type."""
    type_name, prefix, suffix = _typed(gap, extra)
    start, end = _trim(votes.pivot.text, start, end, prefix, suffix)
    values = tuple(strip_affixes(v, prefix, suffix) if v else v for v in gap.values)
    return Replacement(start, end, SlotDraft(type_name, values, True))


def _decided(votes: Votes, gap: Gap, start: int, end: int, row: bool, extra: dict[str, str]) -> Replacement | None:
    """A cell's worth of gap at pivot text [start, end): its majority wording, or a slot."""
    wording = majority(gap)
    if wording is not None or not has_words(gap):
        if wording is None or wording == gap.values[votes.pivot_index]:
            return None
        return Replacement(start, end, None, wording)
    type_name, prefix, suffix = _typed(gap, extra)
    start, end = _trim(votes.pivot.text, start, end, prefix, suffix)
    values = tuple(strip_affixes(v, prefix, suffix) if v else v for v in gap.values)
    return Replacement(start, end, SlotDraft(type_name, values, row))


def _read_gap(votes: Votes, block: int, bounds: list[int], at: int, candidates: list[bool],
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
    type_name, prefix, suffix = _typed(gap, extra)
    widen, taken = (EDGE, EDGE), 0
    if type_name in WEAK or any(type_name == t for t, _ in UPGRADES):
        wider = _widened(votes, block, bounds, at, candidates, carriers, type_name, extra)
        if wider is not None:
            gap, type_name, prefix, suffix, widen, taken = wider
    start, end = _trim(votes.pivot.text, *pivot_span(votes, block, left, right, widen), prefix, suffix)
    values = tuple(strip_affixes(v, prefix, suffix) if v else v for v in gap.values)
    return [Replacement(start, end, SlotDraft(type_name, values, row))], taken


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


def _shared_block(votes: Votes, block: int, carriers: list[int], extra: dict[str, str],
                  first: int) -> BlockDraft | None:
    document = votes.pivot.document
    raw = document.blocks[block]
    shared = _shared_words(votes, block, carriers)
    if not shared:
        return None
    row = raw.kind is BlockKind.TABLE_ROW
    draft = BlockDraft(raw.kind, raw.level, block, len(carriers) / len(votes.voters), header=raw.header)
    if raw.kind is not BlockKind.HEADING and not row and raw.kind is not BlockKind.LIST_ITEM:
        level = heading_level(document, block, first)
        if level:
            draft.kind, draft.level = BlockKind.HEADING, level
    bounds = [EDGE, *shared, EDGE]
    candidates = _candidates(votes, block, shared, carriers)
    at = 0
    while at < len(bounds) - 1:
        if candidates[at]:
            replacements, taken = _read_gap(votes, block, bounds, at, candidates, carriers, row, extra)
            draft.replacements.extend(replacements)
            at += 1 + taken
        else:
            at += 1
    if row and not raw.header:
        taken = [(r.start, r.end) for r in draft.replacements]
        for start, end, gap in varying_cells(votes, block, carriers, taken):
            draft.replacements.append(_slot(votes, gap, start, end, extra))
    return draft


def _free_text(draft: BlockDraft) -> bool:
    """Whether a block's slots hold whole stretches of free text (local paragraphs made of
    sentences the editions share in different orders and numbers), not values."""
    for replacement in draft.replacements:
        slot = replacement.slot
        if slot is not None and slot.type == "text":
            lengths = sorted(len(v.split()) for v in slot.values if v)
            if lengths and lengths[len(lengths) // 2] >= FREE_TEXT_WORDS:
                return True
    return False


def _local_between(votes: Votes, before: int, after: int) -> bool:
    """Whether most editions hold text of their own between two neighbouring shared pivot
    blocks (a local section the pivot edition happens to leave empty)."""
    spans = votes.pivot.document.block_words
    last, first = spans[before].stop - 1, spans[after].start
    count = 0
    for voter in votes.voters:
        j, k = voter.mapping[last], voter.mapping[first]
        count += j >= 0 and k >= 0 and k - j - 1 >= LOCAL_WORDS
    return count > SHARED * len(votes.voters)


def consensus(votes: Votes, extra: dict[str, str] | None = None) -> Iterator[BlockDraft]:
    """The template's blocks, in the pivot's order: shared blocks and local runs. extra: the
    user's own slot types (name: pattern), tried before the built-in ones."""
    extra = extra or {}
    document = votes.pivot.document
    first = first_heading(document)
    local_open = False
    previous = -1   # the last shared block
    for block in range(len(document.blocks)):
        if not len(document.block_words[block]):
            continue
        carriers = _carriers(votes, block)
        draft = None
        if len(carriers) > SHARED * len(votes.voters):
            draft = _shared_block(votes, block, carriers, extra, first)
        if draft is None or _free_text(draft):
            if not local_open:
                yield BlockDraft(BlockKind.PARAGRAPH, 0, block, len(carriers) / len(votes.voters), local=True)
            local_open = True
            continue
        if not local_open and previous >= 0 and _local_between(votes, previous, block):
            yield BlockDraft(BlockKind.PARAGRAPH, 0, block, 0.0, local=True)
        local_open = False
        previous = block
        yield draft
