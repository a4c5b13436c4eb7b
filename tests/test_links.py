"""Links are compared as links: a link's text as text, its target (inline, a reference
definition's, an autolink's, a Word hyperlink's, an HTML href) against the template's, in
every format that has links. The Word and HTML copies are pandoc's, from
tests/fixtures/documents/make_fixtures.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonlint.cli import cli
from tests.fixtures.documents.make_fixtures import CONTACT, LINK_CHANGES

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "tests" / "data" / "markdown" / "code-of-conduct.md"
LINKS = ROOT / "tests" / "fixtures" / "documents" / "links"
WRONG = [
    ("CL105", "link target differs from the template: 'https://community-covenant.example.org/version/2/1' should "
              "lead to 'https://community-covenant.example.org/version/2/1/code_of_conduct.html', found "
              "'https://community-covenant.example.org/version/2/0/code_of_conduct.html'"),
    ("CL105", "link target differs from the template: 'FAQ' should lead to "
              "'https://community-covenant.example.org/faq', found 'https://example.com/wrong'"),
]


def _findings(path: Path) -> list[tuple[str, str]]:
    result = CliRunner().invoke(cli, ["check", "--no-cache", "--format", "json", "--template", str(TEMPLATE), str(path)])
    assert result.exit_code in (0, 1), result.output
    # A document's message ends with its place ("[under '3. Attribution': '…quote…']").
    return sorted((f["rule"], re.sub(r" \[(?:page \d+, )?(?:paragraph|under) .*\]$", "", f["message"]))
                  for f in json.loads(result.output))


def _markdown(tmp_path: Path, wrong: bool) -> Path:
    text = TEMPLATE.read_text(encoding="utf-8").replace("{contact:email}", CONTACT)
    for old, new in LINK_CHANGES if wrong else ():
        text = text.replace(old, new)
    path = tmp_path / ("conduct-wrong-links.md" if wrong else "conduct-copy.md")
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", ["md", "docx", "html"])
def test_a_copy_whose_links_lead_where_the_templates_do_is_clean(tmp_path, suffix):
    path = _markdown(tmp_path, wrong=False) if suffix == "md" else LINKS / f"conduct-copy.{suffix}"
    assert _findings(path) == []


@pytest.mark.parametrize("suffix", ["md", "docx", "html"])
def test_a_changed_link_target_is_found_in_every_format(tmp_path, suffix):
    path = _markdown(tmp_path, wrong=True) if suffix == "md" else LINKS / f"conduct-wrong-links.{suffix}"
    assert _findings(path) == sorted(WRONG)


def test_a_markdown_fix_writes_the_templates_target(tmp_path):
    path = _markdown(tmp_path, wrong=True)
    CliRunner().invoke(cli, ["check", "--no-cache", "--fix", "--template", str(TEMPLATE), str(path)])
    assert _findings(path) == []
    (tmp_path / "clean").mkdir()
    assert path.read_text(encoding="utf-8") == _markdown(tmp_path / "clean", wrong=False).read_text(encoding="utf-8")
