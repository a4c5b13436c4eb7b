"""Whether `--fix` settles on fuzzed editions: how many settle in one round, how many need
more, how many hold fixes back because two rules' fixes undo each other, how many never settle.

    python -m tests.benchmarks.fix_settling [--editions 5000] [--seed 1] [--mutations 4]
        [--families] [--generated] [--safe-only] [--save FOLDER]

Each edition is a sample (or the template with its slots filled, as text or as Markdown;
with --families the real copies of tests/data/families; with --generated the editions of
tests/corpus/generator.py, defects planted, Bexley-style flattened ones among them, each as
text and as Markdown) given one to four (--mutations) mutations of the kinds the rules fix — a heading run into the next line, a
sentence split over two paragraphs, a stray bullet, markup residue, look-alike characters, a
hyphen break, duplicated or moved text, whitespace-only lines, Markdown's own marks (heading
levels, list markers, emphasis, table pipes), several of these piled on one line — and then fixed in-process as
`--fix --unsafe-fixes` fixes it (or `--fix`, with --safe-only). The first few editions whose fixes fight are saved to the
folder --save names, with the two rules involved in the name.
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from canonlint.config import Config
from canonlint.registry import load_registry
from canonlint.run.edition_rules import check_source
from canonlint.run.fixes import fix_until_settled
from canonlint.run.selection import resolve_rules
from canonlint.source import Source
from canonlint.template import load_template
from tests.conftest import BOROUGHS, SAMPLES

_SLOT_VALUES = {"borough": "Camden", "commander:person": "Jane Okafor", "offences:count": "1,204",
                "change:signed_percent": "-4.2%", "status:target_status": "Target achieved",
                "slug:url_slug": "camden"}
_LOOK_ALIKES = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "p": "\u0440", "c": "\u0441", "-": "\u2010"}
_RESIDUE = ("**{}**", "<b>{}</b>", "{}&amp;", "_{}_", "{}&nbsp;", "`{}`")
_BULLETS = ("• ", "- ", "* ", "\u25aa ", "o ")


def _filled_template(markdown: str) -> str:
    """The template with every slot given a value and every local block a sentence."""
    text = re.sub(r"\{\{[^}]*\}\}", "Our officers worked with residents across the borough this year.", markdown)
    return re.sub(r"\{(\w+(?::\w+)?)\}", lambda m: _SLOT_VALUES.get(m.group(1), "12%"), text)


def bases(families: bool = False, generated: bool = False) -> list[tuple[Path, str, str]]:
    """(template, file name, text) of every edition the fuzzing starts from: the samples,
    with families the real copies of tests/data/families against their templates, and with
    generated the editions of tests/corpus/generator.py as text and as Markdown."""
    template = SAMPLES / "template.md"
    markdown = _filled_template(template.read_text(encoding="utf-8"))
    plain = re.sub(r"(?m)^#+ ", "", markdown)
    found = [(template, p.name, p.read_text(encoding="utf-8")) for p in sorted(BOROUGHS.glob("*.txt"))] + \
        [(template, "camden.md", markdown), (template, "camden.txt", plain)]
    if families:
        found += [(folder / "template.md", p.name, p.read_text(encoding="utf-8"))
                  for folder in sorted((SAMPLES.parent / "tests/data/families").iterdir()) if folder.is_dir()
                  for p in sorted((folder / "copies").glob("*")) if p.suffix in (".md", ".txt")]
    if generated:
        found += _generated(template)
    return found


def _generated(template: Path) -> list[tuple[Path, str, str]]:
    """The generator's defective and harmless editions (one in four defective ones flattened
    as the scraped Bexley copy is), each as its text and as the Markdown a person would write."""
    from tests.corpus.documents import to_markdown
    from tests.corpus.generator import corpus

    defective, harmless = corpus(per_kind=4)
    return [(template, f"{sample.name}{suffix}", text)
            for sample in defective + harmless
            for suffix, text in ((".txt", sample.text), (".md", to_markdown(sample.edition, sample.text, escape=False)))]


def _paragraph_breaks(text: str) -> list[int]:
    return [m.start() for m in re.finditer(r"\n[ \t]*\n", text)]


def _run_heading_in(text: str, rng: random.Random) -> str:
    """A short line (a heading, most likely) joined to the line after it."""
    short = [m for m in re.finditer(r"(?m)^[^\n]{3,60}\n\n(?=\S)", text)]
    if not short:
        return text
    m = rng.choice(short)
    rest = text[m.end() :]
    if rng.random() < 0.5:  # the text after it going on as the heading's sentence
        rest = rest[:1].lower() + rest[1:]
    return text[: m.end() - 2] + rng.choice((" ", " ", ": ", "\n")) + rest


def _typo_in_short_line(text: str, rng: random.Random) -> str:
    """A letter dropped or doubled in a word of a short line (a heading, most likely)."""
    words = [(line.start() + word.start(), line.start() + word.end())
             for line in re.finditer(r"(?m)^[^\n]{3,60}$", text) for word in re.finditer(r"[A-Za-z]{4,}", line.group())]
    if not words:
        return text
    start, end = rng.choice(words)
    at = rng.randrange(start + 1, end)
    return text[:at] + (text[at] * 2 if rng.random() < 0.5 else "") + text[at + 1 :]


def _crlf(text: str, rng: random.Random) -> str:
    return text.replace("\n", "\r\n")


def _split_sentence(text: str, rng: random.Random) -> str:
    spaces = [m.start() for m in re.finditer(r"(?<=[a-z,]) (?=[a-z])", text)]
    at = rng.choice(spaces) if spaces else 0
    return text[:at] + rng.choice(("\n\n", "\n\n", "\n")) + text[at + 1 :] if spaces else text


def _stray_bullet(text: str, rng: random.Random) -> str:
    starts = [m.start() for m in re.finditer(r"(?m)^(?=[A-Za-z])", text)]
    at = rng.choice(starts)
    return text[:at] + rng.choice(_BULLETS) + text[at:]


def _markup_residue(text: str, rng: random.Random) -> str:
    words = list(re.finditer(r"[A-Za-z]{3,}", text))
    m = rng.choice(words)
    return text[: m.start()] + rng.choice(_RESIDUE).format(m.group()) + text[m.end() :]


def _look_alike(text: str, rng: random.Random) -> str:
    places = [i for i, c in enumerate(text) if c in _LOOK_ALIKES]
    for at in rng.sample(places, min(len(places), rng.randint(1, 3))):
        text = text[:at] + _LOOK_ALIKES[text[at]] + text[at + 1 :]
    return text


def _hyphen_break(text: str, rng: random.Random) -> str:
    words = list(re.finditer(r"[a-z]{7,}", text))
    m = rng.choice(words)
    cut = m.start() + rng.randint(3, len(m.group()) - 3)
    return text[:cut] + rng.choice(("-\n", "- ", "-\n\n", "\u00ad\n")) + text[cut:]


def _duplicate(text: str, rng: random.Random) -> str:
    paragraphs = [m for m in re.finditer(r"(?m)^[^\n]{20,}$", text)]
    m = rng.choice(paragraphs)
    return text[: m.end()] + rng.choice(("\n\n", " ")) + m.group() + text[m.end() :]


def _move(text: str, rng: random.Random) -> str:
    paragraphs = [m for m in re.finditer(r"(?m)^[^\n]{20,}\n\n", text)]
    m = rng.choice(paragraphs)
    rest = text[: m.start()] + text[m.end() :]
    breaks = _paragraph_breaks(rest) or [0]
    at = rng.choice(breaks)
    return rest[:at] + "\n\n" + m.group().rstrip("\n") + rest[at:]


def _whitespace_lines(text: str, rng: random.Random) -> str:
    breaks = _paragraph_breaks(text) or [0]
    at = rng.choice(breaks)
    return text[:at] + "\n" + rng.choice((" ", "\t", "   \t", "\u00a0")) + text[at:]


def _heading_level(text: str, rng: random.Random) -> str:
    """A Markdown heading given another level, or its marks taken away or left unspaced."""
    headings = list(re.finditer(r"(?m)^#{1,6}[ \t]+", text))
    m = rng.choice(headings)
    return text[: m.start()] + rng.choice(("#", "###", "", "#" * 7 + " ", "##")) + text[m.end() - 1 if rng.random() < 0.3 else m.end() :]


def _list_marker(text: str, rng: random.Random) -> str:
    """A Markdown list item given another marker, a number, or indented under the one before."""
    items = list(re.finditer(r"(?m)^[-*+][ \t]+", text))
    m = rng.choice(items)
    return text[: m.start()] + rng.choice(("* ", "+ ", "1. ", "  - ", "-", "    - ", "1) ")) + text[m.end() :]


def _emphasis(text: str, rng: random.Random) -> str:
    """A run of words emphasised, or an emphasis mark left open."""
    words = list(re.finditer(r"[A-Za-z]{3,}(?: [A-Za-z]{3,}){0,3}", text))
    m = rng.choice(words)
    mark = rng.choice(("*", "**", "_", "__", "***", "~~"))
    closing = mark if rng.random() < 0.7 else ""
    return text[: m.start()] + mark + m.group() + closing + text[m.end() :]


def _table_pipes(text: str, rng: random.Random) -> str:
    """A Markdown table row with a pipe lost, doubled, or its cells padded."""
    rows = list(re.finditer(r"(?m)^\|[^\n]*\|$", text))
    m = rng.choice(rows)
    row = m.group()
    pipes = [i for i, c in enumerate(row) if c == "|"]
    at = rng.choice(pipes)
    row = rng.choice((row[:at] + row[at + 1 :], row[:at] + "||" + row[at + 1 :], row.replace("|", " | ")))
    return text[: m.start()] + row + text[m.end() :]


# The mutations that keep to one line: --overlap piles several of them there.
_IN_LINE = ("markup residue", "look-alike", "hyphen break", "stray bullet", "emphasis", "run-in heading",
            "split sentence", "typo in a heading")


def _overlapping(text: str, rng: random.Random) -> str:
    """Two to four in-line mutations on the same line, so that several rules' findings and
    fixes overlap there."""
    lines = list(re.finditer(r"(?m)^[^\n]{20,}$", text))
    m = rng.choice(lines)
    # The line with the paragraph after it: a run-in heading joins them, a split cuts it.
    end = text.find("\n\n", m.end())
    end = len(text) if end < 0 else end
    piece = text[m.start() : end] + "\n\n"
    for name in rng.sample(_IN_LINE, rng.randint(2, 4)):
        try:
            piece = MUTATIONS[name](piece, rng)
        except (IndexError, ValueError):
            pass
    return text[: m.start()] + piece[:-2] + text[end:]


MUTATIONS: dict[str, Callable[[str, random.Random], str]] = {
    "run-in heading": _run_heading_in, "split sentence": _split_sentence, "stray bullet": _stray_bullet,
    "markup residue": _markup_residue, "look-alike": _look_alike, "hyphen break": _hyphen_break,
    "typo in a heading": _typo_in_short_line, "CRLF": _crlf, "duplicate": _duplicate, "move": _move, "whitespace lines": _whitespace_lines,
    "heading level": _heading_level, "list marker": _list_marker, "emphasis": _emphasis, "table pipes": _table_pipes,
    "overlapping on one line": _overlapping,
}


def fuzzed(seed: int, count: int, most: int = 4, families: bool = False, generated: bool = False):
    """(number, template, file name, text, mutation names) of count fuzzed editions, each
    given one to most mutations."""
    rng = random.Random(seed)
    starts = bases(families, generated)
    names = list(MUTATIONS)
    for number in range(count):
        template, name, text = rng.choice(starts)
        chosen = rng.choices(names, k=rng.randint(1, most))
        for mutation in sorted(chosen, key=lambda m: m == "CRLF"):  # the others look for LF
            try:
                text = MUTATIONS[mutation](text, rng)
            except (IndexError, ValueError):
                pass  # nothing of the kind it alters in this edition (no word that long, no such line)
        yield number, template, name, text, chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editions", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mutations", type=int, default=4, help="at most this many mutations per edition")
    parser.add_argument("--save", type=Path, default=Path("fix-settling-cases"),
                        help="folder for the first editions whose fixes fight or never settle")
    parser.add_argument("--families", action="store_true",
                        help="start from the real copies of tests/data/families too, against their templates")
    parser.add_argument("--generated", action="store_true",
                        help="start from tests/corpus/generator.py's editions too (defects planted, some flattened), "
                             "as text and as Markdown")
    parser.add_argument("--safe-only", action="store_true", help="as --fix without --unsafe-fixes")
    parser.add_argument("--keep", type=int, default=10, help="how many such editions to save")
    args = parser.parse_args()
    templates: dict[Path, object] = {}
    rules = resolve_rules(load_registry(), Config())
    counts: Counter[str] = Counter()
    fighting: Counter[str] = Counter()
    saved = 0
    for number, path, name, text, chosen in fuzzed(args.seed, args.editions, args.mutations, args.families,
                                                             args.generated):
        if path not in templates:
            templates[path] = load_template(path)
        template = templates[path]

        def check(edition: str, name: str = name, template=template) -> list:
            return check_source(Source.from_text(name, edition), template, rules).findings

        fixed = fix_until_settled(text, check(text), check, unsafe=not args.safe_only)
        rounds = "no fix" if not fixed.rounds else "1 round" if fixed.rounds == 1 else "2+ rounds"
        counts[rounds] += 1
        if fixed.settled and not fixed.held_back:
            continue
        counts["never settle" if not fixed.settled else "fixes held back"] += 1
        pair = "+".join(sorted({f.rule for f in fixed.findings
                                if f.fix is not None and (f.fingerprint in fixed.held_back or not fixed.settled)})) or "none"
        fighting[pair] += 1
        if saved < args.keep:
            args.save.mkdir(parents=True, exist_ok=True)
            stem, suffix = name.rsplit(".", 1)
            (args.save / f"{number:05d}-{stem}-{pair}.{suffix}").write_text(text, encoding="utf-8")
            (args.save / f"{number:05d}-{stem}-{pair}.mutations").write_text("\n".join(chosen) + "\n")
            saved += 1
    total = args.editions
    print(f"{total:,} fuzzed editions fixed (seed {args.seed})")
    for key in ("no fix", "1 round", "2+ rounds", "fixes held back", "never settle"):
        print(f"  {key:16} {counts[key]:6,} ({100 * counts[key] / total:.2f} %)")
    for pair, n in fighting.most_common():
        print(f"  rules whose fixes fought: {pair}: {n}")
    if saved:
        print(f"  first {saved} saved to {args.save}")


if __name__ == "__main__":
    main()
