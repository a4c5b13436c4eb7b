"""Peak memory of `canonlint check` over many editions with many findings, summed over the
process tree (the run and its `--jobs` workers, and the PDF reader's child if any).

    python tests/benchmarks/memory.py [--editions 10000] [--jobs 2] [--format json]

Builds the editions in a temporary folder (see corpus.py), runs the check once and samples
the resident memory of every process of the run ten times a second. This is a script that
prints numbers, not a test: nothing here asserts a size.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import write_corpus  # noqa: E402


def tree_rss_kb(root: int) -> int:
    """The resident memory of root and every process under it, in KB (from /proc)."""
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                fields = Path(f"/proc/{name}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
        todo.extend(children.get(pid, []))
    return total


def peak_of(command: list[str], cwd: Path) -> tuple[int, int, float]:
    """(exit status, peak summed RSS in KB, seconds) of command."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        peak = max(peak, tree_rss_kb(process.pid))
        time.sleep(0.1)
    return process.returncode, peak, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editions", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--format", default="json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder)
        write_corpus(corpus, args.editions)
        statistics = subprocess.run([sys.executable, "-m", "canonlint.cli", "check", "--no-cache", "--format", "json",
                                     "--statistics", "--jobs", str(args.jobs)], cwd=corpus, capture_output=True,
                                    text=True)
        import json

        findings = sum(entry["count"] for entry in json.loads(statistics.stdout))
        status, peak, seconds = peak_of([sys.executable, "-m", "canonlint.cli", "check", "--no-cache", "--format",
                                         args.format, "--jobs", str(args.jobs)], corpus)
    print(f"{args.editions:,} editions, {findings:,} findings, --format {args.format} --jobs {args.jobs}: "
          f"exit {status}, peak memory of the process tree {peak / 1024:.0f} MB "
          f"({peak * 1024 / max(findings, 1):,.0f} bytes a finding), {seconds:.0f} s")


if __name__ == "__main__":
    main()
