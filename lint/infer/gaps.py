"""Gaps: the stretches of a shared block where editions differ between words they agree on,
and what each edition holds there.

A gap lies between two neighbouring shared words of a pivot block (or a block's edge and
its first or last shared word). Each voter's value is its text between the words it
aligned with those two, normalised as the checker normalises text. A gap whose values
mostly agree is shared text (the majority wording); one whose values differ is a slot.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from canonlint.infer.values import slot_type
from canonlint.infer.votes import Votes
from canonlint.rulekit.placeholders import placeholder
from canonlint.slots import slot_type_named
from canonlint.words import iter_words, normalise

EDGE = -1
MAX_VALUE = 400       # characters: a slot value is short
MAJORITY = 0.75       # share of voters whose value must agree for it to be shared text
RECURRING = 0.1       # share of voters holding another value that makes it a second choice
CLOSED_SET_WORDS = 3  # values of a closed set are short; a longer stretch is shared wording


@dataclass(frozen=True)
class Gap:
    left: int                            # pivot word before the gap, or EDGE
    right: int                           # pivot word after it, or EDGE
    values: tuple[str | None, ...]       # each voter's value (None: it does not carry the gap)


def _edge(document, mapping, word: int, neighbour: int, after: bool) -> int | None:
    """Where the edition's block holding `word` ends (after) or starts, or the edition word
    aligned with the pivot word beside the block, `neighbour`, when that stands in the
    same edition block (a heading run into its paragraph, a flattened section)."""
    j = mapping[word]
    if j < 0:
        return None
    block = document.word_blocks[j]
    if 0 <= neighbour < len(mapping):
        k = mapping[neighbour]
        if k >= 0 and document.word_blocks[k] == block and (k > j if after else k < j):
            return document.starts[k] if after else document.ends[k]
    raw = document.blocks[block]
    return raw.end if after else raw.content_start


def _span_end(document, mapping, take: int, bound: int, other: tuple[int, int], edge_word: int,
              at_end: bool) -> int | None:
    """One end of a voter's span (its start, or with at_end its end): the outer edge of the
    shared word taken in, else the inner edge of the bounding pivot word, else, for an edge
    gap, the block's edge found from the other side (other: its bound and word taken in)."""
    inner, outer = (document.ends, document.starts) if at_end else (document.starts, document.ends)
    if take != EDGE:
        j = mapping[take]
        return inner[j] if j >= 0 else None
    if bound != EDGE:
        j = mapping[bound]
        return outer[j] if j >= 0 else None
    other_bound, other_take = other
    if (other_bound, other_take) == (EDGE, EDGE):
        return None
    return _edge(document, mapping, other_bound if other_take == EDGE else other_take, edge_word, at_end)


def voter_span(votes: Votes, voter: int, bounds: tuple[int, int, int, int], widen: tuple[int, int]) -> tuple[int, int] | None:
    """The voter's text between pivot words left and right (or from the start of word
    widen[0] / to the end of word widen[1], when the gap takes shared words in); an edge
    gap runs to its block's edge. bounds: left, right, and the pivot words just before
    and after the block."""
    aligned = votes.voters[voter]
    document, mapping = aligned.edition.document, aligned.mapping
    left, right, before, after = bounds
    take_left, take_right = widen
    start = _span_end(document, mapping, take_left, left, (right, take_right), before, at_end=False)
    end = _span_end(document, mapping, take_right, right, (left, take_left), after, at_end=True)
    if start is None or end is None or end < start or end - start > MAX_VALUE:
        return None
    return start, end


def gap_values(votes: Votes, block: int, left: int, right: int, carriers: list[int],
               widen: tuple[int, int] = (EDGE, EDGE)) -> Gap:
    words = votes.pivot.document.block_words[block]
    bounds = (left, right, words.start - 1, words.stop)
    values: list[str | None] = [None] * len(votes.voters)
    for voter in carriers:
        span = voter_span(votes, voter, bounds, widen)
        if span is not None:
            values[voter] = normalise(votes.voters[voter].edition.text[span[0] : span[1]])
    return Gap(left, right, tuple(values))


def pivot_span(votes: Votes, block: int, left: int, right: int,
               widen: tuple[int, int] = (EDGE, EDGE)) -> tuple[int, int]:
    """Where the gap lies in the pivot's own text."""
    document = votes.pivot.document
    if widen[0] != EDGE:
        start = document.starts[widen[0]]
    else:
        start = document.ends[left] if left != EDGE else document.blocks[block].content_start
    if widen[1] != EDGE:
        end = document.ends[widen[1]]
    else:
        end = document.starts[right] if right != EDGE else document.blocks[block].end
    return start, max(start, end)


def majority(gap: Gap) -> str | None:
    """The value most voters hold (word for word: quotes, apostrophes and case aside), when
    enough of them hold it and no other short value recurs: a second value several
    editions hold (`Target missed` beside `Target achieved`) makes the gap a slot of a
    closed set, where scattered other values are slips to report."""
    defined = [v for v in gap.values if v is not None]
    if not defined:
        return None
    keyed = [" ".join(key for key, _, _ in iter_words(v)) for v in defined]
    counts = Counter(keyed).most_common()
    key, count = counts[0]
    # the next value with words: no words is never a value of a slot's closed set
    second = next((n for other, n in counts[1:] if other), 0)
    wording = Counter(v for v, k in zip(defined, keyed) if k == key).most_common(1)[0][0]
    if count < MAJORITY * len(defined) and not _prevails(wording, key, count, second, defined):
        return None
    if key and second >= max(2, RECURRING * len(defined)) and key.count(" ") < CLOSED_SET_WORDS:
        return None
    return wording


def _prevails(wording: str, key: str, count: int, second: int, values: list[str]) -> bool:
    """Whether a value more than half the voters hold, short of MAJORITY, is still the
    wording: no words (what a minority adds is left out: a slot is never empty), or words
    the others do not share among themselves (each its own slip) that are no placeholder
    (a copy left unfilled is a slot's defect, not its wording) and no figure, date or
    address (values of a type vary, even when a few editions happen to share one)."""
    if 2 * count <= len(values):
        return False
    if not key:
        return True
    prefix, suffix = common_affixes(values)
    typed = any(not slot_type_named(slot_type([strip_affixes(v, lead, trail) for v in values])).free_form
                for lead in {"", prefix} for trail in {"", suffix})
    return second < 2 and placeholder(wording) is None and not typed


def has_words(gap: Gap) -> bool:
    return any(any(c.isalnum() for c in v) for v in gap.values if v)


def _lead(value: str) -> str:
    n = 0
    while n < len(value) and not value[n].isalnum():
        n += 1
    return value[:n]


def common_affixes(values: list[str], share: float = 0.8) -> tuple[str, str]:
    """The leading and trailing characters, neither letters nor digits, that (nearly) every
    value has (the ':' after a place name, the '/' before an address part): shared text,
    not slot. A value without them is a defect to report, not a reason to keep them in."""
    values = [v for v in values if v]
    if not values:
        return "", ""
    need = share * len(values)
    prefix, count = Counter(_lead(v) for v in values).most_common(1)[0]
    prefix = prefix if count >= need else ""
    suffix, count = Counter(_lead(v[::-1])[::-1] for v in values).most_common(1)[0]
    suffix = suffix if count >= need else ""
    return prefix, suffix


def strip_affixes(value: str, prefix: str, suffix: str) -> str:
    if prefix and value.startswith(prefix):
        value = value[len(prefix) :]
    if suffix and value.endswith(suffix):
        value = value[: len(value) - len(suffix)]
    return value.strip()
