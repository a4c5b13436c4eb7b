"""The alignment kernel inference borrows from the checker: one place that imports it.

Inference aligns each edition with a pivot edition, word by word, exactly as the checker
aligns an edition with its template: `word_map` (anchored k-grams, a longest increasing
subsequence, rapidfuzz Indel in the gaps). Blocks that read alike word for word on both
sides are paired first, so only what differs is aligned word by word.
"""

from __future__ import annotations

from rapidfuzz.distance import Indel

from canonlint.align.kernel import alike_blocks, word_map  # the aligner's kernel; the only import from it

MIN_PAIRED_WORDS = 4  # shorter blocks (headings, "tel:" lines) recur and pair by chance


def same_blocks(pivot_blocks: dict[tuple[str, ...], range], keys, block_words) -> list[tuple[range, range]]:
    """Pairs (pivot words, edition words) of blocks that read alike word for word, each once
    on both sides (pivot_blocks holds the pivot's unique blocks), in an order both agree on."""
    return alike_blocks(pivot_blocks, keys, block_words, MIN_PAIRED_WORDS)


def unique_blocks(keys, block_words) -> dict[tuple[str, ...], range]:
    """The blocks of a text that no other block of it reads like, by their word keys."""
    seen: dict[tuple[str, ...], range | None] = {}
    for words in block_words:
        if len(words) >= MIN_PAIRED_WORDS:
            key = tuple(keys[words.start : words.stop])
            seen[key] = None if key in seen else words
    return {key: words for key, words in seen.items() if words is not None}


def align_words(pivot_keys: tuple[str, ...], pivot_word_blocks: tuple[int, ...],
                pivot_blocks: dict[tuple[str, ...], range], keys, block_words) -> list[int]:
    """For each pivot word, the edition word it aligns with, or -1."""
    return word_map(pivot_keys, keys, pivot_word_blocks, same_blocks(pivot_blocks, keys, block_words))


def similarity(a, b) -> float:
    """How alike two sequences of word keys are, 0 to 1 (rapidfuzz Indel)."""
    return Indel.normalized_similarity(a, b)


def matched_pairs(a, b) -> list[tuple[int, int]]:
    """(index in a, index in b) of the words an Indel alignment of a with b matches."""
    pairs = []
    for tag, i1, i2, j1, _ in Indel.opcodes(a, b):
        if tag == "equal":
            pairs.extend(zip(range(i1, i2), range(j1, j1 + i2 - i1)))
    return pairs
