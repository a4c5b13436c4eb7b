"""The HTML report at scale: its size and the time to write it for a corpus of editions.

    python tests/benchmarks/html_report.py [--editions 1000]

Builds the benchmark corpus (see corpus.py) in a temporary folder, writes
`canonlint check --format html` for it and prints the page's size, the size per edition,
and the wall time of the run beside the same run with `--format json`. A script that
prints numbers, not a test.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import canonlint_command  # noqa: E402
from corpus import write_corpus  # noqa: E402


def _timed(command: list[str], cwd: Path, env) -> float:
    start = time.perf_counter()
    code = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE).returncode
    if code not in (0, 1):
        raise SystemExit(f"html_report: {' '.join(command)} exited with {code}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editions", type=int, default=1000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="canonlint-html-"))
    try:
        paths = write_corpus(work, args.editions)
        text_size = sum(p.stat().st_size for p in paths)
        canonlint, env = canonlint_command()
        html_time = _timed([*canonlint, "check", "editions", "--format", "html", "--output", "report.html"], work, env)
        json_time = _timed([*canonlint, "check", "editions", "--format", "json", "--output", "report.json"], work, env)
        size = (work / "report.html").stat().st_size
        n = len(paths)
        print(f"canonlint HTML report: {n:,} editions ({text_size / n / 1000:.1f} KB of text each on average)")
        print(f"page: {size / 1e6:.1f} MB ({size / n / 1000:.1f} KB per edition; "
              f"{size / text_size:.2f} x the editions' text); JSON report: {(work / 'report.json').stat().st_size / 1e6:.1f} MB")
        print(f"wall: --format html {html_time:.2f} s, --format json {json_time:.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
