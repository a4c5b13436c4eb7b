"""`--fix` on Word files: the fixes written into the file as tracked changes by canonlint,
which read (accepted) exactly as the text the same fixes make of a text edition; every
other part of the package as it was; a second run adds nothing; LibreOffice reads them."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonlint.cli import cli
from canonlint.readers import read_edition
from tests.conftest import libreoffice, require_tool

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "fixtures" / "documents" / "corpus"
REVISIONS = ROOT / "tests" / "fixtures" / "documents" / "revisions"
TEMPLATE = str(ROOT / "samples" / "template.md")
# Editions with safe fixes of every kind a Word file can take: pandoc's Word files of the
# labelled corpus, and LibreOffice's of the samples (a paragraph per line).
FIXABLE = ["defective-001.docx", "defective-002.docx", "defective-003.docx", "defective-009.docx",
           "defective-010.docx", "defective-012.docx", "defective-013.docx", "defective-017.docx",
           "defective-018.docx", "defective-024.docx", "defective-027.docx"]
SAMPLES = [ROOT / "samples" / "documents" / "westminster.docx", ROOT / "samples" / "documents" / "tower-hamlets.docx"]


def _check(*args: str):
    return CliRunner().invoke(cli, ["check", "--template", TEMPLATE, "--no-cache", *args])


def _copy(source: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / source.name
    copy.write_bytes(source.read_bytes())
    return copy


def _text_fixed(tmp_path: Path, docx: Path) -> str:
    """What `--fix` makes of the Word file's extracted text saved as a text edition."""
    text = tmp_path / "as-text" / (docx.stem + ".txt")
    text.parent.mkdir(exist_ok=True)
    text.write_text(read_edition(docx, docx.name).text, encoding="utf-8")
    _check("--fix", str(text))
    return text.read_text(encoding="utf-8")


def _without_place(message: str) -> str:
    return message.split(" [")[0]


@pytest.mark.parametrize("path", [CORPUS / name for name in FIXABLE] + SAMPLES, ids=lambda p: p.name)
def test_fixes_are_tracked_changes_that_read_accepted_as_the_text_fix(tmp_path, path):
    docx = _copy(path, tmp_path / "editions")
    before = _findings(docx)
    result = _check("--fix", str(docx))
    assert result.exit_code in (0, 1), result.output
    document = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    assert re.search(r'<w:(ins|del) w:id="\d+" w:author="canonlint" w:date="\d{4}-\d\d-\d\dT[\d:]+Z">', document)
    # Accepting every change (the reader reads insertions and leaves deletions out) gives the text fix.
    assert read_edition(docx, docx.name).text == _text_fixed(tmp_path, path)
    after = _findings(docx)
    fixed = {(f["rule"], _without_place(f["message"])) for f in before if f.get("fix") and f["fix"]["safe"]}
    left = {(f["rule"], _without_place(f["message"])) for f in after}
    assert fixed and not fixed & left
    assert {f["rule"] for f in after} - {f["rule"] for f in before} <= {"CL801"}  # canonlint's own, pending


def _findings(path: Path) -> list[dict]:
    import json

    return json.loads(_check("--format", "json", str(path)).stdout)


def test_only_the_runs_it_fixes_change(tmp_path):
    original = CORPUS / "defective-027.docx"
    docx = _copy(original, tmp_path)
    _check("--fix", str(docx))
    before, after = zipfile.ZipFile(original), zipfile.ZipFile(docx)
    assert [i.filename for i in before.infolist()] == [i.filename for i in after.infolist()]
    for info in before.infolist():
        if info.filename != "word/document.xml":
            assert before.read(info) == after.read(info.filename), info.filename
    old = before.read("word/document.xml").decode()
    new = after.read("word/document.xml").decode()
    # Take out what canonlint added: its deletions back to text, its insertions gone, runs rejoined.
    rejected = re.sub(r'<w:ins w:id="\d+" w:author="canonlint"[^>]*>.*?</w:ins>', "", new)
    rejected = re.sub(r'<w:del w:id="\d+" w:author="canonlint"[^>]*><w:r>(.*?)</w:r></w:del>', r"<w:r>\1</w:r>", rejected)
    rejected = rejected.replace("delText", "t")
    rejected = re.sub(r'</w:t></w:r><w:r><w:t xml:space="preserve">', "", rejected)
    assert rejected == old


def test_a_second_fix_adds_nothing(tmp_path):
    docx = _copy(SAMPLES[0], tmp_path)
    _check("--fix", str(docx))
    once = docx.read_bytes()
    result = _check("--fix", str(docx))
    assert docx.read_bytes() == once
    assert "fixed" not in result.stderr


def test_the_author_is_configurable(tmp_path):
    docx = _copy(CORPUS / "defective-010.docx", tmp_path)
    (tmp_path / "canonlint.toml").write_text(f'template = "{Path(TEMPLATE).as_posix()}"\nfix-author = "Publications Team"\n')
    CliRunner().invoke(cli, ["check", "--no-cache", "--fix", str(docx)])
    document = zipfile.ZipFile(docx).read("word/document.xml").decode()
    assert 'w:author="Publications Team"' in document and 'w:author="canonlint"' not in document


def test_a_fix_on_someone_elses_pending_change_is_not_written(tmp_path):
    docx = _copy(REVISIONS / "reviewed.docx", tmp_path)
    original = docx.read_bytes()
    result = _check("--fix", "--select", "CL105", str(docx))
    assert docx.read_bytes() == original
    assert "1 fix(es) not written as tracked changes: it touches a change still pending in the file" in result.stderr


def test_a_read_only_word_file_is_one_line_and_the_others_are_fixed(tmp_path):
    locked = _copy(CORPUS / "defective-010.docx", tmp_path / "a")
    other = _copy(CORPUS / "defective-013.docx", tmp_path / "b")
    locked.chmod(0o444)
    original = locked.read_bytes()
    result = _check("--fix", str(locked), str(other))
    assert result.exit_code == 2
    assert f"{locked}: the file is read-only; its fixes were not written" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert locked.read_bytes() == original
    assert b'w:author="canonlint"' in zipfile.ZipFile(other).read("word/document.xml")


def test_a_failed_write_leaves_the_file_as_it_was(tmp_path, monkeypatch):
    import canonlint.run.fixes

    docx = _copy(CORPUS / "defective-010.docx", tmp_path)
    original = docx.read_bytes()

    def full_disk(path, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(canonlint.run.fixes, "write_atomically", full_disk)
    result = _check("--fix", str(docx))
    assert result.exit_code == 2
    assert "cannot write the fixes (No space left on device); the file is unchanged" in result.stderr
    assert docx.read_bytes() == original


def test_libreoffice_opens_the_fixed_file_and_reads_the_same_changes(tmp_path):
    require_tool("soffice", "libreoffice-writer-nogui")
    docx = _copy(SAMPLES[0], tmp_path)
    _check("--fix", str(docx))
    converted = subprocess.run(libreoffice(tmp_path / "profile", "--convert-to", "odt", "--outdir", str(tmp_path / "odt"),
                                str(docx)), capture_output=True, timeout=180)
    assert converted.returncode == 0
    odt = tmp_path / "odt" / "westminster.odt"
    # LibreOffice kept canonlint's tracked changes: accepted, they read as canonlint reads them.
    assert read_edition(odt, odt.name).text == read_edition(docx, docx.name).text
    assert any(p.pending.author == "canonlint" for p in read_edition(odt, odt.name).layout.pending)


def test_a_fix_beside_a_text_box_and_a_table_with_pending_changes_leaves_them_as_they_are(tmp_path):
    # reviewed.docx: Jane Reviewer's insertions in a table cell and in a text box. A wrong
    # Minicom number, in the paragraph before the box's, is fixed; the box and the cell are untouched.
    docx = tmp_path / "reviewed.docx"
    with zipfile.ZipFile(REVISIONS / "reviewed.docx") as original, zipfile.ZipFile(docx, "w") as out:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"Minicom: 020 7202 0173", b"Minicom: 020 7202 0174")
            out.writestr(info, data)
    before = zipfile.ZipFile(docx).read("word/document.xml").decode()
    result = _check("--fix", str(docx))
    assert "fixed 1 finding in 1 file" in result.stderr
    after = zipfile.ZipFile(docx).read("word/document.xml").decode()
    assert re.search(r"<w:delText[^>]*>[^<]*0174</w:delText>", after)
    box = re.compile(r"<w:txbxContent>.*?</w:txbxContent>", re.S)
    cell = re.compile(r"<w:tc>(?:(?!</w:tc>).)*provisional.*?</w:tc>", re.S)
    assert box.search(after).group(0) == box.search(before).group(0)
    assert cell.search(after).group(0) == cell.search(before).group(0)
    assert "Minicom: 020 7202 0173" in read_edition(docx, docx.name).text


def test_a_word_file_whose_document_part_is_too_large_is_one_line_and_the_others_are_fixed(tmp_path, monkeypatch):
    import canonlint.readers.package_parts

    monkeypatch.setattr(canonlint.readers.package_parts, "MAX_PART", 200_000)
    large = tmp_path / "a" / "large.docx"
    large.parent.mkdir()
    with zipfile.ZipFile(CORPUS / "defective-010.docx") as original, zipfile.ZipFile(large, "w") as out:
        for info in original.infolist():
            data = original.read(info)
            if info.filename == "word/document.xml":  # past the bound, by a comment nobody reads
                data = data.replace(b"<w:body>", b"<!--" + b" " * 300_000 + b"--><w:body>")
            out.writestr(info, data, zipfile.ZIP_DEFLATED)
    original = large.read_bytes()
    other = _copy(CORPUS / "defective-013.docx", tmp_path / "b")
    result = _check("--fix", str(large), str(other))
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("canonlint: error:")]
    assert errors == [f"canonlint: error: {large}: word/document.xml is too large to be an edition's"]
    assert large.read_bytes() == original
    assert b'w:author="canonlint"' in zipfile.ZipFile(other).read("word/document.xml")
