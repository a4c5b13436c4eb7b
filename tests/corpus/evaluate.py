"""Run canonlint over the labelled corpus and measure it: recall per kind of defect, the
warnings and errors on defective editions that match no planted defect, and findings
raised on harmless variants.

    python -m tests.corpus.evaluate [--seed N] [--per-kind N] [--inferred 32]

prints the table that the README shows; tests/test_labelled_corpus.py asserts on the same
numbers.
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from dataclasses import dataclass, field

from canonlint.config import Config
from canonlint.finding import Finding, Severity
from canonlint.registry import load_registry
from canonlint.run.edition_rules import check_source
from canonlint.run.selection import resolve_rules
from canonlint.source import Source
from canonlint.template import Template, load_template
from tests.corpus.generator import TEMPLATE, corpus

LINE_TOLERANCE = 1


@dataclass
class KindScore:
    code: str
    injected: int = 0
    found: int = 0
    missed: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.injected if self.injected else 1.0


@dataclass
class Evaluation:
    kinds: dict[str, KindScore]
    harmless_checked: int
    false_alarms: list[tuple[str, Finding]]
    reported: int = 0  # warnings and errors on the defective editions
    unplanted: list[tuple[str, Finding]] = field(default_factory=list)  # those that match no planted defect

    @property
    def precision(self) -> float:
        """The share of the warnings and errors on defective editions that report a planted defect."""
        return 1 - len(self.unplanted) / self.reported if self.reported else 1.0


def evaluate(seed: int = 2010, per_kind: int = 20, template: Template | None = None) -> Evaluation:
    """Recall per kind and alarms on harmless variants, checked against template (default:
    the hand-written samples/template.md)."""
    template = template or load_template(TEMPLATE, "samples/template.md")
    rules = resolve_rules(load_registry(), Config())
    defective, harmless = corpus(seed, per_kind)
    kinds: dict[str, KindScore] = {}
    reported, unplanted = 0, []
    for sample in defective:
        findings = check_source(Source.from_text(f"{sample.name}.txt", sample.text), template, rules).findings
        for kind, code, line in sample.expected:
            score = kinds.setdefault(kind, KindScore(code))
            score.injected += 1
            if any(_reports(f, code, line) for f in findings):
                score.found += 1
            else:
                score.missed.append(f"{sample.name}:{line}")
        for finding in findings:
            if finding.severity.rank >= Severity.WARNING.rank:
                reported += 1
                if not any(_reports(finding, code, line) for _, code, line in sample.expected):
                    unplanted.append((sample.name, finding))
    alarms = []
    for sample in harmless:
        for finding in check_source(Source.from_text(f"{sample.name}.txt", sample.text), template, rules).findings:
            if finding.severity.rank >= Severity.WARNING.rank:
                alarms.append((sample.name, finding))
    return Evaluation(dict(sorted(kinds.items(), key=lambda kv: kv[1].code)), len(harmless), alarms,
                      reported, unplanted)


def _reports(finding: Finding, code: str, line: int) -> bool:
    """Whether finding reports a defect planted at line (0: anywhere in the edition) for code."""
    return finding.rule == code and (line == 0 or abs(finding.line - line) <= LINE_TOLERANCE)


def inferred_template(count: int = 32, seed: int = 7) -> Template:
    """A template inferred (canonlint.infer) from `count` clean editions of the corpus generator."""
    from canonlint.infer import edition_from_text, infer
    from canonlint.template import parse_template
    from tests.corpus.generator import Generator

    gen = Generator(seed)
    editions = [edition_from_text(f"clean-{n:02d}.txt", gen.clean().render()[0]) for n in range(count)]
    return parse_template(infer(editions).text, "inferred.md")


def compared(by_hand: Evaluation, inferred: Evaluation) -> str:
    """Recall per kind with the inferred template beside the hand-written one's."""
    lines = ["| kind of defect | rule | injected | found (samples/template.md) | found (inferred) | inferred ÷ hand |",
             "|---|---|---:|---:|---:|---:|"]
    for kind, score in inferred.kinds.items():
        hand = by_hand.kinds[kind]
        lines.append(f"| {kind} | {score.code} | {score.injected} | {hand.found} | {score.found} "
                     f"| {score.found / max(1, hand.found):.2f} |")
    lines.append("")
    lines.append(f"Harmless variants checked: {inferred.harmless_checked}; warnings or errors raised on them "
                 f"with the inferred template: {len(inferred.false_alarms)}.")
    return "\n".join(lines)


def table(evaluation: Evaluation) -> str:
    lines = ["| kind of defect | rule | injected | found | recall |", "|---|---|---:|---:|---:|"]
    for kind, score in evaluation.kinds.items():
        lines.append(f"| {kind} | {score.code} | {score.injected} | {score.found} | {score.recall:.2f} |")
    total = sum(s.injected for s in evaluation.kinds.values())
    found = sum(s.found for s in evaluation.kinds.values())
    lines.append(f"| **all {len(evaluation.kinds)} kinds** | | {total} | {found} | {found / total:.2f} |")
    lines.append("")
    lines.append(f"Warnings and errors on the defective editions: {evaluation.reported}; matching no planted "
                 f"defect: {len(evaluation.unplanted)} ({_by_rule(evaluation.unplanted)}); "
                 f"precision {evaluation.precision:.2f}.")
    lines.append("")
    lines.append(f"Harmless variants checked: {evaluation.harmless_checked}; "
                 f"warnings or errors raised on them: {len(evaluation.false_alarms)} "
                 f"({_by_rule(evaluation.false_alarms)}).")
    return "\n".join(lines)


def _by_rule(findings: list[tuple[str, Finding]]) -> str:
    by_rule: dict[str, int] = defaultdict(int)
    for _, finding in findings:
        by_rule[finding.rule] += 1
    return ", ".join(f"{rule}×{n}" for rule, n in sorted(by_rule.items())) or "none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2010)
    parser.add_argument("--per-kind", type=int, default=20)
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--inferred", type=int, metavar="N", default=0,
                        help="also check with a template inferred from N clean editions, and compare")
    args = parser.parse_args()
    evaluation = evaluate(args.seed, args.per_kind)
    if args.inferred:
        print(compared(evaluation, evaluate(args.seed, args.per_kind, inferred_template(args.inferred))))
        return
    print(table(evaluation))
    if args.show_misses:
        for kind, score in evaluation.kinds.items():
            if score.missed:
                print(f"missed {kind}: {', '.join(score.missed)}")
        for name, finding in evaluation.unplanted:
            print(f"unplanted {name}:{finding.line}: {finding.rule} {finding.message}")
        for name, finding in evaluation.false_alarms:
            print(f"alarm {name}:{finding.line}: {finding.rule} {finding.message}")


if __name__ == "__main__":
    main()
