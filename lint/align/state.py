"""The aligner's working state (canonlint.align): what every step reads of the template
(TemplateIndex, built once per template) and the Aligner, one edition's word map, word
owners and block matches so far, with the few moves every step makes (a block found, words
given to a block, the place between located neighbours). The steps are functions of it in
projection, slot_capture, claims, word_diffs, leftovers, heading_lines and verbatim;
pipeline runs them in order."""

from __future__ import annotations

from itertools import compress, repeat
from operator import is_

from canonlint.align.kernel import alike_blocks, word_map
from canonlint.align.model import UNCLAIMED, BlockMatch, Status, end_before, start_after
from canonlint.align.slot_patterns import run_pattern
from canonlint.document import BlockKind, Document
from canonlint.template import Template, TemplateBlock
from canonlint.words import block_signature

MIN_DUPLICATE_WORDS = 6  # shorter blocks (headings) repeat innocently, e.g. in a contents list


def runs_of(values: list[int], value: int) -> list[tuple[int, int]]:
    """(first, last) of each run of `value` in values. Each run's start is found by
    list.index and its end by galloping over slices counted at C speed, so the cost is a
    C-speed pass plus a few Python steps per run: most words of an edition belong to a
    block and its leftovers are a few short runs, while an edition made of copies of
    another has runs of thousands."""
    runs = []
    find, size = values.index, len(values)
    first = 0
    while True:
        try:
            first = find(value, first)
        except ValueError:
            return runs
        stop = _run_stop(values, value, first, size)
        runs.append((first, stop - 1))
        first = stop


def _run_stop(values: list[int], value: int, first: int, size: int) -> int:
    """The end (exclusive) of the run of `value` that starts at values[first]: galloping
    while whole slices are `value`, then bisection, each step a C-speed count."""
    lo, step = first + 1, 1  # values[first:lo] are all `value`
    while lo < size and values[lo] == value:
        hi = min(lo + step, size)
        if values[lo:hi].count(value) != hi - lo:
            break
        lo, step = hi, step * 2
    else:
        return lo
    while hi - lo > 1:  # values[lo] is `value`; something in values[lo:hi] is not
        mid = (lo + hi) // 2
        if values[lo:mid].count(value) == mid - lo:
            lo = mid
        else:
            hi = mid
    return lo


class TemplateIndex:
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
        self.block_signatures = {block_signature(key): words for key, words in self.block_keys.items()}
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
        self.run_slots = [[([words[i].slot for i in run], run_pattern([words[i].slot for i in run]))
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
        self.headings = [b for b in template.blocks if b.kind is BlockKind.HEADING]
        self.slotted = [b.index for b, runs in zip(template.blocks, self.slot_runs) if runs]
        self.slot_only = [i for i in self.slotted if not self.literal[i] and not template.blocks[i].local]
        self.tables = template.tables()


def template_index(template: Template) -> TemplateIndex:
    """The template's index, built on first use and kept with the template."""
    return template.reading("align.index", TemplateIndex)


class Aligner:
    """The working state of one alignment; canonlint.align.pipeline runs its steps in
    order. Edition words are read from the Document's arrays (keys, starts, ends,
    word_blocks)."""

    def __init__(self, document: Document, template: Template):
        self.doc = document
        self.tpl = template
        self.ix = template_index(template)
        self.text = document.text
        self.keys = document.keys
        self.starts = document.starts
        self.ends = document.ends
        self.word_blocks = document.word_blocks
        self.count = len(document.keys)
        self.same = alike_blocks(self.ix.block_signatures, document.keys, document.block_words,
                                 signatures=document.block_signatures)
        self.map = word_map(template.keys, document.keys, template.word_blocks, self.same)
        self.owner = [UNCLAIMED] * self.count
        self.matches: list[BlockMatch | None] = [None] * len(template.blocks)
        self.exact: set[int] = set()  # blocks whose every word matched in sequence

    def block_bounds(self, word: int) -> tuple[int, int]:
        """(content start, end) of the edition block holding word."""
        block = self.doc.blocks[self.word_blocks[word]]
        return block.content_start, block.end

    def neighbour_end(self, index: int) -> int:
        """Where the nearest block before `index` found at its place ends."""
        return end_before(self.matches, index)

    def next_start(self, index: int) -> int:
        """Where the nearest block after `index` found at its place starts."""
        return start_after(self.matches, index, len(self.text))

    def own(self, words: list[int], index: int) -> None:
        """Give edition words (increasing) to a block."""
        if words[-1] - words[0] + 1 == len(words):
            self.owner[words[0] : words[-1] + 1] = [index] * len(words)
        else:
            for j in words:
                self.owner[j] = index

    def claim_free(self, words: range, owner: int) -> None:
        """Give the words of a range that no block has claimed yet to owner (a block, LOCAL):
        in one slice when all are free, the usual case (counted at C speed)."""
        taken = self.owner[words.start : words.stop]
        if taken.count(UNCLAIMED) == len(taken):
            self.owner[words.start : words.stop] = [owner] * len(taken)
        else:
            self.owner[words.start : words.stop] = [owner if o == UNCLAIMED else o for o in taken]

    def blocks_not_found(self) -> list[TemplateBlock]:
        """The template blocks no step has found (yet), in order: picked at C speed."""
        return list(compress(self.tpl.blocks, map(is_, self.matches, repeat(None))))

    def found_whole(self, index: int, first: int, last: int) -> None:
        """Block `index` found as edition words first..last, every word in sequence."""
        self.matches[index] = BlockMatch(index, Status.FOUND, 1.0, first, last, self.starts[first], self.ends[last])
        self.owner[first : last + 1] = [index] * (last + 1 - first)
        self.exact.add(index)

    def found(self, block: TemplateBlock, mapped: list[int]) -> None:
        """Block found as the edition words mapped (increasing), not all in sequence."""
        self.matches[block.index] = BlockMatch(
            block.index, Status.FOUND, len(mapped) / len(self.ix.literal[block.index]), mapped[0], mapped[-1],
            self.starts[mapped[0]], self.ends[mapped[-1]])
        self.own(mapped, block.index)

    def words_between(self, start: int, end: int) -> range:
        """Indices of the edition words that start within [start, end)."""
        return self.doc.words_in(start, end)
