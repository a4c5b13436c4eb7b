"""Consensus: the pivot's blocks voted on by every edition.

- A pivot block that most voters carry (more than SHARED of them) is shared text; the words
  of it that at least LITERAL of its carriers match are its shared words.
- Between neighbouring shared words, a gap worth reading (the pivot has words there most
  editions do not match, or most editions have words where the pivot has none) is read
  by canonlint.infer.slotting: the majority's wording, or a typed slot.
- A run of pivot blocks that most voters do not carry is local text, and so is what a few
  voters hold before or after the shared part (copies embedded in a larger document).
"""

from __future__ import annotations

from collections.abc import Iterator

from canonlint.document import BlockKind
from canonlint.infer.cells import varying_cells
from canonlint.infer.drafts import BlockDraft
from canonlint.infer.gaps import EDGE
from canonlint.infer.headings import first_heading, heading_level
from canonlint.infer.slotting import make_slot, read_gap
from canonlint.infer.votes import Votes

SHARED = 0.5
LITERAL = 0.75
LOCAL_WORDS = 8       # words of their own most editions hold between two shared blocks: a local section
FREE_TEXT_WORDS = 6   # a text slot whose values run longer is local text that shares phrases
INSERTED = 0.25   # voters with words where the pivot has none that make a gap worth reading
EDGE_VOTERS = 0.1  # voters with text of their own before or after the shared part that make it a local section


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
            replacements, taken = read_gap(votes, block, bounds, at, candidates, carriers, row, extra)
            draft.replacements.extend(replacements)
            at += 1 + taken
        else:
            at += 1
    if row and not raw.header:
        taken = [(r.start, r.end) for r in draft.replacements]
        for start, end, gap in varying_cells(votes, block, carriers, taken):
            draft.replacements.append(make_slot(votes, gap, start, end, True, extra))
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


def _local_edge(votes: Votes, block: int, at_start: bool) -> bool:
    """Whether a few editions (EDGE_VOTERS, at least two) hold text of their own before the
    first shared pivot block (at_start) or after the last: copies embedded in a larger
    document, whose text around the shared part is their own."""
    words = votes.pivot.document.block_words[block]
    count = 0
    for voter in votes.voters:  # blocks of its own before (after) the one holding the block's words
        j = next((k for k in map(voter.mapping.__getitem__, words if at_start else reversed(words)) if k >= 0), -1)
        if j >= 0:
            document = voter.edition.document
            holding = document.block_words[document.word_blocks[j]]
            count += holding.start > 0 if at_start else holding.stop < len(document.keys)
    return count >= max(2, EDGE_VOTERS * len(votes.voters))


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
        if not local_open and (_local_between(votes, previous, block) if previous >= 0
                               else _local_edge(votes, block, at_start=True)):
            yield BlockDraft(BlockKind.PARAGRAPH, 0, block, 0.0, local=True)
        local_open = False
        previous = block
        yield draft
    if not local_open and previous >= 0 and _local_edge(votes, previous, at_start=False):
        yield BlockDraft(BlockKind.PARAGRAPH, 0, previous, 0.0, local=True)
