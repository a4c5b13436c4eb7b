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


MARKDOWN = """# {project:text} Code of Conduct

### 1. Our Pledge

We pledge to follow the [{project} covenant][covenant] and **{contact:email}** answers.
Read the [guide](https://example.org/{project}/guide "Handbook") first.

{{local extra rules}}

```ruby
gem '{project}'
```

[covenant]: https://example.org/covenant/
"""


def test_a_markdown_template_is_read_as_a_markdown_edition_is():
    """What a reader of the rendered page does not see is no shared word; slots and local
    blocks survive the CommonMark reading; links and code are kept as such."""
    tpl = parse_template(MARKDOWN, "template.md")
    keys = [w.key for w in tpl.words if w.slot is None]
    assert "covenant" in keys and "guide" in keys  # link texts are text
    for hidden in ("1", "ruby", "https", "example", "org", "handbook"):  # numbers, fence info, targets, titles
        assert keys.count(hidden) == 0, hidden
    assert [w.slot.name for w in tpl.words if w.slot] == ["project", "project", "contact", "project"]
    assert [b.local_name for b in tpl.blocks if b.local] == ["extra rules"]
    assert [b.kind for b in tpl.blocks] == [BlockKind.HEADING, BlockKind.HEADING, BlockKind.PARAGRAPH,
                                            BlockKind.PARAGRAPH, BlockKind.CODE]
    assert [(tpl.text[link.start:link.end], link.target) for link in tpl.links] == [
        ("{project} covenant", "https://example.org/covenant/"),
        ("guide", "https://example.org/{project}/guide")]


def test_a_text_template_is_read_as_text():
    tpl = parse_template(MARKDOWN.replace("{{local extra rules}}\n", ""), "template.txt")
    assert "ruby" in [w.key for w in tpl.words] and tpl.links == ()


def test_in_a_code_block_a_brace_that_opens_no_slot_is_a_literal_brace():
    tpl = parse_template('# Config\n\nWrite the file:\n\n```json\n{"name": "{project}", "tags": {}}\n```\n', "t.md")
    assert [w.slot.name for w in tpl.words if w.slot] == ["project"]
    with pytest.raises(TemplateError, match="'\\{' that does not open a slot"):
        parse_template('# Config\n\nWrite {"name": 1} in prose.\n', "t.md")
