"""One defect, one finding, by its most specific rule: a rule that claims the text it reports
on (an address, a phone number, a slot) leaves no word difference there to the generic
text rules, and a run of deleted blocks is one finding naming them."""

from __future__ import annotations

import pytest

from tests.conftest import sample_text


@pytest.fixture(scope="module")
def clean():
    return sample_text("westminster")


def new_findings(lint, clean: str, edition: str, **kwargs) -> list[tuple[str, str]]:
    """The findings the edition gets that the clean edition it was made from does not."""
    before = {(f.rule, f.message) for f in lint(clean, **kwargs)}
    return [(f.rule, f.message) for f in lint(edition, **kwargs) if (f.rule, f.message) not in before]


def test_a_regrouped_phone_number_is_only_a_format_warning(lint, clean):
    edition = clean.replace("tel: 0800 555111", "tel: 0800 555 111")
    assert [rule for rule, _ in new_findings(lint, clean, edition)] == ["CL108"]


def test_a_truncated_address_is_only_an_address_error(lint, clean):
    edition = clean.replace("www.victimsupport.org.uk", "www.victimsupport.org")
    found = new_findings(lint, clean, edition)
    assert [rule for rule, _ in found] == ["CL105"]
    assert "www.victimsupport.org.uk" in found[0][1]


def test_without_the_specific_rule_the_generic_one_still_reports_the_defect(lint, clean):
    edition = clean.replace("www.victimsupport.org.uk", "www.victimsupport.org")
    select = ("CL101", "CL102", "CL104")
    assert [rule for rule, _ in new_findings(lint, clean, edition, select=select)] == ["CL102"]


def test_a_claimed_difference_leaves_the_others_of_its_paragraph_reported(lint, clean):
    sentence = "please contact review@mpa.gov.uk or call 0207 202 0202."
    assert sentence in clean
    edition = clean.replace(sentence, "please write to review@mpa.gov or call 0207 202 0202.")
    found = new_findings(lint, clean, edition)
    assert sorted(rule for rule, _ in found) == ["CL102", "CL105"]
    altered = next(message for rule, message in found if rule == "CL102")
    assert "'write to'" in altered and "'uk'" not in altered


def test_words_added_to_a_heading_on_its_own_line_are_one_altered_heading(lint, clean):
    edition = clean.replace("Victim Support\n\ntel: 0845 303 0900", "Contact Victim Support (national)\n\ntel: 0845 303 0900")
    found = new_findings(lint, clean, edition)
    assert [rule for rule, _ in found] == ["CL102"], found
    assert "'Contact' was added" in found[0][1] and "'national' was added" in found[0][1]


def _without(text: str, first: str, stop: str) -> str:
    start, end = text.index(first), text.index(stop)
    return text[:start] + text[end:]


def test_two_deleted_sections_are_one_finding_naming_them(lint, clean):
    edition = _without(clean, "Victim Support\n", "Talk to Frank")
    found = new_findings(lint, clean, edition)
    assert len(found) == 1, found
    rule, message = found[0]
    assert rule == "CL101"
    assert "'Victim Support'" in message and "'Crimestoppers'" in message and "6 blocks" in message


def test_one_deleted_heading_is_still_a_missing_heading(lint, clean):
    edition = clean.replace("\nCrimestoppers\n", "\n")
    assert [rule for rule, _ in new_findings(lint, clean, edition)] == ["CL201"]


def test_one_deleted_paragraph_is_still_a_missing_paragraph(lint, clean):
    edition = clean.replace("\ntel: 0845 303 0900\n", "\n")
    assert [rule for rule, _ in new_findings(lint, clean, edition)] == ["CL101"]


def test_consecutive_items_deleted_from_a_list_are_one_finding(lint, clean):
    items = "- feel more confident about policing in London; and\n- recognise that money is being well spent.\n"
    edition = clean.replace(items, "\n\n")  # the lines after them keep their numbers
    found = new_findings(lint, clean, edition)
    assert [rule for rule, _ in found] == ["CL302"]
    assert "items 2–3" in found[0][1] and "more confident" in found[0][1] and "well spent" in found[0][1]


# Each defect once, by its most specific rule; all but the first drew a second, generic
# finding besides their specific one before claims reached every generic rule.
@pytest.mark.parametrize("old,new,rule", [
    pytest.param("tel: 0800 555111", "tel: 0800 555112", "CL105",
                 id="a_changed_phone_number_is_only_an_exact_token_error"),
    pytest.param("- 4.0% reduction in gun crime", "- 4.0% increase in gun crime", "CL408",
                 id="a_reduction_target_turned_increase_is_only_a_priority_error"),
    pytest.param("174 offences or -11.7%", "174 offences or \uff0d11.7%", "CL706",
                 id="a_look_alike_sign_is_not_also_a_missing_sign"),
    pytest.param("www.crimestoppers-uk.org", "www.crimestoppers uk.org", "CL105",
                 id="a_hyphen_lost_in_a_web_address_is_only_an_address_error"),
    pytest.param("tel: 0300 123 1212", "tel: 03001 231212", "CL108",
                 id="a_phone_number_regrouped_across_its_groups_is_only_a_format_warning"),
    pytest.param("www.crimestoppers-uk.org", "www.crimestoppers -uk.org", "CL702",
                 id="a_hyphenated_address_broken_by_a_space_is_only_broken_hyphenation"),
])
def test_one_defect_is_reported_by_its_most_specific_rule_only(lint, clean, old, new, rule):
    edition = clean.replace(old, new)
    assert [found for found, _ in new_findings(lint, clean, edition)] == [rule]


@pytest.mark.parametrize("old,new,generic", [
    ("tel: 0300 123 1212", "tel: 03001 231212", ["CL104", "CL101"]),
    ("174 offences or -11.7%", "174 offences or \uff0d11.7%", ["CL402"]),
    ("- 4.0% reduction in gun crime", "- 4.0% increase in gun crime", ["CL102"]),
])
def test_without_the_claiming_rule_the_generic_rules_still_report_it(lint, clean, old, new, generic):
    edition = clean.replace(old, new)
    select = ("CL101", "CL102", "CL104", "CL402")
    assert [rule for rule, _ in new_findings(lint, clean, edition, select=select)] == generic
