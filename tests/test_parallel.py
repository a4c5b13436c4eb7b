"""`canonlint check --jobs N` writes exactly what one process writes."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner

from lint.cli import cli
from lint.parallel import workers
from tests.conftest import ROOT, SAMPLES


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_two_jobs_write_byte_for_byte_what_one_writes(monkeypatch, output_format):
    monkeypatch.chdir(ROOT)
    one = run("check", "samples/boroughs", "--format", output_format)
    two = run("check", "samples/boroughs", "--format", output_format, "--jobs", "2")
    assert one.exit_code == two.exit_code == 1
    assert two.stdout_bytes == one.stdout_bytes
    assert two.stderr_bytes == one.stderr_bytes


def test_jobs_keep_the_order_of_files_and_of_errors(tmp_path, monkeypatch):
    folder = tmp_path / "samples"
    shutil.copytree(SAMPLES, folder)
    (folder / "boroughs" / "a-latin1.txt").write_bytes("Caf\xe9\n".encode("latin-1"))
    (folder / "boroughs" / "m-latin1.txt").write_bytes("na\xefve\n".encode("latin-1"))
    for n in range(12):  # more files than workers, so that several batches come back
        shutil.copy(folder / "boroughs" / "havering.txt", folder / "boroughs" / f"z{n:02d}.txt")
    monkeypatch.chdir(tmp_path)
    outputs = [run("check", "samples/boroughs", "--jobs", jobs) for jobs in ("1", "2", "3", "0")]
    assert {o.exit_code for o in outputs} == {2}
    assert outputs[0].stderr.count("not valid UTF-8") == 2
    for other in outputs[1:]:
        assert other.stdout_bytes == outputs[0].stdout_bytes
        assert other.stderr_bytes == outputs[0].stderr_bytes


def test_the_console_script_with_jobs(tmp_path):
    """The real command line, with real worker processes: same bytes as one process."""
    command = [sys.executable, "-m", "lint.cli", "check", "samples/boroughs"]
    one = subprocess.run(command, cwd=ROOT, capture_output=True)
    two = subprocess.run([*command, "--jobs", "2"], cwd=ROOT, capture_output=True)
    assert one.returncode == two.returncode == 1
    assert two.stdout == one.stdout and two.stderr == one.stderr


def test_number_of_workers():
    assert workers(1, 100) == 1
    assert workers(4, 2) == 2
    assert workers(2, 0) == 1
    assert workers(0, 1000) >= 1


def test_jobs_must_not_be_negative(monkeypatch):
    monkeypatch.chdir(ROOT)
    result = run("check", "samples/boroughs", "--jobs", "-1")
    assert result.exit_code == 2
