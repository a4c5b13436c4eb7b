"""Detection on Word and PDF editions of the labelled corpus (tests/corpus), made with
pandoc and LibreOffice (tests/fixtures/documents/make_fixtures.py): recall per kind of
defect at least 0.95 of the same editions' recall as text, and no warning or error on the
harmless variants. The whole corpus as documents: python -m tests.corpus.evaluate_documents."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus.evaluate_documents import evaluate

FOLDER = Path(__file__).resolve().parent / "fixtures" / "documents" / "corpus"
SHARE = 0.95


@pytest.fixture(scope="module")
def scores():
    names = {p.stem for p in FOLDER.glob("*.docx")}
    return evaluate(FOLDER, ("docx", "pdf"), names=names)


def test_every_kind_is_in_the_fixtures(scores):
    assert len(scores["txt"].injected) >= 26
    assert scores["docx"].checked == scores["pdf"].checked == scores["txt"].checked >= 25


@pytest.mark.parametrize("kind", ("docx", "pdf"))
def test_recall_per_kind_as_good_as_text(scores, kind):
    low = {k: (scores[kind].recall(k), scores["txt"].recall(k)) for k in scores["txt"].injected
           if scores[kind].recall(k) < SHARE * scores["txt"].recall(k)}
    assert low == {}, scores[kind].missed


@pytest.mark.parametrize("kind", ("docx", "pdf"))
def test_no_warning_or_error_on_harmless_variants(scores, kind):
    assert scores[kind].alarms == []
