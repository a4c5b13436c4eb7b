"""The one table of slot types: every type in it is read by the template, given by
inference to a gap holding its values, written back as the same marker and captured by the
aligner; and the facts each record carries are the ones the rules act on."""

from __future__ import annotations

import pytest

from canonlint.align import align
from canonlint.document import parse_document
from canonlint.infer import edition_from_text, infer
from canonlint.slot_syntax import marker
from canonlint.slots import SLOT_TYPES
from canonlint.source import Source
from canonlint.template import parse_template

# Per type: a sentence with the slot in it ({} marks it) and values of the type that four
# editions hold there. A type added to the table needs its line here.
EXAMPLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "text": ("It is {}.", ("very good", "a bit late", "not so bad", "quite all right")),
    "borough": ("Policing in {} this year.", ("Camden", "Hackney", "Tower Hamlets", "Barnet")),
    "person": ("Signed by {} for the board.", ("Simon Bray", "Ann Lee", "Joe Hart", "Mary Stone")),
    "count": ("We answered {} calls this year.", ("1,204", "37", "560", "9")),
    "percent": ("Crime fell by {} this year.", ("2.5%", "10%", "7.1%", "33%")),
    "signed_percent": ("Crime changed by {} this year.", ("-2.7%", "+0.7%", "-1.0%", "+3.4%")),
    "target_status": ("Our response time result: {} this year.",
                      ("Target achieved", "Target missed", "Target met", "Target not met")),
    "url_slug": ("Read more at https://www.met.police.uk/{}/news on the web.", ("camden", "hackney", "barnet", "towerhamlets")),
    "email": ("Write to {} for help.", ("press@camden.example", "news@hackney.example", "desk@barnet.example",
                                        "team@brent.example")),
    "url": ("Visit {} for help.", ("www.camden.example", "www.hackney.example", "www.barnet.example",
                                   "www.brent.example")),
    "date": ("Published on {} by the team.", ("12 March 2010", "3 May 2011", "21 June 2012", "9 July 2013")),
}
HEADING = "# Local Policing Summary\n\n"
CLOSING = "\n\nThis summary is published every year for residents.\n"


def test_every_type_in_the_table_has_an_example():
    assert set(EXAMPLES) == set(SLOT_TYPES)


@pytest.mark.parametrize("name", list(SLOT_TYPES))
def test_a_type_is_read_inferred_written_back_and_captured(name):
    kind = SLOT_TYPES[name]
    sentence, values = EXAMPLES[name]
    written = marker(kind.slot_name, kind.name)
    template = parse_template(HEADING + sentence.format(written) + CLOSING, "t.txt")
    assert [(w.slot.name, w.slot.type) for w in template.words if w.slot] == [(kind.slot_name, kind)]

    editions = [edition_from_text(f"e{n}.txt", HEADING + sentence.format(v) + CLOSING) for n, v in enumerate(values)]
    inferred = infer(editions).text
    assert sentence.format(written) in inferred.splitlines()

    for value in values:
        document = parse_document(Source.from_text("e.txt", HEADING + sentence.format(value) + CLOSING))
        assert [v.value for v in align(document, template).slot_values(kind.slot_name)] == [value]


def _check(tmp_path, template: str, editions: list[str], code: str) -> list[dict]:
    from canonlint import check

    (tmp_path / "template.md").write_text(template, "utf-8")
    paths = []
    for n, text in enumerate(editions):
        paths.append(tmp_path / f"edition-{'abcdefgh'[n]}.txt")
        paths[-1].write_text(text, "utf-8")
    return [f for f in check([str(p) for p in paths], template=str(tmp_path / "template.md"), select=[code])
            if f["rule"] == code]


@pytest.mark.parametrize("name", list(SLOT_TYPES))
def test_a_value_two_editions_hold_is_copied_only_in_a_type_that_identifies_an_edition(name, tmp_path):
    kind = SLOT_TYPES[name]
    sentence, values = EXAMPLES[name]
    template = HEADING + sentence.format(marker(kind.slot_name, kind.name)) + CLOSING
    held = [values[0], values[1], values[2], values[0]]  # the first edition's value, copied into the last
    found = _check(tmp_path, template, [HEADING + sentence.format(v) + CLOSING for v in held], "CL604")
    assert len(found) == (2 if kind.identifies_edition else 0), found


@pytest.mark.parametrize("name", list(SLOT_TYPES))
def test_a_slot_with_two_values_in_one_edition_is_left_to_its_own_rule_only_for_the_editions_place(name, tmp_path):
    kind = SLOT_TYPES[name]
    sentence, values = EXAMPLES[name]
    written = marker(kind.slot_name, kind.name)
    template = HEADING + sentence.format(written) + "\n\n" + sentence.format(written) + CLOSING
    edition = HEADING + sentence.format(values[0]) + "\n\n" + sentence.format(values[1]) + CLOSING
    found = _check(tmp_path, template, [edition], "CL502")
    assert len(found) == (0 if kind.names_edition_place else 1), found


@pytest.mark.parametrize("name", [name for name, kind in SLOT_TYPES.items() if kind.percentage])
def test_a_priority_is_checked_as_a_reduction_only_for_an_unsigned_percentage(name, tmp_path):
    template = f"# Priorities\n\n- a {{p:{name}}} reduction in burglary\n- a {{q:{name}}} reduction in robbery\n"
    edition = "# Priorities\n\n- a 0% reduction in burglary\n- a 4% reduction in robbery\n"
    found = _check(tmp_path, template, [edition], "CL408")
    assert len(found) == (0 if SLOT_TYPES[name].signed else 1), found
