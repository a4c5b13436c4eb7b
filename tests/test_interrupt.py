"""An interrupted run (Ctrl-C, SIGINT) stops with exit 130, no traceback, and no report
file half written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

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
        [sys.executable, "-m", "lint.cli", "check", str(corpus), "--template", str(SAMPLES / "template.md"),
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
