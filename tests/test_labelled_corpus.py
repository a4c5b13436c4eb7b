"""Recall per kind of defect on a labelled corpus, and silence on harmless variants.

The corpus (tests/corpus/generator.py) renders clean editions from the sample template with
varied boroughs, commanders, figures and local text, injects each kind of defect 20 times
at recorded lines (one or two kinds per edition, some editions also flattened like the
scraped Bexley copy), and makes harmless variants of clean editions: re-wrapped at 60–80
columns, curly quotes, CRLF line ends, extra blank lines, different local sections, another
borough named in local text. Beside recall it counts the warnings and errors on defective
editions that match no planted defect. `python -m tests.corpus.evaluate` prints the same
numbers, and the README shows them.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT
from tests.corpus.evaluate import evaluate, table

MIN_RECALL = 0.95


@pytest.fixture(scope="module")
def evaluation():
    return evaluate(seed=2010, per_kind=20)


def test_at_least_fifteen_kinds_each_injected_often(evaluation):
    assert len(evaluation.kinds) >= 15
    assert all(score.injected >= 20 for score in evaluation.kinds.values())


def test_reordered_table_rows_are_measured(evaluation):
    assert evaluation.kinds["table rows reordered"].code == "CL409"


def test_recall_of_every_kind(evaluation):
    low = {kind: (round(s.recall, 2), s.missed) for kind, s in evaluation.kinds.items() if s.recall < MIN_RECALL}
    assert low == {}


def test_no_warning_or_error_on_harmless_variants(evaluation):
    assert evaluation.harmless_checked >= 30
    assert [(name, f.line, f.rule, f.message) for name, f in evaluation.false_alarms] == []


def test_readme_shows_the_table_the_evaluation_prints(evaluation):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"^### Measured on a labelled corpus\n(.*?)(?=^#)", readme, re.S | re.M).group(1)
    assert table(evaluation) in section
