"""Applying fixes: the edits of the chosen findings, applied to the original text."""

from __future__ import annotations

import difflib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from lint.finding import Edit, Finding


@dataclass(frozen=True)
class FixResult:
    text: str
    applied: int   # findings whose fix was applied
    skipped: int   # fixable findings left alone (overlapping another fix)


def apply_fixes(text: str, findings: list[Finding], unsafe: bool = False) -> FixResult:
    """Apply the fixes of findings (safe ones, or all with unsafe=True). A fix whose edits
    overlap an earlier one is skipped: the next run will offer it again."""
    chosen = [f for f in findings if f.fix is not None and (f.fix.safe or unsafe)]
    chosen.sort(key=lambda f: min(e.start for e in f.fix.edits))
    edits: list[Edit] = []
    applied = skipped = 0
    for finding in chosen:
        new = sorted(finding.fix.edits, key=lambda e: e.start)
        if any((a.start < b.end and b.start < a.end) or a.start == b.start for a in new for b in edits):
            skipped += 1
            continue
        edits.extend(new)
        applied += 1
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.replacement + text[edit.end :]
    return FixResult(text, applied, skipped)


def unified_diff(path: str, before: str, after: str) -> str:
    """A patch that `git apply` and `patch` accept, last line without a newline included."""
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{path}", tofile=f"b/{path}")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)


def write_atomically(path: Path, text: str, bom: bool = False) -> None:
    """Write through a temporary file in the same folder and rename it into place, so that
    an interrupted run never leaves a half-written file."""
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
