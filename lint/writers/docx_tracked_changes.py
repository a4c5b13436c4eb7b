"""A Word edition's fixes written into the file as tracked changes: each edit of the
extracted text (canonlint.finding.Edit) becomes a w:del of the characters it removes and
a w:ins of the words it puts in, by one author and dated, inside the runs it touches and
with their formatting (each new run carries a copy of its run's w:rPr). Removing a
paragraph break deletes the paragraph mark (tracked, as Word does when two paragraphs are
joined); the paragraph that keeps its formatting is the first.

Only word/document.xml changes, and only in the runs and paragraph marks the edits touch:
every other byte of the part, and every other part of the package, stays as it was.

An edit the file cannot take as a tracked change is left out and said so: one that puts
in a new paragraph or a tab, changes a list's numbering, or touches text that is already
someone's pending change (accept or reject that first).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from canonlint.finding import Edit
from canonlint.writers.docx_text import BodyText, Run, body_text
from canonlint.writers.package_rewrite import replace_parts

_MAIN = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


class NotWritable(Exception):
    """An edit a Word file cannot take as a tracked change; the message says why."""


class Overlap(NotWritable):
    """An edit that touches the text another fix of this round changes: for the next round."""


@dataclass(frozen=True)
class Revision:
    """Who the tracked changes are by, and when."""

    author: str
    date: str   # ISO 8601, UTC: 2026-12-07T10:30:00Z


@dataclass
class Changes:
    """The changes planned for the part: characters deleted and words inserted, by the
    index of a character of the body text (BodyText.chars); paragraph marks deleted."""

    deleted: set[int] = field(default_factory=set)
    before: dict[int, str] = field(default_factory=lambda: defaultdict(str))   # words put in before a character
    after: dict[int, str] = field(default_factory=lambda: defaultdict(str))    # or after it
    marks: set[int] = field(default_factory=set)   # paragraphs whose mark is deleted
    # XML put between runs (a comment's range and reference) before or after a character.
    xml_before: dict[int, bytes] = field(default_factory=lambda: defaultdict(bytes))
    xml_after: dict[int, bytes] = field(default_factory=lambda: defaultdict(bytes))

    def touched(self) -> set[int]:
        return self.deleted | set(self.before) | set(self.after) | set(self.xml_before) | set(self.xml_after)


class TrackedText:
    """The body text of a Word file's document part, with the extracted text's characters
    matched to it, ready to take edits of the extracted text as tracked changes."""

    def __init__(self, part: bytes, extracted: str, markers: tuple[tuple[int, int], ...]):
        if _MAIN not in part[:4000]:
            raise NotWritable("its main XML namespace is not written with the usual prefix 'w'")
        self.body: BodyText = body_text(part)
        self.extracted = extracted
        self.markers = markers
        self.to_char = self._match()
        self._bounds: dict[int, tuple[int, int]] | None = None

    def _match(self) -> list[int]:
        """For each character of the extracted text, the index of the body text's character it
        is (-1: blank, or a list marker the reader made): their visible characters are the same,
        in the same order."""
        synthetic = [False] * len(self.extracted)
        for start, end in self.markers:
            synthetic[start:end] = [True] * (end - start)
        ours = [i for i, c in enumerate(self.extracted) if not c.isspace() and not synthetic[i]]
        theirs = [j for j, c in enumerate(self.body.chars) if not c.char.isspace()]
        if len(ours) != len(theirs) or any(self.extracted[i] != self.body.chars[j].char for i, j in zip(ours, theirs)):
            raise NotWritable("its text is not laid out in the file as canonlint reads it")
        to_char = [-1] * len(self.extracted)
        for i, j in zip(ours, theirs):
            to_char[i] = j
        return to_char

    def _mapped_before(self, offset: int) -> int:
        """The body character of the last visible character before offset (-1: none)."""
        while offset > 0:
            offset -= 1
            if self.to_char[offset] >= 0:
                return self.to_char[offset]
        return -1

    def _mapped_from(self, offset: int) -> int:
        """The body character of the first visible character at or after offset."""
        while offset < len(self.to_char):
            if self.to_char[offset] >= 0:
                return self.to_char[offset]
            offset += 1
        return len(self.body.chars)

    def plan(self, edits: list[Edit], changes: Changes) -> None:
        """Add the tracked changes that make edits to changes; raises NotWritable (and adds nothing)."""
        planned = Changes()
        for edit in edits:
            self._plan_one(edit, planned)
        if planned.touched() & changes.touched() or planned.marks & changes.marks:
            raise Overlap("it touches the text another fix changes")
        changes.deleted |= planned.deleted
        changes.marks |= planned.marks
        for index, words in planned.before.items():
            changes.before[index] += words
        for index, words in planned.after.items():
            changes.after[index] += words

    def _plan_one(self, edit: Edit, planned: Changes) -> None:
        if "\n" in edit.replacement or "\t" in edit.replacement or "\r" in edit.replacement:
            raise NotWritable("it puts in a paragraph break or a tab")
        chars = self.body.chars
        lo, hi = edit.start, edit.end
        # Whole lines removed ("\n" and a paragraph's words, or its words and "\n"): the paragraph's
        # own mark goes, not the one before it (which holds the formatting of the paragraph before).
        text = self.extracted
        removes_lines = lo < hi and ((text[lo] == "\n" and (hi == len(text) or text[hi] == "\n"))
                                     or ((lo == 0 or text[lo - 1] == "\n") and text[hi - 1] == "\n"))
        if any(start < hi and lo < end and not (removes_lines and lo <= start and end <= hi)
               for start, end in self.markers):
            raise NotWritable("it changes a list's numbering")
        if lo < hi:
            first = lo if self.to_char[lo] >= 0 else None
            last = hi - 1 if self.to_char[hi - 1] >= 0 else None
            start = self.to_char[first] if first is not None else self._mapped_before(lo) + 1
            end = self.to_char[last] + 1 if last is not None else self._mapped_from(hi)
            if removes_lines and start < end and chars[start].run < 0:
                start += 1
                if end < len(chars) and chars[end].run < 0 and (end == start or chars[end - 1].run >= 0):
                    end += 1
            # A line break of the text is one paragraph mark: the marks of empty paragraphs
            # after it (blank lines a document typed as lines has) stay, as the text keeps them.
            breaks = text.count("\n", lo, hi) if removes_lines else len(chars)
            for index in range(start, end):
                if chars[index].run < 0:
                    if breaks <= 0:
                        continue
                    breaks -= 1
                    planned.marks.add(chars[index].child)
                else:
                    self._check_run(chars[index].run)
                    planned.deleted.add(index)
            if not edit.replacement:
                return
            if start < end and chars[start].run >= 0:
                last = max(i for i in range(start, end) if chars[i].run >= 0)
                if chars[last].run == chars[start].run:  # after the words it replaces, as Word writes it
                    planned.after[last] += edit.replacement
                else:
                    planned.before[start] += edit.replacement
                return
        at = self._mapped_before(lo) if lo > 0 and self.to_char[lo - 1] >= 0 else -1
        if at >= 0:
            self._check_run(chars[at].run)
            planned.after[at] += edit.replacement
            return
        at = self._mapped_from(lo)
        if at >= len(chars) or chars[at].run < 0:
            raise NotWritable("it puts words where the file has no run to hold them")
        self._check_run(chars[at].run)
        planned.before[at] += edit.replacement

    def _check_run(self, index: int) -> None:
        run = self.body.runs[index]
        if run.in_change or run.changed_format:
            raise NotWritable("it touches a change still pending in the file (accept or reject it first)")

    def write(self, changes: Changes, revision: Revision) -> bytes:
        """The document part with changes written as tracked changes."""
        data = self.body.data
        ids = iter(range(self.body.largest_id + 1, self.body.largest_id + 1_000_000))
        by_run: dict[int, list[int]] = defaultdict(list)
        for index in changes.touched():
            by_run[self.body.chars[index].run].append(index)
        patches: list[tuple[int, int, bytes]] = []
        for run_index, indices in by_run.items():
            run = self.body.runs[run_index]
            first, last = self.run_bounds(run_index)
            edges = changes.xml_before.get(first, b""), changes.xml_after.get(last, b"")
            if all((i == first and i in changes.xml_before and i not in changes.xml_after)
                   or (i == last and i in changes.xml_after and i not in changes.xml_before) for i in indices) \
                    and not (changes.deleted | set(changes.before) | set(changes.after)) & set(indices):
                patches += [(run.start, run.start, edges[0]), (run.end, run.end, edges[1])]  # around the run, kept whole
            else:
                patches.append((run.start, run.end, self._rewritten(run, run_index, changes, revision, ids)))
        for paragraph_index in changes.marks:
            patches.append(self._mark_deleted(paragraph_index, revision, next(ids)))
        out, last = [], 0
        for start, end, new in sorted(patches):
            out += [data[last:start], new]
            last = end
        out.append(data[last:])
        return b"".join(out)

    def run_bounds(self, run_index: int) -> tuple[int, int]:
        """The indices of a run's first and last characters in the body text."""
        if self._bounds is None:
            self._bounds = {}
            for index, char in enumerate(self.body.chars):
                if char.run >= 0:
                    first, _ = self._bounds.get(char.run, (index, index))
                    self._bounds[char.run] = (first, index)
        return self._bounds[run_index]

    def _rewritten(self, run: Run, run_index: int, changes: Changes, revision: Revision, ids) -> bytes:
        """The run as runs: kept, deleted (w:del) and inserted (w:ins), in order, each with its formatting."""
        data = self.body.data
        pieces: list[tuple[str, bytes]] = []   # ("keep" | "del" | "ins", the run's content)

        def add(kind: str, content: bytes) -> None:
            if pieces and pieces[-1][0] == kind:
                pieces[-1] = (kind, pieces[-1][1] + content)
            else:
                pieces.append((kind, content))

        chars_of = {(c.child, c.index): i for i, c in enumerate(self.body.chars) if c.run == run_index}
        for child_index, child in enumerate(run.children):
            for k, character in enumerate(child.text if child.is_text else child.text[:1]):
                index = chars_of[(child_index, k)]
                if changes.xml_before.get(index):
                    add("xml", changes.xml_before[index])
                if changes.before.get(index):
                    add("ins", _text_element(changes.before[index]))
                if not child.is_text:
                    content = data[child.start:child.end]
                else:
                    content = _text_element(character, "delText" if index in changes.deleted else "t")
                add("del" if index in changes.deleted else "keep", content)
                if changes.after.get(index):
                    add("ins", _text_element(changes.after[index]))
                if changes.xml_after.get(index):
                    add("xml", changes.xml_after[index])
        others = self._other_children(run)
        opening = data[run.start:run.open_end]
        properties = data[run.properties[0]:run.properties[1]] if run.properties else b""
        out = [opening + properties + others + b"</w:r>"] if others else []
        for kind, content in pieces:
            if kind == "xml":
                out.append(content)
                continue
            one = opening + properties + _merge_text(content) + b"</w:r>"
            if kind == "keep":
                out.append(one)
            else:
                out.append(_tracked(kind, next(ids), revision, one))
        return b"".join(out)

    def _other_children(self, run: Run) -> bytes:
        """What a run holds besides its properties, text, tabs and breaks (a rendered page
        break, a field character): kept, in a run of its own before the rest."""
        data = self.body.data
        inside = data[run.open_end:run.end - len(b"</w:r>")] if data[run.end - 6:run.end] == b"</w:r>" else b""
        spans = [(c.start, c.end) for c in run.children]
        if run.properties:
            spans.append(run.properties)
        kept, last = [], run.open_end
        for start, end in sorted(spans):
            kept.append(data[last:start])
            last = end
        kept.append(data[last:run.open_end + len(inside)])
        return b"".join(kept).strip()

    def _mark_deleted(self, index: int, revision: Revision, ident: int) -> tuple[int, int, bytes]:
        """A patch deleting paragraph index's mark: a w:del in its mark's run properties."""
        data = self.body.data
        paragraph = self.body.paragraphs[index]
        mark = _tracked_mark(ident, revision)
        if paragraph.run_properties is not None:
            start, end = paragraph.run_properties
            if data[start:end].endswith(b"/>"):
                return start, end, b"<w:rPr>" + mark + b"</w:rPr>"
            head = data.index(b">", start) + 1
            return head, head, mark
        if paragraph.properties is not None:
            start, end = paragraph.properties
            if data[start:end].endswith(b"/>"):
                return start, end, b"<w:pPr><w:rPr>" + mark + b"</w:rPr></w:pPr>"
            body = data[start:end]
            at = min((body.find(tag) for tag in (b"<w:sectPr", b"<w:pPrChange", b"</w:pPr>") if body.find(tag) >= 0))
            return start + at, start + at, b"<w:rPr>" + mark + b"</w:rPr>"
        return paragraph.open_end, paragraph.open_end, b"<w:pPr><w:rPr>" + mark + b"</w:rPr></w:pPr>"


def _text_element(text: str, tag: str = "t") -> bytes:
    return f'<w:{tag} xml:space="preserve">{escape(text)}</w:{tag}>'.encode()


def _merge_text(content: bytes) -> bytes:
    """Consecutive one-character text elements joined into one."""
    for tag in (b"t", b"delText"):
        content = content.replace(b"</w:" + tag + b"><w:" + tag + b' xml:space="preserve">', b"")
    return content


def _attributes(ident: int, revision: Revision) -> str:
    return f'w:id="{ident}" w:author={quoteattr(revision.author)} w:date="{revision.date}"'


def _tracked(kind: str, ident: int, revision: Revision, run: bytes) -> bytes:
    return f"<w:{kind} {_attributes(ident, revision)}>".encode() + run + f"</w:{kind}>".encode()


def _tracked_mark(ident: int, revision: Revision) -> bytes:
    return f"<w:del {_attributes(ident, revision)}/>".encode()


@dataclass
class WordFixes:
    """What fixing a Word file as tracked changes came to."""

    data: bytes                      # the package, with the tracked changes
    source: object                   # its Source as read back (the text as if they were accepted)
    findings: list                   # the findings of that text
    applied: int = 0                 # fixes written
    refused: dict[str, str] = field(default_factory=dict)   # fingerprint → why its fix was not written
    settled: bool = True


def fix_as_tracked_changes(data: bytes, source, findings: list, recheck, revision: Revision, *,
                           unsafe: bool = False, hidden: frozenset[str] = frozenset(),
                           rounds: int = 10) -> WordFixes:
    """Write the fixes of findings into the Word file `data` (whose Source is source) as
    tracked changes, round after round as canonlint.run.fixes does for a text, until none is left
    that the file can take. Each round's file is read back, and must read (as if accepted)
    exactly as the text the same fixes make of the extracted text; a fix that does not is
    refused. recheck(source) gives the findings of a Source."""
    result = WordFixes(data, source, findings)
    for _ in range(rounds):
        fixable = sorted((f for f in result.findings if f.fix is not None and (f.fix.safe or unsafe)
                          and f.fingerprint not in hidden and f.fingerprint not in result.refused),
                         key=lambda f: min(e.start for e in f.fix.edits))
        if not fixable:
            return result
        written = _one_round(result, fixable, revision)
        if written is None:
            return result
        (result.data, result.source), applied = written
        result.applied += applied
        result.findings = recheck(result.source)
    result.settled = False
    return result


def _one_round(result: WordFixes, fixable: list, revision: Revision) -> tuple[tuple[bytes, object], int] | None:
    """The fixable findings of this round written into the file as tracked changes: the
    new file with its Source, and how many fixes it holds; None when it can take none.
    What the file refuses is noted in result.refused."""
    import zipfile
    from io import BytesIO

    part = zipfile.ZipFile(BytesIO(result.data)).read("word/document.xml")
    try:
        tracked = TrackedText(part, result.source.text, result.source.layout.markers)
    except NotWritable as exc:
        result.refused.update((f.fingerprint, str(exc)) for f in fixable)
        return None
    chosen = []
    for finding in fixable:
        try:
            tracked.plan(list(finding.fix.edits), Changes())  # alone: can the file take it?
            chosen.append(finding)
        except NotWritable as exc:
            result.refused[finding.fingerprint] = str(exc)
    chosen = _without_overlaps(tracked, chosen)
    written = _written(result, tracked, chosen, revision) if chosen else None
    if written is None and chosen:  # one of them does not read back as its fix: find which
        kept: list = []
        for finding in chosen:
            if _written(result, tracked, kept + [finding], revision) is not None:
                kept.append(finding)
            else:
                result.refused[finding.fingerprint] = "its tracked change does not read back as the fix"
        chosen = kept
        written = _written(result, tracked, chosen, revision) if chosen else None
    return None if written is None else (written, len(chosen))


def _written(result: WordFixes, tracked: TrackedText, chosen: list, revision: Revision) -> tuple[bytes, object] | None:
    """The file with the chosen fixes as tracked changes, and its Source read back; None
    when it does not read (as if accepted) as the text those fixes make."""
    from canonlint.readers import read_edition
    from canonlint.run.fixes import apply_fixes

    changes = Changes()
    for finding in chosen:
        tracked.plan(list(finding.fix.edits), changes)
    new = replace_parts(result.data, {"word/document.xml": tracked.write(changes, revision)})
    read_back = read_edition(None, result.source.path, new)
    expected = apply_fixes(result.source.text, chosen, unsafe=True).text
    return (new, read_back) if read_back.text == expected else None


def _without_overlaps(tracked: TrackedText, findings: list) -> list:
    """findings whose changes go together, in order: one that touches what an earlier one
    changes waits for the next round."""
    changes, kept = Changes(), []
    for finding in findings:
        try:
            tracked.plan(list(finding.fix.edits), changes)
            kept.append(finding)
        except NotWritable:
            continue
    return kept
