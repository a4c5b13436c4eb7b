"""The memo of readings by content: read once, bounded, and emptied on demand."""

from __future__ import annotations

from canonlint.text_memo import ENTRY_COST, TextMemo, clear_all


def _counting_memo(generation: int, longest: int) -> tuple[TextMemo[str], list[str]]:
    reads: list[str] = []

    def read(text: str) -> str:
        reads.append(text)
        return text.upper()

    return TextMemo(read, generation, longest), reads


def test_a_piece_is_read_once_while_it_recurs():
    memo, reads = _counting_memo(generation=10_000, longest=1_000)
    assert [memo.get(t) for t in ("met", "police", "met", "met")] == ["MET", "POLICE", "MET", "MET"]
    assert reads == ["met", "police"]


def test_memory_stays_bounded_and_what_recurs_stays():
    memo, reads = _counting_memo(generation=5 * (ENTRY_COST + 8), longest=100)
    for n in range(1_000):
        memo.get(f"piece{n:03d}")
        memo.get("shared")  # asked for after every piece: never dropped
    held = sum(len(t) + ENTRY_COST for generation in (memo.recent, memo.old) for t in generation)
    assert held <= 2 * (memo.generation + memo.longest + ENTRY_COST)
    assert reads.count("shared") == 1
    assert reads.count("piece000") == 1 and memo.get("piece000") == "PIECE000" and reads.count("piece000") == 2


def test_a_piece_longer_than_longest_is_read_each_time():
    memo, reads = _counting_memo(generation=10_000, longest=10)
    long = "x" * 11
    memo.get(long)
    memo.get(long)
    assert reads == [long, long]


def test_clear_all_forgets_every_reading():
    memo, reads = _counting_memo(generation=10_000, longest=100)
    memo.get("met")
    clear_all()
    memo.get("met")
    assert reads == ["met", "met"]
