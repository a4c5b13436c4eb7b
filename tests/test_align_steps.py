"""The aligner's per-block steps on editions mostly written verbatim: what they report for a
block found whole, for its slots and sections, read through the Alignment's queries."""

from __future__ import annotations

import pytest

from canonlint.align import align
from canonlint.align.model import IN_PLACE
from canonlint.document import parse_document
from canonlint.source import Source
from tests.conftest import edit, sample_text

SAMPLES = ("bexley", "havering", "kensington-and-chelsea", "tower-hamlets", "westminster")


def aligned(text, template):
    return align(parse_document(Source.from_text("e.txt", text)), template)


def sections_word_by_word(alignment, template, count):
    """Each word's section by walking the words: the section of the last block found at its
    place that starts at or before it, the template's first section before any."""
    starts = {}
    for match in alignment.matches:
        if match.status in IN_PLACE and match.first_word >= 0:
            section = template.blocks[match.block].section
            starts[match.first_word] = max(section, starts.get(match.first_word, section))
    current, sections = template.blocks[0].section, []
    for word in range(count):
        current = starts.get(word, current)
        sections.append(current)
    return sections


@pytest.mark.parametrize("name", SAMPLES)
def test_word_sections_read_as_each_words_section(template, name):
    document = parse_document(Source.from_text("e.txt", sample_text(name)))
    alignment = align(document, template)
    expected = sections_word_by_word(alignment, template, len(document.keys))
    assert len(alignment.word_sections) == len(expected)
    assert [alignment.word_sections[w] for w in range(len(expected))] == expected
    assert alignment.word_sections[-1] == expected[-1]
    assert len(set(expected)) > 1  # the edition spans several sections
    with pytest.raises(IndexError):
        alignment.word_sections[len(expected)]


def test_word_sections_follow_a_section_moved_to_the_end(template):
    text = sample_text("bexley")
    head, _, rest = text.partition("\nUseful contacts\n")
    document = parse_document(Source.from_text("e.txt", head + "\n" + rest.strip() + "\n\nUseful contacts\n"))
    alignment = align(document, template)
    expected = sections_word_by_word(alignment, template, len(document.keys))
    assert list(alignment.word_sections) == expected


def test_not_verbatim_leaves_out_the_blocks_written_as_the_template_writes_them(template):
    text = sample_text("westminster")
    alignment = aligned(text, template)
    blocks = template.blocks
    walked = alignment.not_verbatim(blocks)
    assert [b.index for b in walked] == [b.index for b in blocks if not alignment.is_verbatim(b)]
    assert 0 < len(walked) < len(blocks)
    assert len(blocks) - len(walked) == len(alignment.verbatim)


def test_a_changed_word_takes_its_block_out_of_the_verbatim_ones(template):
    text = sample_text("westminster")
    before = aligned(text, template)
    block = next(b for b in template.blocks if before.is_verbatim(b) and len(b.word_range) > 8)
    words = template.words[block.first_word : block.first_word + 6]
    sentence = template.text[words[0].start : words[-1].end]
    assert sentence in text
    changed = sentence[: words[3].start - words[0].start] + "zebra" + sentence[words[3].end - words[0].start :]
    after = aligned(text.replace(sentence, changed, 1), template)
    assert not after.is_verbatim(block)
    assert block.index in [b.index for b in after.not_verbatim(template.blocks)]


def test_unexpected_runs_are_each_inserted_paragraph_whole(template):
    text = sample_text("havering")
    inserted = ["Zebra quokka narwhal.", "Okapi pangolin axolotl tapir.", "Wombat dugong."]
    head, _, rest = text.partition("\nUseful contacts\n")
    edited = f"{inserted[0]}\n\n{head}\n\n{inserted[1]}\n\nUseful contacts\n{rest.rstrip()}\n\n{inserted[2]}\n"
    alignment = aligned(edited, template)
    runs = [edited[run.start : run.end] for run in alignment.unexpected]
    assert runs == [sentence.rstrip(".") for sentence in inserted]  # words, not the full stop
    assert alignment.unexpected[-1].last_word == len(alignment.owner) - 1


def test_no_unexpected_run_in_an_edition_as_the_sample_writes_it(template):
    assert aligned(sample_text("havering"), template).unexpected == []


def test_a_paragraph_pasted_at_the_end_is_found_moved_there_whole(template):
    text = sample_text("westminster")
    alignment = aligned(text, template)
    block = next(b for b in template.blocks if alignment.is_verbatim(b) and len(b.word_range) > 20
                 and b.kind.value == "paragraph")
    start = alignment.match(block).start
    end = text.index("\n\n", start)
    paragraph = text[start:end]
    moved_text = text[:start] + text[end + 2 :].rstrip() + "\n\n" + paragraph + "\n"
    assert moved_text.count(paragraph) == 1
    moved = aligned(moved_text, template).match(block)
    assert moved.status.value == "moved"
    assert moved.start == len(moved_text) - len(paragraph) - 1
    assert moved_text[moved.start : moved.end] == paragraph.rstrip(".")
