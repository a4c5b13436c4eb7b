"""The word-map kernel: which edition word each template word aligns with, over the word
keys of the whole texts (steps 0 to 2 of canonlint.align): blocks alike word for word paired
first, unique k-gram anchors chained by a longest increasing subsequence, the gaps between
them aligned with smaller k and finally rapidfuzz's Indel opcodes."""

from __future__ import annotations

import bisect
from collections.abc import Hashable, Sequence
from functools import lru_cache
from itertools import accumulate, chain, compress, count, filterfalse, repeat
from operator import add, and_, eq, gt, is_not, itemgetter, lt, ne, sub

from rapidfuzz.distance import Indel

ANCHOR = 4                 # words in an anchor gram
GAP_CELLS = 2_000_000
SMALL_GAP_CELLS = 4096     # a gap this small is aligned by Indel at once, without anchors

_MAPPED = (-1).__lt__  # j >= 0 for a word index j or -1


def _lis(js: list[int]) -> list[range]:
    """The longest increasing subsequence of js (distinct values) by patience sorting, as
    ranges of positions in js. Increasing runs that extend the longest pile are appended
    in one slice, so the cost is O(d log a) Python steps for d descents plus C-speed
    copying: an edition close to the template has few descents."""
    n = len(js)
    if n == 0:
        return []
    descents = list(compress(range(1, n), map(gt, js, js[1:])))  # js[r - 1] > js[r]
    if not descents:
        return [range(n)]
    tails: list[int] = []
    tail_index: list[int] = []
    previous = [-1] * n
    run_start = [0] * n   # first position of the chain of immediate predecessors ending here
    next_descent = 0
    k = 0
    while k < n:
        j = js[k]
        if not tails or j > tails[-1]:
            while next_descent < len(descents) and descents[next_descent] <= k:
                next_descent += 1
            r = descents[next_descent] if next_descent < len(descents) else n
            previous[k] = tail_index[-1] if tail_index else -1
            first = run_start[k - 1] if k and previous[k] == k - 1 else k
            tails += js[k:r]
            tail_index += range(k, r)
            previous[k + 1 : r] = range(k, r - 1)
            run_start[k:r] = [first] * (r - k)
            k = r
            continue
        at = bisect.bisect_left(tails, j)
        tails[at] = j
        tail_index[at] = k
        previous[k] = tail_index[at - 1] if at else -1
        run_start[k] = run_start[k - 1] if k and previous[k] == k - 1 else k
        k += 1
    pieces = []
    index = tail_index[-1]
    while index >= 0:
        first = run_start[index]
        pieces.append(range(first, index + 1))
        index = previous[first]
    return pieces[::-1]


def _unique_grams(keys, lo: int, hi: int, k: int) -> dict:
    """The k-grams occurring once in keys[lo:hi], each with its index, in index order."""
    if hi - lo < k:
        return {}
    window = keys[lo:hi]
    grams = list(zip(*(window[d:] for d in range(k)))) if k > 1 else list(window)
    last = dict(zip(grams, range(lo, lo + len(grams))))
    if len(last) == len(grams):
        return last
    first = dict(zip(reversed(grams), range(lo + len(grams) - 1, lo - 1, -1)))
    distinct = list(last)  # in order of first occurrence
    once = list(compress(distinct, map(eq, map(last.__getitem__, distinct), map(first.__getitem__, distinct))))
    return dict(zip(once, map(last.__getitem__, once)))


def _anchors(b, lo: int, hi: int, k: int, grams_a: dict,
             firsts: frozenset[str] | None = None) -> tuple[list[int], list[int]]:
    """Anchors: the k-grams unique in a (grams_a: gram -> index in a) that occur exactly
    once in b[lo:hi], as their indices in a (increasing) and in b. Only b's grams that are
    in grams_a are counted, which gives the same anchors as intersecting both sides'
    unique grams for a fraction of the work. Only the k-grams of b that start with the
    first word of one of a's (firsts, when given) are built and looked up, unless most
    do: a gap of local text holds many words, few of which start one of the template's
    grams there."""
    if hi - lo < k:
        return [], []
    window = b[lo:hi]
    if k > 1:
        starting = None
        if 2 * len(grams_a) < hi - lo:  # else a's text is most of the window's
            if firsts is None:
                firsts = frozenset(map(itemgetter(0), grams_a))
            starting = list(map(firsts.__contains__, window[: hi - lo - k + 1]))
        if starting is None or 3 * starting.count(True) > len(starting):
            # Most words start one of a's grams (a flattened edition against the whole
            # template): every gram is made by zip, faster than a slice for each.
            starts = range(lo, hi - k + 1)
            found = list(map(grams_a.get, zip(*(window[d:] for d in range(k)))))
        else:
            starts = list(compress(range(lo, hi - k + 1), starting))
            grams = map(tuple, map(b.__getitem__, map(slice, starts, map(add, starts, repeat(k)))))
            found = list(map(grams_a.get, grams))
    else:
        starts, found = range(lo, hi), list(map(grams_a.get, window))
    wanted = list(map(is_not, found, repeat(None)))
    at_b = list(compress(starts, wanted))
    at_a = list(compress(found, wanted))
    if all(map(lt, at_a, at_a[1:])):  # in order and none twice: the common case
        return at_a, at_b
    once = sorted(at_a)  # nearly in order already: a linear sort
    twice = set(compress(once[1:], map(eq, once[1:], once)))
    if twice:  # a gram twice in b is no anchor
        once = list(filterfalse(twice.__contains__, once))
    last = dict(zip(at_a, at_b))
    return once, list(map(last.__getitem__, once))


def _diagonal_end(chain_a: list[int], chain_b: list[int], m: int, size: int) -> int:
    """The end of the run of chain anchors from m that lie on one diagonal, each one word
    after the last. Both coordinates increase, so chain[e] is on the run exactly when it
    lies e - m words after chain[m] on both sides: found by galloping, then bisection."""
    a0, b0 = chain_a[m] - m, chain_b[m] - m
    lo, step = m, 1  # chain[lo] is on the run
    while True:
        e = lo + step
        if e >= size or chain_a[e] - e != a0 or chain_b[e] - e != b0:
            break
        lo, step = e, step * 2
    hi = min(e, size)  # chain[hi] is not on the run (or hi == size)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if chain_a[mid] - mid == a0 and chain_b[mid] - mid == b0:
            lo = mid
        else:
            hi = mid
    return lo + 1


def _align_range(a, b, a_lo, a_hi, b_lo, b_hi, k, out) -> None:
    """Append matched runs (i, j, length) — a[i + d] with b[j + d] — for a[a_lo:a_hi]
    against b[b_lo:b_hi], in order."""
    if a_lo >= a_hi or b_lo >= b_hi:
        return
    cells = (a_hi - a_lo) * (b_hi - b_lo)
    if cells <= GAP_CELLS and (k <= 1 or cells <= SMALL_GAP_CELLS):
        for tag, i1, i2, j1, _ in Indel.opcodes(a[a_lo:a_hi], b[b_lo:b_hi]):
            if tag == "equal":
                out.append((a_lo + i1, b_lo + j1, i2 - i1))
        return
    if cells > GAP_CELLS:
        # Too large for rapidfuzz: the words both sides start and end with alike are matched
        # as they stand first (a diff's common prefix and suffix), so that agreement never
        # depends on the length of a range; anchors then find their way through the rest.
        head = _common_length(a[a_lo:a_hi], b[b_lo:b_hi])
        tail = _common_length(a[a_lo + head : a_hi][::-1], b[b_lo + head : b_hi][::-1])
        if head or tail:
            if head:
                out.append((a_lo, b_lo, head))
            _align_range(a, b, a_lo + head, a_hi - tail, b_lo + head, b_hi - tail, k, out)
            if tail:
                out.append((a_hi - tail, b_hi - tail, tail))
            return
    if k == 0:
        return
    # The template's words are a tuple (hashable); a pivot edition's in inference may not be.
    if type(a) is tuple:
        grams_a, firsts = _template_grams(a, a_lo, a_hi, k), _template_gram_firsts(a, a_lo, a_hi, k)
    else:
        grams_a, firsts = _unique_grams(a, a_lo, a_hi, k), None
    anchor_a, anchor_b = _anchors(b, b_lo, b_hi, k, grams_a, firsts)
    pieces = _lis(anchor_b)
    if not pieces:
        _align_range(a, b, a_lo, a_hi, b_lo, b_hi, k // 2, out)
        return
    chain_a: list[int] = []
    chain_b: list[int] = []
    for piece in pieces:
        chain_a += anchor_a[piece.start : piece.stop]
        chain_b += anchor_b[piece.start : piece.stop]
    # Along a run of anchors on one diagonal (each one word after the last), only the
    # first can leave a gap before it; each further one adds its last word.
    size = len(chain_a)
    ti, tj = a_lo, b_lo
    run_start = 0
    while run_start < size:
        run_end = _diagonal_end(chain_a, chain_b, run_start, size)
        for m in range(run_start, run_end):
            i, j = chain_a[m], chain_b[m]
            skip = max(ti - i, tj - j, 0)  # overlap with the previous anchor
            if skip >= k:
                continue
            _align_range(a, b, ti, i + skip, tj, j + skip, k // 2, out)
            more = run_end - 1 - m
            out.append((i + skip, j + skip, k - skip + more))
            ti, tj = i + more + k, j + more + k
            break
        run_start = run_end
    _align_range(a, b, ti, a_hi, tj, b_hi, k // 2, out)


def _common_length(a: Sequence[str], b: Sequence[str]) -> int:
    """How many words a and b start with alike."""
    return next(compress(count(), map(ne, a, b)), min(len(a), len(b)))


@lru_cache(maxsize=64)
def _template_grams(keys: tuple[str, ...], lo: int, hi: int, k: int) -> dict:
    """The unique k-grams of template words [lo, hi), computed once per run: the gaps
    between an edition's blocks alike fall at the same template words in edition after
    edition (its local section, a flattened edition's text after its first slot), so
    each range is looked at once. The dict is shared: it is only read."""
    return _unique_grams(keys, lo, hi, k)


@lru_cache(maxsize=64)
def _template_gram_firsts(keys: tuple[str, ...], lo: int, hi: int, k: int) -> frozenset[str]:
    """The words that start the grams of _template_grams(keys, lo, hi, k), also once per run."""
    return frozenset(map(itemgetter(0), _template_grams(keys, lo, hi, k))) if k > 1 else frozenset()


def alike_blocks(template_blocks: dict[tuple[str, ...], range], edition_keys,
                 edition_blocks: Sequence[range], min_words: int = ANCHOR,
                 signatures: Sequence[Hashable] | None = None) -> list[tuple[range, range]]:
    """Pairs (template words, edition words) of blocks of at least min_words that read word
    for word alike, each such block once on both sides (template_blocks holds only the
    template's unique ones), in an order both sides agree on: the chain of them, by
    template position, that holds the most words (as the word-level alignment would
    choose). A text whose blocks alike stand in it more than once for the most part is
    copies of one edition one after another: each such block is paired at its first
    copy, so the first copy aligns as an edition on its own would and the copies after
    it are left to duplicate finding (paired nowhere, the copies would leave no word run
    unique to anchor on). Inference pairs an edition's blocks with a pivot edition's
    the same way. signatures, when given, stand for each edition block's keys, as
    template_blocks' keys do for the template's (Document.block_signatures with
    TemplateIndex.block_signatures): looked up at C speed, no key cut from edition_keys."""
    found: dict[Hashable, tuple[range, range] | None] = {}
    first_copies: dict[Hashable, tuple[range, range]] = {}
    for key, template_words, words in _blocks_in(template_blocks, edition_keys, edition_blocks, min_words,
                                                 signatures):
        if key in found:
            found[key] = None
        else:
            found[key] = first_copies[key] = (template_words, words)
    pairs = [pair for pair in found.values() if pair is not None]
    if len(pairs) < len(found) - len(pairs):  # most of them stand more than once
        pairs = list(first_copies.values())
    if all(map(lt, (t.start for t, _ in pairs), (t.start for t, _ in pairs[1:]))):
        return pairs  # all in the template's order: the common case
    # The longest increasing chain of their template words, word by word: a block lies
    # wholly on it or wholly off it (blocks do not overlap), so it is kept when its first
    # word is.
    firsts = list(accumulate((len(template_words) for template_words, _ in pairs), initial=0))
    pieces = _lis(list(chain.from_iterable(template_words for template_words, _ in pairs)))
    kept = []
    for piece in pieces:
        n = bisect.bisect_left(firsts, piece.start)
        while n < len(pairs) and firsts[n] < piece.stop:
            kept.append(pairs[n])
            n += 1
    return kept


def _blocks_in(template_blocks: dict[Hashable, range], edition_keys, edition_blocks: Sequence[range],
               min_words: int, signatures: Sequence[Hashable] | None) -> list[tuple[Hashable, range, range]]:
    """(key, template words, edition words) of each edition block of at least min_words
    that template_blocks holds, in edition order; a block's key is its signature, or else
    the tuple of its words' keys."""
    if signatures is None:
        signatures = [tuple(edition_keys[words.start : words.stop]) if len(words) >= min_words else ()
                      for words in edition_blocks]
    template_words = list(map(template_blocks.get, signatures))
    return [(signatures[n], template_words[n], edition_blocks[n])
            for n in compress(range(len(template_words)), map(is_not, template_words, repeat(None)))
            if len(edition_blocks[n]) >= min_words]


def word_map(template_keys: tuple[str, ...], edition_keys,
             template_blocks: tuple[int, ...] | None = None,
             same_blocks: list[tuple[range, range]] = ()) -> list[int]:
    """For each template word, the edition word it aligns with, or -1. template_blocks (the
    block of each template word) lets matches be pulled together within a block;
    same_blocks (see alike_blocks) are matched as they stand, and only the words between
    them are aligned word by word — most of an edition, as a rule, is its template's
    paragraphs unchanged."""
    runs: list[tuple[int, int, int]] = []
    gaps = _gaps(same_blocks, len(template_keys), len(edition_keys))
    alike: set[int] = set()  # short gaps whose two sides read alike (a short heading unchanged)
    for n, (t_lo, t_hi, e_lo, e_hi) in enumerate(gaps):
        size = t_hi - t_lo
        if size == e_hi - e_lo and 0 < size * size <= SMALL_GAP_CELLS and \
                _common_length(template_keys[t_lo:t_hi], edition_keys[e_lo:e_hi]) == size:
            runs.append((t_lo, e_lo, size))  # what _align_range's one Indel opcode would say
            alike.add(n)
        elif t_lo < t_hi and e_lo < e_hi:
            _align_range(template_keys, edition_keys, t_lo, t_hi, e_lo, e_hi, ANCHOR, runs)
        if n < len(same_blocks):
            template_words, edition_words = same_blocks[n]
            runs.append((template_words.start, edition_words.start, len(template_words)))
    mapping = [-1] * len(template_keys)
    indices = _word_indices(len(edition_keys))
    last_j = top_i = -1  # every template word after top_i is still unmapped
    for i, j, length in runs:
        if i > top_i and j > last_j:
            mapping[i : i + length] = indices[j : j + length]
            last_j, top_i = j + length - 1, i + length - 1
            continue
        for d in range(length):
            if j + d > last_j and mapping[i + d] < 0:
                mapping[i + d] = j + d
                last_j, top_i = j + d, max(top_i, i + d)
    if template_blocks is not None:
        # A word of a block matched as it stands is never moved, nor is its neighbour in
        # another block: only the words between such blocks are looked at.
        # A gap read alike is matched one word after another, up to the block after it:
        # nothing there to pull together.
        for n, (t_lo, t_hi, _, _) in enumerate(gaps):
            if t_hi > t_lo and n not in alike:
                _pull_together(mapping, template_keys, edition_keys, template_blocks, t_lo, t_hi)
    return mapping


SHARED_INDICES = 1 << 16  # edition word indices below this are ints made once per run
_indices: tuple[int, ...] = ()


def _word_indices(count: int) -> range | tuple[int, ...]:
    """The word indices 0..count-1 to slice a word map's runs from: for an edition of up
    to SHARED_INDICES words, one tuple of ints kept for the run (grown as editions grow),
    so that the ints of a map are shared, not made and freed edition after edition."""
    global _indices
    if count > SHARED_INDICES:
        return range(count)
    indices = _indices  # this call's own: another thread may set _indices meanwhile
    if len(indices) < count:
        indices = _indices = tuple(range(min(SHARED_INDICES, max(count, 2 * len(indices), 4096))))
    return indices


def _gaps(same_blocks: list[tuple[range, range]], template_size: int,
          edition_size: int) -> list[tuple[int, int, int, int]]:
    """The stretches (template lo, hi, edition lo, hi) before, between and after the
    paired blocks: one more than there are pairs."""
    gaps = []
    ti = tj = 0
    for template_words, edition_words in same_blocks:
        gaps.append((ti, template_words.start, tj, edition_words.start))
        ti, tj = template_words.stop, edition_words.stop
    gaps.append((ti, template_size, tj, edition_size))
    return gaps


def _pull_together(mapping: list[int], a, b, blocks, lo: int, hi: int) -> None:
    """Among equally long alignments, prefer the one that keeps a block's words together:
    a word matched far before its successor's match moves next to it when the same word
    stands there unmatched ("… with local schools. Brent: local police" — the heading's
    "local" is the second one). Words are taken from the last to the first; only a word
    matched more than one word before its successor's match can move, and a move can only
    make the word before it such a word, so only those are looked at. Words are moved
    within template words [lo, hi)."""
    size = min(hi + 1, len(mapping))
    # i in [lo, hi) with mapping[i] >= 0 and mapping[i + 1] - mapping[i] > 1
    part = mapping[lo:size]
    candidates = list(compress(range(lo, size - 1), map(and_, map(_MAPPED, part),
                                                        map(gt, map(sub, part[1:], part), repeat(1)))))
    taken: set[int] | None = None
    pending = len(candidates) - 1
    i = -1
    while True:
        if i < 0:
            if pending < 0:
                return
            i, pending = candidates[pending], pending - 1
        j, following = mapping[i], mapping[i + 1]
        moved = False
        if j >= 0 and following >= 0 and following - j > 1 and blocks[i] == blocks[i + 1]:
            closer = following - 1
            if b[closer] == a[i]:
                if taken is None:
                    taken = set(mapping)
                if closer not in taken:
                    taken.discard(j)
                    taken.add(closer)
                    mapping[i] = closer
                    moved = True
        if moved and i > 0:
            i -= 1  # its predecessor now stands further from it: look at it next
            while pending >= 0 and candidates[pending] >= i:
                pending -= 1
        else:
            i = -1

