"""Slot capture: the values of a located block's `{slot}` words, read between their
matched neighbours with their type's pattern (step 4 of canonlint.align), in a region of at
most SLOT_REGION characters so that every slot pattern stays linear."""

from __future__ import annotations

import re
from functools import lru_cache

from canonlint.align.model import BlockMatch, SlotValue
from canonlint.align.slot_patterns import GAP, LAZY_GAP, run_pattern
from canonlint.align.state import Aligner
from canonlint.template import Slot

SHORT_NEIGHBOUR_WORDS = 8  # a slot may run on into a following line only this short
SLOT_REGION = 400          # characters searched for a run of slots

_STRIP = " \t\r\n:;,.()-*|"


@lru_cache(maxsize=256)
def _compiled(pattern: str, how: str) -> re.Pattern:
    """A slot pattern placed in its region: `whole` fills the region (give or take
    punctuation), `prefix` starts it, `suffix` ends it, `any` stands anywhere in it."""
    if how == "prefix":
        return re.compile(LAZY_GAP + "(" + pattern + ")")
    if how == "suffix":
        return re.compile("(" + pattern + ")" + GAP + r"\Z")
    if how == "any":
        return re.compile(pattern)
    return re.compile(LAZY_GAP + "(" + pattern + ")" + GAP + r"\Z")


def _capture_run(text: str, lo: int, hi: int, slots: list[Slot], where: str,
                 pattern: str | None = None) -> list[SlotValue]:
    """Capture a run of consecutive slots from text[lo:hi].

    where is "between" (the region lies between two matched words), "after" (the slots end
    their block: the region runs from a matched word to the end of the line or block) or
    "before" (the slots start their block). Read after a matched word, the region ends with
    the value's paragraph. The whole region is tried first ("before": its end), then its
    start (a flattened edition runs on after the slot; a changed word may follow it). A
    slot whose type does not match gets value None and the text that stood there.
    """
    if where == "before":
        lo = max(lo, hi - SLOT_REGION)
    else:
        hi = _paragraph_end(text, lo, min(hi, lo + SLOT_REGION))
    pattern = pattern or run_pattern(slots)
    if where != "before" and text.find("\n", lo, hi) >= 0:
        # Up to its paragraph's end, a line break is a wrap (`[INSERT` / `CONTACT METHOD]`,
        # a copyright holder wrapped onto the next line) or the next of several lines or
        # list items the value is written as: the value may run over it. Read from a copy
        # with the breaks as spaces.
        base = max(0, lo - 1)
        view = text[base : hi + 1].replace("\r", " ").replace("\n", " ")
        return [SlotValue(v.slot, None if v.value is None else text[v.start + base : v.end + base],
                          text[v.start + base : v.end + base], v.start + base, v.end + base)
                for v in _capture(view, lo - base, hi - base, slots, where, pattern)]
    return _capture(text, lo, hi, slots, where, pattern)


_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")


def _paragraph_end(text: str, lo: int, hi: int) -> int:
    """Where the value read from text[lo:hi] must end: at the first blank line after it
    starts (a value never runs over the end of a paragraph; a blank line before it, between
    a matched word and a value on a line of its own, is no matter), else hi."""
    start = hi - len(text[lo:hi].lstrip(_STRIP))
    blank = _BLANK_LINE.search(text, start, hi)
    return blank.start() if blank else hi


_TRIES = {"between": ("whole", "prefix"), "after": ("whole", "prefix"), "before": ("suffix", "prefix")}


def _capture(text: str, lo: int, hi: int, slots: list[Slot], where: str, pattern: str) -> list[SlotValue]:
    """_capture_run in a region already bounded."""
    for how in _TRIES[where]:
        compiled = _compiled(pattern, how)
        found = compiled.search(text, lo, hi) if how == "suffix" else compiled.match(text, lo, hi)
        if found:
            return [_value(text, slot, found.start(n), found.end(n), True)
                    for n, slot in enumerate(slots, start=2)]
    values = []
    cursor = lo
    for n, slot in enumerate(slots, start=1):  # slot by slot: keep what fits, report what does not
        found = _compiled(slot.type.bounded, "any").search(text, cursor, hi) if len(slots) > 1 else None
        if found:
            values.append(_value(text, slot, found.start(), found.end(), True))
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
        values.append(_value(text, slot, at, at + len(raw), False))
    return values


def _value(text: str, slot: Slot, start: int, end: int, fits: bool) -> SlotValue:
    """The slot's value at text[start:end] once the punctuation the template writes around
    the slot is left outside it (`'dnd_schedule'` for `'{gem}'` holds `dnd_schedule`), as
    long as what is left still fits the slot's type; fits: whether text[start:end] does
    (else the value is None and the text is what stood there)."""
    pattern = _compiled(slot.type.bounded, "whole") if fits else None
    for k in range(len(slot.lead), 0, -1):
        if text.startswith(slot.lead[-k:], start):
            inner = _skip_space(text, start + k, end)
            if _still_fits(text, pattern, inner, end):
                start = inner
                break
    for k in range(len(slot.trail), 0, -1):
        if text.endswith(slot.trail[:k], start, end):
            inner = start + len(text[start : end - k].rstrip())
            if _still_fits(text, pattern, start, inner):
                end = inner
                break
    closed = _closing_brackets(text, start, end)
    if closed > end and _still_fits(text, pattern, start, closed):
        end = closed
    value = text[start:end]
    return SlotValue(slot, value if fits else None, value, start, end)


_CLOSER = {"(": ")", "[": "]", "<": ">", "{": "}"}
_OPENER = re.compile("[" + re.escape("".join(_CLOSER)) + "]")


def _closing_brackets(text: str, start: int, end: int) -> int:
    """Where text[start:end] ends once the brackets it opens and leaves open are closed by
    the characters right after it: a value's own closing bracket (`(GraphQL-core 3)`,
    `<copyright holders>`) is the value's, not punctuation around the slot."""
    if _OPENER.search(text, start, end) is None:
        return end  # nothing opened (most values): no character to walk
    open_: list[str] = []
    for char in text[start:end]:
        if char in _CLOSER:
            open_.append(_CLOSER[char])
        elif open_ and char == open_[-1]:
            open_.pop()
    while open_ and end < len(text) and text[end] == open_[-1]:
        open_.pop()
        end += 1
    return end


def _skip_space(text: str, start: int, end: int) -> int:
    return end - len(text[start:end].lstrip())


def _still_fits(text: str, pattern: re.Pattern | None, start: int, end: int) -> bool:
    if start >= end:
        return False
    return pattern is None or pattern.fullmatch(text, start, end) is not None



def capture_slots(aligner: Aligner, index: int, moved: bool = False) -> None:
    """Capture the slot values of located block `index`; the words of each value become
    the block's."""
    runs = aligner.ix.slot_runs[index]
    if not runs:
        return  # nothing to capture: the match stays as it is
    block = aligner.tpl.blocks[index]
    match = aligner.matches[index]
    values: list[SlotValue] = []
    for run, (slots, pattern) in zip(runs, aligner.ix.run_slots[index]):
        region = _region(aligner, index, block.first_word, block.last_word, run, moved)
        if region is not None:
            lo, hi, where = region
            values.extend(_capture_run(aligner.text, lo, hi, slots, where, pattern))
    start = min([aligner.starts[match.first_word]] + [v.start for v in values if v.raw])
    end = max([aligner.ends[match.last_word]] + [v.end for v in values if v.raw])
    aligner.matches[index] = BlockMatch(index, match.status, match.score, match.first_word,
                                        match.last_word, start, end, (), tuple(values))
    for value in values:  # a slot's words are its block's, fitting its type or not
        aligner.claim_free(aligner.doc.words_in(value.start, value.end), index)


def _region(aligner: Aligner, index: int, first_word: int, last_word: int, run: list[int],
            moved: bool) -> tuple[int, int, str] | None:
    """(lo, hi, where) of the text a run of slot words is read from, between the matched
    words around it; None when no word of the block around it matched."""
    word_map_, text = aligner.map, aligner.text
    if not aligner.ix.literal[index]:  # nothing but slots: the whole edition block it stands at
        match = aligner.matches[index]
        return aligner.block_bounds(match.first_word)[0], aligner.block_bounds(match.last_word)[1], "between"
    before = _nearest_matched(word_map_, run[0] - 1, first_word - 1, -1)
    after = _nearest_matched(word_map_, run[-1] + 1, last_word, 1)
    if before >= 0 and after >= 0:
        return aligner.ends[before], aligner.starts[after], "between"
    if before >= 0:
        lo = aligner.ends[before]
        hi = aligner.block_bounds(before)[1]
        if before + 1 < aligner.count and not text[lo:hi].strip(_STRIP):
            # Nothing after the last word on this line: the slot may stand on the next
            # line (a title split over two lines), if that line is short.
            following = aligner.word_blocks[before + 1]
            if len(aligner.doc.block_words[following]) <= SHORT_NEIGHBOUR_WORDS:
                hi = aligner.block_bounds(before + 1)[1]
        if not moved:
            hi = min(hi, max(lo, aligner.next_start(index)))
        return lo, hi, "after"
    if after >= 0:
        hi = aligner.starts[after]
        lo = aligner.block_bounds(after)[0]
        if not moved:
            lo = max(lo, min(hi, aligner.neighbour_end(index)))
        return lo, hi, "before"
    return None


def _nearest_matched(word_map_: list[int], start: int, stop: int, step: int) -> int:
    """The edition word of the first template word from start towards stop (excluded) that
    matched, or -1; the word right beside a slot run has usually matched."""
    if start != stop and word_map_[start] >= 0:
        return word_map_[start]
    return next((word_map_[i] for i in range(start, stop, step) if word_map_[i] >= 0), -1)
