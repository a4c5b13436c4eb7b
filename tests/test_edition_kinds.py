"""The one table of edition kinds (lint/readers/kinds.py): every kind in it is walked when
a folder is checked, read by its reader, suppressed with its comment style, and answered
the same clear way when its file is empty — whichever part of canonlint asks."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from canonlint.cli import cli
from canonlint.document import BlockKind, parse_document
from canonlint.readers import read_edition
from canonlint.readers.kinds import EDITION_KINDS, EditionKind
from tests.conftest import SAMPLES, edit, sample_text
from tests.test_suppression import project  # noqa: F401 (the fixture: the template and a configuration, in a folder of its own)

FIXTURES = SAMPLES.parent / "tests" / "fixtures" / "documents"
TEXT_KINDS = [kind for kind in EDITION_KINDS if not kind.document]
VICTIM = "tel: 0845 303 0900"


def _suffix(kind: EditionKind) -> str:
    return kind.suffix


def _fixture(kind: EditionKind) -> bytes:
    """The structure fixture in this kind's format (a text kind: the Markdown one's text,
    with a link, which CommonMark reads differently from plain text)."""
    if kind.document:
        return (FIXTURES / f"structure.{kind.reader}").read_bytes()
    return (FIXTURES / "structure.md").read_bytes() + b"\nSee [the MPA](http://www.mpa.gov.uk/).\n"


def _check(*args: str):
    return CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)


@pytest.mark.parametrize("kind", EDITION_KINDS, ids=_suffix)
def test_a_folder_is_walked_for_the_kind_and_its_file_read_by_its_reader(project, kind):
    folder = project / "editions"
    folder.mkdir()
    edition = folder / f"camden{kind.suffix}"
    edition.write_bytes(_fixture(kind))
    (folder / "notes.rtf").write_bytes(b"not an edition")
    listed = _check("editions", "--show-files")
    assert listed.exit_code == 0, listed.output
    assert listed.output.splitlines() == [f"editions/{edition.name}"]

    source = read_edition(edition, edition.name)
    layout_format = getattr(source.layout, "format", None)
    assert layout_format == kind.reader
    if kind.reader is not None:  # Markdown and the documents: their structure read, headings and all
        headings = [source.text[b.content_start:b.end] for b in parse_document(source).blocks
                    if b.kind is BlockKind.HEADING]
        assert "Useful contacts" in headings


@pytest.mark.parametrize("kind", TEXT_KINDS, ids=_suffix)
def test_a_suppression_comment_works_in_the_kinds_with_a_comment_style_only(project, kind):
    name = f"westminster{kind.suffix}"
    (project / name).write_text(edit(sample_text("westminster"), [
        (VICTIM, "<!-- canonlint: disable=CL105 -->\ntel: 0845 303 0901\n<!-- canonlint: enable -->")]), "utf-8")
    result = _check(name, "--format", "json", "--select", "CL105")
    assert result.exit_code in (0, 1), result.output
    changed = [f for f in json.loads(result.output) if f["rule"] == "CL105"]
    if kind.suppression is not None:  # a Markdown comment: invisible, a directive
        assert changed == []
    else:  # in plain text a comment is text a reader sees: the change is still reported
        assert [f["found"] for f in changed] == ["0845 303 0901"]


@pytest.mark.parametrize("kind", EDITION_KINDS, ids=_suffix)
def test_an_empty_file_of_the_kind_gets_one_clear_answer(project, kind):
    name = f"empty{kind.suffix}"
    (project / name).write_bytes(b"")
    result = _check(name, "--no-cache")
    assert "Traceback" not in result.output
    if kind.document:  # nothing a reader could open: one error line, exit 2
        assert result.exit_code == 2, result.output
        assert f"canonlint: error: {name}: the file is empty (0 bytes), not a {kind.name} document" in result.output
    else:  # an empty text: an edition with no text, told as a finding
        assert result.exit_code == 1, result.output
        assert f"{name}:1:1: CL001 [error] the file has no text" in result.output


@pytest.mark.parametrize("kind", EDITION_KINDS, ids=_suffix)
def test_a_kind_is_binary_exactly_when_its_file_is_not_text(kind):
    """The language server reads a binary kind from the file as saved, every other kind from
    the editor's buffer: the table's `binary` must say which files an editor cannot hold as text."""
    try:
        _fixture(kind).decode("utf-8")
    except UnicodeDecodeError:
        is_text = False
    else:
        is_text = True
    assert kind.binary is not is_text
