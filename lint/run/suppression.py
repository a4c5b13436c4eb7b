"""Suppression comments in the editions whose kind takes them (canonlint.readers.kinds:
Markdown's HTML comments).

    <!-- canonlint: disable=CL105,list-reordered -->   … from here
    <!-- canonlint: enable -->                           … to here (or the end of the file)
    <!-- canonlint: disable-next-block=CL102 -->          the next block only

`disable` with no codes hides every rule; `enable` with codes ends only those. A finding
is hidden when it starts inside a region that names its rule. Directives are HTML
comments, invisible when the edition is rendered; they are blanked out (same length, line
breaks kept) before the edition is parsed, so they never count as the edition's text.
In a plain-text edition a comment is text a reader sees, so it is not a directive there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from canonlint.suggestions import did_you_mean
from canonlint.finding import Edit, Fix
from canonlint.readers.kinds import kind_of

VERBS = ("disable", "enable", "disable-next-block")

# A directive's opening, matched where str.find found a `<!--`, and its body (stripped);
# its close is found with str.find too, so that a text full of unclosed comments is
# read in one pass (a lazy `.*?-->` would look for the close from each of them).
_OPENING = re.compile(r"<!--[ \t]*+canonlint[ \t]*+:")
_BODY = re.compile(r"(?P<verb>[A-Za-z][\w-]*+)\s*+(?:=\s*+(?P<codes>.*))?", re.S)


def takes_suppressions(name: str) -> bool:
    """Whether a file of this name can hold suppression comments (its kind has a comment style)."""
    return kind_of(name).suppression is not None


@dataclass
class Directive:
    verb: str                        # one of VERBS, or what was written when it is not one
    names: tuple[str, ...] | None    # the codes or names as written; None: every rule
    start: int                       # offsets of the whole comment
    end: int
    resolved: dict[str, str | None] = field(default_factory=dict)  # name as written → code (None: no rule)
    used: set[str] = field(default_factory=set)   # codes it hid a finding of ("*" for a bare one)
    region: tuple[int, int] | None = None         # disable-next-block: the block it covers

    @property
    def valid(self) -> bool:
        return self.verb in VERBS

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(code for code in self.resolved.values() if code))

    @property
    def unknown(self) -> tuple[str, ...]:
        return tuple(name for name, code in self.resolved.items() if code is None)


def find_directives(text: str) -> list[Directive]:
    directives = []
    for start, body_start, body_end, end in _comments(text):
        written = text[body_start:body_end]
        body = _BODY.fullmatch(written.strip())
        if body is None:
            directives.append(Directive(" ".join(written.split()), None, start, end))
            continue
        codes = body.group("codes")
        names = tuple(p for p in re.split(r"[\s,]+", codes) if p) if codes is not None else None
        directives.append(Directive(body.group("verb").lower(), names or None, start, end))
    return directives


def _comments(text: str):
    """(start, body start, body end, end) of each `<!-- canonlint: … -->` comment."""
    at = text.find("<!--")
    while at >= 0:
        opening = _OPENING.match(text, at)
        if opening is None:
            at = text.find("<!--", at + 4)
            continue
        close = text.find("-->", opening.end())
        if close < 0:
            return  # no directive closes after here
        yield at, opening.end(), close, close + 3
        at = text.find("<!--", close + 3)


def mask(text: str, directives: list[Directive]) -> str:
    """The text with each directive replaced by spaces, its line breaks kept."""
    if not directives:
        return text
    pieces, cursor = [], 0
    for d in directives:
        pieces.append(text[cursor:d.start])
        pieces.append(re.sub(r"[^\r\n]", " ", text[d.start:d.end]))
        cursor = d.end
    pieces.append(text[cursor:])
    return "".join(pieces)


class Suppressions:
    """The directives of one edition and which findings they hide."""

    def __init__(self, text: str, directives: list[Directive], known: Mapping[str, str],
                 block_spans: list[tuple[int, int]]):
        self.text = text
        self.directives = directives
        for d in directives:
            d.resolved = {n: known.get(n.upper(), known.get(n.lower())) for n in d.names or ()}
            if d.verb == "disable-next-block":
                d.region = next(((s, e) for s, e in block_spans if s >= d.end), None)

    def _region_end(self, disable: Directive, code: str) -> int:
        for d in self.directives:
            if d.start >= disable.end and d.verb == "enable" and (d.names is None or code in d.codes):
                return d.start
        return len(self.text)

    def hides(self, code: str, offset: int) -> bool:
        """Whether a finding of code starting at offset is suppressed; marks the directive used."""
        for d in self.directives:
            if d.names is not None and code not in d.codes:
                continue
            if d.verb == "disable-next-block":
                inside = d.region is not None and d.region[0] <= offset <= d.region[1]
            elif d.verb == "disable":
                inside = d.end <= offset < self._region_end(d, code)
            else:
                continue
            if inside:
                d.used.add(code if d.names is not None else "*")
                return True
        return False

    def problems(self, judged: set[str], describe: Mapping[str, str], suggestions) -> list[tuple[Directive, str, Fix | None]]:
        """(directive, message, fix) for each directive that suppressed nothing of a rule in
        judged (the rules that ran), or that canonlint cannot read."""
        problems = []
        for d in self.directives:
            if not d.valid:
                verb = d.verb.split("=")[0].split()[0] if d.verb else ""
                problems.append((d, f"not a canonlint directive: '{d.verb}'{did_you_mean(verb, VERBS)}; "
                                    "write disable=CODES, enable or disable-next-block=CODES", None))
                continue
            for name in d.unknown:
                problems.append((d, f"{d.verb} names no rule: '{name}'{suggestions(name)}", None))
            if d.verb == "enable":
                continue
            if d.names is None:
                if not d.used and judged:
                    problems.append((d, f"'{d.verb}' of every rule suppresses nothing", self._fix(d, ())))
                continue
            unused = [c for c in d.codes if c in judged and c not in d.used]
            if unused:
                named = ", ".join(f"{c} ({describe[c]})" if c in describe else c for c in unused)
                keep = tuple(n for n in d.names if d.resolved.get(n) not in unused)
                problems.append((d, f"{d.verb} of {named} suppresses nothing", self._fix(d, keep)))
        return problems

    def _fix(self, d: Directive, keep: tuple[str, ...]) -> Fix:
        if keep:
            return Fix(f"keep only {', '.join(keep)} in the comment",
                       (Edit(d.start, d.end, f"<!-- canonlint: {d.verb}={','.join(keep)} -->"),), safe=True)
        start, end = d.start, d.end
        line_start = max(self.text.rfind("\n", 0, start), self.text.rfind("\r", 0, start)) + 1
        line_end = len(self.text)
        for brk in ("\r\n", "\n", "\r"):
            at = self.text.find(brk, end)
            if at != -1 and at < line_end:
                line_end = at
        if not self.text[line_start:start].strip() and not self.text[end:line_end].strip():
            start = line_start
            end = line_end + (2 if self.text.startswith("\r\n", line_end) else 1 if line_end < len(self.text) else 0)
        return Fix("remove the suppression comment", (Edit(start, end, ""),), safe=True)

