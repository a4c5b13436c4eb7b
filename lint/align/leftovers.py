"""The words no block claimed and local text: second copies of shared blocks among them
(Duplicate), found by voting on the template's word bigrams and confirmed with Indel, and
the template's headings standing again as headings."""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import Counter
from itertools import accumulate, compress, repeat
from operator import attrgetter, is_

from rapidfuzz.distance import Indel

from canonlint.align.model import DUPLICATE, LOCAL, UNCLAIMED, Duplicate, needed_words
from canonlint.align.state import MIN_DUPLICATE_WORDS, Aligner, runs_of
from canonlint.document import BlockKind


_KIND = attrgetter("kind")


def find_duplicates(aligner: Aligner) -> list[Duplicate]:
    """Second copies of shared blocks among the words no block claimed and in local text (a
    shared paragraph pasted into a local section is still pasted twice): the template's
    headings that stand again as headings of the edition, then the longer blocks."""
    return _repeated_headings(aligner) + _repeated_blocks(aligner)


def _repeated_headings(aligner: Aligner) -> list[Duplicate]:
    """The edition's headings, outside every template block, that read again as template
    headings found at their places: a document pasted a second time under its first copy.
    Only a run of at least two, in the template's order, that holds a heading of the
    template's top level is a copy: a sub-heading repeated in local text (`### Added` under
    each release) repeats a pattern, and a heading's words in prose or in a list (a list of
    contents) are no heading."""
    doc, owner, headings, blocks = aligner.doc, aligner.owner, aligner.ix.heading_blocks, aligner.tpl.blocks
    again: list[tuple[int, range]] = []  # (template heading, edition words) in edition order
    # The edition's headings picked out at C speed: a plain text edition has none.
    for index in compress(range(len(doc.blocks)), map(is_, map(_KIND, doc.blocks), repeat(BlockKind.HEADING))):
        words = doc.block_words[index]
        if not words:
            continue
        template_block = headings.get(doc.keys[words.start : words.stop])
        if template_block is not None and aligner.matches[template_block] is not None \
                and aligner.matches[template_block].located \
                and all(owner[j] in (UNCLAIMED, LOCAL) for j in words):
            again.append((template_block, words))
    if not again:
        return []
    top = min((b.level for b in blocks if b.kind is BlockKind.HEADING), default=0)
    runs: list[list[tuple[int, range]]] = []
    for heading in again:
        if runs and runs[-1][-1][0] < heading[0]:
            runs[-1].append(heading)
        else:
            runs.append([heading])
    found: list[Duplicate] = []
    for run in runs:
        if len(run) < 2 or all(blocks[template_block].level != top for template_block, _ in run):
            continue
        for template_block, words in run:
            found.append(Duplicate(template_block, words.start, words.stop - 1,
                                   doc.blocks[doc.word_blocks[words.start]].start,  # its marker with it
                                   aligner.ends[words.stop - 1]))
            owner[words.start : words.stop] = [DUPLICATE] * len(words)
    return found


def _repeated_blocks(aligner: Aligner) -> list[Duplicate]:
    """Second copies of the longer shared blocks: each unclaimed or local stretch
    votes, by shared bigrams, for the block it resembles most; a match confirmed as for
    a moved block (in local text: the block whole, word for word but for its slots' values,
    not the borough's own sentence that borrows most of its words) claims its words, and
    the stretch is searched on on the longer side.
    The votes of a stretch are counted once and taken back as it shrinks (both at C
    speed: a long edition leaves stretches of many thousand words); the first pick is the
    best of them, and the picks after it are kept in a heap (a lowered count is corrected
    when it reaches the top), so a long stretch with many copies costs O(n log n), not
    O(n²), and a stretch with none (most local text) makes no heap."""
    ix, keys, owner = aligner.ix, aligner.keys, aligner.owner
    found: list[Duplicate] = []
    stretches = [(run, False) for run in runs_of(owner, UNCLAIMED)] + [(run, True) for run in runs_of(owner, LOCAL)]
    for (first, last), local in stretches:
        if last - first + 1 < MIN_DUPLICATE_WORDS:
            continue
        ballot = _Ballot(ix.duplicate_bigrams, keys, first, last)
        while last - first + 1 >= MIN_DUPLICATE_WORDS:
            ballot.shrink(first, last)
            best = ballot.best()
            if best is None:
                break
            block_index, offset = best
            literal = ix.literal[block_index]
            lo, hi = max(first, offset - 3), min(last + 1, offset + len(literal) + 3)
            pairs = [(lo + j1 + d) for tag, i1, i2, j1, _ in Indel.opcodes(ix.literal_keys[block_index], keys[lo:hi])
                     if tag == "equal" for d in range(i2 - i1)]
            if len(pairs) < needed_words(len(literal), moved=True) or \
                    local and not _whole_copy(pairs, len(literal), len(aligner.tpl.blocks[block_index].word_range)):
                break
            found.append(Duplicate(block_index, pairs[0], pairs[-1], aligner.starts[pairs[0]], aligner.ends[pairs[-1]]))
            owner[pairs[0] : pairs[-1] + 1] = [DUPLICATE] * (pairs[-1] + 1 - pairs[0])
            if pairs[0] - first >= pairs[-1] - last:
                last = pairs[0] - 1    # look on in the longer remaining part
            else:
                first = pairs[-1] + 1
    return found


class _Ballot:
    """The votes of a stretch of words first..last: word j votes, by its bigram with the
    next word, for each (block, where the block would start) that bigram stands at in the
    template. The words with a vote (few of local text's) are picked out at C speed: word
    voting[n] casts cast[bounds[n]:bounds[n + 1]]. A count is votes[key] - withdrawn[key]."""

    def __init__(self, bigrams: dict, keys, first: int, last: int) -> None:
        places = list(map(bigrams.get, zip(keys[first:last], keys[first + 1 : last + 1]), repeat(())))
        self.voting = list(compress(range(first, last), places))
        self.places = list(filter(None, places))
        self.cast = [(block, j - offset) for j, at in zip(self.voting, self.places) for block, offset in at]
        self.votes, self.withdrawn = Counter(self.cast), Counter()
        self.bounds: list[int] = []  # made when votes are first taken back
        self.heap: list[tuple[int, int, int]] = []
        self.picks = 0
        self.voting_from, self.voting_to = first, last  # words j in [from, to) have their votes in

    def shrink(self, first: int, last: int) -> None:
        """Take back the votes of the words no longer in the stretch first..last."""
        if first <= self.voting_from and last >= self.voting_to:
            return
        self.bounds = self.bounds or list(accumulate(map(len, self.places), initial=0))
        if first > self.voting_from:
            self._withdraw(self.voting_from, first)
            self.voting_from = first
        if last < self.voting_to:
            self._withdraw(last, self.voting_to)
            self.voting_to = last

    def _withdraw(self, start: int, stop: int) -> None:
        """Take back the votes of words [start, stop), at C speed."""
        self.withdrawn.update(self.cast[self.bounds[bisect_left(self.voting, start)] :
                                        self.bounds[bisect_left(self.voting, stop)]])

    def best(self) -> tuple[int, int] | None:
        """The (block, offset) with the most votes (then the highest block and offset), or
        None when none is left. The first pick, most often the only one, is the best of all
        votes; the picks after it come from a heap of each count as first cast, a count
        since lowered corrected when it reaches the top."""
        self.picks += 1
        votes, withdrawn, heap = self.votes, self.withdrawn, self.heap
        if self.picks == 1:
            return max(zip(votes.values(), votes.keys()))[1] if votes else None
        if self.picks == 2:
            heap += [(-count, -key[0], -key[1]) for key, count in votes.items()]
            heapq.heapify(heap)
        while heap:
            key = (-heap[0][1], -heap[0][2])
            count = votes[key] - withdrawn[key]
            if count == -heap[0][0]:
                return key
            heapq.heappop(heap)  # a count since lowered: put back as it is
            if count:
                heapq.heappush(heap, (-count, -key[0], -key[1]))
        return None


SLOT_VALUE_WORDS = 3  # words a slot's value may take in a whole copy of its block


def _whole_copy(pairs: list[int], literal: int, words: int) -> bool:
    """Whether the edition words `pairs` matched are every literal word of a block of
    `words` template words, with no more between them than its slots' values may take."""
    return len(pairs) == literal and pairs[-1] - pairs[0] + 1 <= literal + SLOT_VALUE_WORDS * (words - literal)
