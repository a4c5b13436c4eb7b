"""Memory a run's findings hold, measured in-process with tracemalloc: a ratio (bytes per
finding over a generated corpus), never a size of the process or a time.

A run keeps every finding until its report is written (the corpus rules compare editions
with one another), so what one finding costs decides the peak of a large run: 10,000
editions with some 124,000 findings (tests/benchmarks/memory.py prints that peak). The HTML
report's edition views (each edition's text and rows, tens of KB) wait in a spool on disk,
not in memory (canonlint.run.spool)."""

from __future__ import annotations

import gc
import tracemalloc

import pytest

from canonlint.run.request import Request, run
from tests.benchmarks.corpus import write_corpus

# What the results of a run hold, per finding, once the template and rules are set aside:
# the findings with their evidence and fixes, and each edition's FileResult and Outcome.
# Findings held as made (a new string for every message, path, evidence and fix title)
# came to about 820 bytes each here; sharing the text the findings repeat, about 650.
BOUND = 730


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("memory")
    write_corpus(folder, 60, defects=4)
    return folder


def held_per_finding(folder, view=None) -> tuple[float, int]:
    """(bytes the run's results hold per finding, findings) of a run over folder, with the
    report's per-edition view hook when one is given."""
    gc.collect()
    tracemalloc.start()
    try:
        outcome = run(Request(paths=(str(folder / "editions"),), config=folder / "canonlint.toml", cache=False,
                              view=view))
        kept = (outcome.template, outcome.rules)  # the run's, not the findings': kept out of the measure
        findings = sum(len(result.findings) for result in outcome.results)
        gc.collect()
        holding = tracemalloc.get_traced_memory()[0]
        del outcome
        gc.collect()
        released = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert kept
    return (holding - released) / findings, findings


def test_findings_repeating_text_hold_it_once(corpus):
    per_finding, findings = held_per_finding(corpus)
    assert findings > 500  # about 12 an edition: the case, smaller
    assert per_finding < BOUND, f"{per_finding:,.0f} bytes a finding"


def test_the_html_reports_edition_views_wait_on_disk(corpus):
    from canonlint.report.edition_view import edition_view

    plain, findings = held_per_finding(corpus)
    with_views, same = held_per_finding(corpus, view=edition_view)
    assert same == findings
    editions = len(list((corpus / "editions").iterdir()))
    # A view held in memory is about 39 KB an edition (its text and rows); spooled, what is
    # left is a reference to where it is in the file.
    extra = (with_views - plain) * findings / editions
    assert extra < 1_000, f"{extra:,.0f} bytes an edition for its view"
