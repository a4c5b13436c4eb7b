"""Alignment on real and varied editions: where blocks are found, and what stays silent."""

from __future__ import annotations

import re
import textwrap

import pytest

from lint.align import Status, align
from lint.document import parse_document
from lint.source import Source
from lint.tables import table_rows
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
    from lint.template import parse_template

    tpl = parse_template("# Results\n\n| Crime | Range |\n|---|---|\n| Burglary | {n:count} to {n:count} |\n"
                         "| Robbery | {n:count} to {n:count} |\n\n# End\n")
    flattened = "Results Burglary Robbery 3 to 4 5 to 6\n\nEnd\n"
    assert not [f for f in lint(flattened, tpl=tpl) if "crashed" in f.message]
    assert not lint("Results\n\nBurglary\t3 to 4\nRobbery\t5 to 6\n\nEnd\n", tpl=tpl)
