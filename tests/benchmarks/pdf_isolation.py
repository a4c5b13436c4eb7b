"""What reading PDFs in a child process (canonlint.readers.isolated) costs: the sample PDFs
read in this process and through the child, best of 15 each, and the child's start.

    python tests/benchmarks/pdf_isolation.py

A script that prints numbers, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import time
from pathlib import Path

from canonlint.readers import isolated, read_blocks

DOCUMENTS = Path(__file__).resolve().parents[2] / "samples" / "documents"


def best(read, runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        read()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    for path in sorted(DOCUMENTS.glob("*.pdf")):
        data = path.read_bytes()
        started = time.perf_counter()
        isolated.read("pdf", data, path.name, "PDF")
        first = time.perf_counter() - started
        inside = best(lambda: read_blocks("pdf", data, path.name))
        child = best(lambda: isolated.read("pdf", data, path.name, "PDF"))
        print(f"{path.name}: {inside * 1000:.1f} ms in this process, {child * 1000:.1f} ms through the child "
              f"(+{(child - inside) * 1000:.1f} ms); first read, child started: {first * 1000:.0f} ms")


if __name__ == "__main__":
    main()
