"""Precision on real documents: families of widely copied public documents, each copy
checked against the family's hand-written template and every warning and error judged.

    python -m tests.families.evaluate [--show]

Each family is a folder of tests/data/families/: `template.md`, the real copies in
`copies/` (one run, as `canonlint check copies --template template.md` makes it), Word and
PDF files made from some of them in `documents/` (a run of the Word files, one of the PDFs), `SOURCES.md` naming where
each copy comes from, and `labels.toml`, the judgement of a person who read each copy and
each finding:

- `[[finding]]`: a finding canonlint reports (`copy`, `rule`, a `quote` from its message),
  `true` when it reports real drift and `false` when it is a false alarm, with `why`
  (and, for a false alarm, the `cause` of the issue it belongs to);
- `[[drift]]`: real drift in a copy (`copy`, `what`), found when a finding of one of
  `rules` on that copy quotes `quote`;
- `near_verbatim`: the copies that are the template with only its slots filled in (and
  harmless differences of layout), which should get no warning or error.

Prints the precision table the README shows; tests/test_families.py asserts on the same.
"""

from __future__ import annotations

import argparse
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from canonlint.run.request import check

FAMILIES = Path(__file__).resolve().parents[1] / "data" / "families"
RUNS = ("copies", "documents")  # each checked as one run of its own
REPORTED = ("warning", "error")


@dataclass(frozen=True)
class Judgement:
    """A person's verdict on the findings of one rule on one copy quoting `quote`."""

    copy: str
    rule: str
    quote: str
    true: bool
    why: str
    cause: str = ""

    def judges(self, copy: str, finding: dict) -> bool:
        return copy == self.copy and finding["rule"] == self.rule and self.quote in finding["message"]


@dataclass(frozen=True)
class Drift:
    """Real drift in a copy, read by a person; found when a finding of one of its rules on
    that copy quotes `quote`."""

    copy: str
    what: str
    rules: tuple[str, ...]
    quote: str

    def found_by(self, copy: str, finding: dict) -> bool:
        return copy == self.copy and finding["rule"] in self.rules and self.quote in finding["message"]


@dataclass(frozen=True)
class Judged:
    """A finding on a copy (its path inside the family's folder) and its judgement, if any."""

    copy: str
    finding: dict
    judgement: Judgement | None


@dataclass
class FamilyScore:
    family: str
    copies: list[str]
    near_verbatim: list[str]
    findings: list[Judged] = field(default_factory=list)
    drift: list[Drift] = field(default_factory=list)
    drift_missed: list[Drift] = field(default_factory=list)

    @property
    def true(self) -> list[Judged]:
        return [j for j in self.findings if j.judgement and j.judgement.true]

    @property
    def false(self) -> list[Judged]:
        return [j for j in self.findings if j.judgement and not j.judgement.true]

    @property
    def unjudged(self) -> list[Judged]:
        return [j for j in self.findings if j.judgement is None]

    def on(self, copies: list[str]) -> list[Judged]:
        return [j for j in self.findings if j.copy in copies]


@dataclass(frozen=True)
class Family:
    name: str
    folder: Path
    judgements: tuple[Judgement, ...]
    drift: tuple[Drift, ...]
    near_verbatim: tuple[str, ...]

    @property
    def template(self) -> Path:
        return self.folder / "template.md"

    def copies(self) -> list[str]:
        """The copies' paths inside the family's folder (`copies/x.md`, `documents/x.pdf`)."""
        return [f"{run}/{path.name}" for run in RUNS if (self.folder / run).is_dir()
                for path in sorted((self.folder / run).iterdir()) if path.is_file()]


def load_family(folder: Path) -> Family:
    labels = tomllib.loads((folder / "labels.toml").read_text(encoding="utf-8"))
    judgements = tuple(Judgement(j["copy"], j["rule"], j["quote"], j["verdict"] == "true", j["why"], j.get("cause", ""))
                       for j in labels.get("finding", ()))
    drift = tuple(Drift(d["copy"], d["what"], tuple(d["rules"]), d["quote"]) for d in labels.get("drift", ()))
    return Family(folder.name, folder, judgements, drift, tuple(labels.get("near_verbatim", ())))


def families(root: Path = FAMILIES) -> list[Family]:
    return [load_family(folder) for folder in sorted(root.iterdir()) if (folder / "labels.toml").is_file()]


def findings_of_run(folder: Path, template: Path) -> list[tuple[str, dict]]:
    """The warnings and errors of checking every file in folder: (file name, finding); a
    finding on the template itself (CL603) is on `template.md`. The PDFs are a run of their
    own: beside the Word file it was exported from, a PDF is one edition with it, read from
    the Word file (canonlint.run.pairs), and what its own reading finds would go unjudged."""
    files = sorted(path for path in folder.iterdir() if path.is_file())
    pdfs = [path for path in files if path.suffix.lower() == ".pdf"]
    runs = [run for run in ([path for path in files if path not in pdfs], pdfs) if run]
    return [(Path(f["path"]).name, f) for run in runs for f in check(run, template=template)
            if f["severity"] in REPORTED]


def score(family: Family) -> FamilyScore:
    result = FamilyScore(family.name, family.copies(), list(family.near_verbatim), drift=list(family.drift))
    for run in RUNS:
        if not (family.folder / run).is_dir():
            continue
        for name, finding in findings_of_run(family.folder / run, family.template):
            copy = name if name == family.template.name else f"{run}/{name}"
            judgement = next((j for j in family.judgements if j.judges(copy, finding)), None)
            result.findings.append(Judged(copy, finding, judgement))
    result.drift_missed = [d for d in family.drift
                           if not any(d.found_by(j.copy, j.finding) for j in result.findings)]
    return result


def table(scores: list[FamilyScore]) -> str:
    lines = ["| family | copies | Word and PDF | warnings and errors | true | false | precision | real drift "
             "| drift missed |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]

    def counts(s: FamilyScore) -> tuple[int, ...]:
        texts = sum(1 for c in s.copies if c.startswith("copies/"))
        return (texts, len(s.copies) - texts, len(s.findings), len(s.true), len(s.false), len(s.drift),
                len(s.drift_missed))

    def row(name: str, copies, documents, found, true, false, drift, missed) -> str:
        precision = f"{true / found:.2f}" if found else "–"
        return f"| {name} | {copies} | {documents} | {found} | {true} | {false} | {precision} | {drift} | {missed} |"

    for s in scores:
        lines.append(row(s.family, *counts(s)))
    lines.append(row(f"**all {len(scores)} families**", *map(sum, zip(*map(counts, scores)))))
    return "\n".join(lines)


def details(scores: list[FamilyScore]) -> str:
    """Every false alarm, unjudged finding and missed drift, one line each."""
    lines = []
    for s in scores:
        for j in s.false:
            cause, why = (" ".join(text.split()) for text in (j.judgement.cause or "?", j.judgement.why))
            lines.append(f"false  {s.family}/{j.copy}: {j.finding['rule']} {j.finding['message']} "
                         f"(cause {cause}: {why})")
        for j in s.unjudged:
            lines.append(f"unjudged  {s.family}/{j.copy}: {j.finding['rule']} {j.finding['message']}")
        for d in s.drift_missed:
            lines.append(f"missed  {s.family}/{d.copy}: {' '.join(d.what.split())} ({', '.join(d.rules)})")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list every false alarm, unjudged finding and missed drift")
    args = parser.parse_args()
    scores = [score(family) for family in families()]
    print(table(scores))
    if args.show:
        print()
        print(details(scores))


if __name__ == "__main__":
    main()
