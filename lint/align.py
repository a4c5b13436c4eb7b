"""Alignment: the one place that fuzzy-diffs an edition against the template.

The whole edition and the whole template are compared as sequences of word keys (see
lint.words), so paragraph boundaries, re-wrapping, flattening, case, quotes, apostrophes
and hyphens do not matter to where a block is found.

1. Anchors: word k-grams (k = 4) that occur exactly once in the template and once in the
   edition. Chained by a longest increasing subsequence (patience sorting, O(a log a) for
   a anchors), they fix the diagonal of the alignment.
2. Gaps between consecutive anchors are aligned recursively with smaller k (2, then 1);
   a gap small enough (at most GAP_CELLS word pairs) is filled with rapidfuzz's
   `Indel.opcodes` over word lists. A gap that is still larger after k = 1 is left
   unmatched rather than paying a quadratic price: both texts then differ there anyway.
3. Each template block is projected through the word map: found (every word matched),
   altered (a word diff), or missing (too few of its words matched — see needed_words —
   or its matches scattered). Missing blocks are looked for among the edition words no
   block claimed (moved/displaced), by voting on shared word bigrams, then confirmed with
   Indel. Inside a located block, words left over between two matches are aligned once
   more on their own, so the word diff is as small as it can be.
4. Slots are captured between their matched neighbours with their type's pattern, in a
   region of at most SLOT_REGION characters (slot values are short; this keeps every slot
   pattern linear); `{{local}}` blocks claim the edition words between their located
   neighbours; what is left unclaimed outside every block is unexpected text.

Cost: tokenising is linear; anchoring is linear plus O(a log a); gap filling is bounded
by GAP_CELLS per gap, and the gaps are disjoint, so the total is linear in the edition
length for a fixed template. Per-template work (keys, anchor grams) is done once per
template. No step compares characters quadratically.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from rapidfuzz.distance import Indel

from lint.document import BlockKind, Document
from lint.template import Slot, Template, TemplateBlock

ANCHOR = 4                 # words in an anchor gram
GAP_CELLS = 2_000_000
SHORT_NEIGHBOUR_WORDS = 8  # a slot may run on into a following line only this short
SLOT_REGION = 400          # characters searched for a run of slots

UNCLAIMED = -1
LOCAL = -2
TABLE = -3
DUPLICATE = -4
MIN_DUPLICATE_WORDS = 6  # shorter blocks (headings) repeat innocently, e.g. in a contents list


class Status(StrEnum):
    FOUND = "found"
    ALTERED = "altered"
    MOVED = "moved"
    MISSING = "missing"
    LOCAL = "local"


IN_PLACE = (Status.FOUND, Status.ALTERED)


def needed_words(count: int, moved: bool = False) -> int:
    """How many of a block's `count` words must match for it to be found: nearly all of a
    short block (a few shared words such as "during 2009/10" turn up anywhere), half of a
    long one at its place, and more than half elsewhere (moved)."""
    if moved:
        return count if count < 5 else count - 1 if count < 10 else math.ceil(0.6 * count)
    if count <= 2:
        return count
    return count - 1 if count <= 5 else math.ceil(0.7 * count) if count < 10 else math.ceil(0.5 * count)


def end_before(matches, index: int) -> int:
    """Where the nearest block before `index` that was found at its place ends (0 if none)."""
    for match in reversed(matches[:index]):
        if match is not None and match.status in IN_PLACE:
            return match.end
    return 0


def start_after(matches, index: int, default: int) -> int:
    """Where the nearest block after `index` that was found at its place starts."""
    for match in matches[index + 1 :]:
        if match is not None and match.status in IN_PLACE:
            return match.start
    return default


@dataclass(frozen=True)
class WordDiff:
    """One difference inside a located block: template words [t_start, t_end) were
    written as edition words [e_start, e_end) (either side may be empty)."""

    t_start: int
    t_end: int
    e_start: int
    e_end: int


@dataclass(frozen=True)
class SlotValue:
    slot: Slot
    value: str | None   # the text matching the slot's type, or None
    raw: str            # what stood in the slot's place, stripped
    start: int          # edition offsets of value (or raw when value is None)
    end: int


@dataclass(frozen=True)
class BlockMatch:
    block: int
    status: Status
    score: float = 0.0               # matched words / template words
    first_word: int = -1             # edition word indices, inclusive; -1 when missing
    last_word: int = -1
    start: int = 0                   # edition offsets of the located text, or the
    end: int = 0                     # insertion point (start == end) when missing
    diffs: tuple[WordDiff, ...] = ()
    slots: tuple[SlotValue, ...] = ()

    @property
    def located(self) -> bool:
        return self.status in (Status.FOUND, Status.ALTERED, Status.MOVED)


@dataclass(frozen=True)
class TextRun:
    """Consecutive edition words that no template block claimed."""

    first_word: int
    last_word: int
    start: int
    end: int
    section: int  # template section (level-1 heading index) it lies in


@dataclass(frozen=True)
class Duplicate:
    """A second copy of a shared block, found among the words no block claimed."""

    block: int
    first_word: int
    last_word: int
    start: int
    end: int


@dataclass(frozen=True)
class TableRegion:
    """Where a template table stands in the edition (offsets), and whether its rows are
    one per line as in the template."""

    table_id: int
    start: int
    end: int
    row_shaped: bool


@dataclass
class Alignment:
    matches: list[BlockMatch]
    word_map: list[int]          # template word -> edition word, or -1
    owner: list[int]             # edition word -> template block, or UNCLAIMED/LOCAL/TABLE
    unexpected: list[TextRun] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    table_regions: dict[int, TableRegion] = field(default_factory=dict)
    word_sections: list[int] = field(default_factory=list)  # edition word -> template section
    memo: dict = field(default_factory=dict)  # readings derived from this alignment (lint.tables)

    def match(self, block: TemplateBlock | int) -> BlockMatch:
        return self.matches[block if isinstance(block, int) else block.index]

    def insertion_point(self, index: int) -> int:
        """Where template block `index` belongs in the edition: the start of the next block
        found at its place, or else the end of the previous one."""
        after = start_after(self.matches, index, -1)
        return after if after >= 0 else end_before(self.matches, index)

    def slot_values(self, name: str) -> list[SlotValue]:
        return [v for m in self.matches for v in m.slots if v.slot.name == name]


# --------------------------------------------------------------------------- word map


def _lis(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest chain of pairs increasing in both coordinates (pairs sorted by first)."""
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        at = bisect.bisect_left(tails, j)
        if at == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[at] = j
            tail_index[at] = index
        previous[index] = tail_index[at - 1] if at else -1
    chain = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    return chain[::-1]


@lru_cache(maxsize=8)
def _template_grams(keys: tuple[str, ...]) -> dict[tuple, int]:
    """The template's unique anchor grams, computed once per template and run."""
    return _unique_grams(keys, 0, len(keys), ANCHOR)


def _unique_grams(keys, lo: int, hi: int, k: int) -> dict[tuple, int]:
    counts: Counter = Counter(tuple(keys[i : i + k]) for i in range(lo, hi - k + 1))
    return {tuple(keys[i : i + k]): i for i in range(lo, hi - k + 1)
            if counts[tuple(keys[i : i + k])] == 1}


def _align_range(a, b, a_lo, a_hi, b_lo, b_hi, k, out, grams_a=None) -> None:
    """Append matched (i, j) pairs for a[a_lo:a_hi] against b[b_lo:b_hi], in order;
    grams_a, when given, are a's unique k-grams over that range (precomputed)."""
    if a_lo >= a_hi or b_lo >= b_hi:
        return
    cells = (a_hi - a_lo) * (b_hi - b_lo)
    if cells <= GAP_CELLS and (k <= 1 or cells <= 4096):
        for tag, i1, i2, j1, _ in Indel.opcodes(a[a_lo:a_hi], b[b_lo:b_hi]):
            if tag == "equal":
                out.extend((a_lo + i1 + d, b_lo + j1 + d) for d in range(i2 - i1))
        return
    if k == 0:
        return
    if grams_a is None:
        grams_a = _unique_grams(a, a_lo, a_hi, k)
    grams_b = _unique_grams(b, b_lo, b_hi, k)
    anchors = sorted((i, grams_b[g]) for g, i in grams_a.items() if g in grams_b)
    chain = _lis(anchors)
    if not chain:
        _align_range(a, b, a_lo, a_hi, b_lo, b_hi, k // 2, out)
        return
    ti, tj = a_lo, b_lo
    for i, j in chain:
        skip = max(ti - i, tj - j, 0)  # overlap with the previous anchor
        if skip >= k:
            continue
        _align_range(a, b, ti, i + skip, tj, j + skip, k // 2, out)
        out.extend((i + d, j + d) for d in range(skip, k))
        ti, tj = i + k, j + k
    _align_range(a, b, ti, a_hi, tj, b_hi, k // 2, out)


def word_map(template_keys: tuple[str, ...], edition_keys: list[str],
             template_blocks: tuple[int, ...] | None = None) -> list[int]:
    """For each template word, the edition word it aligns with, or -1. template_blocks (the
    block of each template word) lets matches be pulled together within a block."""
    pairs: list[tuple[int, int]] = []
    _align_range(template_keys, edition_keys, 0, len(template_keys), 0, len(edition_keys), ANCHOR, pairs,
                 _template_grams(template_keys))
    mapping = [-1] * len(template_keys)
    last_j = -1
    for i, j in pairs:
        if j > last_j and mapping[i] < 0:
            mapping[i] = j
            last_j = j
    if template_blocks is not None:
        _pull_together(mapping, template_keys, edition_keys, template_blocks)
    return mapping


def _pull_together(mapping: list[int], a, b, blocks) -> None:
    """Among equally long alignments, prefer the one that keeps a block's words together:
    a word matched far before its successor's match moves next to it when the same word
    stands there unmatched ("… with local schools. Brent: local police" — the heading's
    "local" is the second one)."""
    taken = set(mapping)
    for i in range(len(mapping) - 2, -1, -1):
        j, following = mapping[i], mapping[i + 1]
        if j >= 0 and following >= 0 and following - j > 1 and blocks[i] == blocks[i + 1]:
            closer = following - 1
            if b[closer] == a[i] and closer not in taken:
                taken.discard(j)
                taken.add(closer)
                mapping[i] = closer


# --------------------------------------------------------------------------- slots

_STRIP = " \t\r\n:;,.()-*|"
_GAP = r"[\s\W_]*"
_LAZY_GAP = r"[\s\W_]*?"


@lru_cache(maxsize=256)
def _compiled(pattern: str, how: str) -> re.Pattern:
    """A slot pattern placed in its region: `whole` fills the region (give or take
    punctuation), `prefix` starts it, `suffix` ends it, `any` stands anywhere in it."""
    if how == "prefix":
        return re.compile(_LAZY_GAP + "(" + pattern + ")")
    if how == "suffix":
        return re.compile("(" + pattern + ")" + _GAP + r"\Z")
    if how == "any":
        return re.compile(pattern)
    return re.compile(_LAZY_GAP + "(" + pattern + ")" + _GAP + r"\Z")


def _capture_run(text: str, lo: int, hi: int, slots: list[Slot], where: str) -> list[SlotValue]:
    """Capture a run of consecutive slots from text[lo:hi].

    where is "between" (the region lies between two matched words), "after" (the slots end
    their block: the region runs from a matched word to the end of the line or block) or
    "before" (the slots start their block). The whole region is tried first ("before": its
    end), then its start (a flattened edition runs on after the slot; a changed word may
    follow it). A slot whose type does not match gets value None and the text that stood
    there.
    """
    tries = {"between": ("whole", "prefix"), "after": ("whole", "prefix"), "before": ("suffix", "prefix")}[where]
    if where == "before":
        lo = max(lo, hi - SLOT_REGION)
    else:
        hi = min(hi, lo + SLOT_REGION)
    pattern = _LAZY_GAP.join("(" + s.type.bounded + ")" for s in slots)
    for how in tries:
        compiled = _compiled(pattern, how)
        found = compiled.search(text, lo, hi) if how == "suffix" else compiled.match(text, lo, hi)
        if found:
            return [SlotValue(slot, found.group(n), found.group(n), found.start(n), found.end(n))
                    for n, slot in enumerate(slots, start=2)]
    values = []
    cursor = lo
    for n, slot in enumerate(slots, start=1):  # slot by slot: keep what fits, report what does not
        found = _compiled(slot.type.bounded, "any").search(text, cursor, hi) if len(slots) > 1 else None
        if found:
            values.append(SlotValue(slot, found.group(0), found.group(0), found.start(), found.end()))
            cursor = found.end()
            continue
        raw_lo, raw_hi = (cursor, hi) if n == len(slots) else (cursor, cursor)
        if where == "after":
            line_end = text.find("\n", raw_lo, raw_hi)
            raw_hi = line_end if line_end >= 0 else raw_hi
        elif where == "before":
            raw_lo = max(raw_lo, text.rfind("\n", raw_lo, raw_hi) + 1)
        raw = text[raw_lo:raw_hi].strip(_STRIP)[:80]
        at = text.find(raw, raw_lo, raw_hi) if raw else raw_lo
        values.append(SlotValue(slot, None, raw, at, at + len(raw)))
    return values


# --------------------------------------------------------------------------- alignment


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


class _Aligner:
    """The working state of one alignment; `align` runs its steps in order."""

    def __init__(self, document: Document, template: Template):
        self.doc = document
        self.tpl = template
        self.text = document.text
        self.words = document.words
        self.map = word_map(template.keys, [w.key for w in document.words], template.word_blocks)
        self.owner = [UNCLAIMED] * len(document.words)
        self.matches: list[BlockMatch | None] = [None] * len(template.blocks)

    # -- helpers
    def _block_bounds(self, word: int) -> tuple[int, int]:
        block = self.doc.blocks[self.words[word].block]
        return block.content_start, block.end

    def _neighbour_end(self, index: int) -> int:
        return end_before(self.matches, index)

    def _next_start(self, index: int) -> int:
        return start_after(self.matches, index, len(self.text))

    def _key_words_matched(self, block: TemplateBlock) -> bool:
        """A table row is only that row when its label (first cell) matched in full."""
        literal = self.tpl.literal_words(block)[: block.key_words]
        return all(self.map[i] >= 0 for i in literal)

    # -- projection
    def project(self) -> None:
        tpl = self.tpl
        doubtful: list[tuple[TemplateBlock, list[int]]] = []
        for block in tpl.blocks:
            if block.local or block.first_word == block.last_word:
                continue
            literal = tpl.literal_words(block)
            if block.kind is BlockKind.LIST_ITEM:
                self._keep_to_one_item(literal)
            self._drop_stray_ends(literal)
            mapped = [self.map[i] for i in literal if self.map[i] >= 0]
            if not mapped or mapped[-1] - mapped[0] + 1 > 2 * len(block.word_range) + 3:
                continue  # nothing, or scattered matches: not this block
            if not self._key_words_matched(block) or 2 * len(mapped) < len(literal):
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
        for i, (word, j) in enumerate(zip(tpl.words, self.map)):
            if j >= 0 and self.matches[word.block] is None:
                self.map[i] = -1  # words of blocks not found are free for relocation

    def _drop_stray_ends(self, literal: list[int]) -> None:
        """Free a word or two matched in another paragraph across unmatched words — the global
        pass may pair a heading's "local" with a "local" in the borough's text before it."""
        pairs = [(i, self.map[i]) for i in literal if self.map[i] >= 0]
        segments: list[list[int]] = []
        for n, (i, j) in enumerate(pairs):
            previous = pairs[n - 1][1] if n else None
            if previous is None or (j - previous > 1 and self.words[j].block != self.words[previous].block):
                segments.append([])
            segments[-1].append(i)
        if len(segments) < 2:
            return
        largest = max(segments, key=len)
        for segment in segments:
            if segment is not largest and len(segment) <= 2 < len(largest):
                for i in segment:
                    self.map[i] = -1

    def _keep_to_one_item(self, literal: list[int]) -> None:
        """A list item is one item of the edition too: when its words were matched across
        several edition list items (an item repeated, or two run together), keep the item
        holding most of them and free the rest."""
        blocks = Counter(self.words[self.map[i]].block for i in literal if self.map[i] >= 0)
        if len(blocks) < 2:
            return
        best = blocks.most_common(1)[0][0]
        if self.doc.blocks[best].kind is not BlockKind.LIST_ITEM:
            return
        for i in literal:
            if self.map[i] >= 0 and self.words[self.map[i]].block != best:
                self.map[i] = -1

    def _found(self, block: TemplateBlock, mapped: list[int]) -> None:
        literal = self.tpl.literal_words(block)
        self.matches[block.index] = BlockMatch(
            block.index, Status.FOUND, len(mapped) / len(literal), mapped[0], mapped[-1],
            self.words[mapped[0]].start, self.words[mapped[-1]].end)
        for i in literal:
            if self.map[i] >= 0:
                self.owner[self.map[i]] = block.index

    def capture_slots(self, index: int, moved: bool = False) -> None:
        tpl, text = self.tpl, self.text
        block = tpl.blocks[index]
        match = self.matches[index]
        runs: list[list[int]] = []
        for i in block.word_range:
            if tpl.words[i].slot is None:
                continue
            if runs and runs[-1][-1] == i - 1:
                runs[-1].append(i)
            else:
                runs.append([i])
        values: list[SlotValue] = []
        for run in runs:
            before = next((self.map[i] for i in range(run[0] - 1, block.first_word - 1, -1)
                           if self.map[i] >= 0), -1)
            after = next((self.map[i] for i in range(run[-1] + 1, block.last_word)
                          if self.map[i] >= 0), -1)
            slots = [tpl.words[i].slot for i in run]
            if before >= 0 and after >= 0:
                lo, hi, where = self.words[before].end, self.words[after].start, "between"
            elif before >= 0:
                lo = self.words[before].end
                hi = self._block_bounds(before)[1]
                if before + 1 < len(self.words) and not self.text[lo:hi].strip(_STRIP):
                    # Nothing after the last word on this line: the slot may stand on the next
                    # line (a title split over two lines), if that line is short.
                    following = self.words[before + 1].block
                    if len(self.doc.block_words[following]) <= SHORT_NEIGHBOUR_WORDS:
                        hi = self._block_bounds(before + 1)[1]
                if not moved:
                    hi = min(hi, max(lo, self._next_start(index)))
                where = "after"
            elif after >= 0:
                hi = self.words[after].start
                lo = self._block_bounds(after)[0]
                if not moved:
                    lo = max(lo, min(hi, self._neighbour_end(index)))
                where = "before"
            else:
                continue
            values.extend(_capture_run(text, lo, hi, slots, where))
        start = min([self.words[match.first_word].start] + [v.start for v in values if v.raw])
        end = max([self.words[match.last_word].end] + [v.end for v in values if v.raw])
        self.matches[index] = BlockMatch(index, match.status, match.score, match.first_word,
                                         match.last_word, start, end, (), tuple(values))
        for value in values:  # a slot's words are its block's, fitting its type or not
            for j in self._words_between(value.start, value.end):
                if self.owner[j] == UNCLAIMED:
                    self.owner[j] = index

    def _words_between(self, start: int, end: int) -> range:
        return self.doc.words_in(start, end)

    def claim_locals(self) -> None:
        for block in self.tpl.blocks:
            if not block.local:
                continue
            lo, hi = self._neighbour_end(block.index), self._next_start(block.index)
            for j in self._words_between(lo, hi):
                if self.owner[j] == UNCLAIMED:
                    self.owner[j] = LOCAL
            self.matches[block.index] = BlockMatch(block.index, Status.LOCAL, 1.0, -1, -1, lo, max(lo, hi))

    def relocate(self) -> None:
        """Look for missing blocks among unclaimed edition words."""
        owner, words = self.owner, self.words
        bigrams: dict[tuple[str, str], list[int]] = defaultdict(list)
        for j in range(len(words) - 1):
            if owner[j] == UNCLAIMED and owner[j + 1] == UNCLAIMED:
                bigrams[(words[j].key, words[j + 1].key)].append(j)
        for block in self.tpl.blocks:
            if block.local or self.matches[block.index] is not None:
                continue
            literal = self.tpl.literal_words(block)
            if len(literal) < 2:
                continue
            keys = [self.tpl.words[i].key for i in literal]
            votes: Counter = Counter()
            for x in range(len(keys) - 1):
                for j in bigrams.get((keys[x], keys[x + 1]), ()):
                    if owner[j] == UNCLAIMED:
                        votes[j - x] += 1
            if not votes:
                continue
            offset = votes.most_common(1)[0][0]
            lo = max(0, offset - 3)
            hi = min(len(words), offset + len(keys) + 3)
            window = [j for j in range(lo, hi) if owner[j] == UNCLAIMED]
            pairs = []
            for tag, i1, i2, j1, _ in Indel.opcodes(keys, [words[j].key for j in window]):
                if tag == "equal":
                    pairs.extend((literal[i1 + d], window[j1 + d]) for d in range(i2 - i1))
            need = needed_words(len(keys), moved=True)
            if len(pairs) < max(2, need) or pairs[-1][1] - pairs[0][1] + 1 > 2 * len(keys) - need + 2:
                continue  # too few words, or scattered: not this block
            matched = {i for i, _ in pairs}
            if not all(i in matched for i in literal[: block.key_words]):
                continue
            first, last = pairs[0][1], pairs[-1][1]
            start, end = words[first].start, words[last].end
            in_place = self._neighbour_end(block.index) <= start and end <= self._next_start(block.index)
            for i, j in pairs:
                self.map[i] = j
                owner[j] = block.index
            self.matches[block.index] = BlockMatch(
                block.index, Status.FOUND if in_place else Status.MOVED, len(pairs) / len(keys),
                first, last, start, end)

    def claim_tables(self) -> dict[int, TableRegion]:
        """Record where each table stands. When its rows are not one per line (a flattened
        edition) or some are missing, the words left unclaimed between its located
        neighbours belong to the table, and the table rules read that region."""
        regions = {}
        for rows in self.tpl.tables():
            lo = self._neighbour_end(rows[0].index)
            hi = max(lo, self._next_start(rows[-1].index))
            lines = [{self.words[j].block for j in range(m.first_word, m.last_word + 1)}
                     for m in (self.matches[r.index] for r in rows) if m is not None]
            row_shaped = bool(lines) and all(len(b) == 1 for b in lines) and \
                len(set().union(*lines)) == len(lines)
            regions[rows[0].table_id] = TableRegion(rows[0].table_id, lo, hi, row_shaped)
            if row_shaped:
                continue
            for j in self._words_between(lo, hi):
                if self.owner[j] == UNCLAIMED:
                    self.owner[j] = TABLE
        return regions

    def diffs(self, index: int) -> tuple[WordDiff, ...]:
        """The word differences of a located block. Between two matched words, the words
        left on each side are aligned once more on their own (the global pass may have
        given a word to a neighbouring block that was then found missing), so a diff never
        pairs a word with its own twin."""
        tpl, owner = self.tpl, self.owner
        block = tpl.blocks[index]
        match = self.matches[index]
        pairs = [(i, self.map[i]) for i in block.word_range
                 if tpl.words[i].slot is None and self.map[i] >= 0]
        result = []
        prev_i, prev_j = block.first_word - 1, match.first_word - 1
        for i, j in [*pairs, (block.last_word, match.last_word + 1)]:
            t_words = [x for x in range(prev_i + 1, i) if tpl.words[x].slot is None]
            e_words = [y for y in range(prev_j + 1, j) if owner[y] in (UNCLAIMED, index)
                       and not self._in_slot(index, y)]
            if t_words and e_words:
                result.extend(self._realign(index, t_words, e_words))
            elif t_words or e_words:
                result.append(_diff(t_words, e_words, i, j))
            prev_i, prev_j = i, j
        return tuple(result)

    def _realign(self, index: int, t_words: list[int], e_words: list[int]) -> list[WordDiff]:
        t_keys = [self.tpl.words[x].key for x in t_words]
        e_keys = [self.words[y].key for y in e_words]
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
        w = self.words[word]
        return any(v.start <= w.start and w.end <= v.end for v in self.matches[index].slots)

    def _extend_edges(self, index: int) -> None:
        """When a block's first or last words were not matched (changed), take in the
        unclaimed words standing there in the same edition line, so that the diff shows
        what was written instead of leaving it as unexpected text."""
        match, literal = self.matches[index], self.tpl.literal_words(self.tpl.blocks[index])
        leading = next((n for n, i in enumerate(literal) if self.map[i] >= 0), 0)
        trailing = next((n for n, i in enumerate(reversed(literal)) if self.map[i] >= 0), 0)
        first, last = match.first_word, match.last_word
        block_of = lambda j: self.words[j].block  # noqa: E731
        while trailing and last + 1 < len(self.words) and self.owner[last + 1] == UNCLAIMED \
                and block_of(last + 1) == block_of(match.last_word):
            last, trailing = last + 1, trailing - 1
            self.owner[last] = index
        while leading and first > 0 and self.owner[first - 1] == UNCLAIMED \
                and block_of(first - 1) == block_of(match.first_word):
            first, leading = first - 1, leading - 1
            self.owner[first] = index
        if (first, last) != (match.first_word, match.last_word):
            self.matches[index] = BlockMatch(
                index, match.status, match.score, first, last,
                min(match.start, self.words[first].start), max(match.end, self.words[last].end),
                match.diffs, match.slots)

    def finish(self) -> Alignment:
        for index, match in enumerate(self.matches):
            if match is not None and match.status in (Status.FOUND, Status.MOVED):
                self._extend_edges(index)
                match = self.matches[index]
                diffs = self.diffs(index)
                for d in diffs:
                    for y in range(d.e_start, d.e_end):
                        if self.owner[y] == UNCLAIMED:
                            self.owner[y] = index
                status = match.status if match.status is Status.MOVED or not diffs else Status.ALTERED
                self.matches[index] = BlockMatch(index, status, match.score, match.first_word,
                                                 match.last_word, match.start, match.end, diffs,
                                                 match.slots)
        for index in range(len(self.tpl.blocks)):
            if self.matches[index] is None:
                following = self._next_start(index)
                at = following if following < len(self.text) else self._neighbour_end(index)
                self.matches[index] = BlockMatch(index, Status.MISSING, 0.0, -1, -1, at, at)
        return Alignment(self.matches, self.map, self.owner)

    def duplicates(self) -> list[Duplicate]:
        """Second copies of shared blocks among the unclaimed words: each unclaimed stretch
        votes, by shared bigrams, for the block it resembles most; a match confirmed as for
        a moved block claims its words."""
        tpl, words, owner = self.tpl, self.words, self.owner
        found: list[Duplicate] = []
        for first, last in self._unclaimed_stretches():
            while last - first + 1 >= MIN_DUPLICATE_WORDS:
                votes: Counter = Counter()
                for j in range(first, last):
                    for i in tpl.bigrams.get((words[j].key, words[j + 1].key), ()):
                        votes[(tpl.words[i].block, j - (i - tpl.blocks[tpl.words[i].block].first_word))] += 1
                candidates = [(count, key) for key, count in votes.items()
                              if len(tpl.literal_words(tpl.blocks[key[0]])) >= MIN_DUPLICATE_WORDS]
                if not candidates:
                    break
                _, (block_index, offset) = max(candidates)
                literal = tpl.literal_words(tpl.blocks[block_index])
                lo, hi = max(first, offset - 3), min(last + 1, offset + len(literal) + 3)
                keys = [tpl.words[i].key for i in literal]
                pairs = [(lo + j1 + d) for tag, i1, i2, j1, _ in Indel.opcodes(keys, [w.key for w in words[lo:hi]])
                         if tag == "equal" for d in range(i2 - i1)]
                if len(pairs) < needed_words(len(literal), moved=True):
                    break
                found.append(Duplicate(block_index, pairs[0], pairs[-1], words[pairs[0]].start, words[pairs[-1]].end))
                for j in range(pairs[0], pairs[-1] + 1):
                    owner[j] = DUPLICATE
                if pairs[0] - first >= pairs[-1] - last:
                    last = pairs[0] - 1    # look on in the longer remaining part
                else:
                    first = pairs[-1] + 1
        return found

    def _unclaimed_stretches(self) -> list[tuple[int, int]]:
        stretches, first = [], None
        for j in range(len(self.words) + 1):
            free = j < len(self.words) and self.owner[j] == UNCLAIMED
            if free and first is None:
                first = j
            elif not free and first is not None:
                stretches.append((first, j - 1))
                first = None
        return stretches

    def unexpected(self, sections: list[int]) -> list[TextRun]:
        return [TextRun(first, last, self.words[first].start, self.words[last].end, sections[first])
                for first, last in self._unclaimed_stretches()]

    def section_of_words(self) -> list[int]:
        """The template section each edition word falls in, by the located blocks before it."""
        section = [-1] * len(self.words)
        current = self.tpl.blocks[0].section if self.tpl.blocks else -1
        starts = sorted((m.first_word, self.tpl.blocks[m.block].section)
                        for m in self.matches
                        if m is not None and m.status in (Status.FOUND, Status.ALTERED) and m.first_word >= 0)
        k = 0
        for j in range(len(self.words)):
            while k < len(starts) and starts[k][0] <= j:
                current = starts[k][1]
                k += 1
            section[j] = current
        return section


def align(document: Document, template: Template) -> Alignment:
    aligner = _Aligner(document, template)
    aligner.project()
    aligner.relocate()
    for match in aligner.matches:
        if match is not None:
            aligner.capture_slots(match.block, moved=match.status is Status.MOVED)
    aligner.claim_locals()
    regions = aligner.claim_tables()
    alignment = aligner.finish()
    alignment.word_sections = aligner.section_of_words()
    alignment.duplicates = aligner.duplicates()
    alignment.unexpected = aligner.unexpected(alignment.word_sections)
    alignment.table_regions = regions
    return alignment
