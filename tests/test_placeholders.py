"""What reads as a placeholder in a slot (canonlint.rulekit.placeholders): each kind is
found, however the value around it reads, and a filled-in value is none."""

from __future__ import annotations

import pytest

from canonlint.rulekit.placeholders import placeholder, placeholder_at, placeholders_in_prose


@pytest.mark.parametrize("value,found", [
    ("[INSERT NAME]", "[INSERT NAME]"),
    ("[insert the borough's name here]", "[insert the borough's name here]"),
    ("Barnet [TBC]", "[TBC]"),
    ("TODO", "TODO"),
    ("figures TBD", "TBD"),
    ("FIXME later", "FIXME"),
    ("XXXX", "XXXX"),
    ("<borough name>", "<borough name>"),
    ("{{ borough }}", "{{ borough }}"),
    ("{borough:text}", "{borough:text}"),
    ("Lorem  Ipsum", "Lorem  Ipsum"),
    ("  INSERT NAME ", "INSERT NAME"),
    ("ADD", "ADD"),
    ("ENTER FIGURE", "ENTER FIGURE"),
])
def test_each_kind_of_placeholder_is_found(value, found):
    assert placeholder(value) == found


@pytest.mark.parametrize("value", [
    "Barnet", "Simon Bray", "12.5%", "-3.4", "1,234", "", "   ", "todo list", "Addison Lee", "[1]",
    "INSERTED", "lorem", "Enter the site",
])
def test_a_filled_in_value_is_no_placeholder(value):
    assert placeholder(value) is None


@pytest.mark.parametrize("text,value,span", [
    ("Commander [INSERT NAME] said", "INSERT NAME", "[INSERT NAME]"),
    ("for {{borough}} police", "borough", "{{borough}}"),
    ("for <name> police", "<name", "<name>"),
])
def test_a_slot_value_is_read_with_the_brackets_around_it(text, value, span):
    start = text.index(value)
    found = placeholder_at(text, start, start + len(value))
    assert found is not None and text[found[0] : found[1]] == span


def test_a_value_with_no_bracket_near_it_is_no_placeholder():
    text = "Commander Simon Bray said"
    start = text.index("Simon Bray")
    assert placeholder_at(text, start, start + len("Simon Bray")) is None


@pytest.mark.parametrize("text,found", [
    ("Our team: [INSERT TEAM NAMES] meets monthly.", ["[INSERT TEAM NAMES]"]),
    ("Write to <your councillor> or see {{ward}}.", ["<your councillor>", "{{ward}}"]),
    ("See [the map](https://example.org) and [WIP].", []),
    ("Plain prose: no brackets, TODO or not.", []),
])
def test_placeholders_in_prose_are_found_by_their_opening_bracket(text, found):
    assert [hit for _, _, hit in placeholders_in_prose(text, 0, len(text))] == found
