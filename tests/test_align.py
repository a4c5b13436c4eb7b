"""Alignment on real and varied editions: where blocks are found, and what stays silent."""

from __future__ import annotations

import re
import textwrap

import pytest

from canonlint.align import Status, align
from canonlint.document import parse_document
from canonlint.source import Source
from canonlint.rulekit.tables import table_rows
from tests.conftest import sample_text


def aligned(text, template):
    return align(parse_document(Source.from_text("e.txt", text)), template)


def rewrap(text: str, width: int) -> str:
    paragraphs = []
    for paragraph in text.split("\n\n"):
        plain = "\t" not in paragraph and not paragraph.lstrip().startswith("-") and \
            all(line.strip() for line in paragraph.splitlines())  # keep whitespace-only lines as they are
        paragraphs.append(textwrap.fill(paragraph, width, break_on_hyphens=False, break_long_words=False) if plain and len(paragraph) > width else paragraph)
    return "\n\n".join(paragraphs)


HARMLESS = {
    "rewrapped-62": lambda t: rewrap(t, 62),
    "rewrapped-79": lambda t: rewrap(t, 79),
    "curly-quotes": lambda t: t.replace("'", "\u2019"),
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "extra-blank-lines": lambda t: t.replace("\n\n", "\n\n\n"),
    "markdown-headings": lambda t: t.replace("\nUseful contacts\n", "\n## Useful contacts\n"),
    "other-local-text": lambda t: t.replace("We carried out a number of successful projects",
                                            "In a record year for the borough, we carried out many projects"),
}


@pytest.mark.parametrize("name", sorted(HARMLESS))
@pytest.mark.parametrize("borough", ["westminster", "tower-hamlets", "kensington-and-chelsea"])
def test_harmless_variants_change_no_finding(name, borough, lint):
    def told(text):  # what a reader is told, without line numbers (blank lines move them)
        return sorted((f.rule, re.sub(r"\blines? [\d–, ]+", "lines", f.message)) for f in lint(text))

    assert told(HARMLESS[name](sample_text(borough))) == told(sample_text(borough))


@pytest.mark.parametrize("borough", ["westminster", "kensington-and-chelsea", "tower-hamlets", "havering", "bexley"])
def test_every_shared_block_of_every_sample_is_located(borough, template):
    text = sample_text(borough)
    alignment = aligned(text, template)
    missing = [template.blocks[m.block].text for m in alignment.matches
               if m.status is Status.MISSING and template.blocks[m.block].table_id < 0]
    allowed = {"havering": ["In an emergency always dial 999 Non-emergency dial 0300 123 1212"],
               "bexley": ["MPA", "Met Forward"]}.get(borough, [])
    assert missing == allowed
    (rows,) = template.tables()
    read = table_rows(parse_document(Source.from_text("e.txt", text)), template, alignment, rows)
    assert all(row.located for row in read)
    assert [row.values["offences"].text for row in read][-1] == {
        "westminster": "11", "kensington-and-chelsea": "0", "tower-hamlets": "25", "havering": "3",
        "bexley": "15"}[borough]


def test_flattened_bexley_finds_slots(template):
    alignment = aligned(sample_text("bexley"), template)
    boroughs = {" ".join(v.value.split()) for v in alignment.slot_values("borough") if v.value}
    assert boroughs == {"Bexley"}
    assert [v.value for v in alignment.slot_values("slug")] == ["bexley"]


def test_local_sections_claim_their_text(template):
    text = sample_text("westminster")
    alignment = aligned(text, template)
    local = [m for m in alignment.matches if m.status is Status.LOCAL]
    assert len(local) == 2
    assert "Operation Alba" in text[local[1].start : local[1].end]
    assert alignment.unexpected == []


def test_long_edition_still_aligns(template):
    text = sample_text("westminster")
    head, tail = text.split("How did Westminster perform", 1)
    local = head[head.index("Westminster: local police initiatives"):]
    long_text = head + local * 100 + "How did Westminster perform" + tail
    alignment = aligned(long_text, template)
    assert sum(m.status is Status.MISSING for m in alignment.matches) == 0


def test_a_slot_used_twice_in_one_cell(lint):
    from canonlint.template import parse_template

    tpl = parse_template("# Results\n\n| Crime | Range |\n|---|---|\n| Burglary | {n:count} to {n:count} |\n"
                         "| Robbery | {n:count} to {n:count} |\n\n# End\n")
    flattened = "Results Burglary Robbery 3 to 4 5 to 6\n\nEnd\n"
    assert not [f for f in lint(flattened, tpl=tpl) if "crashed" in f.message]
    assert not lint("Results\n\nBurglary\t3 to 4\nRobbery\t5 to 6\n\nEnd\n", tpl=tpl)


# --------------------------------------------------------------------------- rules ask, never poke

_SENTINELS = ("UNCLAIMED", "LOCAL", "TABLE", "DUPLICATE")


def test_no_rule_reads_the_aligners_arrays_sentinels_or_memo():
    """Rules read an alignment through its queries: which block owns a word, a block's
    words, local or not, the edition word of a template word; and cache through
    `alignment.memo(namespace, key, compute)` (or the Context's per_edition)."""
    from tests.conftest import ROOT

    for path in sorted((ROOT / "rules").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\.(owner|word_map|_cache)\b", text), f"{path.name} reads the aligner's arrays"
        assert not re.search(r"\.memo\b(?!\()", text), f"{path.name} touches the memo directly"
        for line in re.findall(r"^from canonlint\.align[\w.]* import (.*)$", text, re.M):
            names = {n.strip(" ()") for n in line.split(",")}
            assert not names & set(_SENTINELS), f"{path.name} imports a sentinel: {line}"


def test_queries_answer_what_the_arrays_hold(template):
    text = sample_text("westminster")
    alignment = aligned(text, template)
    owner, word_map = alignment.owner, alignment.word_map
    for j in range(0, len(owner), 7):
        assert alignment.block_of(j) == (owner[j] if owner[j] >= 0 else None)
        assert alignment.is_local(j) == (owner[j] == -2)
    local = next(m for m in alignment.matches if m.status is Status.LOCAL and m.end > m.start)
    words = [j for j, o in enumerate(owner) if o == -2]
    assert words and alignment.next_local(0, len(owner)) == words[0]
    assert alignment.next_local(words[-1] + 1, len(owner)) is None
    assert alignment.all_local(range(words[0], words[0] + 1)) and not alignment.all_local(range(0, len(owner)))
    assert local.status is Status.LOCAL
    found = next(m for m in alignment.matches if m.status is Status.FOUND and m.last_word > m.first_word)
    assert alignment.words_of(found.block, found.first_word, found.last_word) == \
        list(range(found.first_word, found.last_word + 1))
    block = template.blocks[found.block]
    assert alignment.edition_words(slice(block.first_word, block.last_word)) == \
        [j for j in word_map[block.first_word:block.last_word] if j >= 0]
    assert alignment.edition_word(block.first_word) == found.first_word
    assert all(alignment.edition_word(i) is None for i, j in enumerate(word_map) if j < 0)


def test_memo_computes_once_per_namespace_and_key(template):
    alignment = aligned(sample_text("westminster"), template)
    calls = []
    compute = lambda: calls.append(1) or len(calls)  # noqa: E731
    assert alignment.memo("CL101", "k", compute) == 1
    assert alignment.memo("CL101", "k", compute) == 1
    assert alignment.memo("CL102", "k", compute) == 2  # another user's key of the same name
    assert len(calls) == 2
