"""Peak memory of `canonlint template infer` at several numbers of editions, to show
whether it stays flat in the count.

    python tests/benchmarks/infer_memory.py [--counts 100 300 1000]

Builds the editions in a temporary folder (see corpus.py), infers a template from the
first n of them for each n, and samples the resident memory of the process ten times a
second (see memory.py). A script that prints numbers, not a test: nothing here asserts a size.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import write_corpus  # noqa: E402
from memory import peak_of  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counts", type=int, nargs="+", default=[100, 300, 1_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        paths = write_corpus(root / "editions", max(args.counts))
        for count in args.counts:
            listed = root / f"first-{count}"
            listed.mkdir()
            for path in paths[:count]:
                (listed / path.name).write_bytes(path.read_bytes())
            status, peak, seconds = peak_of([sys.executable, "-m", "canonlint.cli", "template", "infer",
                                             str(listed)], root)
            print(f"{count:>6,} editions: exit {status}, peak memory {peak / 1024:.0f} MB "
                  f"({peak / count:,.0f} KB an edition), {seconds:.1f} s")


if __name__ == "__main__":
    main()
