"""A Word file and the PDF exported from it are one edition: checked once, from the Word
file, with no CL601 for the pair, and the PDF compared with it (CL803); a PDF alone is an
edition of its own. Word's lock files are left out of a walk, and named, are one line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from canonlint.cli import cli

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ROOT / "samples" / "documents"
FIXTURES = ROOT / "tests" / "fixtures" / "documents"
TEMPLATE = str(ROOT / "samples" / "template.md")


def _check(*args: str):
    return CliRunner().invoke(cli, ["check", "--template", TEMPLATE, "--no-cache", *args])


def _json(*args: str) -> list[dict]:
    return json.loads(_check("--format", "json", *args).stdout)


def _folder(tmp_path: Path, *files: tuple[Path, str]) -> Path:
    for source, name in files:
        (tmp_path / name).write_bytes(source.read_bytes())
    return tmp_path


def test_the_samples_word_and_pdf_files_are_two_editions_not_four():
    findings = _json(str(DOCUMENTS))
    assert not [f for f in findings if f["rule"] == "CL601"]
    assert {Path(f["path"]).name for f in findings} == {"westminster.docx", "tower-hamlets.docx"}
    assert not [f for f in findings if f["rule"] == "CL803"]  # each PDF exported from its Word file as it is


def test_a_pdf_exported_before_the_last_edit_is_reported(tmp_path):
    folder = _folder(tmp_path, (FIXTURES / "revisions" / "westminster-edited.docx", "westminster.docx"),
                     (DOCUMENTS / "westminster.pdf", "westminster.pdf"))
    findings = _json(str(folder))
    stale = [f for f in findings if f["rule"] == "CL803"]
    assert len(stale) == 1 and stale[0]["path"].endswith("westminster.docx")
    assert "westminster.pdf was exported before the last edit" in stale[0]["message"]
    assert "Word '123 1213 www' / PDF '123 1212 www'" in stale[0]["message"]
    assert not [f for f in findings if f["rule"] == "CL601"]


def test_a_pdf_whose_metadata_names_its_word_file_is_its_export(tmp_path):
    folder = _folder(tmp_path, (FIXTURES / "corpus" / "clean-0.docx", "clean-0.docx"),
                     (FIXTURES / "revisions" / "sutton-final.pdf", "sutton-final.pdf"))
    clean = _check(str(folder))
    assert clean.exit_code == 0 and "sutton-final.pdf" not in clean.output  # one edition, clean: no CL601
    (folder / "sutton-final.pdf").write_bytes((DOCUMENTS / "westminster.pdf").read_bytes())  # no title: its own
    findings = _json(str(folder))  # Westminster's PDF: an edition of its own, of another borough
    assert any(f["path"].endswith("sutton-final.pdf") for f in findings)
    assert not [f for f in findings if f["rule"] == "CL601"]


def test_a_pdf_alone_is_checked_as_an_edition():
    findings = _json(str(DOCUMENTS / "westminster.pdf"))
    assert findings and all(f["path"].endswith("westminster.pdf") and "page" in f for f in findings)


def test_a_word_lock_file_is_left_out_of_a_walk_and_said_once(tmp_path):
    folder = _folder(tmp_path, (DOCUMENTS / "westminster.docx", "westminster.docx"))
    (folder / "~$stminster.docx").write_bytes(b"\x0bJane Editor" + b" " * 40 + b"\x00" * 100)
    result = _check(str(folder))
    assert result.exit_code == 1  # the edition's findings; the lock file is no error
    notes = [line for line in result.stderr.splitlines() if "lock file" in line]
    assert len(notes) == 1 and "~$stminster.docx: left out: a Word lock file" in notes[0]
    assert "Traceback" not in result.output + result.stderr


def test_a_word_lock_file_named_is_one_line(tmp_path):
    lock = tmp_path / "~$stminster.docx"
    lock.write_bytes(b"\x0bJane Editor" + b"\x00" * 150)
    result = _check(str(lock), str(DOCUMENTS / "westminster.docx"))
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("canonlint: error:")]
    assert len(errors) == 1 and "a Word lock file (Word keeps it while the document is open)" in errors[0]
    assert "westminster.docx" in result.stdout  # the other file still checked


def test_a_changed_pdf_is_compared_again_whatever_the_result_cache_holds(tmp_path, monkeypatch):
    monkeypatch.delenv("CANONLINT_NO_CACHE", raising=False)
    (tmp_path / "editions").mkdir()
    folder = _folder(tmp_path / "editions", (DOCUMENTS / "westminster.docx", "westminster.docx"),
                     (DOCUMENTS / "westminster.pdf", "westminster.pdf"))

    def cached_run() -> str:
        return CliRunner().invoke(cli, ["check", "--template", TEMPLATE, "--cache-dir", str(tmp_path / "cache"),
                                        str(folder)]).output

    assert "CL803" not in cached_run()
    (folder / "westminster.pdf").write_bytes((DOCUMENTS / "tower-hamlets.pdf").read_bytes())  # the Word file unchanged
    assert "CL803" in cached_run()
