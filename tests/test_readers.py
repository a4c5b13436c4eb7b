"""The document readers (lint/readers): each format's structure recovered, places a person
can find, bad files answered with one line, and detection on Word and PDF editions of the
labelled corpus as good as on their text. Fixtures: tests/fixtures/documents (made by its
make_fixtures.py with pandoc and LibreOffice; the tests need no converter)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonlint.cli import cli
from canonlint.document import BlockKind, parse_document
from canonlint.readers import DocumentPlace, read_edition
from canonlint.readers.kinds import EDITION_KINDS
from canonlint.source import Source, SourceError

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "documents"
TEMPLATE = str(ROOT / "samples" / "template.md")
# Every document kind of the table of edition kinds (Markdown is a text kind, tested with the texts).
FORMATS = tuple(dict.fromkeys(kind.reader for kind in EDITION_KINDS if kind.document))


def _blocks(path: Path):
    source = read_edition(path, path.name)
    document = parse_document(source)
    return source, [(b.kind, b.level, b.marker, source.text[b.content_start:b.end]) for b in document.blocks]


@pytest.mark.parametrize("kind", FORMATS)
def test_structure_recovered(kind):
    _, blocks = _blocks(FIXTURES / f"structure.{kind}")
    headings = [(level, text) for k, level, _, text in blocks if k is BlockKind.HEADING]
    assert headings[-3:] == [(1, "Useful contacts"), (2, "Metropolitan Police Service"), (3, "How did Camden perform?")]
    items = [(marker, text) for k, _, marker, text in blocks if k is BlockKind.LIST_ITEM]
    assert items == [("-", "first bullet item"), ("-", "second bullet item"),
                     ("1.", "first numbered item"), ("2.", "second numbered item")]
    rows = [text.split("\t") for k, _, _, text in blocks if k is BlockKind.TABLE_ROW]
    assert rows == [["Crime", "Result", "Status"],
                    ["Residential burglary", "174 offences or -11.7%", "Target achieved"],
                    ["Gun crime", "11 offences or +15.3%", "Target missed"]]
    assert blocks[-1] == (BlockKind.PARAGRAPH, 0, "", "The last paragraph.")


@pytest.mark.parametrize("kind", ("docx", "odt"))
def test_word_places_are_paragraph_numbers_under_their_heading(kind):
    source, _ = _blocks(FIXTURES / f"structure.{kind}")
    line = source.text.splitlines().index("- second bullet item") + 1
    assert source.layout.place(line) == DocumentPlace(paragraph=5, under="Metropolitan Police Service")


def test_pdf_places_are_page_and_line_on_the_page():
    source, _ = _blocks(FIXTURES / "structure.pdf")
    lines = source.text.splitlines()
    assert source.layout.place(lines.index("The last paragraph.") + 1) == DocumentPlace(
        page=1, page_line=16, under="How did Camden perform?")
    # the heading, a blank line, then the first paragraph, which wraps: a place per line
    assert [source.layout.place(n) for n in (1, 3, 4)] == [
        DocumentPlace(page=1, page_line=1), DocumentPlace(page=1, page_line=2, under="Useful contacts"),
        DocumentPlace(page=1, page_line=3, under="Useful contacts")]


def test_a_finding_in_a_document_names_its_place(tmp_path):
    findings = []
    for name in ("defective-000.docx", "defective-000.pdf"):  # one at a time: together they are one edition
        result = CliRunner().invoke(cli, ["check", "--template", TEMPLATE, "--format", "json",
                                           str(FIXTURES / "corpus" / name), "--select", "CL201"])
        findings += json.loads(result.stdout)
    by_path = {Path(f["path"]).suffix: f for f in findings}
    # The message names what Word and a PDF viewer show: the heading above, the words there, a PDF's page;
    # JSON keeps the numbers.
    assert by_path[".docx"]["paragraph"] > 1 and by_path[".docx"]["under"] == "MPA"
    assert by_path[".docx"]["message"].endswith("[under 'MPA': 'The job of the MPA is…']")
    assert by_path[".pdf"]["page"] == 2 and by_path[".pdf"]["page_line"] >= 1
    assert by_path[".pdf"]["message"].endswith("[page 2, under 'MPA': 'The job of the MPA is…']")
    assert all(isinstance(f["line"], int) and f["line"] >= 1 for f in findings)


BAD = {
    "scan.pdf": "no text layer",
    "encrypted.pdf": "encrypted",
    "truncated.pdf": "damaged or truncated",
    "truncated.docx": "not a zip package",
    "not-a-docx.docx": "without word/document.xml",
    "old-binary.docx": "old binary format",
    "encrypted.docx": r"an encrypted \(password-protected\) file",
    "empty.docx": r"empty \(0 bytes\), not a Word document",
    "empty.pdf": r"empty \(0 bytes\), not a PDF document",
}


@pytest.mark.parametrize("name", BAD)
def test_a_bad_document_is_one_clear_error(name):
    with pytest.raises(SourceError, match=BAD[name]) as caught:
        read_edition(FIXTURES / "bad" / name, name)
    assert "\n" not in str(caught.value)


def test_bad_documents_are_one_line_each_and_the_others_still_checked():
    good = str(FIXTURES / "corpus" / "clean-0.docx")
    result = CliRunner().invoke(cli, ["check", "--template", TEMPLATE, good,
                                       *(str(FIXTURES / "bad" / name) for name in BAD)])
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("canonlint: error:")]
    assert len(errors) == len(BAD)
    assert "Traceback" not in result.output + result.stderr
    assert "in 1 file" in result.output  # the good one was checked


def test_a_pdf_without_the_extra_names_the_command_that_installs_it(monkeypatch):
    """No 'pip install canonlint[…]': canonlint is on no package index, so the message names
    this interpreter's pip and the extra's own requirements, a command that works as written."""
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # as if not installed
    with pytest.raises(SourceError) as raised:
        read_edition(FIXTURES / "structure.pdf", "structure.pdf")
    message = str(raised.value)
    assert "reading PDF files needs the 'documents' extra: " in message
    assert f"{sys.executable} -m pip install " in message and "pypdfium2" in message
    assert "canonlint[" not in message


def test_fix_writes_a_word_file_as_tracked_changes_and_no_other_document(tmp_path):
    # Word files are fixed as tracked changes (tests/test_word_fixes.py); a PDF never is, and that is said once.
    copies = []
    for name in ("defective-000.docx", "defective-001.pdf"):
        copy = tmp_path / name
        copy.write_bytes((FIXTURES / "corpus" / name).read_bytes())
        copies.append(copy)
    before = [c.read_bytes() for c in copies]
    result = CliRunner().invoke(cli, ["check", "--template", TEMPLATE, "--fix", *map(str, copies)])
    assert copies[0].read_bytes() != before[0] and copies[1].read_bytes() == before[1]
    notes = [line for line in result.stderr.splitlines() if "were not applied" in line]
    assert len(notes) == 1 and "1 fix(es) in 1 document(s)" in notes[0]


def test_diff_shows_a_documents_fix_against_its_extracted_text():
    result = CliRunner().invoke(cli, ["check", "--template", TEMPLATE, "--diff",
                                       str(FIXTURES / "corpus" / "defective-000.docx")])
    assert "defective-000.docx (extracted text)" in result.stdout
    assert "\n--" in result.stdout and "\n+" in result.stdout


def test_the_readme_shows_the_documents_real_findings(monkeypatch):
    import re

    monkeypatch.chdir(ROOT)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = re.search(r"## Word, PDF, OpenDocument, HTML and Markdown editions.*?```sh\n(.*?)```.*?```text\n(.*?)```",
                        readme, re.S)
    command = section.group(1).strip().splitlines()[-1].split()
    assert command[:2] == [".venv/bin/canonlint", "check"]
    output = CliRunner().invoke(cli, [*command[1:], "--no-cache"]).output.splitlines()
    for line in section.group(2).strip().splitlines():
        assert line in output, line


@pytest.mark.parametrize("kind", FORMATS)
def test_any_damage_to_a_document_is_a_clear_error_never_a_crash(kind):
    import random

    data = (FIXTURES / f"structure.{kind}").read_bytes()
    rng = random.Random(11)
    for trial in range(40):
        damaged = bytearray(data)
        if trial % 2:
            damaged = damaged[: rng.randrange(len(damaged))]
        for _ in range(rng.randrange(1, 20)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            source = read_edition(None, f"damaged.{kind}", bytes(damaged))
        except SourceError as exc:
            assert "\n" not in str(exc) and str(exc).startswith(f"damaged.{kind}:")
        else:
            parse_document(source)


def test_html_reads_the_visible_text_only():
    page = (b"<html><head><title>x</title><style>p{color:red}</style><script>var a='<p>no</p>';</script></head>"
            b"<body><nav><ul><li>Home</li></ul></nav><h2>Priorities</h2>"
            b"<ul><li><p>first loose item</p></li><li><p>second</p></li></ul>"
            b"<p>Para <b>bold</b> text<br>next</p><div role='navigation'>Skip to content</div></body></html>")
    source = read_edition(None, "page.html", page)
    blocks = [(b.kind, source.text[b.content_start:b.end]) for b in parse_document(source).blocks]
    assert blocks == [(BlockKind.HEADING, "Priorities"), (BlockKind.LIST_ITEM, "first loose item"),
                      (BlockKind.LIST_ITEM, "second"), (BlockKind.PARAGRAPH, "Para bold text next")]


def test_pdf_running_header_and_page_numbers_are_left_out():
    source = read_edition(FIXTURES / "running-header.pdf", "running-header.pdf")
    assert "Camden" not in source.text and "Page" not in source.text
    assert source.text.count(" of part ") == 60  # every paragraph's last words, none lost
    assert {source.layout.place(n).page for n in range(1, len(source.layout.places) + 1)
            if source.layout.place(n).page} == {1, 2, 3}


@pytest.mark.parametrize("document", ("samples/documents/westminster.docx", "samples/documents/westminster.pdf",
                                      "samples/documents/tower-hamlets.docx", "samples/documents/tower-hamlets.pdf"))
def test_a_sample_saved_as_word_or_pdf_shows_what_its_text_shows(monkeypatch, document):
    """samples/documents/make.sh: the text saved as Word (a paragraph per line, empty ones
    between paragraphs), then exported as PDF; lines with only spaces (CL705) do not survive."""
    monkeypatch.chdir(ROOT)

    def codes(path: str) -> list[str]:
        result = CliRunner().invoke(cli, ["check", "--no-cache", "--format", "json", path])
        return sorted(f["rule"] for f in json.loads(result.stdout) if f["rule"] != "CL705")

    text = "samples/boroughs/" + Path(document).stem + ".txt"
    assert codes(document) == codes(text)


@pytest.mark.parametrize("kind", FORMATS)
def test_words_set_bold_or_italic_keep_their_spaces(kind):
    source = read_edition(FIXTURES / f"structure.{kind}", f"structure.{kind}")
    assert "heading, with bold words, then italic; long" in " ".join(source.text.split())


@pytest.mark.parametrize("copy", ("mit-license/tomli", "bsd-3-clause/idna"))
def test_a_hard_wrapped_text_saved_as_word_reads_as_its_text(copy):
    """A licence hard-wrapped at 80 columns, saved as Word by LibreOffice
    (tests/data/families/make.sh): paragraphs of five lines and more (fewer empty
    paragraphs than a quarter of its lines), numbered items whose lines wrap; every block
    reads as in the text itself."""
    family, name = copy.split("/")
    folder = ROOT / "tests" / "data" / "families" / family

    def blocks(source):
        document = parse_document(source)
        return [(b.kind, " ".join(source.text[b.content_start:b.end].split())) for b in document.blocks]

    text = (folder / "copies" / f"{name}.txt").read_text(encoding="utf-8")
    word = read_edition(folder / "documents" / f"{name}.docx", f"{name}.docx")
    assert blocks(word) == blocks(Source.from_text(f"{name}.txt", text))
