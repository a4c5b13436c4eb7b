"""The slot syntax: one parser and one writer of `{name}` / `{name:type}` markers, shared by
the template, inference, the rules and the reports."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from canonlint.slot_syntax import marker, slot_markers, type_of
from canonlint.slots import SLOT_TYPES
from canonlint.template import parse_template

_NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_]{0,12}", fullmatch=True) | st.sampled_from(sorted(SLOT_TYPES))
_SLOTS = st.lists(st.tuples(_NAMES, st.sampled_from(sorted(SLOT_TYPES))), min_size=1, max_size=5)
_PROSE = st.text(st.sampled_from("abc XYZ.,;:-'()%/\\{}"), max_size=8)


@given(_SLOTS, _PROSE)
def test_property_slots_written_back_are_read_as_the_same_slots(slots, prose):
    escaped = prose.replace("\\", "").replace("{", "\\{").replace("}", "\\}")
    text = escaped.join(marker(name, type_name) for name, type_name in slots)
    read = [(found.name, type_of(found)) for found in slot_markers(text)]
    assert read == slots


def test_a_name_that_is_a_type_implies_it_and_is_written_alone():
    assert marker("borough", "borough") == "{borough}"
    assert marker("borough", "text") == "{borough:text}"
    assert marker("change", "signed_percent") == "{change:signed_percent}"
    assert marker("note", "text") == "{note}"


def test_the_template_reads_slots_as_they_are_written_back():
    text = "# " + " and ".join(marker(n, t) for n, t in [("borough", "borough"), ("change", "signed_percent"),
                                                        ("note", "text"), ("n", "count")]) + "\n"
    template = parse_template(text, "t.txt")
    assert [(w.slot.name, w.slot.type.name) for w in template.words if w.slot] == [
        ("borough", "borough"), ("change", "signed_percent"), ("note", "text"), ("n", "count")]


def test_an_escaped_brace_opens_no_slot():
    assert [m.name for m in slot_markers(r"\{borough} {x:count}")] == ["x"]
