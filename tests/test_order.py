"""Which found elements stand out of their template order (canonlint.rulekit.order), as the
list and table reordering rules name them."""

from __future__ import annotations

from canonlint.rulekit.order import Displaced, displaced, order_details


def test_elements_in_the_template_order_are_not_displaced():
    assert displaced([1, 2, 3]) == []
    assert displaced([1, 3]) == []  # one missing: the others still stand in order


def test_a_swap_displaces_both_elements_and_names_their_places():
    out_of_place = displaced([1, 3, 2])
    assert out_of_place == [Displaced(1, 2, 3), Displaced(2, 3, 2)]
    assert order_details(out_of_place, ["a", "c", "b"], "row") == \
        "'c' is row 3 in the template but row 2 here; 'b' is row 2 in the template but row 3 here"
