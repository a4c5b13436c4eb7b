"""Applying fixes: the edits of the chosen findings applied to the original text, round
after round until nothing is left to fix; the patch that shows them; and writing a file
back (a fixed edition in its own encoding, a report, a baseline) without losing what was
there."""

from __future__ import annotations

import difflib
import os
import re
import secrets
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from canonlint.finding import Edit, Finding

MAX_ROUNDS = 10  # a fix that makes another finding fixable settles in two or three rounds


@dataclass(frozen=True)
class FixResult:
    text: str
    applied: int   # findings whose fix was applied
    skipped: int   # fixable findings left alone (overlapping another fix)


@dataclass(frozen=True)
class SettledFixes:
    """Fixes applied round after round: each round re-checks the text the last one left."""

    text: str
    applied: int      # fixes applied over every round
    rounds: int       # rounds that applied something
    settled: bool     # the last text has no fix left to apply (False: MAX_ROUNDS ran out)
    findings: list[Finding]  # the findings of the last text checked
    held_back: frozenset[str] = frozenset()  # fingerprints of fixes left out: they undo each other


def apply_fixes(text: str, findings: list[Finding], unsafe: bool = False) -> FixResult:
    """Apply the fixes of findings (safe ones, or all with unsafe=True). A fix whose edits
    overlap an earlier one is skipped: the next round offers it again."""
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


def fix_until_settled(text: str, findings: list[Finding], check: Callable[[str], list[Finding]],
                      unsafe: bool = False, hidden: frozenset[str] = frozenset(),
                      rounds: int = MAX_ROUNDS) -> SettledFixes:
    """Apply the fixes of findings (those whose fingerprint is not hidden), check the
    result with check, and repeat until no fix is left — so that a second run finds
    nothing to fix.

    Fixes that undo each other (one rule splits a line, another joins it back) would take
    turns forever: when a round brings back a text seen before, or rounds run out, the
    fixes applied since are held back and the fixing starts again from the first text
    without them, so that the file still gets every fix that settles."""
    held: set[str] = set()
    while True:
        attempt = _fix_rounds(text, findings, check, unsafe, hidden | held, rounds)
        if isinstance(attempt, SettledFixes):
            return replace(attempt, held_back=frozenset(held))
        if attempt <= held:  # nothing new to hold back (cannot happen: a held fix is never applied)
            return SettledFixes(text, 0, 0, False, findings, frozenset(held))
        held |= attempt


def _fix_rounds(text: str, findings: list[Finding], check: Callable[[str], list[Finding]], unsafe: bool,
                hidden: frozenset[str] | set[str], rounds: int) -> SettledFixes | set[str]:
    """The fixes applied round after round until none is left, or — when a round brings
    back a text seen before, or rounds run out — the fingerprints of the fixes applied in
    the rounds that went round in a circle (or in the last half of the rounds)."""
    applied = done = 0
    seen = {text: 0}
    fixed_in: list[set[str]] = []  # fingerprints applied in each round
    while True:
        fixable = [f for f in findings if f.fingerprint not in hidden]
        result = apply_fixes(text, fixable, unsafe)
        if not result.applied or result.text == text:
            return SettledFixes(text, applied, done, True, findings)
        fixed_in.append({f.fingerprint for f in fixable if f.fix is not None and (f.fix.safe or unsafe)})
        done += 1
        if result.text in seen or done > rounds:
            since = seen.get(result.text, done // 2)
            return set().union(*fixed_in[since:])
        text, applied = result.text, applied + result.applied
        seen[text] = done
        findings = check(text)
_LINE = re.compile(rb"[^\n]*\n|[^\n]+$")


def _patch_lines(data: bytes) -> list[bytes]:
    """The lines of a file as `patch` and `git apply` see them: bytes ended by LF only. A
    CR (of CRLF or alone) and U+2028, U+2029, NEL … are bytes of the line they stand in,
    and a byte-order mark is the first line's."""
    return _LINE.findall(data)


def unified_diff(path: str, before: bytes, after: bytes) -> bytes:
    """A patch that `git apply` and `patch` accept, byte for byte against the file as it is
    on disk (its encoding, its byte-order mark), last line without a newline included."""
    lines = difflib.diff_bytes(difflib.unified_diff, _patch_lines(before), _patch_lines(after),
                               fromfile=f"a/{path}".encode("utf-8", "surrogateescape"),
                               tofile=f"b/{path}".encode("utf-8", "surrogateescape"))
    return b"".join(line if line.endswith(b"\n") else line + b"\n\\ No newline at end of file\n"
                    for line in lines)


def same_file(path: Path, others: Iterable[Path | None]) -> Path | None:
    """The first of others that is the file path names (through links), if any."""
    try:
        if not path.exists():
            return None
        for other in others:
            if other is not None and other.exists() and os.path.samefile(path, other):
                return other
    except OSError:
        return None
    return None


def write_atomically(path: Path, data: str | bytes | Iterable[str]) -> None:
    """Write data (text as UTF-8; or text in pieces, each written as it comes, as a report
    is made) to path so that an interrupted run never leaves a
    half-written file: through a temporary file in the same folder, renamed into place
    with the mode the file had (a new file gets the usual mode, 0666 less the umask). A
    link is written through: the file it points to is replaced, the link kept. A device
    or a pipe (`/dev/stdout`) is written to, never replaced."""
    pieces = [data] if isinstance(data, str | bytes) else data
    try:
        mode = path.stat().st_mode  # through links: /dev/stdout is a link to the pipe or terminal
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        with open(path, "wb") as stream:  # opened by its own name: a pipe's link has no real path
            _write_pieces(stream, pieces)
        return
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    temporary, handle = _create_beside(target)
    try:
        with os.fdopen(handle, "wb") as stream:
            _write_pieces(stream, pieces)
        if mode is not None:
            os.chmod(temporary, stat.S_IMODE(mode))
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _write_pieces(stream, pieces: Iterable[str | bytes]) -> None:
    for piece in pieces:
        stream.write(piece.encode("utf-8") if isinstance(piece, str) else piece)


def _create_beside(path: Path) -> tuple[Path, int]:
    """A new, empty file in path's folder, and its descriptor. Made with mode 0666 so that
    the umask decides, as for any file a program creates (tempfile's are 0600)."""
    while True:
        candidate = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return candidate, os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
