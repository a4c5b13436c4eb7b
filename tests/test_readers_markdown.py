"""Markdown editions read as CommonMark (lint/readers/md.py): what a rendered page does not
show, or that is not the edition's wording, raises nothing; the file is still a text file
that --fix rewrites."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonlint.cli import cli
from tests.corpus.documents import to_markdown
from tests.corpus.generator import Generator

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = str(ROOT / "samples" / "template.md")


@pytest.fixture(scope="module")
def edition() -> str:
    clean = Generator(2010).clean()
    return to_markdown(clean, clean.render()[0], escape=False)


def _variant(text: str) -> str:
    text = text.replace("# A message from Kit Malthouse",
                        "## A message from Kit Malthouse\n\n<!-- editor's note: confirm the figures -->", 1)
    text = text.replace("# Met Forward: the MPA strategic mission", "# 2. Met Forward: the MPA strategic mission", 1)
    text = text.replace("## Policing London Business Plan 2010/2013", "### 3.1 Policing London Business Plan 2010/2013", 1)
    text = text.replace("To find out more visit www.mpa.gov.uk/publications/metforward",
                        "To find out more visit [www.mpa.gov.uk/publications/metforward][mf]\n\n"
                        "[mf]: http://www.mpa.gov.uk/publications/metforward", 1)
    text = text.replace("- convince communities", "+ convince communities").replace("- crack down", "+ crack down")
    return text.replace("by logging on to the MPA website:", "by logging on to the [MPA website](http://www.mpa.gov.uk):")


def _check(tmp_path: Path, text: str, *args: str):
    path = tmp_path / "edition.md"
    path.write_text(text, encoding="utf-8")
    return CliRunner().invoke(cli, ["check", "--no-cache", "--template", TEMPLATE, *args, str(path)]), path


def test_the_clean_markdown_edition_passes(tmp_path, edition):
    result, _ = _check(tmp_path, edition)
    assert result.exit_code == 0, result.output


def test_commonmark_variants_raise_nothing(tmp_path, edition):
    text = _variant(edition)
    assert text.count("<!--") == 1 and "[mf]:" in text and "### 3.1 " in text
    result, _ = _check(tmp_path, text)
    assert result.exit_code == 0, result.output


def test_read_as_plain_text_the_variants_would_be_findings(tmp_path, edition, monkeypatch):
    monkeypatch.setitem(sys.modules, "markdown_it", None)  # markdown-it-py not installed: read as text
    result, _ = _check(tmp_path, _variant(edition))
    assert result.exit_code == 1 and "CL104" in result.output and "editor's note" in result.output


def test_fix_still_rewrites_a_markdown_edition(tmp_path, edition):
    broken = _variant(edition).replace("- understand there is less", "- * understand there is less", 1)
    result, path = _check(tmp_path, broken, "--fix")
    assert "- understand there is less" in path.read_text(encoding="utf-8")
    assert "<!-- editor's note" in path.read_text(encoding="utf-8")
