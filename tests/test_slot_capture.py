"""A slot's value is exactly what stands between the template's neighbours of the slot: the
punctuation the template writes around it (quotes, brackets, slashes, a full stop) stays
outside, in running text, in addresses and in a heading that is nothing but the slot."""

from __future__ import annotations

import string

from hypothesis import given, settings
from hypothesis import strategies as st

from canonlint.align import Status, align
from canonlint.document import parse_document
from canonlint.source import Source
from canonlint.template import parse_template


def aligned(template_text: str, edition_text: str, path: str = "e.txt"):
    template = parse_template(template_text)
    return template, align(parse_document(Source.from_text(path, edition_text)), template)


def values(alignment, name: str) -> list[str | None]:
    return [v.value for v in alignment.slot_values(name)]


def test_quotes_around_a_slot_stay_outside_its_value():
    _, alignment = aligned("Add this line to your Gemfile: gem '{gem}'\n\nThen run bundle install.\n",
                           "Add this line to your Gemfile: gem 'dnd_schedule'\n\nThen run bundle install.\n")
    assert values(alignment, "gem") == ["dnd_schedule"]


def test_a_slot_in_an_address_takes_only_its_part_of_the_path():
    template = ("Bugs are welcome at https://github.com/{user}/{gem} and in the chat.\n\n"
                "Read the [code of conduct](https://github.com/{user}/{gem}/blob/master/CODE.md) first.\n")
    edition = ("Bugs are welcome at https://github.com/alice/dnd_schedule and in the chat.\n\n"
               "Read the [code of conduct](https://github.com/alice/dnd_schedule/blob/master/CODE.md) first.\n")
    _, alignment = aligned(template, edition)
    assert set(values(alignment, "user")) == {"alice"}
    assert set(values(alignment, "gem")) == {"dnd_schedule"}


def test_a_slot_in_brackets_keeps_no_bracket():
    _, alignment = aligned("Contact the team (at {email:email}) for help.\n",
                           "Contact the team (at press@example.org) for help.\n")
    assert values(alignment, "email") == ["press@example.org"]


def test_a_heading_that_is_only_a_slot_is_found_on_the_editions_first_line(lint):
    template, alignment = aligned("# {constant}\n", "# DndSchedule\n", "e.md")
    assert alignment.matches[0].status is Status.FOUND
    assert values(alignment, "constant") == ["DndSchedule"]
    assert lint("# DndSchedule\n", tpl=template, path="e.md") == []


def test_a_heading_that_is_only_a_slot_is_found_between_its_neighbours():
    template, alignment = aligned(
        "# {constant}\n\nAdd this line to your application's Gemfile.\n\n## Usage\n\nRun it.\n",
        "# DndSchedule\n\nAdd this line to your application's Gemfile.\n\n## Usage\n\nRun it.\n", "e.md")
    assert [m.status for m in alignment.matches] == [Status.FOUND] * 4
    assert values(alignment, "constant") == ["DndSchedule"]
    assert not alignment.unexpected


def test_a_slot_only_heading_whose_place_is_empty_is_missing():
    _, alignment = aligned("# {constant}\n\nAdd this line to your application's Gemfile.\n",
                           "Add this line to your application's Gemfile.\n", "e.md")
    assert alignment.matches[0].status is Status.MISSING


def test_a_readme_with_slots_in_quotes_addresses_and_its_title_is_clean(lint):
    template = parse_template(
        "# {constant}\n\nAdd this line to your application's Gemfile: gem '{gem}'\n\n"
        "And then execute: bundle install. Or install it yourself as: gem install {gem}\n\n"
        "Bug reports and pull requests are welcome on GitHub at https://github.com/{user}/{gem}. "
        "Everyone is expected to follow the [code of conduct](https://github.com/{user}/{gem}/blob/master/CODE.md).\n")
    edition = ("# DndSchedule\n\nAdd this line to your application's Gemfile: gem 'dnd_schedule'\n\n"
               "And then execute: bundle install. Or install it yourself as: gem install dnd_schedule\n\n"
               "Bug reports and pull requests are welcome on GitHub at https://github.com/alice/dnd_schedule. "
               "Everyone is expected to follow the [code of conduct](https://github.com/alice/dnd_schedule/blob/master/CODE.md).\n")
    assert [f"{f.rule} {f.message}" for f in lint(edition, tpl=template, path="e.md")] == []


# Punctuation a template may write right against a slot, and values that hold none of it.
_AROUND = st.sampled_from(["'", '"', "(", ")", "[", "]", "/", ":", "<", ">", "*", "`", "«", "»", "-", "."])
_VALUE = st.text(string.ascii_letters + string.digits + "_", min_size=1, max_size=12).filter(
    lambda v: v[0].isalnum() and v[-1].isalnum())


@settings(max_examples=120, deadline=None)
@given(before=st.lists(_AROUND, max_size=2).map("".join), after=st.lists(_AROUND, max_size=2).map("".join),
       value=_VALUE, spaced=st.booleans())
def test_property_punctuation_around_a_slot_is_never_captured(before, after, value, spaced):
    gap = " " if spaced else ""
    template = f"The project is called {before}{gap}{{name}}{gap}{after} and it is maintained here.\n"
    edition = f"The project is called {before}{gap}{value}{gap}{after} and it is maintained here.\n"
    _, alignment = aligned(template, edition)
    assert values(alignment, "name") == [value]


def test_a_value_keeps_the_closing_bracket_it_opened():
    _, alignment = aligned("Copyright (c) {holders}\n\nPermission is hereby granted.\n",
                           "Copyright (c) Christoph Zwerschke (GraphQL-core 3)\n\nPermission is hereby granted.\n")
    assert values(alignment, "holders") == ["Christoph Zwerschke (GraphQL-core 3)"]
    _, alignment = aligned("Contact the team (at {name}) for help.\n", "Contact the team (at Ann (press)) for help.\n")
    assert values(alignment, "name") == ["Ann (press)"]


# A notice whose slot stands last on its line, then more of its paragraph; and one whose slot
# ends its paragraph.
_NOTICE = parse_template("# Licence\n\nCopyright (c) {holders}\nAll rights reserved.\n\n"
                         "Redistribution is permitted provided that this notice is kept with it.\n")
_LAST = parse_template("# Licence\n\nCopyright (c) {holders}\n\n"
                       "Redistribution is permitted provided that this notice is kept with it.\n")
_KEPT = "\n\nRedistribution is permitted provided that this notice is kept with it.\n"


def _findings(lint, template, edition: str) -> list[str]:
    return [f"{f.rule} {f.message}" for f in lint(edition, tpl=template)]


def test_a_value_written_as_several_lines_repeating_its_line_is_the_slots(lint):
    edition = ("Licence\n\nCopyright (c) Ann Lee (the parser)\nCopyright (c) Bo Chen (the printer)\n"
               "Copyright (c) Cy Diaz (the rest)" + _KEPT)
    assert _findings(lint, _LAST, edition) == []
    alignment = align(parse_document(Source.from_text("e.txt", edition)), _LAST)
    assert [" ".join(v.split()) for v in values(alignment, "holders")] == [
        "Ann Lee (the parser) Copyright (c) Bo Chen (the printer) Copyright (c) Cy Diaz (the rest)"]


def test_a_value_wrapped_at_the_end_of_its_paragraph_is_the_slots(lint):
    edition = "Licence\n\nCopyright (c) 2020 Ann Lee and the many\ncontributors to the parser" + _KEPT
    assert _findings(lint, _LAST, edition) == []


def test_a_value_written_as_a_list_before_the_rest_of_its_paragraph_is_the_slots(lint):
    edition = ("Licence\n\n- Copyright (c) 2008-Present, Ann Lee\n- Copyright (c) 2001-2007, Bo Chen <bo@example.org>\n"
               "- Copyright (c) 2001, Cy Diaz <cy@example.org>\n\nAll rights reserved." + _KEPT)
    assert _findings(lint, _NOTICE, edition) == []


def test_a_one_item_list_then_the_rest_of_its_paragraph_is_the_template_with_its_slot_filled(lint):
    edition = "Licence\n\n- Copyright (c) 2001-, Ann Lee\n\nAll rights reserved." + _KEPT
    assert _findings(lint, _NOTICE, edition) == []
    alignment = align(parse_document(Source.from_text("e.txt", edition)), _NOTICE)
    assert values(alignment, "holders") == ["2001-, Ann Lee"]


def test_the_words_missing_after_a_slot_are_reported_once(lint):
    edition = "Licence\n\nCopyright (c) 2023, Ann Lee" + _KEPT
    assert _findings(lint, _NOTICE, edition) == [
        "CL102 shared paragraph 'Copyright (c) 2023, Ann Lee All rights…' altered: 'All rights reserved' is missing"]


def test_a_paragraph_added_between_a_slot_and_the_rest_of_its_paragraph_is_not_the_slots(lint):
    edition = ("Licence\n\nCopyright (c) 2023, Ann Lee\n\nWe also thank everyone who sent us a patch.\n\n"
               "All rights reserved." + _KEPT)
    alignment = align(parse_document(Source.from_text("e.txt", edition)), _NOTICE)
    assert values(alignment, "holders") == ["2023, Ann Lee"]
    found = _findings(lint, _NOTICE, edition)
    assert "CL102 shared paragraph 'Copyright (c) 2023, Ann Lee All rights…' altered: " \
           "'We also thank everyone who sent us a patch' was added" in found
    assert [f for f in found if f.startswith(("CL104", "CL502"))] == []
