"""Opening a zipped document package (.docx, .odt) and parsing one of its XML parts, with
every way it can be damaged turned into one ReadError line."""

from __future__ import annotations

import zipfile
from io import BytesIO
from xml.etree import ElementTree

from canonlint.readers.reader_output import ReadError, TextBudget

MAX_PART = 200_000_000  # an edition's XML is well under a megabyte; a part larger than this unpacks to no edition
# A zip bomb is a small package whose XML unpacks to millions of elements (each costs memory
# and time whatever the part's size says); a long report's part holds a few hundred thousand,
# nested a few dozen deep (tables in tables). Past these bounds the part is refused as it is read.
MAX_ELEMENTS = 2_000_000
MAX_DEPTH = 200
_CHUNK = 1 << 20
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def open_package(data: bytes, name: str, kind: str, main_part: str) -> zipfile.ZipFile:
    """The zip archive of a document, checked to hold main_part."""
    if data.startswith(_OLE):
        raise ReadError(f"{name}: not a {kind} document this can read: an encrypted (password-protected) "
                        "file or one in the old binary format; save it unprotected in the current format")
    try:
        package = zipfile.ZipFile(BytesIO(data))
        names = package.namelist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise ReadError(f"{name}: not a {kind} document (not a zip package: truncated or another kind of file)") from None
    if main_part not in names:
        raise ReadError(f"{name}: not a {kind} document (a zip archive without {main_part})")
    return package


# Elements that stand for characters: OpenDocument's <text:s text:c="N"/> is N spaces.
_REPEATED = {"{urn:oasis:names:tc:opendocument:xmlns:text:1.0}s": "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}c"}


class _Bounded(ElementTree.TreeBuilder):
    """A tree builder that refuses a DTD (neither Word nor OpenDocument XML has one, so no
    entity is ever declared, expanded or fetched), a tree past MAX_ELEMENTS or MAX_DEPTH,
    and a part whose text (with the spaces its elements stand for) is more than an edition may hold."""

    def __init__(self, name: str, part: str) -> None:
        super().__init__()
        self.where = f"{name}: {part}"
        self.elements = 0
        self.depth = 0
        self.text = TextBudget(name)

    def data(self, data):
        self.text.spend(len(data))
        return super().data(data)

    def doctype(self, *_: object) -> None:
        raise ReadError(f"{self.where} declares a DTD, which no Word or OpenDocument part has: refused "
                        "(its entities are neither expanded nor fetched)")

    def start(self, tag, attrs):
        self.elements += 1
        self.depth += 1
        if self.elements > MAX_ELEMENTS:
            raise ReadError(f"{self.where} unpacks to more than {MAX_ELEMENTS:,} XML elements: refused "
                            "(far more than any edition's; a zip bomb or a damaged file)")
        if self.depth > MAX_DEPTH:
            raise ReadError(f"{self.where} nests XML elements more than {MAX_DEPTH} deep: refused "
                            "(no edition's document does; a damaged or crafted file)")
        if tag in _REPEATED:
            count = attrs.get(_REPEATED[tag], "1")
            self.text.spend(int(count) if count.isdigit() else 1)
        return super().start(tag, attrs)

    def end(self, tag):
        self.depth -= 1
        return super().end(tag)


def _parse(package: zipfile.ZipFile, part: str, name: str) -> ElementTree.Element:
    """The part parsed as it unpacks, chunk by chunk, so a bomb is refused before it is all in memory."""
    parser = ElementTree.XMLParser(target=_Bounded(name, part))
    with package.open(part) as stream:
        while chunk := stream.read(_CHUNK):
            parser.feed(chunk)
    return parser.close()


def part_xml(package: zipfile.ZipFile, part: str, name: str) -> ElementTree.Element:
    """One part of the package, parsed."""
    try:
        if package.getinfo(part).file_size > MAX_PART:
            raise ReadError(f"{name}: {part} is too large to be an edition's")
        return _parse(package, part, name)
    except ElementTree.ParseError as exc:
        raise ReadError(f"{name}: damaged document ({part} is not well-formed XML: {exc})") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise ReadError(f"{name}: damaged document (cannot unpack {part}: {exc})") from None
