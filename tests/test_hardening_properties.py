"""Property tests for the document readers under hostile bytes: whatever a file with a
.docx, .odt, .html, .md or .pdf name holds (random bytes, a zip of random or traversing
members, a real document's XML with random parts), reading it gives a Source or the one
clear ReadError line naming the file; never another exception."""

from __future__ import annotations

import io
import os
import warnings
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from canonlint.document import parse_document
from canonlint.readers import read_edition
from canonlint.source import SourceError

EXAMPLES = int(os.environ.get("CANONLINT_EXAMPLES", "150"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
SUFFIXES = [".docx", ".odt", ".html", ".md", ".pdf"]
MAIN_PARTS = ["word/document.xml", "word/styles.xml", "word/numbering.xml", "content.xml", "styles.xml",
              "../../evil.xml", "/abs/document.xml", "word/../word/document.xml", "mimetype"]
XML_PIECES = ['<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">',
              "<w:body>", "<w:p>", "<w:r>", "<w:t>", "text", "</w:t>", "</w:r>", "</w:p>", "</w:body>",
              "</w:document>", '<w:pStyle w:val="Heading1"/>', "<w:tbl>", "<w:tr>", "<w:tc>", "<w:numPr>",
              '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
              'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0">', "<office:body>", "<office:text>",
              "<text:h>", "<text:p>", "<text:list>", "<text:list-item>", "</text:p>", "</text:h>",
              '<!DOCTYPE d [<!ENTITY e "x">]>', "&e;", "&amp;", "<![CDATA[x]]>", "\x00", "\udcff"]


def _read(name: str, data: bytes) -> None:
    try:
        parse_document(read_edition(None, name, data))
    except SourceError as exc:
        message = str(exc)
        assert message.startswith(f"{name}:") and "\n" not in message, message


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        warnings.simplefilter("ignore")  # a member named twice is one of the shapes tried
        for member, data in members:
            package.writestr(member, data)
    return buffer.getvalue()


@SETTINGS
@given(st.sampled_from(SUFFIXES), st.binary(max_size=4000))
def test_random_bytes_in_any_document_name_are_read_or_one_clear_error(suffix, data):
    _read(f"edition{suffix}", data)


@SETTINGS
@given(st.sampled_from([".docx", ".odt"]),
       st.lists(st.tuples(st.sampled_from(MAIN_PARTS), st.binary(max_size=500)), max_size=5))
def test_a_zip_of_random_members_is_read_or_one_clear_error(suffix, members):
    _read(f"edition{suffix}", _zip(members))


@SETTINGS
@given(st.sampled_from([".docx", ".odt"]), st.lists(st.sampled_from(XML_PIECES), max_size=60))
def test_a_package_of_random_xml_is_read_or_one_clear_error(suffix, pieces):
    xml = "".join(pieces).encode("utf-8", "surrogateescape")
    parts = ["word/document.xml", "word/styles.xml", "word/numbering.xml"] if suffix == ".docx" else \
        ["content.xml", "styles.xml"]
    _read(f"edition{suffix}", _zip([(part, xml) for part in parts]))


@SETTINGS
@given(st.lists(st.sampled_from(["<div>", "</div>", "<p>", "</p>", "<table>", "<tr>", "<td>", "<th>", "<ul>",
                                 "<li>", "<h1>", "<script>", "</script>", "<!--", "-->", "<br>", "&amp;", "&#0;",
                                 "&#x110000;", "text ", "\x00", "<style>", "<pre>", "<![CDATA[", "]]>"]),
                max_size=200))
def test_random_html_is_read_or_one_clear_error(pieces):
    _read("edition.html", "".join(pieces).encode("utf-8"))
