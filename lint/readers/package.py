"""Opening a zipped document package (.docx, .odt) and parsing one of its XML parts, with
every way it can be damaged turned into one ReadError line."""

from __future__ import annotations

import zipfile
from io import BytesIO
from xml.etree import ElementTree

from lint.readers import ReadError

MAX_PART = 200_000_000  # an edition's XML is well under a megabyte; a part larger than this unpacks to no edition
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


def part_xml(package: zipfile.ZipFile, part: str, name: str) -> ElementTree.Element:
    """One part of the package, parsed."""
    try:
        if package.getinfo(part).file_size > MAX_PART:
            raise ReadError(f"{name}: {part} is too large to be an edition's")
        return ElementTree.fromstring(package.read(part))
    except ElementTree.ParseError as exc:
        raise ReadError(f"{name}: damaged document ({part} is not well-formed XML: {exc})") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError, NotImplementedError) as exc:
        raise ReadError(f"{name}: damaged document (cannot unpack {part}: {exc})") from None
