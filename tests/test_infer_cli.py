"""`canonlint template infer` and `canonlint init` from the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from canonlint.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples" / "boroughs"


def test_infer_writes_the_template_and_notes_on_stderr(tmp_path):
    out = tmp_path / "template.md"
    result = CliRunner().invoke(cli, ["template", "infer", str(SAMPLES), "--output", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    assert text.startswith("# Local Policing Summary {borough}\n")
    assert "## Message from Borough Commander {person}\n\n{{local}}" in text
    assert "inferred from 5 editions" in result.stderr
    assert "in 3 of 5 editions: ## Met Forward" in result.stderr


def test_infer_prints_the_template_without_output(tmp_path):
    result = CliRunner().invoke(cli, ["template", "infer", *sorted(str(p) for p in SAMPLES.iterdir())])
    assert result.exit_code == 0
    assert result.stdout.startswith("# Local Policing Summary {borough}")


def test_infer_from_one_edition_is_an_error():
    result = CliRunner().invoke(cli, ["template", "infer", str(SAMPLES / "havering.txt")])
    assert result.exit_code == 2
    assert result.stderr.strip() == "canonlint: error: a template is inferred from at least 2 editions; got 1"


def test_infer_reports_a_missing_file_and_uses_the_others(tmp_path):
    result = CliRunner().invoke(cli, ["template", "infer", str(SAMPLES), str(tmp_path / "nope.txt"),
                                      "--output", str(tmp_path / "t.md")])
    assert result.exit_code == 2
    assert "nope.txt: no such file or directory" in result.stderr
    assert (tmp_path / "t.md").exists()


def test_infer_shows_a_file_name_escaped_so_it_cannot_forge_a_line(tmp_path):
    folder = tmp_path / "editions"
    shutil.copytree(SAMPLES, folder)
    hostile = folder / "bad\n::error::forged\x1b]0;title\x07.txt"
    hostile.write_bytes((SAMPLES / "westminster.txt").read_bytes())
    # --output naming one of the editions: refused, the name in the message
    result = CliRunner().invoke(cli, ["template", "infer", str(folder), "--output", str(hostile)])
    assert result.exit_code == 2
    assert "bad\\n::error::forged\\x1b]0;title\\x07.txt" in result.stderr
    assert "\x1b" not in result.stderr
    assert not any(line.startswith("::error::") for line in result.stderr.splitlines())


def test_init_then_check(tmp_path, monkeypatch):
    shutil.copytree(SAMPLES, tmp_path / "boroughs")
    (tmp_path / "boroughs" / "README.md").write_text("# About these editions\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["init"])
    assert result.exit_code == 0, result.output
    config = (tmp_path / "canonlint.toml").read_text("utf-8")
    assert 'template = "template.md"' in config and 'paths = ["boroughs"]' in config
    assert (tmp_path / "template.md").exists()
    checked = CliRunner().invoke(cli, ["check", "--statistics", "--no-cache"])
    assert checked.exit_code == 1
    assert "in 5 of 5 files" in checked.output


def test_init_keeps_a_template_that_is_there(tmp_path, monkeypatch):
    shutil.copytree(SAMPLES, tmp_path / "boroughs")
    shutil.copy(ROOT / "samples" / "template.md", tmp_path / "template.md")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["init"])
    assert result.exit_code == 0
    assert (tmp_path / "template.md").read_bytes() == (ROOT / "samples" / "template.md").read_bytes()
    assert "using the template already there" in result.stderr


def test_init_never_overwrites_a_config(tmp_path, monkeypatch):
    (tmp_path / "canonlint.toml").write_text('template = "mine.md"\n')
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["init"])
    assert result.exit_code == 2
    assert result.stderr.startswith("canonlint: error: canonlint.toml already exists; canonlint init never overwrites it")
    assert (tmp_path / "canonlint.toml").read_text() == 'template = "mine.md"\n'


def test_the_readme_shows_the_real_review_notes():
    readme = (ROOT / "README.md").read_text("utf-8")
    notes = CliRunner().invoke(cli, ["template", "infer", str(SAMPLES)]).stderr.splitlines()
    shown = readme.split("(`canonlint template infer samples/boroughs`):\n\n```text\n", 1)[1].split("```", 1)[0]
    for line in shown.splitlines():
        if line.strip() != "…":
            assert line.replace("samples/boroughs/", str(SAMPLES) + "/") in notes


def test_init_says_which_files_it_left_out_and_why(tmp_path, monkeypatch):
    shutil.copytree(SAMPLES, tmp_path / "boroughs")
    (tmp_path / "boroughs" / "scan.txt").write_bytes(bytes(range(256)))
    (tmp_path / "boroughs" / "latin.txt").write_bytes(b"Local Policing Summary \x81\xff\n")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["init"])
    assert result.exit_code == 0, result.output
    assert "left out boroughs/scan.txt:1:1: a binary file, not text (NUL byte at offset 0)" in result.stderr
    assert "left out boroughs/latin.txt:1:24: not valid UTF-8 (byte 0x81 at offset 23)" in result.stderr
