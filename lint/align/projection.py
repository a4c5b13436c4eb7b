"""Block projection (step 3 of canonlint.align): each template block projected through the
word map — found, altered or missing —, the missing ones looked for among the words no block
claimed (moved), and the blocks of nothing but slots placed between their neighbours."""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from itertools import accumulate, compress, repeat
from operator import add, sub

from rapidfuzz.distance import Indel

from canonlint.align.model import UNCLAIMED, BlockMatch, Status, needed_words
from canonlint.align.slot_capture import SHORT_NEIGHBOUR_WORDS, SLOT_REGION
from canonlint.align.state import Aligner, runs_of
from canonlint.document import BlockKind
from canonlint.template import TemplateBlock

_UNCLAIMED = UNCLAIMED.__eq__  # whether a word's owner is none: mapped over owners at C speed


def project(aligner: Aligner) -> None:
    tpl, ix, word_map_ = aligner.tpl, aligner.ix, aligner.map
    doubtful: list[tuple[TemplateBlock, list[int]]] = []
    block_of = tpl.word_blocks
    for template_words, edition_words in aligner.same:  # word for word alike: found as they stand
        aligner.found_whole(block_of[template_words.start], edition_words.start, edition_words.stop - 1)
    for block in tpl.blocks:
        if block.local or block.first_word == block.last_word or block.index in aligner.exact:
            continue
        literal = ix.literal[block.index]
        is_item = block.kind is BlockKind.LIST_ITEM
        if ix.plain[block.index]:
            mapped = word_map_[block.first_word : block.last_word]
            if mapped[-1] - mapped[0] == len(mapped) - 1 and mapped[0] >= 0 and -1 not in mapped and \
                    (not is_item or aligner.word_blocks[mapped[0]] == aligner.word_blocks[mapped[-1]]):
                # Every word found, one after another (in one edition item, for an item):
                # found, with nothing to keep to one item, drop, or diff later.
                aligner.found_whole(block.index, mapped[0], mapped[-1])
                continue
        mapped = [j for j in map(word_map_.__getitem__, literal) if j >= 0]
        if mapped and aligner.word_blocks[mapped[0]] != aligner.word_blocks[mapped[-1]]:
            # Matches in more than one edition block (matches increase): some may be strays.
            if is_item:
                _keep_to_one_item(aligner, literal)
            _drop_stray_ends(aligner, literal)
            mapped = [j for j in map(word_map_.__getitem__, literal) if j >= 0]
        if mapped and len(mapped) == len(literal) and mapped[-1] - mapped[0] < 2 * len(block.word_range) + 3:
            aligner.found(block, mapped)  # every word found, close enough: nothing below to weigh
            continue
        if not mapped or _span(aligner, block, mapped) > 2 * len(block.word_range) + 3:
            continue  # nothing, or scattered matches: not this block
        # A slot next to a matched word has its value there (read once the block is
        # found): it counts as a word found, though not enough of one to find the block
        # without its neighbours (doubtful, below).
        anchored = _anchored_slots(aligner, block)
        if not _key_words_matched(aligner, block) or 2 * (len(mapped) + anchored) < len(literal) + anchored:
            continue
        if len(mapped) < needed_words(len(literal)):
            doubtful.append((block, mapped))
            continue
        aligner.found(block, mapped)
    for block, mapped in doubtful:
        # A short block that lost some words still counts as found when it stands
        # exactly between its two neighbours, both found: a reworded heading.
        before = aligner.matches[block.index - 1] if block.index > 0 else None
        after = aligner.matches[block.index + 1] if block.index + 1 < len(tpl.blocks) else None
        if before is not None and after is not None and \
                before.last_word < mapped[0] and mapped[-1] < after.first_word:
            aligner.found(block, mapped)
    for block in aligner.blocks_not_found():  # their words are free for relocation
        if block.last_word > block.first_word:
            word_map_[block.first_word : block.last_word] = [-1] * len(block.word_range)


def _key_words_matched(aligner: Aligner, block: TemplateBlock) -> bool:
    """A table row is only that row when its label (first cell) matched in full."""
    if not block.key_words:
        return True
    return all(aligner.map[i] >= 0 for i in aligner.ix.literal[block.index][: block.key_words])


def _drop_stray_ends(aligner: Aligner, literal: list[int]) -> None:
    """Free a word or two matched in another paragraph across unmatched words — the global
    pass may pair a heading's "local" with a "local" in the borough's text before it."""
    pairs = [(i, aligner.map[i]) for i in literal if aligner.map[i] >= 0]
    segments: list[list[int]] = []
    for n, (i, j) in enumerate(pairs):
        previous = pairs[n - 1][1] if n else None
        if previous is None or (j - previous > 1 and aligner.word_blocks[j] != aligner.word_blocks[previous]
                                and not _slot_gap(aligner, pairs[n - 1], (i, j))):
            segments.append([])
        segments[-1].append(i)
    if len(segments) < 2:
        return
    largest = max(segments, key=len)
    for segment in segments:
        if segment is not largest and len(segment) <= 2 < len(largest):
            for i in segment:
                aligner.map[i] = -1


def _slot_gap(aligner: Aligner, before: tuple[int, int], after: tuple[int, int]) -> bool:
    """Whether the edition words between two matched (template, edition) word pairs may
    be the value of the slots between them: nothing but slots stands between the two in
    the template, and a slot's value fits in the edition text between (the value may run
    over several lines or list items: `Copyright (c) {holders}` / `All rights reserved`
    written as a list of holders, then the rest)."""
    (i0, j0), (i1, j1) = before, after
    if i1 - i0 < 2 or not all(aligner.ix.is_slot[i0 + 1 : i1]):
        return False
    return j1 - j0 > 1 and aligner.starts[j1] - aligner.ends[j0] <= SLOT_REGION


def _span(aligner: Aligner, block: TemplateBlock, mapped: list[int]) -> int:
    """How many edition words a block's matched words (mapped, not empty) stretch over,
    leaving out those in the place of its slots (_slot_gap): a slot's value may be long."""
    span = mapped[-1] - mapped[0] + 1
    if not aligner.ix.slot_runs[block.index]:
        return span
    pairs = [(i, aligner.map[i]) for i in aligner.ix.literal[block.index] if aligner.map[i] >= 0]
    for before, after in zip(pairs, pairs[1:]):
        if after[0] - before[0] > 1 and _slot_gap(aligner, before, after):  # words apart: a slot may stand between
            span -= after[1] - before[1] - 1
    return span


def _anchored_slots(aligner: Aligner, block: TemplateBlock) -> int:
    """How many of a block's slots stand next to one of its words that matched."""
    word_map_ = aligner.map
    return sum(len(run) for run in aligner.ix.slot_runs[block.index]
               if (run[0] > block.first_word and word_map_[run[0] - 1] >= 0)
               or (run[-1] + 1 < block.last_word and word_map_[run[-1] + 1] >= 0))


def _keep_to_one_item(aligner: Aligner, literal: list[int]) -> None:
    """A list item is one item of the edition too: when its words were matched across
    several edition list items (an item repeated, or two run together), keep the item
    holding most of them and free the rest."""
    blocks = Counter(aligner.word_blocks[aligner.map[i]] for i in literal if aligner.map[i] >= 0)
    if len(blocks) < 2:
        return
    best = blocks.most_common(1)[0][0]
    if aligner.doc.blocks[best].kind is not BlockKind.LIST_ITEM:
        return
    for i in literal:
        if aligner.map[i] >= 0 and aligner.word_blocks[aligner.map[i]] != best:
            aligner.map[i] = -1


def relocate(aligner: Aligner) -> None:
    """Look for missing blocks among unclaimed edition words."""
    ix, owner, keys = aligner.ix, aligner.owner, aligner.keys
    missing = [block for block in aligner.blocks_not_found() if not block.local and len(ix.literal[block.index]) >= 2]
    if not missing:
        return
    # Where the missing blocks' word pairs stand among the unclaimed words.
    wanted = {pair for block in missing for pair in zip(ix.literal_keys[block.index],
                                                         ix.literal_keys[block.index][1:])}
    starting = {first for first, _ in wanted}
    bigrams: dict[tuple[str, str], list[int]] = defaultdict(list)
    # A pair is a word and the next, both unclaimed: within a run of unclaimed words (the
    # runs found at C speed, as are the words in them that start a wanted pair).
    for first, last in runs_of(owner, UNCLAIMED):
        for j in compress(range(first, last), map(starting.__contains__, keys[first:last])):
            pair = (keys[j], keys[j + 1])
            if pair in wanted:
                bigrams[pair].append(j)
    for block in missing:
        literal = ix.literal[block.index]
        block_keys = ix.literal_keys[block.index]
        votes: Counter = Counter()
        for x, pair in enumerate(zip(block_keys, block_keys[1:])):
            places = bigrams.get(pair)
            if places:  # counted at C speed: a common pair stands at every copy of an edition
                votes.update(map(sub, compress(places, map(_UNCLAIMED, map(owner.__getitem__, places))), repeat(x)))
        if not votes:
            continue
        offset = _nearest_best(aligner, votes, block.index)
        lo = max(0, offset - 3)
        hi = min(aligner.count, offset + len(block_keys) + 3)
        window = [j for j in range(lo, hi) if owner[j] == UNCLAIMED]
        pairs = []
        for tag, i1, i2, j1, _ in Indel.opcodes(block_keys, [keys[j] for j in window]):
            if tag == "equal":
                pairs.extend((literal[i1 + d], window[j1 + d]) for d in range(i2 - i1))
        need = needed_words(len(block_keys), moved=True)
        if len(pairs) < max(2, need) or pairs[-1][1] - pairs[0][1] + 1 > 2 * len(block_keys) - need + 2:
            continue  # too few words, or scattered: not this block
        matched = {i for i, _ in pairs}
        if not all(i in matched for i in literal[: block.key_words]):
            continue
        first, last = pairs[0][1], pairs[-1][1]
        start, end = aligner.starts[first], aligner.ends[last]
        in_place = aligner.neighbour_end(block.index) <= start and end <= aligner.next_start(block.index)
        for i, j in pairs:
            aligner.map[i] = j
            owner[j] = block.index
        aligner.matches[block.index] = BlockMatch(
            block.index, Status.FOUND if in_place else Status.MOVED, len(pairs) / len(block_keys),
            first, last, start, end)


def _nearest_best(aligner: Aligner, votes: Counter, index: int) -> int:
    """The offset with the most votes within three words of it (a slot's words shift
    the later pairs' offsets); of several, the one nearest the block's place (a table
    row swapped with its neighbour, not the same words in a local paragraph)."""
    offsets = sorted(votes)
    running = list(accumulate(map(votes.__getitem__, offsets), initial=0))
    ends = map(running.__getitem__, map(bisect.bisect_right, repeat(offsets), map(add, offsets, repeat(3))))
    begins = map(running.__getitem__, map(bisect.bisect_left, repeat(offsets), map(add, offsets, repeat(-3))))
    support = list(map(sub, ends, begins))
    best = max(support)
    place = bisect.bisect_left(aligner.starts, aligner.neighbour_end(index))
    return min(compress(offsets, map(best.__eq__, support)), key=lambda j: (abs(j - place), j))


def place_slot_only(aligner: Aligner) -> None:
    """A block that is nothing but slots (`# {project}`) has no word to anchor on: it is
    the edition block standing at its place, the first between its neighbours found in
    place, when no block claimed any of its words and it is of the block's kind (or, for a
    heading, a short line of its own)."""
    for index in aligner.ix.slot_only:
        if aligner.matches[index] is not None:
            continue
        words = aligner.words_between(aligner.neighbour_end(index), aligner.next_start(index))
        if not words:
            continue
        edition_block = aligner.word_blocks[words.start]
        block_words = aligner.doc.block_words[edition_block]
        if block_words.start != words.start or block_words.stop > words.stop or \
                any(aligner.owner[j] != UNCLAIMED for j in block_words):
            continue
        first, last = block_words.start, block_words.stop - 1
        kind = aligner.tpl.blocks[index].kind
        short_line = len(block_words) <= SHORT_NEIGHBOUR_WORDS and \
            "\n" not in aligner.text[aligner.starts[first] : aligner.ends[last]]
        if aligner.doc.blocks[edition_block].kind is not kind and not (kind is BlockKind.HEADING and short_line):
            continue
        aligner.found_whole(index, first, last)
