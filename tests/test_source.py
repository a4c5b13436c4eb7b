from __future__ import annotations

import pytest

from canonlint.source import Source, SourceError, decode


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_positions_with_every_line_ending(newline):
    text = newline.join(["first", "second line", "", "fourth"])
    source = Source.from_text("e.txt", text)
    assert source.position(0) == (1, 1)
    assert source.position(text.index("line")) == (2, 8)
    assert source.position(text.index("fourth")) == (4, 1)
    assert source.position(len(text)) == (4, 7)
    assert source.line_bounds(text.index("line")) == (text.index("second"), text.index("line") + 4)


def test_utf8_with_and_without_bom():
    assert decode("e.txt", "café".encode()) == ("café", "utf-8")
    assert decode("e.txt", b"\xef\xbb\xbf" + "café".encode()) == ("café", "utf-8")


def test_utf16_and_windows_1252_are_read_and_named():
    assert decode("e.txt", "“café”".encode("utf-16")) == ("“café”", "utf-16")
    assert decode("e.txt", "Met’s “shared” text".encode("cp1252")) == ("Met’s “shared” text", "windows-1252")


def test_latin1_without_windows_quotes_is_not_guessed():
    with pytest.raises(SourceError, match=r"e.txt:1:4: not valid UTF-8 \(byte 0xe9 at offset 3\)"):
        decode("e.txt", "café".encode("latin-1"))


def test_binary_files_are_named_as_such():
    with pytest.raises(SourceError, match=r"e.txt:2:3: a binary file, not text \(NUL byte at offset 7\)"):
        decode("e.txt", b"text\nab\x00cd")


def test_undecodable_bytes_name_file_and_offset():
    with pytest.raises(SourceError, match=r"e.txt:2:2: not valid UTF-8 \(byte 0xff at offset 5\)"):
        decode("e.txt", b"abc\na\xffdef")


@pytest.mark.parametrize("encoding,message", [
    ("utf-16", "the file is not UTF-8; it was read as UTF-16"),
    ("cp1252", "the file is not UTF-8; it was read as Windows-1252 (as Word saves curly quotes)"),
])
def test_an_edition_in_another_encoding_is_checked_with_a_note(lint, encoding, message):
    text = "Local Policing Summary Westminster\n\nIt doesn’t yet feel “better”.\n"
    findings = lint(text.encode(encoding), select=("CL002",))
    assert [(f.line, f.severity.value, f.message) for f in findings] == [(1, "info", message)]
    assert lint(text.encode("utf-8"), select=("CL002",)) == []


def test_utf8_with_one_stray_byte_is_not_guessed_to_be_windows_1252():
    data = "It doesn’t feel “better” – yet.\n".encode() * 3 + b"a stray \x92 byte\n"
    with pytest.raises(SourceError, match=r"e.txt:4:9: not valid UTF-8 \(byte 0x92 at offset 128\)"):
        decode("e.txt", data)


def test_windows_1252_with_an_accented_capital_before_a_quote_is_still_windows_1252():
    # C9 92 ('É’') happens to be a two-byte UTF-8 character; the stray quote tips it.
    assert decode("e.txt", "CAFÉ’s “menu”".encode("cp1252")) == ("CAFÉ’s “menu”", "windows-1252")


@pytest.mark.parametrize("data,codec", [
    ("“x”\r\n".encode("utf-16-le"), "utf-16-le"), ("“x”\r\n".encode("utf-16-be"), "utf-16-be"),
])
def test_a_source_encodes_text_as_its_file_was(data, codec):
    mark = b"\xff\xfe" if codec.endswith("le") else b"\xfe\xff"
    source = Source.from_bytes("e.txt", mark + data)
    assert (source.encoding, source.codec) == ("utf-16", codec)
    assert source.encode(source.text) == mark + data
    assert source.encode("‘y’") == mark + "‘y’".encode(codec)
