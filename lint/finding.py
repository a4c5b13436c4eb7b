"""Finding: one reported inconsistency, with its place, evidence and optional fix."""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.lower())
        except ValueError:
            raise ValueError(f"'{value}' is not a severity (error, warning, info)") from None


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] of the edition with replacement (character offsets)."""

    start: int
    end: int
    replacement: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "replacement", _shared(self.replacement))


@dataclass(frozen=True, slots=True)
class Fix:
    title: str
    edits: tuple[Edit, ...]
    safe: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", _shared(self.title))

    def to_dict(self) -> dict:
        return {"title": self.title,
                "edits": [{"start": e.start, "end": e.end, "replacement": e.replacement} for e in self.edits],
                "safe": self.safe}


@dataclass(frozen=True)
class Report:
    """What a rule reports: offsets into the edition and the evidence. The engine turns it
    into a Finding (path, line/column, code, severity after overrides, fingerprint)."""

    start: int
    end: int
    message: str
    expected: str | None = None
    found: str | None = None
    fix: Fix | None = None
    subject: str | None = None  # stable evidence for the fingerprint; defaults to message
    # The edition text the report is about when narrower than start..end (the one word of a
    # whole item it points at): what a claiming rule (Rule.claims) claims; default start..end.
    claim: tuple[int, int] | None = None


# Slotted, its text fields shared: a run keeps every finding until its report is written
# (10,000 editions, some 124,000 findings). Slots save the dictionary each would carry;
# the same message, evidence or path written by many findings is held once (__post_init__,
# which also runs when a worker's finding is made again in the parent).
@dataclass(frozen=True, slots=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    name: str
    severity: Severity
    message: str
    expected: str | None = None
    found: str | None = None
    fix: Fix | None = field(default=None, compare=False)
    fingerprint: str = ""
    # Where a person finds it in a document (canonlint.readers); None for a text edition.
    page: int | None = None        # PDF: the page
    page_line: int | None = None   # PDF: the line on that page
    paragraph: int | None = None   # Word, OpenDocument, HTML: the paragraph number
    under: str | None = None       # the heading it stands under

    def __post_init__(self) -> None:
        for name in _SHARED_FIELDS:
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, _shared(value))

    @property
    def sort_key(self):
        return (self.path, self.line, self.column, self.rule, self.message)

    def to_dict(self) -> dict:
        """The finding as the JSON report has it: its fields in order, the severity as its
        value, the fix as a dict, the places only a document's findings have left out.
        (Written out: dataclasses.asdict deep-copies every value, the report's largest cost.)"""
        data = {"path": self.path, "line": self.line, "column": self.column, "end_line": self.end_line,
                "end_column": self.end_column, "rule": self.rule, "name": self.name,
                "severity": self.severity.value, "message": self.message, "expected": self.expected,
                "found": self.found, "fix": None if self.fix is None else self.fix.to_dict(),
                "fingerprint": self.fingerprint}
        for key in _PLACE_KEYS:
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data


_PLACE_KEYS = ("page", "page_line", "paragraph", "under")
_SHARED_FIELDS = ("path", "rule", "name", "message", "expected", "found", "under")


def _shared(text: str) -> str:
    """The one copy of text the process holds: findings repeat the same few messages,
    evidence and paths across thousands of editions. (A str subclass is kept as it is.)"""
    return sys.intern(text) if type(text) is str else text


def fingerprint(path: str, rule: str, subject: str, occurrence: int) -> str:
    """Stable across unrelated edits: the rule, the file and the normalised evidence, and
    which occurrence of that evidence it is — never line numbers."""
    digest = hashlib.sha256(
        "\x1f".join((rule, path.replace("\\", "/"), " ".join(subject.split()), str(occurrence))).encode()
    )
    return digest.hexdigest()[:16]
