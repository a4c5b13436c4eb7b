"""Lines built to make a backtracking pattern explode: every pattern used on edition text
must stay linear. The shapes are generated — a run of one unit (blanks, tabs, list and
table markers, digits, brackets …) followed by each of the characters that could end a
pattern's match (`-`, `|`, `:`, `*`, `#`, a digit, `>` …) — and each is checked at two
sizes, n and 4n: a linear pass takes about four times as long on the longer line, a
quadratic one sixteen times. Wall-clock limits are never asserted, only that ratio."""

from __future__ import annotations

import itertools
import time

import pytest

from canonlint.config import Config
from canonlint.readers import read_edition
from canonlint.run.edition_rules import check_source
from canonlint.run.selection import resolve_rules
from canonlint.template import parse_template
from canonlint.text_memo import clear_all
from tests.conftest import sample_text

# What a run is made of, and what may follow it on its line. (A run of no-break spaces is
# one look-alike finding per character: linear, but slow to time, so they end runs here.)
UNITS = (" ", "\t", " \t", "-", "- ", "*", "* ", "**", "|", "| ", " |", ":", "#", "# ", "1", "1.", "1,", "0",
         ">", "> ", "_", "_a", "^", "^{", "[", "](", "{", "<", ".", "a-", "a ", "Aa ", "www.", "a@", "020 ",
         "1.1% ")
ENDS = ("- item", "-", "|", "| x", ":", ":--", "*", "*x", "**", "#", "# x", "1. x", "7", ">", "x", "-day", "_x",
        "]", ")", "}", "%", "\u00a0x", "\u2010 day", "")

SIZE = 2_000       # the shorter line; the longer is 4 * SIZE
RATIO = 10         # linear: about 4; quadratic: about 16
SLACK = 0.05       # seconds: a scheduler's hiccup on a run of a few milliseconds
BIG = 100_000      # crash check: every rule gets through a line this long


def _shape(unit: str, end: str, size: int) -> str:
    return unit * max(1, size // len(unit)) + end


def _time(lint, text: str, path: str) -> float:
    """How long a check of text takes, with no reading of it kept from before."""
    clear_all()
    started = time.perf_counter()
    lint(text, path=path)
    return time.perf_counter() - started


def _grows_linearly(lint, make, path: str = "edition.txt", growth: int = 4) -> None:
    """Checking make(4 * SIZE) takes less than RATIO times as long as make(SIZE) — when
    make's text grows growth times (4: linear in size), RATIO / 4 * growth times: the best
    of two runs each, taken in turn so that a busy machine slows both alike, and measured
    once more before failing (a quadratic pass fails every time; a busy moment once)."""
    short_text, long_text = make(SIZE), make(4 * SIZE)
    short = long = float("inf")
    for attempt in range(2):
        for _ in range(2):
            short = min(short, _time(lint, short_text, path))
            long = min(long, _time(lint, long_text, path))
        if long < RATIO / 4 * growth * short + SLACK:
            return
    raise AssertionError(f"{short:.3f} s at n, {long:.3f} s at 4n")


@pytest.mark.parametrize("unit", UNITS)
def test_time_grows_linearly_with_the_length_of_a_line(unit, lint):
    """Each end after a run of unit: as lines of their own after an edition, and all on
    one line inside a shared paragraph, where the rules that read shared text look."""
    westminster = sample_text("westminster")
    _grows_linearly(lint, lambda n: westminster + "".join(f"\n\n{_shape(unit, end, n)}" for end in ENDS) + "\n")
    _grows_linearly(lint, lambda n: westminster.replace(
        "Operation Alba", "Operation " + " ".join(_shape(unit, end, n) for end in ENDS)))


LINES = ("word {i}", "- item {i}", "* {i}", "{i}. item", "| row {i} | {i} offences or +{i}% |", "# heading {i}",
         "tel: 0300 123 {i:04d}", "www.example{i}.org", "Westminster {i}", "\t{i}\t", " ", "{i}",
         "**b{i}** and *e{i}* ^{{*}} _u{i}_ <b>", "day-to -day {i} pan- London", "a\u00a0{i}\u2212{i}")


@pytest.mark.parametrize("line", LINES)
def test_time_grows_linearly_with_the_number_of_lines(line, lint):
    """Many short lines, each new to the run (a lookup once quadratic in the lines of a
    text took 9 s on 40,000; markup residue's overlap check, 35 s on 8,000 lines of it)."""
    _grows_linearly(lint, lambda n: "".join(line.format(i=i) + "\n" for i in range(n * 2)))


# Markdown editions are read as CommonMark first, and suppression comments are looked for.
MARKDOWN_UNITS = ("<!--", "<!-- x\n", "<!-- canonlint:", "<!-- canonlint: disable=", "-->", "[x][", "[a]: x\n",
                  "```", "~~~\n", "# 1.", "- ", "> ", "|", "<a ", "\\", "&", "*", "_", "[x](y) ", "<https://x.org> ",
                  "![a](b) ", "`c` ", "&amp;", "<b>", "---\n", "<p>\n")


@pytest.fixture(scope="module")
def lint_markdown(template, registry):
    """Check a text as a Markdown file is checked: through its CommonMark reading."""
    rules = resolve_rules(registry, Config(), ("ALL",))

    def run(text: str, path: str = "edition.md"):
        return check_source(read_edition(None, path, text.encode("utf-8")), template, rules).findings

    return run


@pytest.mark.parametrize("unit", MARKDOWN_UNITS)
def test_time_grows_linearly_in_a_markdown_edition(unit, lint_markdown):
    westminster = sample_text("westminster")
    _grows_linearly(lint_markdown, lambda n: westminster + "".join(
        f"\n\n{_shape(unit, end, n)}" for end in ENDS[:8]) + "\n")


def test_time_grows_linearly_with_the_links_of_a_web_page(lint_markdown):
    """A page's links are read with their paragraph, however many one paragraph holds."""
    _grows_linearly(lint_markdown, lambda n: "<p>" + "".join(f'<a href="https://x.org/{i}">w{i}</a> '
                                                              for i in range(n)) + "</p>\n", path="edition.html")


@pytest.mark.parametrize("unit", ["- ", "* ", "1. ", "> ", "| "])
@pytest.mark.parametrize("indent", [" ", "\t"])
def test_time_grows_linearly_with_the_depth_of_nested_lines(unit, indent, lint):
    def nested(size: int) -> str:
        """A list nested size / 10 levels deep: 200, then 800 levels, a text sixteen times
        as long (1,000 levels took 14 s when reading a line was quadratic in its length)."""
        return "".join(f"{indent * level}{unit}item {level}\n" for level in range(size // 10))

    _grows_linearly(lint, nested, growth=16)


@pytest.mark.parametrize("unit", sorted(set(UNITS)))
def test_every_rule_gets_through_long_adversarial_lines(unit, lint):
    line = _shape(unit, "- item", BIG)
    for text in (line, sample_text("westminster").replace("Local Policing Summary Westminster",
                                                          "Local Policing Summary " + line)):
        assert not [f for f in lint(text) if "crashed" in f.message]


@pytest.mark.parametrize("unit", sorted(set(UNITS)))
def test_text_slots_get_through_long_adversarial_lines(unit, lint):
    template = parse_template("# T {a} {b}\n\nx {c} {d} y\n\n| R | {n:count} or {p:signed_percent} | {s} |\n")
    line = _shape(unit, "", BIG)
    assert not [f for f in lint(f"T {line}\n\nx {line} y\n\nR {line}\n", tpl=template) if "crashed" in f.message]
