"""Recall per kind of defect on the labelled corpus made into documents (.docx, .pdf,
.odt: tests/corpus/documents.py), beside the same editions' recall as text.

    python -m tests.corpus.evaluate_documents FOLDER [--formats docx,pdf]

FOLDER holds NAME.docx / NAME.pdf for the corpus' editions (made by
tests/fixtures/documents/make_fixtures.py --corpus FOLDER). A document's lines are not the
text's, so a defect counts as found when a finding of its rule is there (each finding
claimed once); a harmless variant must raise no warning or error.
"""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from canonlint.config import Config
from canonlint.finding import Severity
from canonlint.readers import read_edition
from canonlint.registry import load_registry
from canonlint.run.edition_rules import check_source
from canonlint.run.selection import resolve_rules
from canonlint.source import Source
from canonlint.template import load_template
from tests.corpus.generator import TEMPLATE, Sample, corpus


@dataclass
class FormatScore:
    injected: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    alarms: list[tuple[str, str, str]] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    checked: int = 0

    def recall(self, kind: str) -> float:
        return self.found[kind] / self.injected[kind] if self.injected[kind] else 1.0


def _score(score: FormatScore, sample: Sample, findings) -> None:
    codes = Counter(f.rule for f in findings)
    for kind, code, _ in sample.expected:
        score.injected[kind] += 1
        if codes[code] > 0:
            codes[code] -= 1
            score.found[kind] += 1
        else:
            score.missed.append(f"{sample.name} {kind}")
    if not sample.expected:
        score.alarms += [(sample.name, f.rule, f.message) for f in findings if f.severity.rank >= Severity.WARNING.rank]


def evaluate(folder: Path | None, formats: tuple[str, ...], seed: int = 2010, per_kind: int = 20,
             names: set[str] | None = None) -> dict[str, FormatScore]:
    """Scores by format ("txt" and each of formats) over the corpus' editions that have a
    file in folder for every format (or only those named)."""
    template = load_template(TEMPLATE, "samples/template.md")
    rules = resolve_rules(load_registry(), Config())
    defective, harmless = corpus(seed, per_kind)
    scores = {kind: FormatScore() for kind in ("txt", *formats)}
    for sample in defective + harmless:
        if names is not None and sample.name not in names:
            continue
        paths = {kind: folder / f"{sample.name}.{kind}" for kind in formats}
        if not all(p.exists() for p in paths.values()):
            continue
        sources = {"txt": Source.from_text(f"{sample.name}.txt", sample.text)}
        sources |= {kind: read_edition(path, path.name) for kind, path in paths.items()}
        for kind, source in sources.items():
            scores[kind].checked += 1
            _score(scores[kind], sample, check_source(source, template, rules).findings)
    return scores


def table(scores: dict[str, FormatScore]) -> str:
    kinds = sorted(scores["txt"].injected)
    formats = list(scores)
    lines = ["| kind of defect | injected | " + " | ".join(f"{f} recall" for f in formats) + " |",
             "|---|---:|" + "---:|" * len(formats)]
    for kind in kinds:
        lines.append(f"| {kind} | {scores['txt'].injected[kind]} | "
                     + " | ".join(f"{scores[f].recall(kind):.2f}" for f in formats) + " |")
    lines.append("")
    lines.append("Warnings or errors on harmless variants: "
                 + ", ".join(f"{f}: {len(s.alarms)}" for f, s in scores.items()))
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--formats", default="docx,pdf")
    parser.add_argument("--show-misses", action="store_true")
    args = parser.parse_args()
    scores = evaluate(args.folder, tuple(args.formats.split(",")))
    print(table(scores))
    if args.show_misses:
        for kind, score in scores.items():
            for miss in score.missed:
                print(f"{kind} missed {miss}")
            for alarm in score.alarms:
                print(f"{kind} alarm {alarm}")


if __name__ == "__main__":
    main()
