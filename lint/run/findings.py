"""What checking gives back: the findings of each file (FileResult), the outcome of each
edition (Outcome), and the one place a Finding is made — from a rule's Report on an
edition, from a corpus rule's report on a file, or from a rule that crashed — with its
fingerprint and, for a document, where a person finds it (canonlint.readers.places)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from canonlint.finding import Finding, Fix, Report, Severity, fingerprint
from canonlint.rule import CorpusReport
from canonlint.source import Source


@dataclass(slots=True)
class FileResult:
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None        # the file could not be read
    crashed: list[str] = field(default_factory=list)  # rules that raised
    key: str = ""                   # the path fingerprints and the baseline use
    summaries: dict[str, Any] = field(default_factory=dict)  # corpus rule code -> its summary
    view: Any = None                # what the edition view hook made of the edition (the HTML report's)
    # A document's template headings as located in it: (offset, the heading's words there), in order.
    headings: tuple[tuple[int, str], ...] = ()


@dataclass(slots=True)
class Outcome:
    """What checking one edition came to: its result, or the errors that kept it from one."""

    result: FileResult | None
    errors: list[str] = field(default_factory=list)
    diff: bytes = b""  # --diff: the patch, in the bytes of the file it applies to
    fixed: int = 0
    text: str | None = None   # the edition after fixes (written to stdout for standard input)
    ran: frozenset[str] = frozenset()  # codes of the rules that ran on it
    unwritten: int = 0        # fixes --fix found for a document (.docx, .pdf, ...) and did not write
    notes: list[str] = field(default_factory=list)  # what the run says about it besides findings and errors


@dataclass(frozen=True, slots=True)
class Origin:
    """The rule a finding comes from, as the run has it (its severity after overrides)."""

    code: str
    name: str
    severity: Severity


class FindingBuilder:
    """Makes the findings of one file. Findings of one rule with the same subject are told
    apart by their order in the file (the occurrence in the fingerprint). Given the edition's
    Source, reports are placed by their offsets, and a document's findings (a Source whose
    layout has places) end with where a person finds them."""

    def __init__(self, path: str, key: str, source: Source | None = None,
                 headings: tuple[tuple[int, str], ...] = ()) -> None:
        self.path, self.key, self.source = path, key, source
        self._occurrences: dict[tuple[str, str], int] = {}
        self._places = None
        layout = source.layout if source is not None else None
        if layout is not None and layout.places:  # type: ignore[attr-defined]
            from canonlint.readers.places import DocumentPlaces

            self._places = DocumentPlaces(layout, source.text, source.line_starts, headings)  # type: ignore[arg-type]

    def reported(self, origin: Origin, report: Report) -> Finding:
        """The finding of a rule's report on the edition (offsets into its text)."""
        assert self.source is not None
        line, column = self.source.position(report.start)
        end_line, end_column = self.source.position(report.end)
        return self._build(origin, (line, column, end_line, end_column), report, report.fix)

    def placed(self, origin: Origin, report: CorpusReport) -> Finding:
        """The finding of a corpus rule's report (its place fixed while the edition was open)."""
        place = report.place
        return self._build(origin, (place.line, place.column, place.end_line, place.end_column), report, None)

    def crashed(self, origin: Origin, exc: Exception) -> Finding:
        """The error finding of a rule that raised on this file."""
        message = f"rule {origin.code} ({origin.name}) crashed on this file: {type(exc).__name__}: {exc}"
        return self._told(Finding(self.path, 1, 1, 1, 1, origin.code, origin.name, Severity.ERROR, message,
                                  fingerprint=fingerprint(self.key, origin.code, message, 0)))

    def _build(self, origin: Origin, span: tuple[int, int, int, int], report: Report | CorpusReport,
               fix: Fix | None) -> Finding:
        subject = report.subject if report.subject is not None else report.message
        occurrence = self._occurrences.get((origin.code, subject), 0)
        self._occurrences[(origin.code, subject)] = occurrence + 1
        return self._told(Finding(
            self.path, *span, origin.code, origin.name, origin.severity, report.message, report.expected,
            report.found, fix, fingerprint(self.key, origin.code, subject, occurrence)))

    def _told(self, finding: Finding) -> Finding:
        return finding if self._places is None else self._places.told(finding)
