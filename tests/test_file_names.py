"""File names as the OS gives them: bytes that are not UTF-8, line breaks, terminal
escapes, a forged workflow command. Every such name is checked like any other and shown
escaped (`bad\\xff.txt`) on every stream and in every format; JSON and SARIF stay valid;
no name can start a line of its own on stdout or stderr (issue 12, items 9 and 17)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from canonlint.report.formats import FORMATS as OUTPUT_FORMATS
from tests.conftest import SAMPLES

WESTMINSTER = (SAMPLES / "boroughs" / "westminster.txt").read_bytes()
FORGED = b"a\n::error file=README.md,title=forged::x.txt"
ESCAPE = b"red\x1b[31m\x1b]0;owned\x07.txt"


def canonlint(cwd: Path, *args) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environb.items() if not k.startswith((b"GITHUB_", b"FORCE_COLOR", b"NO_COLOR"))}
    return subprocess.run([os.fsencode(sys.executable), b"-m", b"canonlint.cli",
                           *(a if isinstance(a, bytes) else a.encode() for a in args)],
                          cwd=cwd, capture_output=True, timeout=300, env=env)


@pytest.fixture()
def folder(tmp_path):
    shutil.copy(SAMPLES / "template.md", tmp_path / "template.md")
    editions = tmp_path / "editions"
    editions.mkdir()
    (editions / "good.txt").write_bytes(WESTMINSTER)
    return tmp_path


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _no_forged_line(result: subprocess.CompletedProcess) -> None:
    for stream in (result.stdout, result.stderr):
        assert b"\x1b" not in stream and b"\x07" not in stream
        for line in _lines(stream):
            assert not line.startswith(b"::error file=README.md"), line


def test_a_name_that_is_not_utf_8_is_checked_and_shown_escaped(folder):
    (folder / "editions" / os.fsdecode(b"bad\xff.txt")).write_bytes(WESTMINSTER)
    result = canonlint(folder, "check", "editions", "--template", "template.md")
    assert result.returncode == 1, result.stderr
    assert b"editions/bad\\xff.txt:61:1: CL704" in result.stdout
    assert b"editions/good.txt:61:1: CL704" in result.stdout
    assert b"Traceback" not in result.stderr


FORMATS = list(OUTPUT_FORMATS)  # every output format of the one table


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("name", [b"bad\xff.txt", FORGED, ESCAPE], ids=["not-utf-8", "forged", "escape"])
def test_every_format_shows_hostile_names_escaped_and_stays_valid(folder, output_format, name):
    (folder / "editions" / os.fsdecode(name)).write_bytes(WESTMINSTER)
    result = canonlint(folder, "check", "editions", "--template", "template.md", "--format", output_format)
    assert result.returncode == 1, result.stderr
    assert b"Traceback" not in result.stderr
    _no_forged_line(result)
    shown = name.decode("utf-8", "backslashreplace").replace("\n", "\\n").replace("\x1b", "\\x1b") \
        .replace("\x07", "\\x07")
    out = result.stdout.decode("utf-8")
    if output_format in ("json", "gitlab", "sarif"):
        data = json.loads(out)
        text = json.dumps(data, ensure_ascii=False)
        assert json.dumps(shown, ensure_ascii=False)[1:-1] in text
    elif output_format == "junit":
        root = ElementTree.fromstring(result.stdout)
        assert any(shown in (suite.get("name") or "") for suite in root.iter("testsuite"))
    elif output_format == "html":
        assert "good.txt" in out
    elif output_format == "github":
        assert "editions/good.txt" in out
    else:
        assert f"editions/{shown}:61:1: CL704" in out
    assert "good.txt" in out


@pytest.mark.parametrize("name", [b"bad\xff.txt", FORGED, ESCAPE], ids=["not-utf-8", "forged", "escape"])
def test_stderr_escapes_the_names_in_error_lines(folder, name):
    """An edition that cannot be read is named on stderr: escaped, one line."""
    (folder / "editions" / os.fsdecode(name)).write_bytes(b"\x00binary")
    result = canonlint(folder, "check", "editions", "--template", "template.md")
    assert result.returncode == 2
    _no_forged_line(result)
    errors = [line for line in _lines(result.stderr) if line]
    assert len(errors) == 1 and errors[0].startswith(b"canonlint: error: editions/"), result.stderr
    assert b"a binary file, not text" in errors[0]


def test_stderr_escapes_a_template_name_and_a_missing_path(folder):
    result = canonlint(folder, "check", FORGED, "editions", "--template", ESCAPE)
    assert result.returncode == 2
    _no_forged_line(result)
    assert result.stderr.count(b"\n") == 1 and b"no such file" in result.stderr


@pytest.mark.parametrize("name", [b"bad\xff.txt", FORGED, ESCAPE], ids=["not-utf-8", "forged", "escape"])
def test_diff_headers_carry_names_escaped(folder, name):
    (folder / "editions" / "good.txt").unlink()
    (folder / "editions" / os.fsdecode(name)).write_bytes(WESTMINSTER)
    result = canonlint(folder, "check", "editions", "--template", "template.md", "--diff")
    assert result.returncode == 1, result.stderr
    _no_forged_line(result)
    lines = [line for line in _lines(result.stdout) if line]
    assert lines and all(line[:1] in (b" ", b"+", b"-", b"@", b"\\") for line in lines), lines[:3]
    shown = name.decode("utf-8", "backslashreplace").replace("\n", "\\n").encode()
    assert lines[0] == b"--- a/editions/" + shown.replace(b"\x1b", b"\\x1b").replace(b"\x07", b"\\x07")


def test_show_files_lists_names_escaped(folder):
    (folder / "editions" / os.fsdecode(FORGED)).write_bytes(WESTMINSTER)
    result = canonlint(folder, "check", "editions", "--template", "template.md", "--show-files")
    assert result.returncode == 0
    assert result.stdout.split(b"\n") == [b"editions/a\\n::error file=README.md,title=forged::x.txt",
                                          b"editions/good.txt", b""]


def test_a_usage_error_escapes_the_name_it_quotes(folder):
    (folder / os.fsdecode(FORGED)).mkdir()  # --output may not be a folder: click's usage error names it
    result = canonlint(folder, "check", "editions", "--template", "template.md", "--output", FORGED)
    assert result.returncode == 2
    _no_forged_line(result)
    assert result.stderr.count(b"\n") == 1 and result.stderr.startswith(b"canonlint: error: "), result.stderr


def test_any_file_name_displays_as_one_printable_line():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from canonlint.escaping import display_name

    @settings(max_examples=500, deadline=None)
    @given(st.binary(min_size=1, max_size=40).filter(lambda b: b"\x00" not in b and b"/" not in b))
    def check(name: bytes):
        shown = display_name(os.fsdecode(name))
        shown.encode("utf-8")  # never a lone surrogate
        bidi = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
        assert not [c for c in shown if unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") or c in bidi], shown
        if name.isascii() and name.decode().isprintable():
            assert shown == name.decode()  # an ordinary name is shown as it is

    check()
