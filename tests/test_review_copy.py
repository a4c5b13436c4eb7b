"""`--annotate`: a review copy of each Word edition with every finding as a Word comment
anchored on the words it concerns, read back with python-docx as an editor's Word would."""

from __future__ import annotations

import json
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonlint.cli import cli
from canonlint.readers import read_edition
from tests.conftest import libreoffice, require_tool

docx = pytest.importorskip("docx")  # python-docx, of the test extra

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "documents"
TEMPLATE = str(ROOT / "samples" / "template.md")


def _check(*args: str):
    return CliRunner().invoke(cli, ["check", "--template", TEMPLATE, "--no-cache", *args])


def _copy(source: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / source.name).write_bytes(source.read_bytes())
    return folder / source.name


def _anchored(document) -> dict[str, tuple[str, str]]:
    """Each comment id → the words between its range start and end in the body: as they
    read (pending changes accepted), and the words of its pending deletions."""
    xml = document.element.xml
    anchored = {}
    for start in re.finditer(r'<w:commentRangeStart w:id="(\d+)"/>', xml):
        end = xml.index(f'<w:commentRangeEnd w:id="{start.group(1)}"/>', start.end())
        inside = xml[start.end():end]
        anchored[start.group(1)] = ("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", inside)),
                                    "".join(re.findall(r"<w:delText(?: [^>]*)?>([^<]*)</w:delText>", inside)))
    return anchored


@pytest.mark.parametrize("name", ["corpus/defective-027.docx", "corpus/defective-002.docx",
                                  "revisions/reviewed.docx", "../../../samples/documents/westminster.docx"])
def test_every_finding_is_a_comment_on_the_words_it_names(tmp_path, name):
    edition = _copy(FIXTURES / name, tmp_path)
    original = edition.read_bytes()
    findings = json.loads(_check("--format", "json", str(edition)).stdout)
    result = _check("--annotate", str(edition))
    copy = tmp_path / f"{edition.stem}.canonlint.docx"
    assert edition.read_bytes() == original  # never over the original
    assert f"review copy with {len(findings)} comment(s) written to {copy}" in result.stderr
    review = docx.Document(str(copy))
    ours = [c for c in review.comments if c.author == "canonlint"]
    assert len(ours) == len(findings)
    anchored = _anchored(review)
    for comment, finding in zip(sorted(ours, key=lambda c: c.comment_id), findings, strict=True):
        plain = finding["name"].replace("-", " ").capitalize()
        assert comment.text.startswith(f"{plain} ({finding['rule']}, {finding['severity']})")
        assert finding["message"].split(" [")[0] in comment.text
        words, deleted = anchored[str(comment.comment_id)]
        assert words.strip()
        if "in a text box" in finding["message"]:  # anchored on the paragraph that holds the box
            assert words == "www.mpa.gov.uk"
        elif finding.get("found") and "\n" not in finding["found"] and len(finding["found"]) < 60:
            found = " ".join(finding["found"].split())
            assert found in " ".join(words.split()) or found == deleted, (finding, words, deleted)
    # The copy reads as the edition: comments are not text.
    assert read_edition(copy, copy.name).text == read_edition(edition, edition.name).text


def test_the_template_words_are_in_the_comment(tmp_path):
    edition = _copy(FIXTURES / "corpus" / "defective-027.docx", tmp_path)
    _check("--annotate", str(edition))
    texts = [c.text for c in docx.Document(str(tmp_path / "defective-027.canonlint.docx")).comments]
    assert any("expected '0808 200 0247', found '0808 200 0347'" in t for t in texts)


def test_a_review_copy_goes_into_the_folder_chosen_and_is_no_edition_of_the_next_run(tmp_path):
    edition = _copy(FIXTURES / "corpus" / "defective-027.docx", tmp_path / "editions")
    _check("--annotate-dir", str(tmp_path / "review"), str(edition))
    copy = tmp_path / "review" / "defective-027.canonlint.docx"
    assert copy.exists() and not (tmp_path / "editions" / "defective-027.canonlint.docx").exists()
    _check("--annotate", str(edition))  # beside it, then the folder walked again
    assert "canonlint.docx" not in _check(str(tmp_path / "editions")).output


def test_a_review_copy_with_fixes_holds_the_tracked_changes_too(tmp_path):
    edition = _copy(FIXTURES / "corpus" / "defective-027.docx", tmp_path)
    _check("--fix", "--annotate", str(edition))
    document = zipfile.ZipFile(tmp_path / "defective-027.canonlint.docx").read("word/document.xml").decode()
    assert 'w:author="canonlint"' in document and "<w:ins " in document and "commentRangeStart" in document


def test_a_new_comments_part_is_added_with_its_relationship_and_content_type(tmp_path):
    edition = _copy(ROOT / "samples" / "documents" / "westminster.docx", tmp_path)
    assert "word/comments.xml" not in zipfile.ZipFile(edition).namelist()
    _check("--annotate", str(edition))
    package = zipfile.ZipFile(tmp_path / "westminster.canonlint.docx")
    assert 'PartName="/word/comments.xml"' in package.read("[Content_Types].xml").decode()
    assert 'Target="comments.xml"' in package.read("word/_rels/document.xml.rels").decode()
    assert len(docx.Document(str(tmp_path / "westminster.canonlint.docx")).comments) == 5


def test_libreoffice_opens_the_review_copy_with_its_comments(tmp_path):
    require_tool("soffice", "libreoffice-writer-nogui")
    edition = _copy(FIXTURES / "corpus" / "defective-027.docx", tmp_path)
    _check("--annotate", str(edition))
    converted = subprocess.run(libreoffice(tmp_path / "profile", "--convert-to", "odt", "--outdir", str(tmp_path / "odt"),
                                str(tmp_path / "defective-027.canonlint.docx")), capture_output=True, timeout=180)
    assert converted.returncode == 0
    odt = read_edition(tmp_path / "odt" / "defective-027.canonlint.odt", "defective-027.canonlint.odt")
    assert [p.pending.author for p in odt.layout.pending] == ["canonlint", "canonlint"]
    assert odt.text == read_edition(edition, edition.name).text
