"""Long lines built to make a backtracking pattern explode: every rule must get through
them (each pattern used on edition text is linear). Times are not asserted here; a
quadratic pattern shows up as a run that does not finish."""

from __future__ import annotations

import pytest

from lint.template import parse_template
from tests.conftest import sample_text

SIZE = 100_000
SHAPES = {
    "spaces": " " * SIZE, "tabs": "\t" * SIZE, "hyphens": "-" * SIZE, "asterisks": "*" * SIZE,
    "digits": "1" * SIZE, "zeros": "0" * SIZE, "digits-and-commas": "1," * (SIZE // 2),
    "percentages": "1.1% " * (SIZE // 5), "signed": "- 1" * (SIZE // 3), "words": "a " * (SIZE // 2),
    "brackets": "[" * SIZE, "braces": "{" * SIZE, "angles": "<" * SIZE, "link": "](" * (SIZE // 2),
    "borough": "Westminster " * (SIZE // 12), "capitals": "Aa " * (SIZE // 3), "www": "www." * (SIZE // 4),
    "dots": "." * SIZE, "at-signs": "a@" * (SIZE // 2), "letter-hyphens": "a-" * (SIZE // 2),
    "phone-like": "020 " * (SIZE // 4), "underscores": "_a" * (SIZE // 2), "carets": "^{" * (SIZE // 2),
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_every_rule_gets_through_long_adversarial_lines(shape, lint):
    line = SHAPES[shape]
    for text in (line, sample_text("westminster").replace("Local Policing Summary Westminster",
                                                          "Local Policing Summary " + line)):
        assert not [f for f in lint(text) if "crashed" in f.message]


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_text_slots_get_through_long_adversarial_lines(shape, lint):
    template = parse_template("# T {a} {b}\n\nx {c} {d} y\n\n| R | {n:count} or {p:signed_percent} | {s} |\n")
    line = SHAPES[shape]
    assert not [f for f in lint(f"T {line}\n\nx {line} y\n\nR {line}\n", tpl=template) if "crashed" in f.message]
