"""The bad-input matrix: every input a publishing team can throw at canonlint gets a clear
answer and the exit code of the contract (0 clean, 1 findings, 2 usage/config/I/O error),
never a traceback, and the other files of the run are still checked and reported.

Each row runs the real command line in a subprocess, next to a good edition.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLES

GOOD = "good/westminster.txt"


@pytest.fixture()
def workspace(tmp_path):
    (tmp_path / "good").mkdir()
    shutil.copy(SAMPLES / "boroughs" / "westminster.txt", tmp_path / GOOD)
    shutil.copy(SAMPLES / "template.md", tmp_path / "template.md")
    return tmp_path


def canonlint(workspace: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "FORCE_COLOR", "NO_COLOR"))}
    return subprocess.run([sys.executable, "-m", "canonlint.cli", *args], cwd=workspace, capture_output=True,
                          text=True, timeout=timeout, env=env)


def _write(workspace: Path, name: str, data: bytes) -> str:
    (workspace / name).write_bytes(data)
    return name


WESTMINSTER = (SAMPLES / "boroughs" / "westminster.txt").read_bytes()

EDITIONS = {
    # name: (bytes, exit code, text expected on stdout or stderr)
    "binary": (bytes(range(256)) * 4, 2, "a binary file, not text (NUL byte at offset 0)"),
    "nul-inside": (WESTMINSTER[:500] + b"\x00" + WESTMINSTER[500:], 2, "a binary file, not text (NUL byte at offset 500)"),
    "windows-1252": (WESTMINSTER.decode().replace("'", "\u2019").encode("cp1252"), 1,
                     "CL002 [info] the file is not UTF-8; it was read as Windows-1252"),
    "utf-16": (WESTMINSTER.decode().encode("utf-16"), 1, "CL002 [info] the file is not UTF-8; it was read as UTF-16"),
    "utf-8-bom": (b"\xef\xbb\xbf" + WESTMINSTER, 1, "utf-8-bom.txt:117:90: CL703"),
    "empty": (b"", 1, "CL001 [error] the file has no text"),
    "whitespace": (b"  \n\t\n\n   ", 1, "CL001 [error] the file has no text"),
    "undecodable": (b"Local Policing Summary \x81\xff\n", 2, "not valid UTF-8 (byte 0x81 at offset 23)"),
}


@pytest.mark.parametrize("name", sorted(EDITIONS))
def test_editions_that_are_hard_to_read(workspace, name):
    data, code, expected = EDITIONS[name]
    path = _write(workspace, f"{name}.txt", data)
    result = canonlint(workspace, "check", path, GOOD, "--template", "template.md")
    assert result.returncode == code, result.stderr
    assert expected in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "good/westminster.txt:61:1: CL704" in result.stdout  # the good edition is still checked


def test_a_50_mb_edition_is_refused_with_its_size(workspace):
    with open(workspace / "huge.txt", "wb") as stream:
        stream.truncate(50 * 1000 * 1000)  # sparse: no 50 MB written to disk
    result = canonlint(workspace, "check", "huge.txt", GOOD, "--template", "template.md")
    assert result.returncode == 2
    assert "canonlint: error: huge.txt: too large for an edition (50.0 MB; the limit is 20 MB)" in result.stderr
    assert "good/westminster.txt:61:1: CL704" in result.stdout and "Traceback" not in result.stderr


@pytest.mark.parametrize("setup,args,message", [
    ("none", ["missing.txt"], "canonlint: error: missing.txt: no such file or directory"),
    ("loop", ["loop.txt"], "canonlint: error: loop.txt: cannot resolve the path (a broken link or a link loop)"),
    ("broken-link", ["broken.txt"], "canonlint: error: broken.txt: cannot resolve the path"),
    ("loop-in-folder", ["folder"], "canonlint: error: folder/loop.txt: cannot resolve the path"),
])
def test_paths_that_lead_nowhere(workspace, setup, args, message):
    if setup == "loop":
        os.symlink("loop.txt", workspace / "loop.txt")
    if setup == "broken-link":
        os.symlink("nowhere.txt", workspace / "broken.txt")
    if setup == "loop-in-folder":
        (workspace / "folder").mkdir()
        os.symlink("loop.txt", workspace / "folder" / "loop.txt")
    result = canonlint(workspace, "check", *args, GOOD, "--template", "template.md")
    assert result.returncode == 2
    assert message in result.stderr
    assert "good/westminster.txt:61:1: CL704" in result.stdout and "Traceback" not in result.stderr


def test_a_folder_is_walked_with_the_include_globs_and_a_path_given_twice_is_checked_once(workspace):
    (workspace / "good" / "notes.xlsx").write_bytes(b"\x00\x01binary")  # not an edition kind
    (workspace / "good" / "copy.md").write_bytes(WESTMINSTER)
    result = canonlint(workspace, "check", "good", GOOD, "./" + GOOD, "--template", "template.md")
    assert result.returncode == 1
    checked = {line.split(":")[0] for line in result.stdout.splitlines() if ": CL" in line}
    assert checked == {"good/westminster.txt", "good/copy.md"}
    assert result.stdout.count("good/westminster.txt:61:1: CL704") == 1
    assert "notes.xlsx" not in result.stdout + result.stderr


TEMPLATES = {
    "missing": (None, "template missing.md: no such file"),
    "empty": (b"", "the template has no shared text"),
    "not-utf-8": ("# Titre \u00e9t\u00e9\n\nTexte.\n".encode("latin-1"), "not valid UTF-8"),
    "unbalanced": (b"# Title {borough\n\nText.\n", "'{' that does not open a slot"),
    "unknown-type": (b"# Title {n:amount}\n\nText.\n", "unknown slot type 'amount'"),
    "two-types": (b"# {n:count}\n\n{n:percent}\n", "slot 'n' is used as 'count' and as 'percent'"),
    "only-local": (b"{{local}}\n", "the template has no shared text"),
}


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_templates_that_cannot_be_used(workspace, name):
    data, message = TEMPLATES[name]
    template = "missing.md"
    if data is not None:
        template = _write(workspace, f"{name}.md", data)
    result = canonlint(workspace, "check", GOOD, "--template", template)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


CONFIGS = {
    "not-toml": ('template = "template.md\n', "not valid TOML"),
    "unknown-key": ('template = "template.md"\nselcet = ["CL1"]\n', "unknown key 'selcet'; did you mean 'select'?"),
    "wrong-type": ('template = "template.md"\nselect = "CL1"\n', "'select' must be a list"),
    "unknown-code": ('template = "template.md"\nignore = ["CL999"]\n', "unknown rule 'CL999'"),
    "template-unreadable": ('template = "nowhere/template.md"\n', "no such file"),
}


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_configurations_that_cannot_be_used(workspace, name):
    content, message = CONFIGS[name]
    (workspace / "canonlint.toml").write_text(content, "utf-8")
    result = canonlint(workspace, "check", GOOD)
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_permission_denied_is_one_line(workspace, monkeypatch):
    """Run in-process: as root (CI's user) a file mode cannot deny reading."""
    from click.testing import CliRunner

    from canonlint.cli import cli

    _write(workspace, "secret.txt", WESTMINSTER)
    _deny(monkeypatch, {"secret.txt"})
    monkeypatch.chdir(workspace)
    result = CliRunner().invoke(cli, ["check", "secret.txt", GOOD, "--template", "template.md"])
    assert result.exit_code == 2
    assert "canonlint: error: secret.txt: permission denied" in result.output
    assert "good/westminster.txt:61:1: CL704" in result.output


def test_a_template_that_is_a_link_loop(workspace):
    os.symlink("loop.md", workspace / "loop.md")
    result = canonlint(workspace, "check", GOOD, "--template", "loop.md")
    assert result.returncode == 2
    assert "template" in result.stderr and "loop.md" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


# --- paths that are not regular files (issue 12, item 8) -------------------------------

def _fifo(workspace: Path, name: str) -> str:
    os.mkfifo(workspace / name)
    return name


@pytest.mark.parametrize("where", ["given", "in-folder"])
def test_a_named_pipe_among_the_editions_is_one_line_not_a_hang(workspace, where):
    if where == "given":
        path = _fifo(workspace, "pipe.txt")
        args, shown = [path], "pipe.txt"
    else:
        (workspace / "folder").mkdir()
        _fifo(workspace, "folder/pipe.txt")
        shutil.copy(SAMPLES / "boroughs" / "havering.txt", workspace / "folder" / "havering.txt")
        args, shown = ["folder"], "folder/pipe.txt"
    result = canonlint(workspace, "check", *args, GOOD, "--template", "template.md", timeout=30)
    assert result.returncode == 2, result.stderr
    assert f"canonlint: error: {shown}: a named pipe, not a regular file" in result.stderr.splitlines()
    assert "good/westminster.txt:61:1: CL704" in result.stdout and "Traceback" not in result.stderr
    if where == "in-folder":
        assert "folder/havering.txt:" in result.stdout  # the folder's other files are still checked


def test_a_device_among_the_editions_is_not_read(workspace):
    result = canonlint(workspace, "check", "/dev/zero", GOOD, "--template", "template.md", timeout=30)
    assert result.returncode == 2, result.stderr
    assert "canonlint: error: /dev/zero: a character device, not a regular file" in result.stderr.splitlines()
    assert "good/westminster.txt:61:1: CL704" in result.stdout


@pytest.mark.parametrize("option", ["--template", "--config", "--baseline"])
def test_a_named_pipe_or_device_as_template_config_or_baseline(workspace, option):
    pipe = _fifo(workspace, "pipe.toml")
    for given, kind in ((pipe, "a named pipe"), ("/dev/zero", "a character device")):
        args = ["--template", "template.md"] if option != "--template" else []
        result = canonlint(workspace, "check", GOOD, *args, option, given, timeout=30)
        assert result.returncode == 2, result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("canonlint: error: "), result.stderr
        assert f"{given}: {kind}, not a regular file" in lines[0]


def test_a_named_pipe_as_the_configured_template(workspace):
    _fifo(workspace, "pipe.md")
    (workspace / "canonlint.toml").write_text('template = "pipe.md"\n', "utf-8")
    result = canonlint(workspace, "check", GOOD, timeout=30)
    assert result.returncode == 2
    assert "pipe.md: a named pipe, not a regular file" in result.stderr


def test_a_file_that_grows_past_its_size_is_read_only_to_the_bound(tmp_path, monkeypatch):
    """st_size is not trusted: what is read stops at the bound (a file that grows, a
    /proc file that says 0)."""
    from canonlint import source as files
    from canonlint.source import SourceError

    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 1000)
    monkeypatch.setattr(files, "MAX_BYTES", 100)
    real_stat = os.stat
    monkeypatch.setattr(files.os, "stat", lambda p, *a, **k: os.stat_result(
        (*real_stat(p)[:6], 0, *real_stat(p)[7:])))  # st_size 0, as /proc and devices say
    with pytest.raises(SourceError, match="growing.txt: too large for an edition"):
        files.read_file(path, "growing.txt")


# --- unreadable files and folders (issue 12, item 10) -----------------------------------

def _deny(monkeypatch, names: set[str]) -> None:
    """As root (CI's user here) a file mode cannot deny reading: refuse to open the named
    files and folders the way the OS would."""
    from canonlint import source as files

    real_open, real_scandir = os.open, os.scandir

    def denied(path) -> bool:
        return os.path.basename(os.fspath(path).rstrip("/")) in names

    def fake_open(path, *args, **kwargs):
        if denied(path):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, *args, **kwargs)

    def fake_scandir(path="."):
        if denied(path):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(files.os, "open", fake_open)
    monkeypatch.setattr(files.os, "scandir", fake_scandir)


def test_an_unreadable_file_and_folder_are_one_line_each(workspace, monkeypatch):
    from click.testing import CliRunner

    from canonlint.cli import cli

    _write(workspace, "secret.txt", WESTMINSTER)
    (workspace / "locked").mkdir()
    _write(workspace, "locked/inside.txt", WESTMINSTER)
    _deny(monkeypatch, {"secret.txt", "locked"})
    monkeypatch.chdir(workspace)
    result = CliRunner().invoke(cli, ["check", "secret.txt", "locked", GOOD, "--template", "template.md"])
    assert result.exit_code == 2, result.output
    assert "canonlint: error: secret.txt: permission denied" in result.output
    assert "canonlint: error: locked: permission denied (a folder: its files were not checked)" in result.output
    assert "good/westminster.txt:61:1: CL704" in result.output


def _modes_enforced() -> list[str]:
    """A command prefix under which file modes deny reading: none when not root; as root
    (CI's user here), setpriv dropping the capabilities that let root read any file."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: a file mode cannot deny reading")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search", "--"]


def test_chmod_000_file_and_folder_for_real(workspace):
    """The real thing: modes 000, the command run where they apply (as root: without the
    capabilities that override them)."""
    (workspace / "secret.txt").write_bytes(WESTMINSTER)
    (workspace / "locked").mkdir()
    (workspace / "locked" / "inside.txt").write_bytes(WESTMINSTER)
    os.chmod(workspace / "secret.txt", 0)
    os.chmod(workspace / "locked", 0)
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
        result = subprocess.run([*_modes_enforced(), sys.executable, "-m", "canonlint.cli", "check", "secret.txt",
                                 "locked", GOOD, "--template", "template.md"],
                                cwd=workspace, capture_output=True, text=True, timeout=120, env=env)
        assert result.returncode == 2, result.stderr
        assert "canonlint: error: secret.txt: permission denied" in result.stderr
        assert "canonlint: error: locked: permission denied (a folder: its files were not checked)" in result.stderr
        assert "good/westminster.txt:61:1: CL704" in result.stdout and "Traceback" not in result.stderr
    finally:
        os.chmod(workspace / "locked", 0o755)


def test_chmod_000_template_is_one_line(workspace):
    os.chmod(workspace / "template.md", 0)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    result = subprocess.run([*_modes_enforced(), sys.executable, "-m", "canonlint.cli", "check", GOOD,
                             "--template", "template.md"],
                            cwd=workspace, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 2
    assert result.stderr == "canonlint: error: template template.md: permission denied\n"


@pytest.mark.parametrize("name", ["pipe.pdf", "pipe.docx"])
def test_a_named_pipe_named_as_a_document_is_not_read(workspace, name):
    """The document readers read through the same guarded path as text."""
    _fifo(workspace, name)
    result = canonlint(workspace, "check", name, GOOD, "--template", "template.md", timeout=30)
    assert result.returncode == 2, result.stderr
    assert f"canonlint: error: {name}: a named pipe, not a regular file" in result.stderr.splitlines()
    assert "good/westminster.txt:61:1: CL704" in result.stdout


def test_an_unreadable_folder_named_first_is_one_line_and_the_others_are_checked():
    """As a user who may not read the folder (root reads everything: the run drops to
    'nobody' then, in a workspace of the system's temporary folder, which 'nobody' may read)."""
    import tempfile

    as_nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder)
        workspace.chmod(0o755)
        shutil.copy(SAMPLES / "boroughs" / "westminster.txt", workspace / "good.txt")
        shutil.copy(SAMPLES / "template.md", workspace / "template.md")
        (workspace / "locked").mkdir()
        (workspace / "locked" / "edition.txt").write_text("text\n", "utf-8")
        (workspace / "locked").chmod(0)
        try:
            result = subprocess.run([*as_nobody, sys.executable, "-m", "canonlint.cli", "check", "--no-cache",
                                     "--template", "template.md", "locked", "good.txt"], cwd=workspace,
                                    capture_output=True, text=True, timeout=300)
        finally:
            (workspace / "locked").chmod(0o755)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr, result.stderr
    assert "locked: permission denied" in result.stderr
    assert "good.txt:" in result.stdout


@pytest.mark.parametrize("device,stream", [("/dev/stdout", "stdout"), ("/dev/stderr", "stderr")])
def test_the_report_is_written_to_dev_stdout_when_it_is_a_pipe(workspace, device, stream):
    result = canonlint(workspace, "check", "--template", "template.md", GOOD, "--output", device)
    assert result.returncode == 1, result.stderr
    assert "cannot write the report" not in result.stderr
    assert f"{GOOD}:" in getattr(result, stream)
