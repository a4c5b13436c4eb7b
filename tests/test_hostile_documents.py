"""Hostile documents: a PDF that crashes its reader, text bombs in Word and OpenDocument
packages, and markup that would make a reader quadratic. Each is one clear line, the other
editions of the run are still reported, and every reader's time grows linearly with its
input."""

from __future__ import annotations

import io
import shutil
import zipfile
import zlib

import pytest
from click.testing import CliRunner

from canonlint.readers import reader_output
from canonlint.cli import cli
from canonlint.readers import ReadError, isolated, read_blocks, read_edition
from canonlint.readers.pdf import MAX_PAGES
from tests.test_adversarial import _grows_linearly
from tests.test_bad_input import GOOD, canonlint, workspace  # noqa: F401 (a fixture)

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _pdf(pages: list[bytes]) -> bytes:
    """A PDF of one page per content stream (deflated), set in Helvetica."""
    count = len(pages)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(count)),
                                                            count),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for index, content in enumerate(pages):
        stream = zlib.compress(content, 9)
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % (5 + 2 * index))
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _text_page(text: bytes) -> bytes:
    return b"BT /F1 12 Tf 72 720 Td (" + text + b") Tj ET"


def _package(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return buffer.getvalue()


def _docx(body: bytes, styles: bytes | None = None) -> bytes:
    parts = {"word/document.xml": b'<w:document %s><w:body>%s</w:body></w:document>' % (W.encode(), body)}
    if styles is not None:
        parts["word/styles.xml"] = b"<w:styles %s>%s</w:styles>" % (W.encode(), styles)
    return _package(parts)


def _odt(body: bytes) -> bytes:
    return _package({"content.xml": b'<office:document-content '
                                    b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                                    b'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">'
                                    b"<office:body><office:text>%s</office:text></office:body>"
                                    b"</office:document-content>" % body})


@pytest.fixture()
def small_reader_memory(monkeypatch):
    """The PDF reader's child process with 400 MB of address space, so that a bomb reaches
    the limit in a few seconds; a fresh child before and after."""
    isolated._CHILD.close()
    monkeypatch.setattr(isolated, "MEMORY_LIMIT", 400 << 20)
    yield
    isolated._CHILD.close()


def test_a_pdf_that_crashes_its_reader_ends_only_that_file(workspace, small_reader_memory):  # noqa: F811
    """PDFium aborts the process when a content stream inflates past its memory: the
    bomb is one line, the good edition is still reported, and the next PDF is read."""
    with pytest.raises(ReadError, match=r"bomb\.pdf: the PDF reader crashed on this file \(signal SIGABRT"):
        read_edition(None, "bomb.pdf", _pdf([_text_page(b"Hello world) Tj (" * 1_500_000)]))
    blocks = read_edition(None, "fine.pdf", _pdf([_text_page(b"Local Policing Summary")]))
    assert "Local Policing Summary" in blocks.text


def test_a_pdf_bomb_in_a_run_is_one_line_and_the_other_editions_are_reported(workspace, small_reader_memory,  # noqa: F811
                                                                            monkeypatch):
    (workspace / "bomb.pdf").write_bytes(_pdf([_text_page(b"Hello world) Tj (" * 1_500_000)]))
    monkeypatch.chdir(workspace)
    result = CliRunner().invoke(cli, ["check", "--template", "template.md", "bomb.pdf", GOOD])
    assert result.exit_code == 2, result.output
    assert "bomb.pdf: the PDF reader crashed on this file (signal SIGABRT" in result.output
    assert f"{GOOD}:" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_pdf_with_more_pages_than_an_edition_is_refused_up_front():
    data = _pdf([_text_page(b"page")] * (MAX_PAGES + 1))
    with pytest.raises(ReadError, match=f"the PDF has {MAX_PAGES + 1:,} pages, more than an edition's"):
        read_edition(None, "long.pdf", data)


def test_a_pdf_with_more_text_than_an_edition_is_refused_as_it_is_read(monkeypatch):
    """Counted page by page (here against a limit of 1 MB, in this process, to keep the test short)."""
    monkeypatch.setattr(reader_output, "MAX_BYTES", 1_000_000)
    lines = b"BT /F1 6 Tf 10 780 Td 7 TL " + (b"(" + b"x" * 100 + b") ' ") * 100 + b"ET"
    with pytest.raises(ReadError, match="of text, more than an edition may"):
        read_blocks("pdf", _pdf([lines] * 200), "wordy.pdf")  # 2 MB of text


@pytest.mark.parametrize("name,make", [
    ("bomb.docx", lambda: _docx(b"<w:p><w:r><w:t>" + b"a" * 25_000_000 + b"</w:t></w:r></w:p>")),
    ("many.docx", lambda: _docx((b"<w:p><w:r><w:t>" + b"word " * 1000 + b"</w:t></w:r></w:p>") * 5_000)),
    ("spaces.odt", lambda: _odt(b'<text:p>a<text:s text:c="1000000000"/>b</text:p>')),
    ("many-spaces.odt", lambda: _odt(b'<text:p>a<text:s text:c="1000000"/>b</text:p>' * 30)),
])
def test_a_document_holding_more_text_than_an_edition_is_refused_as_it_is_read(name, make):
    """Past the 20 MB a text edition may hold, counted while the package unpacks."""
    with pytest.raises(ReadError, match=f"{name}: the document holds more than 20 MB of text, more than an edition may"):
        read_edition(None, name, make())


def _reader(data: bytes, path: str):
    return read_edition(None, path, data)


@pytest.mark.parametrize("make", [
    lambda n: b"<a " * (n // 3),
    lambda n: b"<nav>" + b"<a>" * (n // 6) + b"</q>" * (n // 6),
    lambda n: b"</" * (n // 2),
    lambda n: b"<!" * (n // 2),
    lambda n: b"<p>text " + b"<b x='" * (n // 6),
    lambda n: b"<p>text</p>" + b"<!--" * (n // 4),
], ids=["unclosed-tags", "hidden-stack", "end-tag-openers", "declaration-openers", "open-quotes",
        "comment-openers"])
def test_the_html_reader_is_linear(make):
    _grows_linearly(_reader, lambda size: make(size * 2), path="edition.html")


def test_the_word_reader_is_linear_in_a_chain_of_based_on_styles():
    def chain(size: int) -> bytes:
        styles = b"".join(b'<w:style w:type="paragraph" w:styleId="s%d"><w:name w:val="s%d"/>'
                          b'<w:basedOn w:val="s%d"/></w:style>' % (i, i, i + 1) for i in range(size // 4))
        return _docx(b'<w:p><w:pPr><w:pStyle w:val="s0"/></w:pPr><w:r><w:t>text</w:t></w:r></w:p>', styles)

    _grows_linearly(_reader, chain, path="edition.docx")


def test_the_opendocument_reader_is_linear():
    _grows_linearly(_reader, lambda size: _odt(b"<text:p>a<text:span>b</text:span></text:p>" * size),
                    path="edition.odt")
