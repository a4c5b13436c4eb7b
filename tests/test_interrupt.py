"""An interrupted run (Ctrl-C, SIGINT) stops with exit 130, no traceback, and no report
file half written."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT, SAMPLES


def test_sigint_exits_130_without_traceback_or_partial_output(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = (SAMPLES / "boroughs" / "bexley.txt").read_bytes()
    for n in range(3000):  # long enough to be still running when interrupted
        (corpus / f"edition-{n:04d}.txt").write_bytes(text)
    report = tmp_path / "report.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "canonlint.cli", "check", str(corpus), "--template", str(SAMPLES / "template.md"),
         "--format", "json", "--output", str(report)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    time.sleep(2.0)
    assert process.poll() is None, "the run finished before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in stderr
    assert "canonlint: error: interrupted" in stderr
    assert not report.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".report.json")]  # no temporary file left


def _changed(corpus, original: bytes) -> int:
    return sum(1 for p in corpus.iterdir() if p.suffix == ".txt" and p.read_bytes() != original)


@pytest.mark.parametrize("jobs,signalled", [("2", "group"), ("2", "parent"), ("1", "group")])
def test_ctrl_c_while_fixing_stops_at_once_and_says_what_was_done(tmp_path, jobs, signalled):
    """Ctrl-C (SIGINT to the whole process group, as a terminal sends it, or to canonlint
    alone) under --fix: no edition starts after it, the ones being fixed are written whole
    or not at all, and the line says how far the run got."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    original = (SAMPLES / "boroughs" / "westminster.txt").read_bytes()  # every copy gets fixed
    total = 3000
    for n in range(total):
        (corpus / f"edition-{n:04d}.txt").write_bytes(original)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "canonlint.cli", "check", str(corpus), "--template", str(SAMPLES / "template.md"),
         "--fix", "--jobs", jobs, "--no-cache"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    inodes = {p.name: p.stat().st_ino for p in corpus.iterdir()}  # a fixed file is a new file, renamed in
    deadline = time.monotonic() + 120
    while (sum(1 for p in corpus.iterdir() if p.name in inodes and p.stat().st_ino != inodes[p.name]) < 20
           and time.monotonic() < deadline and process.poll() is None):
        time.sleep(0.1)
    assert process.poll() is None, "the run finished before it could be interrupted"
    if signalled == "group":
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)  # a run that does not stop fails here
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    found = re.search(rf"^canonlint: error: interrupted after (\d+) of {total} files; (\d+) files fixed$",
                      stderr, re.MULTILINE)
    assert found, stderr
    done, fixed = int(found.group(1)), int(found.group(2))
    assert 20 <= fixed <= done < total
    changed = _changed(corpus, original)
    assert changed == fixed  # what it says it fixed, no more: nothing was written after the count
    time.sleep(1.0)
    assert _changed(corpus, original) == changed  # and no worker is left writing
    assert not [p for p in corpus.iterdir() if p.name.startswith(".")]  # no temporary file left
    fixed_text = next(p.read_bytes() for p in corpus.iterdir() if p.read_bytes() != original)
    assert all(p.read_bytes() in (original, fixed_text) for p in corpus.iterdir())  # none half written
