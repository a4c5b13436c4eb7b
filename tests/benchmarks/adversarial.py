"""How long every rule takes on long lines built to make a backtracking pattern explode.

    python -m tests.benchmarks.adversarial [--size 100000]

Prints one row per shape: milliseconds for the line alone, and inside a real edition (the
Westminster sample's title replaced by the line). Linear patterns keep every row within a
small multiple of the plain-words row; a quadratic one would take minutes.
"""

from __future__ import annotations

import argparse
import time

from canonlint.config import Config
from canonlint.registry import load_registry
from canonlint.run.edition_rules import check_source
from canonlint.run.selection import resolve_rules
from canonlint.source import Source
from canonlint.template import load_template
from tests.conftest import SAMPLES, sample_text
from tests.test_adversarial import SHAPES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="characters per line (default 100,000)")
    args = parser.parse_args()
    template = load_template(SAMPLES / "template.md")
    rules = resolve_rules(load_registry(), Config())
    westminster = sample_text("westminster")
    print(f"| shape ({args.size:,} characters) | alone, ms | in an edition, ms |")
    print("|---|---:|---:|")
    for name, line in sorted(SHAPES.items()):
        line = (line * (args.size // max(1, len(line)) + 1))[: args.size]
        times = []
        for text in (line, westminster.replace("Local Policing Summary Westminster", "Local Policing Summary " + line)):
            start = time.perf_counter()
            check_source(Source.from_text("edition.txt", text), template, rules)
            times.append((time.perf_counter() - start) * 1000)
        print(f"| {name} | {times[0]:.0f} | {times[1]:.0f} |")


if __name__ == "__main__":
    main()
