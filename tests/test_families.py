"""Precision on real documents (tests/families/evaluate.py): real copies of widely copied
public documents, checked against each family's hand-written template. A copy that is the
template with its slots filled in gets no warning or error, re-wrapped or not; the drift a
person found by reading the copies is found; at least nine in ten warnings and errors are
true; and the README shows the table `python -m tests.families.evaluate` prints."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.families.evaluate import families, findings_of_run, score, table

FAMILIES = families()
MIN_COPIES = 10
MIN_PRECISION = 0.9
# A list item (its marker, then the indent of its wrapped lines), a heading, a table row.
_ITEM = re.compile(r"(\d{1,3}\.|[-*+]) +")
_KEPT = ("#", "|")


@pytest.fixture(scope="module")
def scores():
    return [score(family) for family in FAMILIES]


def _seen(judged) -> list[tuple[str, str, str]]:
    return [(j.copy, j.finding["rule"], j.finding["message"]) for j in judged]


def test_at_least_three_families_of_real_copies_each_with_its_sources():
    assert len(FAMILIES) >= 3
    for family in FAMILIES:
        copies = family.copies()
        assert len([c for c in copies if c.startswith("copies/")]) >= MIN_COPIES, family.name
        assert any(c.endswith(".docx") for c in copies) and any(c.endswith(".pdf") for c in copies)
        sources = (family.folder / "SOURCES.md").read_text(encoding="utf-8")
        assert [c for c in copies if f"`{c}`" not in sources] == [], family.name
        labelled = {j.copy for j in family.judgements} | {d.copy for d in family.drift} | set(family.near_verbatim)
        assert labelled <= {*copies, "template.md"}, family.name


def test_near_verbatim_copies_get_no_warning_or_error(scores):
    assert {s.family: _seen(s.on(s.near_verbatim)) for s in scores} == {s.family: [] for s in scores}


def _rewrapped(text: str, width: int = 60) -> str:
    """text with each paragraph and each list item wrapped at width; headings, tables and
    blocks of several items as they are."""
    blocks = []
    for block in re.split(r"\n[ \t]*\n", text.strip("\n")):
        lines = block.split("\n")
        item = _ITEM.match(lines[0])
        if lines[0].startswith(_KEPT) or any(_ITEM.match(line) for line in lines[1:]):
            blocks.append(block)
        elif item:
            indent = " " * item.end()
            blocks.append(textwrap.fill(" ".join(block[item.end():].split()), width,
                                        initial_indent=item.group(0), subsequent_indent=indent))
        else:
            blocks.append(textwrap.fill(" ".join(block.split()), width))
    return "\n\n".join(blocks) + "\n"


@pytest.mark.parametrize("family", FAMILIES, ids=lambda f: f.name)
def test_near_verbatim_copies_rewrapped_get_no_warning_or_error(family, tmp_path):
    texts = [c for c in family.near_verbatim if c.startswith("copies/")]
    for copy in texts:
        text = (family.folder / copy).read_text(encoding="utf-8")
        (tmp_path / Path(copy).name).write_text(_rewrapped(text), encoding="utf-8")
    assert len(texts) >= 5
    assert [(name, f["rule"], f["message"]) for name, f in findings_of_run(tmp_path, family.template)] == []


def test_rewrapping_changes_only_line_ends():
    text = "# Title\n\nOne two three four five six seven eight.\n\n1. Item one two three four\n   five six.\n"
    wrapped = _rewrapped(text, width=20)
    assert wrapped == ("# Title\n\nOne two three four\nfive six seven\neight.\n\n"
                       "1. Item one two\n   three four five\n   six.\n")


def test_a_pdf_is_judged_on_its_own_reading_beside_the_word_file_it_was_exported_from(tmp_path):
    family = next(f for f in FAMILIES if f.name == "security-policy")
    for name in ("sixoverground--tang.docx", "sixoverground--tang.pdf"):
        shutil.copy(family.folder / "documents" / name, tmp_path / name)
    found = {(name, f["rule"]) for name, f in findings_of_run(tmp_path, family.template)}
    assert found == {("sixoverground--tang.docx", "CL101"), ("sixoverground--tang.pdf", "CL101")}


def test_the_real_drift_is_found(scores):
    missed = {s.family: [(d.copy, d.what) for d in s.drift_missed] for s in scores}
    assert missed == {s.family: [] for s in scores}


def test_every_warning_and_error_is_judged(scores):
    assert {s.family: _seen(s.unjudged) for s in scores} == {s.family: [] for s in scores}


def test_at_least_nine_in_ten_warnings_and_errors_are_true(scores):
    found = sum(len(s.findings) for s in scores)
    true = sum(len(s.true) for s in scores)
    assert found and true / found >= MIN_PRECISION, [_seen(s.false) for s in scores]


def test_readme_shows_the_precision_table(scores):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^### Precision on real documents\n(.*?)(?=^#)", readme, re.S | re.M).group(1)
    assert table(scores) in section
