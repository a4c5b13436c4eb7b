from __future__ import annotations

import pytest

from canonlint.document import BlockKind
from canonlint.template import TemplateError, parse_template


def test_sample_template_structure(template):
    headings = [b for b in template.blocks if b.kind is BlockKind.HEADING]
    assert headings[0].text == "Local Policing Summary {borough}"
    assert [len(items) for items in template.lists()] == [3, 5, 3, 3, 4]
    (table,) = template.tables()
    assert [row.cells[0] for row in table][:2] == ["Residential burglary", "Total robbery"]
    assert template.table_columns[table[0].table_id] == ("Crime", "Result", "Status")
    assert [b.local_name for b in template.blocks if b.local] == ["commander's message", "initiatives"]
    slots = {w.slot.name: w.slot.type.name for w in template.words if w.slot}
    assert slots["borough"] == "borough" and slots["change"] == "signed_percent" and slots["slug"] == "url_slug"


def test_slots_scopes_and_exact_tokens():
    tpl = parse_template("# {borough}\n\nCall 020 7202 0063 or visit www.x.org/{slug:url_slug}\n\n"
                         "| a | b |\n|---|---|\n| Row | {v:percent} |\n| Other | {v:percent} |\n")
    row_slots = [w.slot for w in tpl.words if w.slot and w.slot.name == "v"]
    assert all(s.row_scoped for s in row_slots)
    paragraph = tpl.blocks[1]
    # A slotted address is exact too, once the edition's slot value is put in.
    assert [t.text for t in paragraph.exact_tokens] == ["020 7202 0063", "www.x.org/{slug:url_slug}"]


def test_unknown_slot_type_suggests_the_closest():
    with pytest.raises(TemplateError, match=r"t.md:1:3: unknown slot type 'percnt'; did you mean 'percent'\?"):
        parse_template("# {p:percnt}\n\ntext\n", "t.md")


def test_closing_brace_alone_is_an_error():
    with pytest.raises(TemplateError, match=r"t.md:3:5: '}' that does not close a slot"):
        parse_template("# T\n\ntext} more\n", "t.md")


def test_escaped_braces_are_literal_text():
    tpl = parse_template("# T\n\nUse \\{braces\\} for {thing}.\n", "t.md")
    assert [w.slot.name for w in tpl.words if w.slot] == ["thing"]
    assert tpl.blocks[1].text == "Use {braces} for {thing}."
