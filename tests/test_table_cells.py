"""One cell splitter and one cell compiler: the template, inference and the readers part a
row into the same cells, and a template cell compiled exactly or loosely matches the cell
an edition fills in."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from canonlint.readers import DocumentPlace, plain_paragraph
from canonlint.slots import SLOT_TYPES
from canonlint.table_cells import cell_spans, compile_cell, row_cells
from canonlint.template import parse_template

_CELL = st.text(st.sampled_from("ab1 %,.-"), min_size=1, max_size=6).filter(str.strip)
_ROWS = st.lists(_CELL, min_size=2, max_size=5)


def _stripped(cells) -> list[str]:
    return [cell.strip() for cell in cells]


@given(_ROWS)
def test_property_every_user_parts_a_row_into_the_same_cells(cells):
    piped, tabbed = "| " + " | ".join(cells) + " |", "\t".join(cells)
    wanted = _stripped(cells)
    assert _stripped(row_cells(piped)) == _stripped(row_cells(tabbed)) == wanted
    for row in (piped, tabbed):
        assert [row[lo:hi] for lo, hi in cell_spans(row, 0, len(row))] == wanted
    assert _stripped(plain_paragraph(tabbed, DocumentPlace).cells) == wanted


def test_the_template_keeps_a_rows_cells_as_the_splitter_parts_them():
    template = parse_template("# Figures\n\n| Measure | Count |\n|---|---|\n| Calls | {calls:count} |\n", "t.md")
    row = next(b for b in template.blocks if b.cells)
    assert row.cells == ("Calls", "{calls:count}")
    assert template.table_columns[row.table_id] == ("Measure", "Count")


def _count(found):
    return SLOT_TYPES["count"].bounded if found.name == "calls" else None


def test_a_cell_compiled_exactly_matches_its_filled_twin_whole():
    pattern = compile_cell(r"{calls} calls \{x\}", _count, loose=False)
    assert pattern.names == ("calls",)
    assert pattern.regex.fullmatch("1,204 calls {x}").group(1) == "1,204"
    assert pattern.regex.fullmatch("1,204 Calls {x}") is None


def test_a_cell_compiled_loosely_finds_its_words_and_values_in_an_editions_text():
    pattern = compile_cell("{calls} calls answered", _count, loose=True)
    assert pattern.regex.search("so far: 1,204 -- CALLS, answered.").group(1) == "1,204"


def test_a_cell_with_no_slot_or_an_unknown_type_has_no_pattern():
    assert compile_cell("Calls", _count, loose=True) is None
    assert compile_cell("{other}", _count, loose=False) is None
