"""Peak memory of `canonlint check` over many editions with many findings, summed over the
process tree (the run and its `--jobs` workers, and the PDF reader's child if any).

    python tests/benchmarks/memory.py [--editions 10000] [--defects 4] [--jobs 1,2] [--format json,text,sarif]
                                      [--corpus FOLDER] [--findings N]

Builds the editions in a temporary folder, or in --corpus when it does not hold them yet
(see corpus.py; 10,000 editions with 4 rounds of defects give about 120,000 findings), runs the check once for each --jobs and --format
asked and samples the resident memory of every process of the run ten times a second. This is a script that
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


def finding_count(corpus: Path, jobs: int) -> int:
    """How many findings the run over corpus reports (from its --statistics)."""
    import json

    statistics = subprocess.run([sys.executable, "-m", "canonlint.cli", "check", "--no-cache", "--format", "json",
                                 "--statistics", "--jobs", str(jobs)], cwd=corpus, capture_output=True, text=True)
    return sum(entry["count"] for entry in json.loads(statistics.stdout))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editions", type=int, default=10_000)
    parser.add_argument("--defects", type=int, default=4,
                        help="rounds of defects an edition gets (4: about 12 findings an edition, 1: about 6)")
    parser.add_argument("--jobs", default="1,2", help="the --jobs values to measure, comma-separated")
    parser.add_argument("--format", default="json,text,sarif", help="the formats to measure, comma-separated")
    parser.add_argument("--corpus", type=Path,
                        help="a folder to build the editions in, or that holds them from an earlier run of "
                             "the same --editions and --defects (kept: several runs measure one corpus)")
    parser.add_argument("--findings", type=int,
                        help="how many findings the corpus gives, when an earlier run said (skips counting them)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        corpus = args.corpus or Path(folder)
        if not (corpus / "editions").is_dir():
            corpus.mkdir(parents=True, exist_ok=True)
            write_corpus(corpus, args.editions, defects=args.defects)
        findings = args.findings if args.findings is not None else finding_count(corpus, 2)
        for jobs in args.jobs.split(","):
            for name in args.format.split(","):
                status, peak, seconds = peak_of([sys.executable, "-m", "canonlint.cli", "check", "--no-cache",
                                                 "--format", name, "--jobs", jobs], corpus)
                print(f"{args.editions:,} editions, {findings:,} findings, --format {name} --jobs {jobs}: "
                      f"exit {status}, peak memory of the process tree {peak / 1024:.0f} MB "
                      f"({peak * 1024 / max(findings, 1):,.0f} bytes a finding), {seconds:.0f} s", flush=True)


if __name__ == "__main__":
    main()
