"""Word differences of located blocks (canonlint.align): between two matched words, the
words left on each side aligned once more on their own; a word broken by a hyphen at a line
end is no difference; a block's changed first or last words take in what stands there."""

from __future__ import annotations

import re

from rapidfuzz.distance import Indel

from canonlint.align.model import UNCLAIMED, BlockMatch, Status, WordDiff
from canonlint.align.state import Aligner


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


def block_diffs(aligner: Aligner, index: int) -> tuple[WordDiff, ...]:
    """The word differences of a located block. Between two matched words, the words
    left on each side are aligned once more on their own (the global pass may have
    given a word to a neighbouring block that was then found missing), so a diff never
    pairs a word with its own twin."""
    tpl, owner, ix, word_map_ = aligner.tpl, aligner.owner, aligner.ix, aligner.map
    block = tpl.blocks[index]
    match = aligner.matches[index]
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
        if i == prev_i + 1 and j == prev_j + 1:  # next to each other on both sides: nothing between
            prev_i, prev_j = i, j
            continue
        t_words = [x for x in range(prev_i + 1, i) if not is_slot[x]]
        e_words = [y for y in range(prev_j + 1, j) if owner[y] in (UNCLAIMED, index)
                   and not _in_slot(aligner, index, y)]
        if t_words and e_words:
            result.extend(_realign(aligner, index, t_words, e_words))
        elif t_words or e_words:
            result.append(_diff(t_words, e_words, i, j))
        prev_i, prev_j = i, j
    return tuple(d for d in result if not _line_end_hyphen_only(aligner, index, d))


def _line_end_hyphen_only(aligner: Aligner, index: int, diff: WordDiff) -> bool:
    """Whether a difference is only a word broken by a hyphen at a line end (`inci-` /
    `dent` for `incident`): the same letters, split where a line ends in a hyphen. Its
    words are then the block's, as if matched; it is no difference to report."""
    if diff.t_end - diff.t_start != 1 or diff.e_end - diff.e_start < 2:
        return False
    words = range(diff.e_start, diff.e_end)
    if "".join(aligner.keys[j] for j in words) != aligner.ix.keys[diff.t_start]:
        return False
    if not all(_LINE_END_HYPHEN.fullmatch(aligner.text, aligner.ends[j], aligner.starts[j + 1]) for j in words[:-1]):
        return False
    for j in words:
        aligner.owner[j] = index
    return True


def _realign(aligner: Aligner, index: int, t_words: list[int], e_words: list[int]) -> list[WordDiff]:
    t_keys = [aligner.ix.keys[x] for x in t_words]
    e_keys = [aligner.keys[y] for y in e_words]
    result = []
    for tag, i1, i2, j1, j2 in Indel.opcodes(t_keys, e_keys):
        if tag == "equal":
            for d in range(i2 - i1):
                aligner.map[t_words[i1 + d]] = e_words[j1 + d]
                aligner.owner[e_words[j1 + d]] = index
            continue
        t_at = t_words[i1] if i1 < len(t_words) else t_words[-1] + 1
        e_at = e_words[j1] if j1 < len(e_words) else e_words[-1] + 1
        result.append(_diff(t_words[i1:i2], e_words[j1:j2], t_at, e_at))
    return _merge(result)


def _in_slot(aligner: Aligner, index: int, word: int) -> bool:
    start, end = aligner.starts[word], aligner.ends[word]
    return any(v.start <= start and end <= v.end for v in aligner.matches[index].slots)


def extend_edges(aligner: Aligner, index: int) -> None:
    """When a block's first or last words were not matched (changed), take in the
    unclaimed words standing there in the same edition line, so that the diff shows
    what was written instead of leaving it as unexpected text."""
    literal = aligner.ix.literal[index]
    if aligner.map[literal[0]] >= 0 and aligner.map[literal[-1]] >= 0:
        return  # both ends matched: nothing to take in
    match = aligner.matches[index]
    leading = next((n for n, i in enumerate(literal) if aligner.map[i] >= 0), 0)
    trailing = next((n for n, i in enumerate(reversed(literal)) if aligner.map[i] >= 0), 0)
    first, last = match.first_word, match.last_word
    block_of = aligner.word_blocks
    while trailing and last + 1 < aligner.count and aligner.owner[last + 1] == UNCLAIMED \
            and block_of[last + 1] == block_of[match.last_word]:
        last, trailing = last + 1, trailing - 1
        aligner.owner[last] = index
    while leading and first > 0 and aligner.owner[first - 1] == UNCLAIMED \
            and block_of[first - 1] == block_of[match.first_word]:
        first, leading = first - 1, leading - 1
        aligner.owner[first] = index
    if (first, last) != (match.first_word, match.last_word):
        aligner.matches[index] = BlockMatch(
            index, match.status, match.score, first, last,
            min(match.start, aligner.starts[first]), max(match.end, aligner.ends[last]),
            match.diffs, match.slots)


def record_diffs(aligner: Aligner, index: int) -> None:
    """A located block's word differences, its words among them claimed: altered (or
    moved) when it has any."""
    match = aligner.matches[index]
    diffs = block_diffs(aligner, index)
    if not diffs:
        return  # the match stands as it is
    for d in diffs:
        for y in range(d.e_start, d.e_end):
            if aligner.owner[y] == UNCLAIMED:
                aligner.owner[y] = index
    status = match.status if match.status is Status.MOVED else Status.ALTERED
    aligner.matches[index] = BlockMatch(index, status, match.score, match.first_word,
                                     match.last_word, match.start, match.end, diffs,
                                     match.slots)
