"""Rules read list markers as the Document does (canonlint.rulekit.lists): every marker the
Document reads starts an item for the rule kit too, and a displaced item goes back into a
list of any such markers."""

from __future__ import annotations

import pytest

from canonlint.document import BlockKind, parse_document
from canonlint.rulekit.lists import item_starting_line, starts_line_text
from canonlint.source import Source
from tests.conftest import edit, sample_text

ITEMS = ("convince communities", "crack down", "the right service", "reduce crime", "deliver security")
MARKERS = ("-", "*", "+", "\u2022", "\u25aa", "\u2023", "\u25e6", "- *", "1.", "2)")


def test_every_list_item_the_document_reads_starts_its_line_for_the_rule_kit():
    text = "Intro:\n\n" + "".join(f"{marker} item {n}\n" for n, marker in enumerate(MARKERS)) + "\nA paragraph.\n"
    document = parse_document(Source.from_text("edition.txt", text))
    items = [block for block in document.blocks if block.kind is BlockKind.LIST_ITEM]
    assert [item.marker for item in items] == list(MARKERS)
    for item in items:
        assert item_starting_line(document, item.content_start) == item
        assert starts_line_text(document, item.content_start)
    paragraph = document.blocks[-1]
    assert item_starting_line(document, paragraph.start + 2) is None
    assert not starts_line_text(document, paragraph.start + 2)


def _with_markers(marker: str) -> str:
    """The Westminster sample, its priorities list written with marker, its third item
    pushed below the next section's heading."""
    text = sample_text("westminster")
    for number, item in enumerate(ITEMS, start=1):
        text = edit(text, [(f"- * {item}", marker.format(number) + item)])
    return edit(text, [(marker.format(3) + "the right service at the right price\n", ""),
                       ("Looking back on 2009/10\n", "the right service at the right price\n\nLooking back on 2009/10\n")])


def _applied(text: str, fix) -> str:
    for change in sorted(fix.edits, key=lambda e: e.start, reverse=True):
        text = text[:change.start] + change.replacement + text[change.end:]
    return text


@pytest.mark.parametrize("marker", ["\u2022 ", "\u25aa ", "\u25e6  "])
def test_a_displaced_item_goes_back_into_a_list_of_any_bullet(lint, marker):
    text = _with_markers(marker)
    (finding,) = lint(text, select=("CL303",))
    assert finding.fix is not None
    fixed = _applied(text, finding.fix)
    assert marker + "crack down on violence\n" + marker + "the right service at the right price\n" + marker + \
        "reduce crime" in fixed
    assert "\n\nthe right service at the right price\n" not in fixed
    assert lint(fixed, select=("CL303",)) == []


def test_a_displaced_item_of_a_numbered_list_is_reported_without_a_fix(lint):
    (finding,) = lint(_with_markers("{}. "), select=("CL303",))
    assert finding.fix is None  # its number and those after it would need renumbering


@pytest.mark.parametrize("marker", ["- ", "\u25aa ", "1. "])
def test_a_pasted_copy_of_a_list_item_goes_with_its_marker(lint, marker):
    original = sample_text("westminster")
    pasted = f"{marker}convince communities we are on their side\n\n"
    text = edit(original, [("Looking back on 2009/10\n", pasted + "Looking back on 2009/10\n")])
    (finding,) = lint(text, select=("CL107",))
    assert _applied(text, finding.fix) == original
