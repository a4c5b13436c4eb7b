"""What checking one edition writes or shows besides its findings: its fixes applied (a
text edition rewritten in its own encoding, a Word file given tracked changes) or shown as a
diff, and a Word edition's review copy with its findings as comments."""

from __future__ import annotations

import os
from collections.abc import Callable

from canonlint.run.discovery import Target
from canonlint.run.findings import FileResult, Outcome
from canonlint.run.plan import Plan
from canonlint.source import Source, SourceError, read_file

Recheck = Callable[[Source], FileResult]


def annotate(plan: Plan, target: Target, source: Source, outcome: Outcome) -> None:
    """--annotate: the review copy of a Word edition (canonlint.writers.docx_comments), its
    findings as comments, written beside it or into plan.annotate_dir, never over it."""
    from canonlint.run.fixes import same_file, write_atomically
    from canonlint.readers import read_edition
    from canonlint.writers.docx_tracked_changes import NotWritable
    from canonlint.writers.docx_comments import review_copy_name, with_comments

    name = review_copy_name(target.path.name)
    destination = (plan.annotate_dir or target.path.parent) / name
    if same_file(destination, [target.path]) is not None:
        outcome.errors.append(f"{target.display}: its review copy would be the file itself; not written")
        return
    try:
        data = read_file(target.path, target.display)
        copy = with_comments(data, source, outcome.result.findings, _revision(plan))
        if read_edition(None, target.display, copy).text != source.text:
            raise NotWritable("its comments would change its text")
        if plan.annotate_dir is not None:
            plan.annotate_dir.mkdir(parents=True, exist_ok=True)
        write_atomically(destination, copy)
    except SourceError as exc:
        outcome.errors.append(str(exc))
    except NotWritable as exc:
        outcome.errors.append(f"{target.display}: no review copy written: {exc}")
    except OSError as exc:
        outcome.errors.append(f"{destination}: cannot write the review copy ({exc.strerror or exc})")
    else:
        outcome.notes.append(f"{target.display}: review copy with {len(outcome.result.findings)} comment(s) "
                             f"written to {destination}")


def _revision(plan: Plan):
    """Who canonlint's changes and comments in a Word file are by, and now."""
    from datetime import UTC, datetime

    from canonlint.writers.docx_tracked_changes import Revision

    return Revision(plan.fix_author, datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))


def with_companion(source: Source, pdf: Source) -> Source:
    """The Word file's Source with the PDF exported from it beside its layout (rule CL803 reads it)."""
    from dataclasses import replace

    return replace(source, layout=replace(source.layout, companion=pdf))


def fix_word(plan: Plan, target: Target, source: Source, outcome: Outcome, run: Recheck) -> Source:
    """--fix on a Word file: the fixes written into it as tracked changes by plan.fix_author
    (canonlint.writers.docx_tracked_changes), the file replaced at once; a fix the file cannot take is
    counted as not applied, and its reason said once. Returns the Source of the file as it
    is now."""
    from canonlint.run.fixes import write_atomically
    from canonlint.writers.docx_tracked_changes import fix_as_tracked_changes

    if not any(f.fix is not None and (f.fix.safe or plan.unsafe_fixes) and f.fingerprint not in plan.hidden
               for f in outcome.result.findings):
        return source
    try:
        read_only = not os.stat(target.path).st_mode & 0o222 or not os.access(target.path, os.W_OK)
    except OSError:
        read_only = False  # reading it below says what is wrong
    if read_only:  # the mode too: os.access grants everything to root
        outcome.errors.append(f"{target.display}: the file is read-only; its fixes were not written")
        return source
    try:
        data = read_file(target.path, target.display)
    except SourceError as exc:
        outcome.errors.append(str(exc))
        return source
    revision = _revision(plan)
    results: dict[int, FileResult] = {}

    def recheck(src: Source) -> list:
        results[id(src)] = run(src)
        return results[id(src)].findings

    fixed = fix_as_tracked_changes(data, source, outcome.result.findings, recheck, revision,
                                   unsafe=plan.unsafe_fixes, hidden=plan.hidden)
    if fixed.refused:
        outcome.unwritten = len(fixed.refused)
        reasons = sorted(set(fixed.refused.values()))
        outcome.notes.append(f"{target.display}: {len(fixed.refused)} fix(es) not written as tracked changes: "
                             + "; ".join(reasons))
    if not fixed.applied:
        return source
    try:
        write_atomically(target.path, fixed.data)
    except OSError as exc:
        outcome.errors.append(f"{target.display}: cannot write the fixes ({exc.strerror or exc}); "
                              "the file is unchanged")
        return source
    outcome.fixed = fixed.applied
    outcome.result = results[id(fixed.source)]
    return fixed.source


def fix_text(plan: Plan, target: Target, source: Source, outcome: Outcome, run: Recheck) -> None:
    """Apply the fixes to the edition until none is left, then show them (--diff) or
    write the file back in its own encoding, and re-check it; what went wrong is an error
    of the outcome, and then nothing is written."""
    from canonlint.run.fixes import MAX_ROUNDS, fix_until_settled, unified_diff, write_atomically

    results: dict[str, FileResult] = {}

    def check(text: str) -> list:
        results[text] = run(source.with_text(text))
        return results[text].findings

    fixes = fix_until_settled(source.text, outcome.result.findings, check, plan.unsafe_fixes, plan.hidden)
    outcome.text = fixes.text
    if not fixes.applied:
        return
    if not fixes.settled:
        outcome.text = source.text
        outcome.errors.append(f"{target.display}: the fixes did not settle after {MAX_ROUNDS} rounds "
                              "(each round made another fix); nothing was written")
        return
    document = source.layout is not None and source.layout.reread is None
    if document and not plan.diff:  # a document is never rewritten: see canonlint.readers
        outcome.text, outcome.unwritten = source.text, fixes.applied
        return
    outcome.fixed = fixes.applied
    if plan.diff:
        if document:
            outcome.diff = unified_diff(f"{target.display} (extracted text)", source.text.encode(), fixes.text.encode())
        elif source.codec.startswith("utf-16"):
            outcome.errors.append(f"{target.display}: no diff for a UTF-16 file: patch and git apply read a patch "
                                  "as lines of bytes, which UTF-16 text is not; --fix applies the same fixes")
            outcome.fixed = 0
        else:
            outcome.diff = _encoded_diff(target.display, source, fixes.text, outcome)
        return
    try:
        data = source.encode(fixes.text)
    except UnicodeEncodeError as exc:
        outcome.errors.append(_unencodable(target.display, source, fixes.text, exc))
        outcome.fixed, outcome.text = 0, source.text
        return
    if target.path is not None:
        try:
            write_atomically(target.path, data)
        except OSError as exc:
            outcome.errors.append(f"{target.display}: cannot write the fixes ({exc.strerror or exc})")
            outcome.fixed = 0
            return
    outcome.result = results[fixes.text]


def _encoded_diff(display: str, source, fixed: str, outcome: Outcome) -> bytes:
    """The diff of a text edition in its own bytes (encoding, byte-order mark); an error of
    the outcome when its encoding cannot hold the fixed text."""
    from canonlint.run.fixes import unified_diff

    try:
        return unified_diff(display, source.encode(source.text), source.encode(fixed))
    except UnicodeEncodeError as exc:
        outcome.errors.append(_unencodable(display, source, fixed, exc))
        outcome.fixed = 0
        return b""


def _unencodable(display: str, source, text: str, exc: UnicodeEncodeError) -> str:
    character = text[exc.start]
    return (f"{display}: the fixed text holds {character!r} (U+{ord(character):04X}), "
            f"which {source.encoding} cannot hold; nothing was written")
