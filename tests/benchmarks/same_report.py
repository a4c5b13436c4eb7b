"""Whether a change to the engine leaves every finding as it was, byte for byte: the JSON
report of a generated corpus (see corpus.py), saved before the change and compared after.

    python tests/benchmarks/same_report.py save  REPORT [--editions 1000]   # before the change
    python tests/benchmarks/same_report.py check REPORT [--editions 1000]   # after it

`check` exits 0 when the report is the same bytes, else 1 with the first differing finding
and the counts of findings by rule on both sides. A speed-up that must not change what is
reported (a verbatim block skipped, a step made linear) is checked this way on a thousand
editions, beside the rules' own cases.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench import canonlint_command  # noqa: E402
from corpus import write_corpus  # noqa: E402


def corpus_report(editions: int) -> bytes:
    """The JSON report of `canonlint check` over a freshly generated corpus (no cache)."""
    canonlint, env = canonlint_command()
    with tempfile.TemporaryDirectory(prefix="canonlint-same-report-") as folder:
        write_corpus(Path(folder), editions)
        done = subprocess.run([*canonlint, "check", "editions", "--format", "json", "--no-cache"],
                              cwd=folder, env=env, capture_output=True)
    if done.returncode not in (0, 1):
        raise SystemExit(f"same_report: canonlint exited with {done.returncode}: {done.stderr.decode()[-500:]}")
    return done.stdout


def _describe_difference(before: bytes, after: bytes) -> list[str]:
    old, new = json.loads(before), json.loads(after)
    lines = []
    for n, (a, b) in enumerate(zip(old, new)):
        if a != b:
            lines += [f"finding {n} differs:", f"  before: {json.dumps(a)}", f"  after:  {json.dumps(b)}"]
            break
    if len(old) != len(new):
        lines.append(f"{len(old)} findings before, {len(new)} after")
    counts_old, counts_new = Counter(f["rule"] for f in old), Counter(f["rule"] for f in new)
    for rule in sorted(set(counts_old) | set(counts_new)):
        if counts_old[rule] != counts_new[rule]:
            lines.append(f"  {rule}: {counts_old[rule]} before, {counts_new[rule]} after")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["save", "check"])
    parser.add_argument("report", type=Path, help="the saved JSON report")
    parser.add_argument("--editions", type=int, default=1000, help="editions in the corpus (default 1000)")
    args = parser.parse_args()
    report = corpus_report(args.editions)
    if args.action == "save":
        args.report.write_bytes(report)
        print(f"saved the report of {args.editions:,} editions ({len(json.loads(report)):,} findings) "
              f"to {args.report}")
        return
    saved = args.report.read_bytes()
    if saved == report:
        print(f"same report: {len(json.loads(report)):,} findings over {args.editions:,} editions, byte for byte")
        return
    print("\n".join(["the report differs from the saved one", *_describe_difference(saved, report)]))
    sys.exit(1)


if __name__ == "__main__":
    main()
