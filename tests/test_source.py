from __future__ import annotations

import pytest

from lint.source import Source, SourceError, decode


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
    assert decode("e.txt", "café".encode()) == "café"
    assert decode("e.txt", b"\xef\xbb\xbf" + "café".encode()) == "café"


def test_undecodable_bytes_name_file_and_offset():
    with pytest.raises(SourceError, match=r"e.txt:2:2: not valid UTF-8 \(byte 0xff at offset 5\)"):
        decode("e.txt", b"abc\na\xffdef")
