"""Markdown editions read as CommonMark (lint/readers/md.py): what a rendered page does not
show, or that is not the edition's wording, raises nothing; the file is still a text file
that --fix rewrites."""

from __future__ import annotations

import importlib.metadata
import re
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
    """canonlint check of text as a .md edition (against the samples' template unless args name one)."""
    path = tmp_path / "edition.md"
    path.write_text(text, encoding="utf-8")
    template = [] if "--template" in args else ["--template", TEMPLATE]
    return CliRunner().invoke(cli, ["check", "--no-cache", *template, *args, str(path)]), path


def test_the_clean_markdown_edition_passes(tmp_path, edition):
    result, _ = _check(tmp_path, edition)
    assert result.exit_code == 0, result.output


def test_commonmark_variants_raise_nothing(tmp_path, edition):
    text = _variant(edition)
    assert text.count("<!--") == 1 and "[mf]:" in text and "### 3.1 " in text
    result, _ = _check(tmp_path, text)
    assert result.exit_code == 0, result.output


def _extras_modules(extra: str) -> set[str]:
    """The top-level modules the distributions of an extra of canonlint install."""
    wanted = {re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].lower()
              for requirement in importlib.metadata.requires("canonlint") or ()
              if f'extra == "{extra}"' in requirement}
    return {module for module, dists in importlib.metadata.packages_distributions().items()
            if any(dist.lower() in wanted for dist in dists)}


def test_markdown_reads_the_same_with_or_without_the_extras(tmp_path, edition, monkeypatch):
    """A plain install (no `documents` extra) reads a .md file as one with the extras does:
    markdown-it-py is a core dependency, and the variants CommonMark hides stay hidden."""
    core = [r for r in importlib.metadata.requires("canonlint") or () if "extra ==" not in r]
    assert any(r.startswith("markdown-it-py") for r in core)
    template = (ROOT / "tests" / "data" / "markdown" / "code-of-conduct.md").read_text(encoding="utf-8")
    copy = template.replace("{contact:email}", "conduct@example.org")
    cases = [(_variant(edition), TEMPLATE), (copy, None), (copy.replace("/2/1/code_of_conduct", "/2/0/code_of_conduct"), None)]
    with_extras = []
    for text, template_path in cases:
        result, _ = _check(tmp_path, text, *_template_args(tmp_path, template, template_path))
        with_extras.append((result.exit_code, result.output))
    modules = _extras_modules("documents")
    assert "pypdfium2" in modules and "markdown_it" not in modules
    for module in modules:
        monkeypatch.setitem(sys.modules, module, None)  # as if not installed
    plain = []
    for text, template_path in cases:
        result, _ = _check(tmp_path, text, *_template_args(tmp_path, template, template_path))
        plain.append((result.exit_code, result.output))
    assert plain == with_extras
    assert [code for code, _ in plain] == [0, 0, 1], plain


def _template_args(tmp_path: Path, template: str, path: str | None) -> list[str]:
    if path is None:
        path = str(tmp_path / "template.md")
        Path(path).write_text(template, encoding="utf-8")
    return ["--template", path]


def test_fix_still_rewrites_a_markdown_edition(tmp_path, edition):
    broken = _variant(edition).replace("- understand there is less", "- * understand there is less", 1)
    result, path = _check(tmp_path, broken, "--fix")
    assert "- understand there is less" in path.read_text(encoding="utf-8")
    assert "<!-- editor's note" in path.read_text(encoding="utf-8")
