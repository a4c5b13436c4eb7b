"""canonlint against the tools a user would otherwise reach for, on the same files, in one run.

    python tests/benchmarks/bench.py [--editions 1000] [--runs 5] [--large 10000]

Builds a corpus of editions in a temporary folder (see corpus.py), then prints one table,
timed in interleaved rounds (every command once per round, so that a busy moment of the
machine hits all alike) and showing the best round's wall time and CPU time (user + system
of the command and every process it started): canonlint `--jobs 1` and `--jobs 2` beside
a GNU `diff` loop, a `git diff --no-index --word-diff=porcelain` loop, Python's difflib
(line diff, then a word diff of the changed hunks), rapidfuzz's `Indel.opcodes` on whole
word lists and the floor (reading, decoding and splitting each edition into words), each
edition against the template's plain text; then canonlint run again with nothing changed
(the result cache) and `canonlint template infer` on the same editions; each row with its
ratio to canonlint `--jobs 1`. On a machine busy with other work the wall times measure
that work too, and the CPU times are the fairer comparison; the load average is printed.
Then: how the time grows with the length of one edition; start-up time; peak memory; and,
where LibreOffice and pdftotext are installed, checking 100 of the editions saved as .docx
and exported as .pdf beside `pdftotext` then canonlint (--documents), medians of several
runs. This is a script that prints numbers, not a test: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import difflib
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

from corpus import Generator, write_corpus  # noqa: E402


# --------------------------------------------------------------------------- running


def canonlint_command() -> tuple[list[str], dict[str, str]]:
    """The installed console script next to this Python, else `python -m canonlint.cli` from the
    clone (with the clone on PYTHONPATH)."""
    env = dict(os.environ)
    script = Path(sys.executable).with_name("canonlint")
    if script.exists():
        return [str(script)], env
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return [sys.executable, "-m", "canonlint.cli"], env


@dataclass(frozen=True)
class Timing:
    """One run of a command: wall time and CPU time (user + system of the command and every
    process it started and waited for), in seconds. On a busy machine the wall time
    measures the other work as well; the CPU time is the command's own."""

    wall: float
    cpu: float


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Timing:
    """Wall and CPU time of one command, its output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if code not in (0, 1):
        raise SystemExit(f"bench: {' '.join(command)} exited with {code}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Timing(wall, cpu)


def median_run(command, cwd, env=None, runs: int = 5) -> float:
    """Median wall time of runs of a command."""
    return statistics.median(run(command, cwd, env).wall for _ in range(runs))


_PEAK = """import os, subprocess, sys
process = subprocess.Popen(sys.argv[2:], cwd=sys.argv[1], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


def peak_rss(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> int:
    """Peak RSS (KiB) of one command, taken by a small Python process that starts it: a
    child's peak includes the memory of the process it was started from, so that must
    not be this one, which holds the corpus."""
    out = subprocess.run([sys.executable, "-c", _PEAK, str(cwd), *command], env=env,
                         capture_output=True, text=True, check=True).stdout.split()
    if int(out[0]) not in (0, 1):
        raise SystemExit(f"bench: {' '.join(command)} exited with {out[0]}")
    return int(out[1])


# --------------------------------------------------------------------------- the difflib peer


def difflib_peer(folder: Path) -> None:
    """Line diff of each edition against the template text, then a word diff of every
    changed hunk: what a short Python script built on the standard library would do."""
    template = (folder / "template.txt").read_text(encoding="utf-8").splitlines()
    changed = 0
    for path in sorted((folder / "editions").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, template, lines).get_opcodes():
            if tag == "replace":
                old, new = " ".join(template[i1:i2]).split(), " ".join(lines[j1:j2]).split()
                changed += sum(1 for op in difflib.SequenceMatcher(None, old, new).get_opcodes()
                               if op[0] != "equal")
            elif tag != "equal":
                changed += 1
    print(changed)


def rapidfuzz_peer(folder: Path) -> None:
    """rapidfuzz's `Indel.opcodes` of each edition's words against the template's words, in
    one process: the word diff that canonlint's alignment is built on, and nothing else."""
    from rapidfuzz.distance import Indel

    template = (folder / "template.txt").read_text(encoding="utf-8").split()
    changed = 0
    for path in sorted((folder / "editions").glob("*.txt")):
        words = path.read_text(encoding="utf-8").split()
        changed += sum(1 for op in Indel.opcodes(template, words) if op.tag != "equal")
    print(changed)


def floor_peer(folder: Path) -> None:
    """Reading each edition, decoding it and splitting it into words, in one process: what
    any checker of the words pays before it compares anything."""
    words = 0
    for path in sorted((folder / "editions").glob("*.txt")):
        words += len(path.read_bytes().decode("utf-8").split())
    print(words)


PEERS = {"difflib": difflib_peer, "rapidfuzz": rapidfuzz_peer, "floor": floor_peer}


# --------------------------------------------------------------------------- in-process timing


def in_process(texts: dict[str, str], rounds: int) -> dict[str, float]:
    """Median seconds to check each text in this process: decode, parse, align, every
    rule, findings rendered as text (template and rules loaded once, outside the timing).
    The memos of text already read are emptied before each check, so that nothing is
    carried over from the previous one: this is the cost of text never seen before.
    The texts take turns in each round, so that a busy moment of the machine hits all
    alike; a short text is checked several times per round."""
    from canonlint.config import Config
    from canonlint.registry import load_registry
    from canonlint.report.formats import render
    from canonlint.run.edition_rules import check_source
    from canonlint.run.selection import resolve_rules
    from canonlint.source import Source
    from canonlint.template import load_template
    from canonlint.text_memo import clear_all

    template = load_template(ROOT / "samples" / "template.md")
    rules = resolve_rules(load_registry(), Config(), ("ALL",))
    data = {name: text.encode("utf-8") for name, text in texts.items()}
    batch = {name: max(1, 300_000 // len(raw)) for name, raw in data.items()}
    samples: dict[str, list[float]] = {name: [] for name in texts}

    def check(name: str) -> None:
        clear_all()
        render("text", [check_source(Source.from_bytes(f"{name}.txt", data[name]), template, rules)])

    for name in texts:  # warm every cache first
        check(name)
    for _ in range(rounds):
        for name in texts:
            start = time.perf_counter()
            for _ in range(batch[name]):
                check(name)
            samples[name].append((time.perf_counter() - start) / batch[name])
    return {name: statistics.median(values) for name, values in samples.items()}


# --------------------------------------------------------------------------- documents


def document_rows(corpus: Path, canonlint: list[str], env: dict[str, str], count: int, runs: int) -> list[str]:
    """Reading Word and PDF editions directly beside the workaround a user has without
    the readers, `pdftotext` then canonlint on the text: count editions of the corpus saved
    as .docx and then exported as .pdf by LibreOffice. Empty when a tool is missing."""
    if count <= 0 or not all(shutil.which(tool) for tool in ("soffice", "pdftotext")):
        return []
    print(f"making {count} .docx and .pdf editions with LibreOffice ...", file=sys.stderr)
    folder = corpus / "documents"
    for kind in ("txt", "docx", "pdf", "extracted"):
        (folder / kind).mkdir(parents=True, exist_ok=True)
    sources = sorted((corpus / "editions").glob("*.txt"))[:count]
    for source in sources:
        shutil.copy(source, folder / "txt" / source.name)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "check": True}
    subprocess.run(["soffice", "--headless", "--infilter=Text (encoded):UTF8,LF,,,", "--convert-to",
                    "docx:MS Word 2007 XML", "--outdir", str(folder / "docx"),
                    *map(str, sorted((folder / "txt").glob("*.txt")))], **quiet)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder / "pdf"),
                    *map(str, sorted((folder / "docx").glob("*.docx")))], **quiet)
    tool = " ".join(f"'{part}'" for part in canonlint)
    commands = {
        f"canonlint check of {count} .docx editions": ["sh", "-c", f"{tool} check --no-cache documents/docx/*.docx"],
        f"canonlint check of {count} .pdf editions": ["sh", "-c", f"{tool} check --no-cache documents/pdf/*.pdf"],
        f"`pdftotext` each .pdf, then canonlint check of the {count} texts": ["sh", "-c",
            "for f in documents/pdf/*.pdf; do pdftotext \"$f\" \"documents/extracted/$(basename \"$f\" .pdf).txt\"; "
            f"done; {tool} check --no-cache documents/extracted"],
        f"canonlint check of the same {count} editions as text": ["sh", "-c", f"{tool} check --no-cache documents/txt"],
    }
    for command in commands.values():
        run(command, corpus, env)
    walls = {name: median_run(command, corpus, env, runs) for name, command in commands.items()}
    lines = ["", "| documents (one process) | wall | ms/edition |", "|---|---:|---:|"]
    lines += [f"| {name} | {wall:.2f} s | {wall / count * 1000:.1f} |" for name, wall in walls.items()]
    return lines


# --------------------------------------------------------------------------- the table


def throughput_lines(best: dict[str, Timing], one: str, two: str, diff: str, n: int) -> list[str]:
    """The throughput table (best of the rounds, wall and CPU time, each beside canonlint
    `--jobs 1`) and the ratios a reader looks for."""
    base = best[one]
    lines = [
        "| command, same files in the same run (best of the rounds) | wall | CPU | editions/s (wall) "
        "| editions/s (CPU) | wall ÷ canonlint `--jobs 1` | CPU ÷ canonlint `--jobs 1` |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, timing in best.items():
        lines.append(f"| {name} | {timing.wall:.2f} s | {timing.cpu:.2f} s | {n / timing.wall:,.0f} "
                     f"| {n / timing.cpu:,.0f} | {timing.wall / base.wall:.2f} | {timing.cpu / base.cpu:.2f} |")
    lines += [
        "",
        "| ratio | wall | CPU |",
        "|---|---:|---:|",
        f"| canonlint `--jobs 1` ÷ GNU diff loop | {base.wall / best[diff].wall:.2f} | {base.cpu / best[diff].cpu:.2f} |",
        f"| canonlint `--jobs 2` ÷ GNU diff loop | {best[two].wall / best[diff].wall:.2f} "
        f"| {best[two].cpu / best[diff].cpu:.2f} |",
        f"| canonlint `--jobs 2` ÷ `--jobs 1` (CPU: what the workers cost besides the checking) "
        f"| {best[two].wall / base.wall:.2f} | {best[two].cpu / base.cpu:.2f} |",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--editions", type=int, default=1000, help="editions in the corpus (default 1000)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each command; medians are shown (default 5)")
    parser.add_argument("--large", type=int, default=10_000,
                        help="editions in the corpus for the second memory figure (default 10000; 0 skips it)")
    parser.add_argument("--documents", type=int, default=100,
                        help=".docx and .pdf editions for the documents rows (default 100; 0 skips them)")
    parser.add_argument("--keep", type=Path, help="build the corpus in this folder and keep it")
    parser.add_argument("--peer", choices=sorted(PEERS), help=argparse.SUPPRESS)
    parser.add_argument("folder", nargs="?", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peer:
        PEERS[args.peer](args.folder)
        return

    work = args.keep or Path(tempfile.mkdtemp(prefix="canonlint-bench-"))
    try:
        report(args, work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


def report(args, work: Path) -> None:
    n, runs = args.editions, args.runs
    corpus = work / "corpus"
    print(f"building {n:,} editions ...", file=sys.stderr)
    paths = write_corpus(corpus, n)
    size = sum(p.stat().st_size for p in paths) / n / 1000
    flattened = sum(1 for k in range(n) if k % 7 == 6)
    canonlint, env = canonlint_command()
    check = [*canonlint, "check", "editions", "--no-cache"]
    cached = [*canonlint, "check", "editions", "--cache-dir", str(work / "cache")]
    one_name, two_name = "canonlint check, full rule set, `--jobs 1`", "canonlint check `--jobs 2`"
    diff_name = "GNU diff loop: `diff template.txt EDITION`, a process per edition"
    peer = [sys.executable, str(Path(__file__).resolve()), "--peer"]
    commands = {
        one_name: (check, env),
        two_name: ([*check, "--jobs", "2"], env),
        diff_name: (["sh", "-c", 'for f in editions/*.txt; do diff template.txt "$f"; done'], None),
        "`git diff --no-index --word-diff=porcelain` loop": (
            ["sh", "-c", 'for f in editions/*.txt; do git --no-pager diff --no-index '
                         '--word-diff=porcelain template.txt "$f"; done'], None),
        "difflib: line diff, then word diff of changed hunks, one process": (
            [*peer, "difflib", str(corpus)], None),
        "rapidfuzz `Indel.opcodes` on whole word lists, one process": ([*peer, "rapidfuzz", str(corpus)], None),
        "reading + decoding + splitting into words (the floor), one process": ([*peer, "floor", str(corpus)], None),
        "canonlint check again, nothing changed (result cache)": (cached, env),
        "canonlint template infer, the same editions": (
            [*canonlint, "template", "infer", "editions", "--output", str(work / "inferred.md")], env),
    }
    if not shutil.which("git"):
        del commands["`git diff --no-index --word-diff=porcelain` loop"]
    # warm the file cache and every import (and fill the result cache)
    for command, cmd_env in commands.values():
        run(command, corpus, cmd_env)
    print(f"timing {len(commands)} commands x {runs} rounds ...", file=sys.stderr)
    load_before = os.getloadavg()[0]
    timings: dict[str, list[Timing]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved, so that a busy moment of the machine hits all alike
        for name, (command, cmd_env) in commands.items():
            timings[name].append(run(command, corpus, cmd_env))
    load_after = os.getloadavg()[0]
    best = {name: Timing(min(t.wall for t in ts), min(t.cpu for t in ts)) for name, ts in timings.items()}
    throughput = throughput_lines(best, one_name, two_name, diff_name, n)
    rss_small = peak_rss(check, corpus, env)

    print("timing scaling and start-up ...", file=sys.stderr)
    generator = Generator((corpus / "template.md").read_text(encoding="utf-8"))
    base = generator.edition(0, flattened=False)[1]
    texts = {"1x": base,
             "10x": generator.edition(0, local_scale=10, flattened=False)[1],
             "100x": generator.edition(0, local_scale=100, flattened=False)[1],
             "1 MB": generator.edition(0, local_scale=1_000_000 / len(base.encode()), flattened=False)[1],
             "10 copies of the whole edition (every shared block repeated)": "\n\n".join([base] * 10)}
    times = in_process(texts, max(5, runs))
    single = work / "single"
    single.mkdir(exist_ok=True)
    for name in ("template.md", "canonlint.toml"):
        shutil.copy(corpus / name, single / name)
    (single / "edition.txt").write_text(base, encoding="utf-8")
    (single / "big.txt").write_text(texts["1 MB"], encoding="utf-8")
    startup_runs = max(10, runs)
    version_wall = median_run([*canonlint, "--version"], single, env, startup_runs)
    check_one_wall = median_run([*canonlint, "check", "edition.txt", "--no-cache"], single, env, startup_runs)
    check_big_wall = median_run([*canonlint, "check", "big.txt", "--no-cache"], single, env, runs)

    documents = document_rows(corpus, canonlint, env, min(args.documents, n), runs)

    rss_large = None
    if args.large:
        print(f"building {args.large:,} editions for the memory figure ...", file=sys.stderr)
        large = work / "large"
        write_corpus(large, args.large)
        rss_large = peak_rss(check, large, env)
        shutil.rmtree(large, ignore_errors=True)

    lines = [
        f"canonlint benchmark: {n:,} editions of the sample template ({size:.1f} KB on average, "
        f"{flattened} of them flattened like Bexley), throughput: best of {runs} interleaved rounds; other figures: medians",
        f"machine: {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()} {platform.machine()}",
        "",
        f"load average (1 min) of the machine while timing: {load_before:.1f} before, {load_after:.1f} after",
        "",
        *throughput,
    ]
    lines += [
        "",
        "| one edition made longer: its local sections repeated, each copy numbered, or the whole edition copied (in-process check, no memo carried over) | size | time | time ÷ 1x |",
        "|---|---:|---:|---:|",
    ]
    for name, text in texts.items():
        lines.append(f"| {name} | {len(text.encode()) / 1000:,.0f} KB | {times[name] * 1000:.1f} ms "
                     f"| {times[name] / times['1x']:.1f}x |")
    lines += [
        "",
        "| start-up (wall, Python start-up included) | time |",
        "|---|---:|",
        f"| `canonlint --version` | {version_wall * 1000:.0f} ms |",
        f"| `canonlint check` of one edition | {check_one_wall * 1000:.0f} ms |",
        f"| `canonlint check` of one 1 MB edition | {check_big_wall * 1000:.0f} ms |",
        "",
        "| peak memory (RSS), `canonlint check`, one process | RSS |",
        "|---|---:|",
        f"| {n:,} editions | {rss_small / 1024:,.0f} MB |",
    ]
    if rss_large is not None:
        lines.append(f"| {args.large:,} editions | {rss_large / 1024:,.0f} MB |")
    print("\n".join(lines + documents))


if __name__ == "__main__":
    main()
