"""Block projection (step 3 of canonlint.align): each template block projected through the
word map — found, altered, moved or missing — then the edition's words claimed by local
blocks and tables, each located block's word differences, and the words left over.
`Aligner` holds one edition's working state; `align` runs the steps in order."""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from itertools import accumulate, compress

from rapidfuzz.distance import Indel

from canonlint.align.heading_lines import take_in_heading_lines
from canonlint.align.kernel import _same_blocks, word_map
from canonlint.align.leftovers import MIN_DUPLICATE_WORDS, find_duplicates, runs_of
from canonlint.align.model import (
    LOCAL, TABLE, UNCLAIMED, Alignment, BlockMatch, Status, TableRegion, TextRun, WordDiff,
    end_before, needed_words, start_after,
)
from canonlint.align.slot_capture import SHORT_NEIGHBOUR_WORDS, SLOT_REGION, _run_pattern, capture_slots
from canonlint.align.verbatim import verbatim_blocks
from canonlint.document import BlockKind, Document
from canonlint.template import Template, TemplateBlock


_LINE_END_HYPHEN = re.compile(r"[-\u00ad][ \t]*\r?\n[ \t]*")


def _diff(t_words: list[int], e_words: list[int], t_at: int, e_at: int) -> WordDiff:
    """A WordDiff over the given words; an empty side sits at t_at / e_at."""
    return WordDiff(t_words[0] if t_words else t_at, t_words[-1] + 1 if t_words else t_at,
                    e_words[0] if e_words else e_at, e_words[-1] + 1 if e_words else e_at)


def _merge(diffs: list[WordDiff]) -> list[WordDiff]:
    """Join a deletion and an insertion that touch into one replacement."""
    merged: list[WordDiff] = []
    for diff in diffs:
        last = merged[-1] if merged else None
        if last is not None and last.t_end == diff.t_start and last.e_end == diff.e_start:
            merged[-1] = WordDiff(last.t_start, diff.t_end, last.e_start, diff.e_end)
        else:
            merged.append(diff)
    return merged


class _TemplateIndex:
    """What the alignment reads of a template, worked out once per template and run."""

    def __init__(self, template: Template):
        words = template.words
        self.keys = template.keys
        # the words of each block the template has once, by their keys
        block_keys: dict[tuple[str, ...], range | None] = {}
        for block in template.blocks:
            key = self.keys[block.first_word : block.last_word]
            block_keys[key] = None if key in block_keys else block.word_range
        self.block_keys = {key: words for key, words in block_keys.items() if words is not None}
        self.is_slot = [w.slot is not None for w in words]
        self.literal = template.literal
        self.literal_keys = [tuple(self.keys[i] for i in literal) for literal in self.literal]
        self.plain = [len(lit) == len(b.word_range) for lit, b in zip(self.literal, template.blocks)]
        self.slot_runs: list[list[list[int]]] = []  # per block: runs of consecutive slot words
        for block in template.blocks:
            runs: list[list[int]] = []
            for i in block.word_range:
                if words[i].slot is None:
                    continue
                if runs and runs[-1][-1] == i - 1:
                    runs[-1].append(i)
                else:
                    runs.append([i])
            self.slot_runs.append(runs)
        # per block and run: its slots and their joined pattern
        self.run_slots = [[([words[i].slot for i in run], _run_pattern([words[i].slot for i in run]))
                           for run in runs] for runs in self.slot_runs]
        self.locals = [b for b in template.blocks if b.local]
        # bigram -> (block, offset in the block) of the blocks long enough to be duplicated
        first_word = {b.index: b.first_word for b in template.blocks}
        self.duplicate_bigrams: dict[tuple[str, str], tuple[tuple[int, int], ...]] = {}
        for pair, places in template.bigrams.items():
            kept = tuple((words[i].block, i - first_word[words[i].block]) for i in places
                         if len(self.literal[words[i].block]) >= MIN_DUPLICATE_WORDS)
            if kept:
                self.duplicate_bigrams[pair] = kept
        # the words of each heading without slots the template has once -> its block
        self.heading_blocks = {key: words[span.start].block for key, span in self.block_keys.items()
                               if span and template.blocks[words[span.start].block].kind is BlockKind.HEADING
                               and self.plain[words[span.start].block]}
        self.slotted = [b.index for b, runs in zip(template.blocks, self.slot_runs) if runs]
        self.slot_only = [i for i in self.slotted if not self.literal[i] and not template.blocks[i].local]
        self.tables = template.tables()


def _template_index(template: Template) -> _TemplateIndex:
    """The template's index, built on first use and kept with the template."""
    return template.reading("align.index", _TemplateIndex)


class Aligner:
    """The working state of one alignment; `align` runs its steps in order. Edition words
    are read from the Document's arrays (keys, starts, ends, word_blocks)."""

    def __init__(self, document: Document, template: Template):
        self.doc = document
        self.tpl = template
        self.ix = _template_index(template)
        self.text = document.text
        self.keys = document.keys
        self.starts = document.starts
        self.ends = document.ends
        self.word_blocks = document.word_blocks
        self.count = len(document.keys)
        self.same = _same_blocks(self.ix.block_keys, document.keys, document.block_words)
        self.map = word_map(template.keys, document.keys, template.word_blocks, self.same)
        self.owner = [UNCLAIMED] * self.count
        self.matches: list[BlockMatch | None] = [None] * len(template.blocks)
        self.exact: set[int] = set()  # blocks whose every word matched in sequence

    # -- helpers
    def block_bounds(self, word: int) -> tuple[int, int]:
        block = self.doc.blocks[self.word_blocks[word]]
        return block.content_start, block.end

    def neighbour_end(self, index: int) -> int:
        return end_before(self.matches, index)

    def next_start(self, index: int) -> int:
        return start_after(self.matches, index, len(self.text))

    def _key_words_matched(self, block: TemplateBlock) -> bool:
        """A table row is only that row when its label (first cell) matched in full."""
        if not block.key_words:
            return True
        return all(self.map[i] >= 0 for i in self.ix.literal[block.index][: block.key_words])

    def _own(self, words: list[int], index: int) -> None:
        """Give edition words (increasing) to a block."""
        if words[-1] - words[0] + 1 == len(words):
            self.owner[words[0] : words[-1] + 1] = [index] * len(words)
        else:
            for j in words:
                self.owner[j] = index

    # -- projection
    def project(self) -> None:
        tpl, ix, word_map_ = self.tpl, self.ix, self.map
        doubtful: list[tuple[TemplateBlock, list[int]]] = []
        block_of = tpl.word_blocks
        for template_words, edition_words in self.same:  # word for word alike: found as they stand
            self._found_whole(block_of[template_words.start], edition_words.start, edition_words.stop - 1)
        for block in tpl.blocks:
            if block.local or block.first_word == block.last_word or block.index in self.exact:
                continue
            literal = ix.literal[block.index]
            is_item = block.kind is BlockKind.LIST_ITEM
            if ix.plain[block.index]:
                mapped = word_map_[block.first_word : block.last_word]
                if mapped[-1] - mapped[0] == len(mapped) - 1 and mapped[0] >= 0 and -1 not in mapped and \
                        (not is_item or self.word_blocks[mapped[0]] == self.word_blocks[mapped[-1]]):
                    # Every word found, one after another (in one edition item, for an item):
                    # found, with nothing to keep to one item, drop, or diff later.
                    self._found_whole(block.index, mapped[0], mapped[-1])
                    continue
            mapped = [j for j in map(word_map_.__getitem__, literal) if j >= 0]
            if mapped and self.word_blocks[mapped[0]] != self.word_blocks[mapped[-1]]:
                # Matches in more than one edition block (matches increase): some may be strays.
                if is_item:
                    self._keep_to_one_item(literal)
                self._drop_stray_ends(literal)
                mapped = [j for j in map(word_map_.__getitem__, literal) if j >= 0]
            if not mapped or self._span(block, mapped) > 2 * len(block.word_range) + 3:
                continue  # nothing, or scattered matches: not this block
            # A slot next to a matched word has its value there (read once the block is
            # found): it counts as a word found, though not enough of one to find the block
            # without its neighbours (doubtful, below).
            anchored = self._anchored_slots(block)
            if not self._key_words_matched(block) or 2 * (len(mapped) + anchored) < len(literal) + anchored:
                continue
            if len(mapped) < needed_words(len(literal)):
                doubtful.append((block, mapped))
                continue
            self._found(block, mapped)
        for block, mapped in doubtful:
            # A short block that lost some words still counts as found when it stands
            # exactly between its two neighbours, both found: a reworded heading.
            before = self.matches[block.index - 1] if block.index > 0 else None
            after = self.matches[block.index + 1] if block.index + 1 < len(tpl.blocks) else None
            if before is not None and after is not None and \
                    before.last_word < mapped[0] and mapped[-1] < after.first_word:
                self._found(block, mapped)
        for block in tpl.blocks:  # words of blocks not found are free for relocation
            if self.matches[block.index] is None and block.last_word > block.first_word:
                word_map_[block.first_word : block.last_word] = [-1] * len(block.word_range)

    def _drop_stray_ends(self, literal: list[int]) -> None:
        """Free a word or two matched in another paragraph across unmatched words — the global
        pass may pair a heading's "local" with a "local" in the borough's text before it."""
        pairs = [(i, self.map[i]) for i in literal if self.map[i] >= 0]
        segments: list[list[int]] = []
        for n, (i, j) in enumerate(pairs):
            previous = pairs[n - 1][1] if n else None
            if previous is None or (j - previous > 1 and self.word_blocks[j] != self.word_blocks[previous]
                                    and not self._slot_gap(pairs[n - 1], (i, j))):
                segments.append([])
            segments[-1].append(i)
        if len(segments) < 2:
            return
        largest = max(segments, key=len)
        for segment in segments:
            if segment is not largest and len(segment) <= 2 < len(largest):
                for i in segment:
                    self.map[i] = -1

    def _slot_gap(self, before: tuple[int, int], after: tuple[int, int]) -> bool:
        """Whether the edition words between two matched (template, edition) word pairs may
        be the value of the slots between them: nothing but slots stands between the two in
        the template, and a slot's value fits in the edition text between (the value may run
        over several lines or list items: `Copyright (c) {holders}` / `All rights reserved`
        written as a list of holders, then the rest)."""
        (i0, j0), (i1, j1) = before, after
        if i1 - i0 < 2 or not all(self.ix.is_slot[i0 + 1 : i1]):
            return False
        return j1 - j0 > 1 and self.starts[j1] - self.ends[j0] <= SLOT_REGION

    def _span(self, block: TemplateBlock, mapped: list[int]) -> int:
        """How many edition words a block's matched words (mapped, not empty) stretch over,
        leaving out those in the place of its slots (_slot_gap): a slot's value may be long."""
        span = mapped[-1] - mapped[0] + 1
        if not self.ix.slot_runs[block.index]:
            return span
        pairs = [(i, self.map[i]) for i in self.ix.literal[block.index] if self.map[i] >= 0]
        for before, after in zip(pairs, pairs[1:]):
            if self._slot_gap(before, after):
                span -= after[1] - before[1] - 1
        return span

    def _anchored_slots(self, block: TemplateBlock) -> int:
        """How many of a block's slots stand next to one of its words that matched."""
        word_map_ = self.map
        return sum(len(run) for run in self.ix.slot_runs[block.index]
                   if (run[0] > block.first_word and word_map_[run[0] - 1] >= 0)
                   or (run[-1] + 1 < block.last_word and word_map_[run[-1] + 1] >= 0))

    def _keep_to_one_item(self, literal: list[int]) -> None:
        """A list item is one item of the edition too: when its words were matched across
        several edition list items (an item repeated, or two run together), keep the item
        holding most of them and free the rest."""
        blocks = Counter(self.word_blocks[self.map[i]] for i in literal if self.map[i] >= 0)
        if len(blocks) < 2:
            return
        best = blocks.most_common(1)[0][0]
        if self.doc.blocks[best].kind is not BlockKind.LIST_ITEM:
            return
        for i in literal:
            if self.map[i] >= 0 and self.word_blocks[self.map[i]] != best:
                self.map[i] = -1

    def _found_whole(self, index: int, first: int, last: int) -> None:
        """Block `index` found as edition words first..last, every word in sequence."""
        self.matches[index] = BlockMatch(index, Status.FOUND, 1.0, first, last, self.starts[first], self.ends[last])
        self.owner[first : last + 1] = [index] * (last + 1 - first)
        self.exact.add(index)

    def _found(self, block: TemplateBlock, mapped: list[int]) -> None:
        self.matches[block.index] = BlockMatch(
            block.index, Status.FOUND, len(mapped) / len(self.ix.literal[block.index]), mapped[0], mapped[-1],
            self.starts[mapped[0]], self.ends[mapped[-1]])
        self._own(mapped, block.index)

    def _words_between(self, start: int, end: int) -> range:
        return self.doc.words_in(start, end)

    def claim_locals(self) -> None:
        owner = self.owner
        for block in self.ix.locals:
            lo, hi = self.neighbour_end(block.index), self.next_start(block.index)
            words = self._words_between(lo, hi)
            if words:
                owner[words.start : words.stop] = [LOCAL if o == UNCLAIMED else o
                                                   for o in owner[words.start : words.stop]]
            self.matches[block.index] = BlockMatch(block.index, Status.LOCAL, 1.0, -1, -1, lo, max(lo, hi))

    def relocate(self) -> None:
        """Look for missing blocks among unclaimed edition words."""
        ix, owner, keys = self.ix, self.owner, self.keys
        missing = [block for block in self.tpl.blocks
                   if not block.local and self.matches[block.index] is None and len(ix.literal[block.index]) >= 2]
        if not missing:
            return
        # Where the missing blocks' word pairs stand among the unclaimed words.
        wanted = {pair for block in missing for pair in zip(ix.literal_keys[block.index],
                                                             ix.literal_keys[block.index][1:])}
        firsts = {first for first, _ in wanted}
        bigrams: dict[tuple[str, str], list[int]] = defaultdict(list)
        for first, last in runs_of(owner, UNCLAIMED):
            for j in compress(range(first, last), map(firsts.__contains__, keys[first:last])):
                pair = (keys[j], keys[j + 1])
                if pair in wanted:
                    bigrams[pair].append(j)
        for block in missing:
            literal = ix.literal[block.index]
            block_keys = ix.literal_keys[block.index]
            votes: Counter = Counter()
            for x in range(len(block_keys) - 1):
                for j in bigrams.get((block_keys[x], block_keys[x + 1]), ()):
                    if owner[j] == UNCLAIMED:
                        votes[j - x] += 1
            if not votes:
                continue
            offset = self._nearest_best(votes, block.index)
            lo = max(0, offset - 3)
            hi = min(self.count, offset + len(block_keys) + 3)
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
            start, end = self.starts[first], self.ends[last]
            in_place = self.neighbour_end(block.index) <= start and end <= self.next_start(block.index)
            for i, j in pairs:
                self.map[i] = j
                owner[j] = block.index
            self.matches[block.index] = BlockMatch(
                block.index, Status.FOUND if in_place else Status.MOVED, len(pairs) / len(block_keys),
                first, last, start, end)

    def place_slot_only(self) -> None:
        """A block that is nothing but slots (`# {project}`) has no word to anchor on: it is
        the edition block standing at its place, the first between its neighbours found in
        place, when no block claimed any of its words and it is of the block's kind (or, for a
        heading, a short line of its own)."""
        for index in self.ix.slot_only:
            if self.matches[index] is not None:
                continue
            words = self._words_between(self.neighbour_end(index), self.next_start(index))
            if not words:
                continue
            edition_block = self.word_blocks[words.start]
            block_words = self.doc.block_words[edition_block]
            if block_words.start != words.start or block_words.stop > words.stop or \
                    any(self.owner[j] != UNCLAIMED for j in block_words):
                continue
            first, last = block_words.start, block_words.stop - 1
            kind = self.tpl.blocks[index].kind
            short_line = len(block_words) <= SHORT_NEIGHBOUR_WORDS and \
                "\n" not in self.text[self.starts[first] : self.ends[last]]
            if self.doc.blocks[edition_block].kind is not kind and not (kind is BlockKind.HEADING and short_line):
                continue
            self._found_whole(index, first, last)

    def _nearest_best(self, votes: Counter, index: int) -> int:
        """The offset with the most votes within three words of it (a slot's words shift
        the later pairs' offsets); of several, the one nearest the block's place (a table
        row swapped with its neighbour, not the same words in a local paragraph)."""
        offsets = sorted(votes)
        running = list(accumulate((votes[j] for j in offsets), initial=0))
        support = {j: running[bisect.bisect_right(offsets, j + 3)] - running[bisect.bisect_left(offsets, j - 3)]
                   for j in offsets}
        best = max(support.values())
        place = bisect.bisect_left(self.starts, self.neighbour_end(index))
        return min((j for j in offsets if support[j] == best), key=lambda j: (abs(j - place), j))

    def claim_tables(self) -> dict[int, TableRegion]:
        """Record where each table stands. When its rows are not one per line (a flattened
        edition) or some are missing, the words left unclaimed between its located
        neighbours belong to the table, and the table rules read that region."""
        regions = {}
        for rows in self.ix.tables:
            lo = self.neighbour_end(rows[0].index)
            self._claim_header(rows, lo)
            hi = max(lo, self.next_start(rows[-1].index))
            lines = [set(self.word_blocks[m.first_word : m.last_word + 1])
                     for m in (self.matches[r.index] for r in rows) if m is not None]
            # One row found alone says nothing of the table's shape (a flattened table whose
            # labels were reordered may leave just one row where the template has it).
            row_shaped = len(lines) >= min(2, len(rows)) and all(len(b) == 1 for b in lines) and \
                len(set().union(*lines)) == len(lines)
            regions[rows[0].table_id] = TableRegion(rows[0].table_id, lo, hi, row_shaped)
            if row_shaped:
                continue
            for j in self._words_between(lo, hi):
                if self.owner[j] == UNCLAIMED:
                    self.owner[j] = TABLE
        return regions

    def _claim_header(self, rows: list[TemplateBlock], lo: int) -> None:
        """A table's header row names its columns and is not shared text, but an edition
        may keep it: its words, unclaimed just before the table's first row in the edition
        (whichever row stands there), are the table's."""
        keys = self.tpl.header_keys.get(rows[0].table_id, ())
        found = [m for m in (self.matches[r.index] for r in rows) if m is not None and m.first_word >= 0]
        if not keys or not found:
            return
        words = self._words_between(lo, min(m.start for m in found))
        header = range(max(words.start, words.stop - len(keys)), words.stop)
        if len(header) == len(keys) and all(self.owner[j] == UNCLAIMED for j in header) and \
                tuple(self.keys[j] for j in header) == keys:
            self.owner[header.start : header.stop] = [TABLE] * len(keys)

    def diffs(self, index: int) -> tuple[WordDiff, ...]:
        """The word differences of a located block. Between two matched words, the words
        left on each side are aligned once more on their own (the global pass may have
        given a word to a neighbouring block that was then found missing), so a diff never
        pairs a word with its own twin."""
        tpl, owner, ix, word_map_ = self.tpl, self.owner, self.ix, self.map
        block = tpl.blocks[index]
        match = self.matches[index]
        if ix.plain[index]:  # every word matched, one after another: no difference
            mapped = word_map_[block.first_word : block.last_word]
            if mapped[0] == match.first_word and mapped[-1] == match.last_word and \
                    mapped[-1] - mapped[0] == len(mapped) - 1 and -1 not in mapped:
                return ()
        pairs = [(i, word_map_[i]) for i in ix.literal[index] if word_map_[i] >= 0]
        is_slot = ix.is_slot
        result = []
        prev_i, prev_j = block.first_word - 1, match.first_word - 1
        for i, j in [*pairs, (block.last_word, match.last_word + 1)]:
            t_words = [x for x in range(prev_i + 1, i) if not is_slot[x]]
            e_words = [y for y in range(prev_j + 1, j) if owner[y] in (UNCLAIMED, index)
                       and not self._in_slot(index, y)]
            if t_words and e_words:
                result.extend(self._realign(index, t_words, e_words))
            elif t_words or e_words:
                result.append(_diff(t_words, e_words, i, j))
            prev_i, prev_j = i, j
        return tuple(d for d in result if not self._line_end_hyphen_only(index, d))

    def _line_end_hyphen_only(self, index: int, diff: WordDiff) -> bool:
        """Whether a difference is only a word broken by a hyphen at a line end (`inci-` /
        `dent` for `incident`): the same letters, split where a line ends in a hyphen. Its
        words are then the block's, as if matched; it is no difference to report."""
        if diff.t_end - diff.t_start != 1 or diff.e_end - diff.e_start < 2:
            return False
        words = range(diff.e_start, diff.e_end)
        if "".join(self.keys[j] for j in words) != self.ix.keys[diff.t_start]:
            return False
        if not all(_LINE_END_HYPHEN.fullmatch(self.text, self.ends[j], self.starts[j + 1]) for j in words[:-1]):
            return False
        for j in words:
            self.owner[j] = index
        return True

    def _realign(self, index: int, t_words: list[int], e_words: list[int]) -> list[WordDiff]:
        t_keys = [self.ix.keys[x] for x in t_words]
        e_keys = [self.keys[y] for y in e_words]
        result = []
        for tag, i1, i2, j1, j2 in Indel.opcodes(t_keys, e_keys):
            if tag == "equal":
                for d in range(i2 - i1):
                    self.map[t_words[i1 + d]] = e_words[j1 + d]
                    self.owner[e_words[j1 + d]] = index
                continue
            t_at = t_words[i1] if i1 < len(t_words) else t_words[-1] + 1
            e_at = e_words[j1] if j1 < len(e_words) else e_words[-1] + 1
            result.append(_diff(t_words[i1:i2], e_words[j1:j2], t_at, e_at))
        return _merge(result)

    def _in_slot(self, index: int, word: int) -> bool:
        start, end = self.starts[word], self.ends[word]
        return any(v.start <= start and end <= v.end for v in self.matches[index].slots)

    def _extend_edges(self, index: int) -> None:
        """When a block's first or last words were not matched (changed), take in the
        unclaimed words standing there in the same edition line, so that the diff shows
        what was written instead of leaving it as unexpected text."""
        literal = self.ix.literal[index]
        if self.map[literal[0]] >= 0 and self.map[literal[-1]] >= 0:
            return  # both ends matched: nothing to take in
        match = self.matches[index]
        leading = next((n for n, i in enumerate(literal) if self.map[i] >= 0), 0)
        trailing = next((n for n, i in enumerate(reversed(literal)) if self.map[i] >= 0), 0)
        first, last = match.first_word, match.last_word
        block_of = self.word_blocks
        while trailing and last + 1 < self.count and self.owner[last + 1] == UNCLAIMED \
                and block_of[last + 1] == block_of[match.last_word]:
            last, trailing = last + 1, trailing - 1
            self.owner[last] = index
        while leading and first > 0 and self.owner[first - 1] == UNCLAIMED \
                and block_of[first - 1] == block_of[match.first_word]:
            first, leading = first - 1, leading - 1
            self.owner[first] = index
        if (first, last) != (match.first_word, match.last_word):
            self.matches[index] = BlockMatch(
                index, match.status, match.score, first, last,
                min(match.start, self.starts[first]), max(match.end, self.ends[last]),
                match.diffs, match.slots)

    def finish(self) -> Alignment:
        for index, match in enumerate(self.matches):
            if index in self.exact:
                continue  # no edge to extend, no difference
            if match is not None and match.status in (Status.FOUND, Status.MOVED):
                self._extend_edges(index)
                self.record_diffs(index)
        for index in range(len(self.tpl.blocks)):
            if self.matches[index] is None:
                following = self.next_start(index)
                at = following if following < len(self.text) else self.neighbour_end(index)
                self.matches[index] = BlockMatch(index, Status.MISSING, 0.0, -1, -1, at, at)
        return Alignment(self.matches, self.map, self.owner)

    def record_diffs(self, index: int) -> None:
        """A located block's word differences, its words among them claimed: altered (or
        moved) when it has any."""
        match = self.matches[index]
        diffs = self.diffs(index)
        if not diffs:
            return  # the match stands as it is
        for d in diffs:
            for y in range(d.e_start, d.e_end):
                if self.owner[y] == UNCLAIMED:
                    self.owner[y] = index
        status = match.status if match.status is Status.MOVED else Status.ALTERED
        self.matches[index] = BlockMatch(index, status, match.score, match.first_word,
                                         match.last_word, match.start, match.end, diffs,
                                         match.slots)

    def _unclaimed_stretches(self) -> list[tuple[int, int]]:
        """(first, last) of each run of consecutive unclaimed words."""
        return runs_of(self.owner, UNCLAIMED)

    def unexpected(self, sections: list[int]) -> list[TextRun]:
        """Runs of consecutive unclaimed words."""
        return [TextRun(first, last, self.starts[first], self.ends[last], sections[first])
                for first, last in self._unclaimed_stretches()]

    def section_of_words(self) -> list[int]:
        """The template section each edition word falls in, by the located blocks before it."""
        current = self.tpl.blocks[0].section if self.tpl.blocks else -1
        starts = sorted((m.first_word, self.tpl.blocks[m.block].section)
                        for m in self.matches
                        if m is not None and m.status in (Status.FOUND, Status.ALTERED) and m.first_word >= 0)
        section: list[int] = []
        for first_word, block_section in starts:
            if first_word > len(section):
                section += [current] * (first_word - len(section))
            current = block_section
        section += [current] * (self.count - len(section))
        return section


def align(document: Document, template: Template) -> Alignment:
    aligner = Aligner(document, template)
    aligner.project()
    aligner.relocate()
    aligner.place_slot_only()
    for index in aligner.ix.slotted:
        match = aligner.matches[index]
        if match is not None:
            capture_slots(aligner, index, moved=match.status is Status.MOVED)
    aligner.claim_locals()
    regions = aligner.claim_tables()
    alignment = aligner.finish()
    alignment.duplicates = find_duplicates(aligner)
    take_in_heading_lines(aligner)
    alignment.word_sections = aligner.section_of_words()
    alignment.verbatim = verbatim_blocks(aligner)
    alignment.unexpected = aligner.unexpected(alignment.word_sections)
    alignment.table_regions = regions
    return alignment
