"""Alignment: the one place that fuzzy-diffs an edition against the template.

The whole edition and the whole template are compared as sequences of word keys (see
canonlint.words), so paragraph boundaries, re-wrapping, flattening, case, quotes, apostrophes
and hyphens do not matter to where a block is found.

0. Same blocks: edition blocks whose keys equal those of a block the template has once
   (and the edition has once) are paired whole, chained by a longest increasing
   subsequence weighted by their words; only the words between them go through the steps
   below. Most of an edition is its template's paragraphs unchanged, so this pass, one
   dictionary look-up per edition block, does most of the matching.
1. Anchors: word k-grams (k = 4) that occur exactly once on each side of a stretch
   between two paired blocks (the whole texts when none were paired). Chained by a
   longest increasing subsequence (patience sorting, O(a log a) for a anchors), they fix
   the diagonal of the alignment.
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
   neighbours; second copies of shared blocks are found among the words left over; a
   heading whose line holds only words no block claimed takes them in (an altered
   heading, not a heading run into text); what is left unclaimed outside every block is
   unexpected text.

Cost: tokenising is linear; anchoring is linear plus O(a log a); gap filling is bounded
by GAP_CELLS per gap, and the gaps are disjoint, so the total is linear in the edition
length for a fixed template. Per-template work (keys, anchor grams) is done once per
template. No step compares characters quadratically.

The package, from the bottom up: `model` (what an alignment is, and its queries), `kernel`
(the word map: steps 0-2), `slot_patterns` (a run of slots' pattern), `state` (the template
index and one edition's working state, which every step reads and changes), then the
steps — `projection` (step 3), `slot_capture` (slot values), `claims` (local text, tables,
unexpected text), `word_diffs` (a located block's word differences), `leftovers`
(duplicates among the words no block claimed), `heading_lines` (a heading on a line of its
own takes in the line's other words), `verbatim` (the blocks written exactly as the
template writes them) — and `pipeline`, which runs them in order. This package exports
what rules and the engine use: `align`, the Alignment and its query types.
"""

from __future__ import annotations

from canonlint.align.model import (
    IN_PLACE, LOCATED, Alignment, BlockMatch, Duplicate, SlotValue, Status, TableRegion, TextRun, WordDiff,
    end_before, start_after,
)
from canonlint.align.pipeline import align

__all__ = [
    "IN_PLACE", "LOCATED", "Alignment", "BlockMatch", "Duplicate", "SlotValue", "Status", "TableRegion",
    "TextRun", "WordDiff", "align", "end_before", "start_after",
]
