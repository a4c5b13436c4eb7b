"""How long canonlint.document.parse_document takes per edition, alone: prints ms/edition.

The editions are the benchmark's synthetic corpus (corpus.py), built in memory. Two
figures: `run`, the editions parsed one after another as a run parses them (what they
share read once, canonlint.text_memo), and `cold`, every memo emptied before each edition
(text never seen before). Each is the median of --runs passes over all editions.

    python tests/benchmarks/parse_speed.py --editions 1000 --runs 5
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import SAMPLES, Generator  # noqa: E402


def editions(count: int, seed: int = 2010) -> list[str]:
    """The texts of `count` synthetic editions, as write_corpus would write them."""
    generator = Generator((SAMPLES / "template.md").read_text(encoding="utf-8"), seed)
    return [generator.edition(n)[1] for n in range(count)]


def per_edition(texts: list[str], cold: bool) -> float:
    """Seconds to parse each text once, on average (memos emptied before each with cold)."""
    from canonlint.document import parse_document
    from canonlint.source import Source
    from canonlint.text_memo import clear_all

    sources = [Source.from_text(f"edition-{n}.txt", text) for n, text in enumerate(texts)]
    clear_all()
    spent = 0.0
    for source in sources:
        if cold:
            clear_all()
        start = time.perf_counter()
        parse_document(source)
        spent += time.perf_counter() - start
    return spent / len(sources)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--editions", type=int, default=1000, help="editions parsed (default 1000)")
    parser.add_argument("--runs", type=int, default=5, help="passes; medians are shown (default 5)")
    args = parser.parse_args()
    texts = editions(args.editions)
    for label, cold in (("run", False), ("cold", True)):
        median = statistics.median(per_edition(texts, cold) for _ in range(args.runs))
        print(f"parse_document, {label:4}: {median * 1000:.3f} ms/edition ({args.editions} editions, "
              f"{args.runs} runs)")


if __name__ == "__main__":
    main()
