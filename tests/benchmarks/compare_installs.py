"""Two installs of canonlint on the same editions, in interleaved rounds: is a change slower?

    python tests/benchmarks/compare_installs.py BEFORE_CANONLINT AFTER_CANONLINT [--editions 1000] [--runs 5]

Each argument is a `canonlint` console script (e.g. `.venv/bin/canonlint` of a checkout of the
older revision and of this one). Builds one corpus (see corpus.py), then runs
`canonlint check --jobs 1` on it with each install once per round, alternating which goes
first, so that a busy moment of the machine hits both alike; prints each one's best round
(wall and CPU time, editions per CPU second) and the ratio after ÷ before. The result cache is
off, so every round checks every edition. A script that prints numbers, not a test.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import Timing, run  # noqa: E402
from corpus import write_corpus  # noqa: E402

TEMPLATE = HERE.parents[1] / "samples" / "template.md"


def best_rounds(commands: dict[str, list[str]], folder: Path, runs: int) -> dict[str, Timing]:
    """Each command's best round by CPU time, the order of the commands alternating per round."""
    env = {**os.environ, "CANONLINT_NO_CACHE": "1"}
    timings: dict[str, list[Timing]] = {name: [] for name in commands}
    names = list(commands)
    for round_number in range(runs):
        for name in names if round_number % 2 == 0 else reversed(names):
            timings[name].append(run(commands[name], folder, env))
    return {name: min(found, key=lambda timing: timing.cpu) for name, found in timings.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="the canonlint script of the older install")
    parser.add_argument("after", type=Path, help="the canonlint script of the newer install")
    parser.add_argument("--editions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        write_corpus(folder / "editions", args.editions, TEMPLATE.read_text("utf-8"))
        command = ["check", "editions", "--template", str(TEMPLATE), "--jobs", "1", "--format", "json",
                   "--output", os.devnull]
        best = best_rounds({"before": [str(args.before.resolve()), *command],
                            "after": [str(args.after.resolve()), *command]},
                           folder, args.runs)
    print(f"{args.editions} editions, best of {args.runs} interleaved rounds, --jobs 1, no cache")
    print(f"{'':8}{'wall s':>9}{'CPU s':>9}{'editions/CPU s':>16}")
    for name, timing in best.items():
        print(f"{name:8}{timing.wall:9.2f}{timing.cpu:9.2f}{args.editions / timing.cpu:16.0f}")
    print(f"after ÷ before, CPU time: {best['after'].cpu / best['before'].cpu:.3f}")


if __name__ == "__main__":
    main()
