"""The rule contract: a plain class with a code, a name, a default severity, options and a
`check` generator that reads the Document, Template and Alignment and yields reports."""

from __future__ import annotations

import bisect
import math
import re
from itertools import compress, repeat
from operator import attrgetter, eq
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar
from collections.abc import Callable, Iterator, Mapping

from canonlint.align import Alignment, BlockMatch, SlotValue, Status, TextRun
from canonlint.document import BlockKind, Document
from canonlint.finding import Fix, Report, Severity
from canonlint.slot_syntax import SLOT_PATTERN
from canonlint.suggestions import did_you_mean
from canonlint.template import Template, TemplateBlock
from canonlint.words import normalise

CODE_PATTERN = re.compile(r"[A-Z]{1,5}[0-9]{3,4}")
NAME_PATTERN = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")

T = TypeVar("T")
_INDEX, _STATUS = attrgetter("index"), attrgetter("status")


class OptionError(ValueError):
    """A configured option value a rule cannot take; the message names the rule and option."""


Check = Callable[[Any], "str | None"]  # a value -> what is wrong with it, or None


def at_least(minimum: float) -> Check:
    """A check that a number is at least minimum."""
    return lambda value: None if value >= minimum else f"must be at least {minimum}"


def between(low: float, high: float) -> Check:
    """A check that a number lies in [low, high]."""
    return lambda value: None if low <= value <= high else f"must be between {low} and {high}"


def not_empty(value: Any) -> str | None:
    return None if value else "must not be empty"


def _number_problem(value: Any) -> str | None:
    if isinstance(value, float) and not math.isfinite(value):
        return "must be a finite number"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 1e15:
        return "must be a number of at most 15 digits"  # a rule reads it as a float: 1e400 crashed it
    return None


@dataclass(frozen=True)
class Option:
    """One option of a rule, declared once: its type, default, help and what values it takes.

    A float option takes an int as well; a float (or a float value of a dict or list
    option) must be finite; validate, when given, checks the value (or, for a dict or list
    option, each of its values) and says what is wrong with it.
    """

    type: type
    default: Any
    help: str
    item_type: type | tuple[type, ...] | None = None  # for a dict or list option: its values' type
    validate: Check | None = None
    choices: tuple[str, ...] = ()  # the values allowed (a dict option: its values), when not any

    def parse(self, value: Any, label: str) -> Any:
        """value as the rule reads it; raises OptionError naming label ("option 'x' of CL101")."""
        wanted = self.type
        if wanted is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, wanted) or (isinstance(value, bool) and wanted is not bool):
            raise OptionError(f"{label} must be {wanted.__name__}")
        items = list(value.values() if isinstance(value, dict) else value if isinstance(value, list) else ())
        if self.item_type and any(not isinstance(v, self.item_type) or isinstance(v, bool) for v in items):
            kind = "numbers" if self.item_type == (int, float) else getattr(self.item_type, "__name__", "")
            raise OptionError(f"the values of {label} must be {kind}")
        for item in items if self.item_type else [value]:
            if self.choices and item not in self.choices:
                raise OptionError(f"{label}: {item!r} is not one of {', '.join(self.choices)}")
            problem = _number_problem(item) or (self.validate(item) if self.validate else None)
            if problem:
                raise OptionError(f"{label} {problem}, not {item!r}"
                                  if not self.item_type else f"each value of {label} {problem}, not {item!r}")
        return value


@dataclass(frozen=True)
class Review:
    """What a reviewing rule (`Rule.reviews`) reads besides the edition: its suppression
    comments after the other rules' findings went through them, the codes of the rules
    they may judge (those that ran and did not crash), each code's name, and a
    "did you mean" for an unknown code."""

    suppressions: Any  # canonlint.run.suppression.Suppressions
    judged: frozenset[str]
    describe: Mapping[str, str]
    suggest: Callable[[str], str]


@dataclass(frozen=True)
class Claims:
    """The edition text the rules that claim what they report on (`Rule.claims`) reported
    on, as (start, end) offsets: one defect, one finding, by its most specific rule."""

    spans: tuple[tuple[int, int], ...] = ()

    @classmethod
    def of(cls, reports) -> Claims:
        return cls(tuple(sorted({report.claim or (report.start, report.end) for report in reports})))

    def cover(self, start: int, end: int) -> bool:
        """Whether one claimed span holds all of start..end (an empty span at its edge too:
        the place where a word was dropped)."""
        return any(lo <= start and end <= hi for lo, hi in self.spans)


@dataclass
class Context:
    """Everything a rule may read about one edition, and the way it reports."""

    document: Document
    template: Template
    alignment: Alignment
    options: dict[str, Any] = field(default_factory=dict)
    review: Review | None = None  # set for a reviewing rule only
    claims: Claims = field(default_factory=Claims)  # what the claiming rules reported on

    def claimed(self, start: int, end: int) -> bool:
        """Whether a claiming rule (`Rule.claims`) reported on edition text start..end: a
        rule that reports word differences leaves that difference to it."""
        return self.claims.cover(start, end)

    @property
    def text(self) -> str:
        return self.document.text

    def option(self, name: str) -> Any:
        """The value of one of the rule's declared options, as configured or by default,
        already of the option's type and checked (Rule.resolve_options)."""
        return self.options[name]

    def per_template(self, key: Any, compute: Callable[[Template], T]) -> T:
        """compute(template), worked out once per template and kept with it for the whole
        run (Template.reading)."""
        return self.template.reading(key, compute)

    def per_edition(self, key: Any, compute: Callable[[], T]) -> T:
        """compute(), worked out once per edition and shared by every rule that reads it
        (each rule gets its own Context; the alignment's memo is the edition's)."""
        return self.alignment.memo("shared", key, compute)

    def blocks_with_status(self, *statuses: Status) -> tuple[TemplateBlock, ...]:
        """The template blocks whose match has one of these statuses, in template order: a
        rule after the few missing, moved or altered blocks need not look at every block
        (the blocks are grouped by status once per edition)."""
        by_status = self.per_edition("blocks by status", self._blocks_by_status)
        if len(statuses) == 1:
            return by_status.get(statuses[0], ())
        return tuple(sorted((b for s in set(statuses) for b in by_status.get(s, ())), key=_INDEX))

    def _blocks_by_status(self) -> dict[Status, tuple[TemplateBlock, ...]]:
        blocks = self.template.blocks
        statuses = list(map(_STATUS, map(self.alignment.matches.__getitem__, map(_INDEX, blocks))))  # in C
        return {status: tuple(compress(blocks, map(eq, statuses, repeat(status)))) for status in set(statuses)}

    def missing_run(self, block: TemplateBlock) -> tuple[TemplateBlock, ...]:
        """The consecutive shared blocks missing together with a missing block, when they are
        more than one and not all headings, all of one list or all of one table: one defect
        (a deleted section), which shared-text-missing reports once, naming them; the rules
        for one missing heading, list item or table row leave such a block to it. Empty
        otherwise."""
        return self.per_edition("missing runs", self._missing_runs).get(block.index, ())

    def _missing_runs(self) -> dict[int, tuple[TemplateBlock, ...]]:
        runs: list[list[TemplateBlock]] = [[]]
        regions = self.alignment.table_regions
        for block in self.template.blocks:
            status = self.alignment.matches[block.index].status
            if status is Status.LOCAL:
                continue  # a local section between deleted blocks went with them
            flattened = block.table_id >= 0 and not regions[block.table_id].row_shaped
            if status is Status.MISSING and not flattened:
                runs[-1].append(block)
            elif runs[-1]:
                runs.append([])
        grouped = {}
        for run in runs:
            if len(run) > 1 and not _one_kind(run):
                grouped.update((block.index, tuple(run)) for block in run)
        return grouped

    def stand_in(self, block: TemplateBlock) -> TextRun | None:
        """The text not in the template that stands at a missing block's place and is that
        block with only a claimed token changed (`tel: 0300 123 1212` written `tel: 03001
        231212`): beside the place, at least one of its words claimed, and every other word
        one of the block's, in order. The block is present, its token is the claiming rule's
        to report: shared-text-missing and unexpected-text leave both to it."""
        return self.per_edition(("stand-ins", self.claims), self._stand_ins).get(block.index)

    def stands_in(self, run: TextRun) -> bool:
        """Whether an unexpected run is a missing block's stand-in (see stand_in)."""
        return any(found == run for found in self.per_edition(("stand-ins", self.claims), self._stand_ins).values())

    def _stand_ins(self) -> dict[int, TextRun]:
        runs, text = self.alignment.unexpected, self.document.text
        if not self.claims.spans or not runs:
            return {}
        starts = [run.start for run in runs]
        found = {}
        for block in self.blocks_with_status(Status.MISSING):
            if block.local or self.missing_run(block):
                continue
            at = self.match(block).start
            after = bisect.bisect_left(starts, at)  # the runs just before and just after the place
            beside = [run for run in runs[max(0, after - 1) : after + 1]
                      if not text[min(run.end, at) : max(run.start, at)].strip()]
            run = next((run for run in beside if self._written_as(block, run)), None)
            if run is not None:
                found[block.index] = run
        return found

    def _written_as(self, block: TemplateBlock, run: TextRun) -> bool:
        document, claimed = self.document, self.claimed
        words = range(run.first_word, run.last_word + 1)
        taken = [claimed(document.starts[w], document.ends[w]) for w in words]
        if not any(taken):
            return False
        expected = iter(self.template.words[i].key for i in block.word_range)
        return all(document.keys[w] in expected for w, was in zip(words, taken) if not was)  # in order

    def slot_values(self, name: str) -> tuple[SlotValue, ...]:
        return self.alignment.slot_values(name)

    def code_spans(self) -> tuple[tuple[int, int], ...]:
        """Where the edition holds code, as (start, end) offsets in order: its own code blocks
        (a Markdown edition's) and the whole lines where a code block of the template was
        found (a Word, PDF or text edition's code reads as paragraphs)."""
        return self.per_edition("code spans", self._code_spans)

    def _code_spans(self) -> tuple[tuple[int, int], ...]:
        text, document, template = self.document.text, self.document, self.template
        spans = [(block.start, block.end) for block in document.blocks if block.kind is BlockKind.CODE]
        spans += getattr(document.source.layout, "inline_code", ())
        for block in template.blocks:
            if block.kind is BlockKind.CODE and (match := self.alignment.matches[block.index]).located:
                end = text.find("\n", match.end)
                spans.append((text.rfind("\n", 0, match.start) + 1, len(text) if end < 0 else end))
        for words in self.per_template("inline code words", _inline_code_words):
            written = self.alignment.edition_words(words)
            if written:  # the code as the edition writes it, from the blank before it to the blank after
                start, end = document.starts[min(written)], document.ends[max(written)]
                while start > 0 and not text[start - 1].isspace():
                    start -= 1
                while end < len(text) and not text[end].isspace():
                    end += 1
                spans.append((start, end))
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return tuple(merged)

    def in_code(self, start: int, end: int) -> bool:
        """Whether the edition's text from start to end reaches into code or touches it (see
        code_spans): a prose finding about the space before `-e` or the end of a paragraph
        that ends in code is about code."""
        spans = self.code_spans()
        at = bisect.bisect_right(spans, (end, len(self.document.text) + 1)) - 1
        return at >= 0 and start <= spans[at][1]

    def _values_elsewhere(self) -> dict[str, str]:
        """Each slot name's first value in the edition, outside table rows, spaces folded."""
        elsewhere: dict[str, str] = {}
        for name, values in self.alignment.slot_values_by_name().items():
            for value in values:
                if value.value and not value.slot.row_scoped:
                    elsewhere[name] = " ".join(value.value.split())
                    break
        return elsewhere

    def excerpt(self, start: int, end: int, limit: int = 120) -> str:
        text = normalise(self.document.text[start:end])
        return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

    def display(self, block: TemplateBlock) -> str:
        """A template block's text as this edition should read it: each slot filled with the
        value captured there, or else with the value its name took elsewhere in the edition."""
        if not 0 <= block.index < len(self.template.blocks) or self.template.blocks[block.index] is not block:
            return self._display(block)
        return self.per_edition(("display", block.index), lambda: self._display(block))  # same for every rule

    def _display(self, block: TemplateBlock) -> str:
        if SLOT_PATTERN.search(block.text) is None:
            return normalise(block.text)  # no slot to fill: most blocks
        values = {v.slot.word: v.value for v in self.alignment.match(block).slots if v.value}
        elsewhere = self.per_edition("slot values elsewhere", self._values_elsewhere)
        # Each name's values in the block's order; a slot with no word of its own (in a
        # link's target) takes its name's value.
        by_name: dict[str, list[str | None]] = {}
        for i in block.word_range:
            slot = self.template.words[i].slot
            if slot is not None:
                by_name.setdefault(slot.name, []).append(values.get(i) or elsewhere.get(slot.name))

        def fill(found: re.Match) -> str:
            queue = by_name.get(found.group(1)) or [elsewhere.get(found.group(1))]
            value = queue.pop(0) if len(queue) > 1 else queue[0]
            return value or found.group(0)

        return normalise(SLOT_PATTERN.sub(fill, block.text))

    def section_name(self, section: int) -> str:
        """A section's heading, slots filled as in display()."""
        return self.display(self.template.blocks[section]) if section >= 0 else self.template.section_title(section)

    def match(self, block: TemplateBlock | int) -> BlockMatch:
        return self.alignment.matches[block if isinstance(block, int) else block.index]

    def place(self, start: int, end: int) -> Place:
        source = self.document.source
        return Place(source.path, *source.position(start), *source.position(max(start, end)))

    def report(self, start: int, end: int, message: str, *, expected: str | None = None,
               found: str | None = None, fix: Fix | None = None,
               subject: str | None = None, claim: tuple[int, int] | None = None) -> Report:
        return Report(start, max(start, end), message, expected, found, fix, subject, claim)


def name_in_words(name: str) -> str:
    """A kebab-case rule name as words: "list-reordered" -> "List reordered"."""
    return name.replace("-", " ").capitalize()


def _one_kind(blocks: list[TemplateBlock]) -> bool:
    """Whether blocks are all headings, all items of one list or all rows of one table: what
    one rule reports, block by block or as one run."""
    first = blocks[0]
    return all(b.kind is BlockKind.HEADING for b in blocks) or \
        (first.list_id >= 0 and all(b.list_id == first.list_id for b in blocks)) or \
        (first.table_id >= 0 and all(b.table_id == first.table_id for b in blocks))


def _inline_code_words(template: Template) -> list[list[int]]:
    """The template's words inside each of its `code` spans (those with words)."""
    starts = [word.start for word in template.words]
    found = [list(range(bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)))
             for start, end in template.inline_code]
    return [words for words in found if words]


class Rule:
    """Base class of every rule; subclasses set the class attributes and `check`."""

    code: ClassVar[str] = ""
    name: ClassVar[str] = ""
    title: ClassVar[str] = ""  # the problem in plain words for a reader ("Heading missing"); reports show it first
    severity: ClassVar[Severity] = Severity.ERROR
    options: ClassVar[dict[str, Option]] = {}
    fixable: ClassVar[bool] = False
    exclusive: ClassVar[bool] = False  # when it reports on a file, other rules' findings are dropped
    # Runs before the others, and what it reports on is claimed (Context.claimed): a rule
    # that reports word differences in general leaves those inside a claimed span to it.
    claims: ClassVar[bool] = False
    # Among the claiming rules, those of a higher rank run first and the others read their
    # claims: a rule that names how a token was mangled (a hyphen broken by a space) ranks
    # above one that only says the token differs from the template.
    claim_rank: ClassVar[int] = 0
    # Runs after the other rules, on an edition with suppression comments, once their
    # findings went through the comments; its Context carries the Review.
    reviews: ClassVar[bool] = False
    # The document formats (canonlint.readers) the rule reads something of that no text
    # edition has (a Word file's tracked changes); empty: it reads any edition.
    formats: ClassVar[tuple[str, ...]] = ()
    # Reads the edition as prose (sentences, hyphenation, markup, bullets): what it reports
    # inside code (Context.code_spans) is dropped, code being compared as code.
    prose: ClassVar[bool] = False

    def check(self, ctx: Context) -> Iterator[Report]:  # pragma: no cover - abstract
        raise NotImplementedError

    @classmethod
    def resolve_options(cls, values: Mapping[str, Any]) -> dict[str, Any]:
        """Every option of the rule: each declared default, replaced by the configured
        value when there is one, parsed and checked. Raises OptionError."""
        options = {name: option.default for name, option in cls.options.items()}
        for name, value in values.items():
            if name not in cls.options:
                raise OptionError(f"rule {cls.code} ({cls.name}) has no option '{name}'"
                                  + (did_you_mean(name, cls.options) or
                                     (f"; its options: {', '.join(cls.options)}" if cls.options else "")))
            options[name] = cls.options[name].parse(value, f"option '{name}' of {cls.code}")
        return options

    @classmethod
    def plain_title(cls) -> str:
        """The rule's title; for a plug-in rule without one, its name in words."""
        return cls.title or name_in_words(cls.name)

    @classmethod
    def template_problems(cls, options: Mapping[str, Any], template: Template) -> Iterator[str]:
        """What the resolved options name that the template lacks (a row, a table), one line
        each; checked once the template is loaded, so a typo stops the run instead of
        silently matching nothing."""
        return iter(())

    @classmethod
    def summary(cls) -> str:
        doc = (cls.__doc__ or "").strip()
        return doc.splitlines()[0].strip() if doc else ""


@dataclass(frozen=True, slots=True)
class Place:
    """Where a corpus finding points, fixed while its edition was still open."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True)
class CorpusReport:
    place: Place
    message: str
    expected: str | None = None
    found: str | None = None
    subject: str | None = None


class CorpusRule(Rule):
    """A rule over all the editions of one run. `collect` runs on each edition and returns a
    small, picklable summary (editions are not kept in memory); `check_corpus` runs once
    with every summary, in the order the files were given, and yields CorpusReports."""

    def check(self, ctx: Context) -> Iterator[Report]:
        return iter(())

    def collect(self, ctx: Context) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def check_corpus(self, summaries: list[Any], template: Template,
                     options: dict[str, Any]) -> Iterator[CorpusReport]:  # pragma: no cover - abstract
        raise NotImplementedError

