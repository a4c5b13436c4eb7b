"""Which files a run checks (issue 11, "Nothing checked is no pass"): folders walked for
the edition kinds, what git ignores left out, `--show-files`, and a run that checks
nothing ending with exit 2 and one line saying why."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner

from canonlint.cli import cli
from canonlint.readers.kinds import EDITION_SUFFIXES
from tests.conftest import SAMPLES

WESTMINSTER = (SAMPLES / "boroughs" / "westminster.txt").read_bytes()


@pytest.fixture()
def project(tmp_path, monkeypatch):
    shutil.copy(SAMPLES / "template.md", tmp_path / "template.md")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str):
    return CliRunner().invoke(cli, ["check", *args, "--template", "template.md"])


def _files(path, names, data=WESTMINSTER):
    path.mkdir(parents=True, exist_ok=True)
    for name in names:
        (path / name).write_bytes(data)


def test_an_empty_folder_is_no_pass(project):
    (project / "empty").mkdir()
    result = invoke("empty")
    assert result.exit_code == 2
    assert result.output == "canonlint: error: nothing to check in 'empty': no file found\n"


def test_a_folder_of_other_kinds_names_them(project):
    _files(project / "sheets", ["a.xlsx", "b.xlsx", "c.xlsx", "d.csv", "README"])
    result = invoke("sheets")
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("canonlint: error: nothing to check in 'sheets': 3 .xlsx files, "
                               "1 .csv file, 1 file without a suffix skipped (not an edition kind; "
                               "folders are walked for *.txt *.text *.md")


def test_folders_are_walked_for_every_edition_kind(project):
    names = [f"e{n}{suffix}" for n, suffix in enumerate(EDITION_SUFFIXES)]
    _files(project / "editions", [*names, "sheet.xlsx", "notes.rtf"])
    result = invoke("editions", "--show-files")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == sorted(f"editions/{n}" for n in names)
    assert {s.lstrip(".") for s in EDITION_SUFFIXES} == {"txt", "text", "md", "markdown", "mdown", "mkd", "mkdn",
                                                         "docx", "odt", "pdf", "html", "htm"}


def test_globs_match_whatever_the_case_of_a_file_name(project):
    # Camden.MD is read as Markdown when named, so a walk must not skip it; an exclude of
    # readme* leaves out README.md as well
    (project / "canonlint.toml").write_text('template = "template.md"\nexclude = ["readme*"]\n', "utf-8")
    _files(project / "editions", ["Camden.MD", "BEXLEY.TXT", "tower.Txt", "README.md", "sheet.XLSX"])
    result = CliRunner().invoke(cli, ["check", "editions", "--show-files"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["editions/BEXLEY.TXT", "editions/Camden.MD", "editions/tower.Txt"]


def test_show_files_respects_the_configuration_and_checks_nothing(project):
    (project / "canonlint.toml").write_text('template = "template.md"\ninclude = ["*.txt"]\n'
                                            'exclude = ["drafts/*"]\n', "utf-8")
    _files(project / "editions", ["a.txt", "b.md"])
    _files(project / "editions" / "drafts", ["c.txt"])
    result = CliRunner().invoke(cli, ["check", "editions", "--show-files"])
    assert result.exit_code == 0
    assert result.output == "editions/a.txt\n"  # the template is never among them


def test_show_files_exits_2_when_nothing_would_be_checked(project):
    _files(project / "editions", ["a.xlsx"])
    result = invoke("editions", "--show-files")
    assert result.exit_code == 2
    assert "canonlint: error: nothing to check in 'editions': 1 .xlsx file skipped" in result.output


def test_what_the_exclude_globs_leave_out_is_counted(project):
    (project / "canonlint.toml").write_text('template = "template.md"\nexclude = ["*.txt"]\n', "utf-8")
    _files(project / "editions", ["a.txt", "b.txt"])
    result = CliRunner().invoke(cli, ["check", "editions"])
    assert result.exit_code == 2
    assert result.output == ("canonlint: error: nothing to check in 'editions': "
                             "2 files left out by the exclude globs\n")


def test_a_missing_path_alone_says_nothing_was_checked(project):
    result = invoke("missing.txt")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "canonlint: error: missing.txt: no such file or directory",
        "canonlint: error: nothing to check in 'missing.txt': the paths above could not be read"]


def test_force_exclude_leaving_out_every_file_named_is_a_pass(project):
    """What pre-commit passes when a commit touches only a README: nothing to check is
    then what was asked."""
    (project / "canonlint.toml").write_text('template = "template.md"\npaths = ["editions"]\n', "utf-8")
    _files(project / "editions", ["a.txt"])
    (project / "README.md").write_text("# Readme\n", "utf-8")
    result = CliRunner().invoke(cli, ["check", "--force-exclude", "README.md"])
    assert result.exit_code == 0, result.output


def test_the_python_api_raises_when_nothing_is_checked(project):
    from canonlint.run.request import RunError, check

    (project / "empty").mkdir()
    with pytest.raises(RunError, match="nothing to check in 'empty': no file found"):
        check("empty", template="template.md")


def _git(project, *args):
    subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_ignored_files_are_left_out_when_walking_a_work_tree(project):
    _git(project, "init", "-q")
    (project / ".gitignore").write_text("drafts/\n*.old.txt\n", "utf-8")
    _files(project / "editions", ["a.txt", "b.old.txt", "kept.old.txt"])
    _files(project / "editions" / "drafts", ["c.txt"])
    _files(project / "editions" / "sub", ["d.md", "e.txt"])
    (project / "editions" / "sub" / ".gitignore").write_text("e.txt\n", "utf-8")
    _git(project, "add", "-f", "editions/kept.old.txt")  # tracked: git does not ignore it
    result = invoke("editions", "--show-files")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["editions/a.txt", "editions/kept.old.txt", "editions/sub/d.md"]
    named = invoke("editions/b.old.txt", "--show-files")  # a file named is checked, ignored or not
    assert named.output == "editions/b.old.txt\n"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_a_folder_whose_files_git_ignores_says_so(project):
    _git(project, "init", "-q")
    (project / ".gitignore").write_text("*.txt\n", "utf-8")
    _files(project / "editions", ["a.txt", "b.txt"])
    result = invoke("editions")
    assert result.exit_code == 2
    assert result.output == "canonlint: error: nothing to check in 'editions': 2 files or folders ignored by git\n"


def test_outside_a_work_tree_nothing_is_ignored(project):
    (project / ".gitignore").write_text("*.txt\n", "utf-8")  # no repository: not git's file
    _files(project / "editions", ["a.txt"])
    assert invoke("editions", "--show-files").output == "editions/a.txt\n"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
@pytest.mark.parametrize("folder", ["build", "build/editions"])
def test_a_folder_named_that_git_ignores_whole_is_walked(project, folder):
    """As a file named is checked whether git ignores it or not."""
    _git(project, "init", "-q")
    (project / ".gitignore").write_text("build/\n", "utf-8")
    _files(project / "build" / "editions", ["a.txt"])
    result = invoke(folder, "--show-files")
    assert result.exit_code == 0, result.output
    assert result.output == "build/editions/a.txt\n"


def test_show_files_names_standard_input_without_reading_it(project):
    import os
    import sys

    _files(project / "editions", ["a.txt"])
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    reading, writing = os.pipe()  # standard input that stays open: reading it would wait for ever
    try:
        result = subprocess.run([sys.executable, "-m", "canonlint.cli", "check", "-", "editions", "--stdin-filename",
                                 "in.txt", "--template", "template.md", "--show-files"],
                                cwd=project, env=env, stdin=reading, capture_output=True, timeout=60)
    finally:
        os.close(reading)
        os.close(writing)
    assert result.returncode == 0
    assert result.stdout == b"in.txt\neditions/a.txt\n"


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_git_ignore_holds_under_a_git_hooks_environment(project, monkeypatch):
    """A pre-commit hook runs with GIT_DIR and GIT_INDEX_FILE set for the repository's top."""
    _git(project, "init", "-q")
    (project / ".gitignore").write_text("b.txt\n", "utf-8")
    _files(project / "editions", ["a.txt", "b.txt"])
    monkeypatch.setenv("GIT_DIR", ".git")
    monkeypatch.setenv("GIT_INDEX_FILE", ".git/index")
    assert invoke("editions", "--show-files").output == "editions/a.txt\n"
