"""HTML output: one self-contained page (its CSS and script inline, nothing fetched) that
opens from disk, to mail or keep as a CI artifact.

- What the report was made from, drawn here: the date, the template and its SHA-256, the
  configuration, canonlint's version, the editions checked and their verdicts.
- An overview, drawn here: a row per edition with its counts and verdict (sortable by any
  column), a heat map of editions × template sections coloured by the worst finding in
  each, and per section how many editions drifted there and by which rule most often.
- Per edition, drawn here: its verdict and the numbered list of its findings (rule in plain
  words, then its code; place; message; the template's wording beside the edition's). On
  screen it heads the edition's view; printed, each edition starts a page with it.
- Per edition, drawn by the page's script when it is opened (so a run of 1,000 editions
  stays quick to open): the template and the edition side by side block by block, from
  the rows canonlint.report.edition_view read out of the alignment, the differing words marked,
  each finding at its place with its message, its rule's documentation (embedded below,
  for the rules that fired) and its fix; template slots are shown as named chips.

Printed (the print style sheet), the page is a document to file with a sign-off: the
cover (what it was made from, the overview), each edition on pages of its own, and the
documentation of the rules that fired as an appendix.

Edition text is data, never markup: what this module writes into the page goes through
`escape`, and what the script shows comes from JSON in `<script type="application/json">`
blocks (written by `script_json`) and reaches the page as text nodes only. A
Content-Security-Policy allows the page's one script and one style sheet, by hash, and
nothing else: no inline handler, no `javascript:` address, no other script.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import html
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from typing import Any

from canonlint.report.run_info import RunInfo
from canonlint.report.statistics import EditionCount, edition_counts
from canonlint.report.text import summary
from canonlint.rule import name_in_words
from canonlint.run.spool import unspooled
from canonlint.slot_syntax import SLOT_PATTERN
from canonlint.source import Source
from canonlint.template import LOCAL_MARKER as LOCAL_PATTERN  # the template's own `{{local}}` syntax

# Without the script the lists of findings show under the overview. Hidden from the start
# otherwise: drawing them while a page of many editions loads, to hide them after, is slow.
_NOSCRIPT_CSS = "@media screen { #summaries { display: block; } }"
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_RANK = {"info": 0, "warning": 1, "error": 2}


def escape(text: str) -> str:
    """Text made safe to stand in the page as text or as a quoted attribute's value: the
    one way text from editions, paths, messages and documentation enters the markup."""
    return html.escape(text, quote=True)


def script_json(data) -> str:
    """JSON to embed in a `<script type="application/json">` block: `<`, `>` and `&` as
    \\u escapes, so that no `</script>` or `<!--` can end or change the block, and the
    line and paragraph separators too, which JavaScript string literals once refused."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, replacement in _JSON_ESCAPES.items():
        text = text.replace(char, replacement)
    return text


def _asset(name: str) -> str:
    return resources.files("canonlint.report").joinpath("html_assets", name).read_text("utf-8")


def _csp_hash(content: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(content.encode("utf-8")).digest()).decode() + "'"


def _sections(template) -> list[tuple[int, str]]:
    """The template's sections: (index of the level-1 heading, its text)."""
    if template is None:
        return []
    return [(b.index, b.text) for b in template.blocks if b.kind == "heading" and b.level == 1]


def _template_data(template) -> dict | None:
    if template is None:
        return None
    from canonlint.report.edition_view import heading_start

    blocks = [[b.kind.value, b.level, heading_start(template, b.index), b.end, b.section, b.local]
              for b in template.blocks]
    slots = [[w.start, w.end, w.slot.name] for w in template.words if w.slot is not None]
    return {"path": template.path, "text": template.text, "blocks": blocks, "slots": slots}


def with_chips(text: str) -> str:
    """Template text as markup: escaped, each `{slot}` or `{slot:type}` a chip that names
    the slot, and each `{{local}}` a chip "local text": no reader is shown slot syntax."""
    parts, at = [], 0
    for local in LOCAL_PATTERN.finditer(text):
        parts.append(_slot_chips(text[at:local.start()]))
        name = (local.group(1) or "").strip()
        parts.append(f'<span class="slot local">local text{": " + escape(name) if name else ""}</span>')
        at = local.end()
    parts.append(_slot_chips(text[at:]))
    return "".join(parts)


def _slot_chips(text: str) -> str:
    parts, at = [], 0
    for match in SLOT_PATTERN.finditer(text):
        parts.append(escape(text[at:match.start()]))
        parts.append(f'<span class="slot" title="filled in per edition">{escape(match.group(1))}</span>')
        at = match.end()
    parts.append(escape(text[at:]))
    return "".join(parts)


_EXCERPT = 300  # characters of each wording a finding's list item quotes
_WORD = re.compile(r"\w{3,}")


def _excerpt(text: str | None, at: int = 0, size: int = _EXCERPT) -> str:
    """About size characters of text around offset at, white space folded, with an
    ellipsis where it was cut."""
    if not text:
        return ""
    start = max(0, min(at - size // 3, len(text) - size))
    end = start + size
    piece = " ".join(text[start:end].split())
    return ("\u2026" if start > 0 else "") + piece + ("\u2026" if end < len(text) else "")


def _near(text: str, words: str) -> int:
    """Where in text the first long word of words stands (case aside), or 0."""
    first = _WORD.search(words)
    found = text.lower().find(first.group(0).lower()) if first else -1
    return max(found, 0)


def _wordings(finding, view, row, offset: int, template) -> tuple[str, str]:
    """The template's wording and the edition's that a finding is about: its own expected
    and found excerpts when it has them, else the template block and the edition text at
    its place (nothing on the template's side of text the template does not have)."""
    at = offset - row.start
    edition = finding.found if finding.found is not None else view.text[row.start:row.end]
    if finding.expected is not None:
        return _excerpt(finding.expected), _excerpt(edition, 0 if finding.found is not None else at)
    block = template.blocks[row.block].text if row.block >= 0 and template is not None else ""
    if finding.found is not None:  # as much of the template around the same words as the edition shows
        size = min(_EXCERPT, max(80, 3 * len(finding.found)))
        return _excerpt(block, _near(block, finding.found), size), _excerpt(edition)
    return _excerpt(block, _near(block, view.text[offset:offset + 60])), _excerpt(edition, at)


def _offset(line_starts: list[int], length: int, line: int, column: int) -> int:
    if not line_starts:
        return 0
    start = line_starts[min(max(line, 1), len(line_starts)) - 1]
    return max(0, min(start + column - 1, length))


def _row_of(view, offset: int, finding) -> int:
    """The row a finding is shown under: a missing block whose place it marks (a finding
    that expects text and found none), else the row whose text holds its start, else the
    next row after it."""
    rows = view.rows
    if finding.expected is not None and not finding.found:
        for k, row in enumerate(rows):
            if row.status == "missing" and row.start == offset:
                return k
    best = -1
    for k, row in enumerate(rows):
        if row.start <= offset < row.end and (best < 0 or row.end - row.start < rows[best].end - rows[best].start):
            best = k
    if best >= 0:
        return best
    starts = sorted((row.start, k) for k, row in enumerate(rows) if row.end > row.start)
    k = bisect.bisect_left(starts, (offset, -1))
    return starts[k][1] if k < len(starts) else (starts[-1][1] if starts else 0)


@dataclass(frozen=True)
class _Placed:
    """A finding as the page lists it: where it is and the two wordings side by side."""

    finding: Any
    section: int | None      # the template section it is in; None: the edition has no view
    template_words: str      # the template's wording there (slots as written)
    edition_words: str


@dataclass(frozen=True)
class _Edition:
    """One edition as the page has it: its counts and its findings placed, for the heat
    map, the section summary and the printed list; the JSON its view is drawn from is made
    from its result when its block is written (`data`), one edition at a time."""

    count: EditionCount
    result: Any
    placed: list[_Placed]
    rows_at: list[tuple[int, int]]  # each finding's row in the view and offset in the edition (-1: no view)

    @cached_property
    def per_section(self) -> Counter:
        return Counter(p.section for p in self.placed if p.section is not None)

    def worst(self, section: int) -> str | None:
        levels = [p.finding.severity.value for p in self.placed if p.section == section]
        return max(levels, key=_RANK.__getitem__) if levels else None

    def data(self) -> dict:
        view = unspooled(self.result.view)
        findings = [{
            "row": row, "severity": f.severity.value, "rule": f.rule, "name": f.name,
            "line": f.line, "column": f.column, "offset": offset, "message": f.message,
            "fix": None if f.fix is None else {"title": f.fix.title, "safe": f.fix.safe},
        } for f, (row, offset) in zip(self.result.findings, self.rows_at)]
        data = {"path": self.result.path, "findings": findings, "text": None, "rows": []}
        if view is not None:
            line_starts = _line_starts(self.result.path, view)
            data["text"] = view.text
            data["rows"] = [[r.block, r.status, r.section, r.start, r.end, list(r.added), list(r.removed),
                             bisect.bisect_right(line_starts, r.start)] for r in view.rows]
        return data


def _line_starts(path: str, view) -> list[int]:
    return list(Source.from_text(path, view.text).line_starts) if view is not None else []


def _edition(result, count: EditionCount, template) -> _Edition:
    view = unspooled(result.view)  # read back for this edition only (canonlint.run.spool)
    placed, rows_at = [], []
    line_starts = _line_starts(result.path, view)
    for f in result.findings:
        row = offset = -1
        section, wordings = None, (_excerpt(f.expected), _excerpt(f.found))
        if view is not None and view.rows:
            offset = _offset(line_starts, len(view.text), f.line, f.column)
            row = _row_of(view, offset, f)
            section = view.rows[row].section
            wordings = _wordings(f, view, view.rows[row], offset, template)
        placed.append(_Placed(f, section, *wordings))
        rows_at.append((row, offset))
    return _Edition(count, result, placed, rows_at)


def _title(run: RunInfo, code: str, name: str) -> str:
    """A rule's title in plain words; for a rule the run does not describe, its name in words."""
    info = run.rule(code)
    return info.title if info is not None and info.title else name_in_words(name)


def _section_title(run: RunInfo, section: int | None) -> str:
    if section is None or run.template is None:
        return ""
    return with_chips(run.template.section_title(section))


def _sortable(label: str, kind: str) -> str:
    return (f'<th scope="col" class="{label.lower()}" aria-sort="none"><button type="button" class="sort" '
            f'data-kind="{kind}">{label}</button></th>')


def _overview(editions: list[_Edition], sections) -> str:
    head = "".join(f'<th class="section" scope="col" aria-sort="none"><button type="button" class="sort" '
                   f'data-kind="number"><span>{title}</span></button></th>' for _, title in sections)
    lines = [f'<table id="overview-table" class="sortable"><thead><tr>{_sortable("Edition", "text")}'
             f'{_sortable("Errors", "number")}{_sortable("Warnings", "number")}{_sortable("Info", "number")}'
             f'{_sortable("Verdict", "text")}{head}</tr></thead><tbody>']
    for i, edition in enumerate(editions):
        count, per_section = edition.count, edition.per_section
        cells = []
        for index, title in sections:
            level = edition.worst(index)
            n = per_section.get(index, 0)
            label = f"{n} finding{'s' if n != 1 else ''}" + (f", worst {level}" if level else "")
            cells.append(f'<td class="heat sev-{level or "none"}" data-value="{n}">'
                         f'<a href="#edition-{i}-section-{index}" title="{escape(label)}">{n or ""}</a></td>')
        verdict = "ready" if count.ready else "not-ready"
        lines.append(f'<tr><th scope="row" data-value="{escape(count.path)}"><a href="#edition-{i}">'
                     f'{escape(count.path)}</a></th>'
                     f'<td class="n">{count.errors}</td><td class="n">{count.warnings}</td><td class="n">{count.info}</td>'
                     f'<td class="verdict {verdict}">{escape(count.verdict)}</td>{"".join(cells)}</tr>')
    lines.append("</tbody></table>")
    return "\n".join(lines)


def _drift(drifted: int, editions: int) -> str:
    return f"drift in {drifted} of {editions} edition{'s' if editions != 1 else ''}" if drifted else "no drift"


def _section_summary(editions: list[_Edition], sections, run: RunInfo) -> str:
    """Per template section: in how many editions it drifted, and the most common rule."""
    rows = []
    for index, title in sections:
        drifted = sum(1 for e in editions if e.per_section.get(index))
        by_rule = Counter((p.finding.rule, p.finding.name) for e in editions for p in e.placed if p.section == index)
        if by_rule:
            (code, name), n = sorted(by_rule.items(), key=lambda item: (-item[1], item[0]))[0]
            common = f'{escape(_title(run, code, name))} <span class="code">{escape(code)}</span> ({n})'
        else:
            common = "\u2014"
        rows.append(f'<tr class="{"drift" if drifted else "steady"}"><th scope="row">{title}</th>'
                    f'<td>{_drift(drifted, len(editions))}</td>'
                    f'<td class="n">{sum(by_rule.values())}</td><td>{common}</td></tr>')
    return ('<table id="sections-table"><thead><tr><th scope="col">Section</th><th scope="col">Editions</th>'
            '<th scope="col">Findings</th><th scope="col">Most common</th></tr></thead><tbody>'
            + "\n".join(rows) + "</tbody></table>")


def _finding_item(i: int, j: int, placed: _Placed, run: RunInfo) -> str:
    f = placed.finding
    section = _section_title(run, placed.section)
    where = f"line {f.line}, column {f.column}" + (f" \u00b7 in {section}" if section else "")
    compare = ""
    if placed.template_words or placed.edition_words:
        compare = ('<div class="compare">'
                   f'<div><span class="side">Template</span> {with_chips(placed.template_words) or "<em>nothing</em>"}</div>'
                   f'<div><span class="side">Edition</span> {escape(placed.edition_words) or "<em>nothing</em>"}</div>'
                   "</div>")
    fix = f'<div class="fix">Fix: {escape(f.fix.title)}</div>' if f.fix is not None else ""
    return (f'<li class="sev-{f.severity.value}" data-code="{escape(f.rule)}" data-severity="{f.severity.value}">'
            f'<a class="title" href="#edition-{i}-finding-{j}">{escape(_title(run, f.rule, f.name))}</a> '
            f'<span class="code">{escape(f.rule)}</span> <span class="sev sev-{f.severity.value}">'
            f'{f.severity.value}</span> <span class="where">{where}</span>'
            f'<p class="msg">{escape(f.message)}</p>{compare}{fix}</li>')


def _edition_summary(i: int, edition: _Edition, run: RunInfo) -> str:
    """An edition's verdict and the numbered list of its findings."""
    count = edition.count
    verdict = "ready" if count.ready else "not-ready"
    total = len(edition.placed)
    items = "".join(_finding_item(i, j, placed, run) for j, placed in enumerate(edition.placed))
    listing = f'<ol class="finding-list">{items}</ol>' if items else '<p class="none">No findings.</p>'
    return (f'<section class="edition-summary" id="summary-{i}" data-edition="{i}">'
            f'<h2 class="edition-path">{escape(count.path)}</h2>'
            f'<p class="verdict-line"><span class="verdict {verdict}">{escape(count.verdict.capitalize())}</span>: '
            f'{total} finding{"s" if total != 1 else ""} ({count.errors} error{"s" if count.errors != 1 else ""}, '
            f'{count.warnings} warning{"s" if count.warnings != 1 else ""}, {count.info} info)</p>'
            f"{listing}</section>")


def _doc_text(text: str) -> str:
    """Documentation prose as markup: `code` in backticks as code, the backticks gone, and
    template syntax in it as chips."""
    pieces = text.split("`")
    if len(pieces) % 2 == 0:  # an odd backtick: leave the text as it is
        return with_chips(text)
    return "".join(f"<code>{with_chips(piece)}</code>" if k % 2 else with_chips(piece)
                   for k, piece in enumerate(pieces))


def _rule_docs(run: RunInfo, fired: set[str]) -> str:
    parts = []
    for info in run.rules:
        if info.code not in fired:
            continue
        body = "".join(f"<h4>{escape(name.rstrip(':'))}</h4><p>{_doc_text(text)}</p>" if name
                       else f"<p>{_doc_text(text)}</p>" for name, text in info.sections())
        fixable = ' <span class="fixable">fixable</span>' if info.fixable else ""
        parts.append(f'<article class="rule" id="rule-{escape(info.code)}"><h3>{escape(info.title or info.name)} '
                     f'<span class="code">{escape(info.code)} {escape(info.name)}</span> '
                     f'<span class="sev sev-{info.severity.value}">{info.severity.value}</span>'
                     f"{fixable}</h3>{body}</article>")
    return "\n".join(parts) or "<p>No rule fired.</p>"


def _filters(results, run: RunInfo) -> str:
    by_rule = Counter((f.rule, f.name) for result in results for f in result.findings)
    severities = "".join(f'<label class="sev-{s}"><input type="checkbox" data-filter="severity" value="{s}" checked> '
                         f"{s}</label>" for s in ("error", "warning", "info"))
    titled = sorted((_title(run, code, name), code, n) for (code, name), n in by_rule.items())
    rules = "".join(f'<label><input type="checkbox" data-filter="code" value="{escape(code)}" checked> '
                    f'{escape(title)} <small>{escape(code)} \u00b7 {n}</small></label>' for title, code, n in titled)
    return (f'<div class="filter-group"><strong>Severity</strong> {severities}</div>'
            f'<details class="filter-group"><summary><strong>Rules</strong> ({len(by_rule)} fired)</summary>{rules} '
            '<button type="button" id="rules-all">all</button> <button type="button" id="rules-none">none</button>'
            '</details>'
            '<a href="#overview" id="to-overview">\u2190 all editions</a>'
            '<p class="keys">Keys: <kbd>j</kbd>/<kbd>n</kbd> next finding, <kbd>k</kbd>/<kbd>p</kbd> previous, '
            '<kbd>o</kbd> overview</p>')


def _identity(results, unreadable: int, run: RunInfo, editions: list[_Edition]) -> str:
    """What the report was made from, to file with a sign-off."""
    template = run.template.path if run.template is not None else "none"
    ready = sum(1 for edition in editions if edition.count.ready)
    checked = f"{len(editions)}" + (f" ({unreadable} more could not be read)" if unreadable else "")
    facts = [
        ("Made", run.created.strftime("%Y-%m-%d %H:%M UTC")),
        ("Template", f"{escape(template)}"),
        ("Template SHA-256", f'<code class="hash">{escape(run.template_sha256 or "unknown")}</code>'),
        ("Configuration", escape(run.config_file or "none (the defaults)")),
        ("canonlint", escape(run.version)),
        ("Editions checked", checked),
        ("Verdicts", f'<strong>{ready} ready</strong>, <strong>{len(editions) - ready} not ready</strong> '
                     f"(an edition is ready when nothing is at or above <strong>{escape(run.fail_on.value)}</strong>)"),
    ]
    items = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts)
    return (f'<dl class="identity">{items}</dl>'
            f'<p class="summary">{escape(summary(results, unreadable, run.baselined))}</p>')


def render(results, unreadable: int = 0, run: RunInfo | None = None) -> str:
    return "".join(chunks(results, unreadable, run))


def chunks(results, unreadable: int = 0, run: RunInfo | None = None) -> Iterator[str]:
    """The page in pieces: its head and overview, then each edition's list of findings and,
    after the appendix, each edition's JSON, one edition at a time, so that a run over
    thousands of editions is written out without the whole page, or every edition's JSON,
    at once."""
    run = run or RunInfo()
    editions = [_edition(result, count, run.template)
                for result, count in zip(results, edition_counts(results, run.fail_on))]
    sections = [(index, with_chips(title)) for index, title in _sections(run.template)]
    if any(-1 in edition.per_section for edition in editions):  # text before the template's first heading
        sections.insert(0, (-1, escape(run.template.section_title(-1))))
    fired = {f.rule for result in results for f in result.findings}
    css, script = _asset("report.css"), _asset("report.js")
    policy = (f"default-src 'none'; script-src {_csp_hash(script)}; "
              f"style-src {_csp_hash(css)} {_csp_hash(_NOSCRIPT_CSS)}; img-src data:; base-uri 'none'; form-action 'none'")
    titles = {info.code: info.title for info in run.rules if info.code in fired}
    shared = {"template": _template_data(run.template), "editions": len(editions),
              "documented": sorted(fired & {info.code for info in run.rules}), "titles": titles,
              "failOn": run.fail_on.value}
    yield _HEAD.format(policy=escape(policy), version=escape(run.version), css=css, noscript_css=_NOSCRIPT_CSS,
                       identity=_identity(results, unreadable, run, editions), filters=_filters(results, run),
                       overview=_overview(editions, sections), sections=_section_summary(editions, sections, run))
    for i, edition in enumerate(editions):
        yield ("\n" if i else "") + _edition_summary(i, edition, run)
    yield _MIDDLE.format(rules=_rule_docs(run, fired), shared=script_json(shared))
    for i, edition in enumerate(editions):
        separator = "\n" if i else ""
        yield f'{separator}<script type="application/json" id="edition-data-{i}">{script_json(edition.data())}</script>'
    yield f"\n<script>{script}</script>\n</body>\n</html>\n"


# The page around the editions' pieces (chunks): str.format templates.
_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{policy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="canonlint {version}">
<title>canonlint report</title>
<link rel="icon" href="data:,">
<style>{css}</style>
</head>
<body>
<header>
<h1>canonlint report</h1>
{identity}
<noscript><p>The per-edition views need JavaScript; the overview and the lists of findings below do not.</p>
<style>{noscript_css}</style></noscript>
</header>
<nav id="filters" aria-label="Filters">{filters}</nav>
<main>
<section id="overview" aria-label="Overview">
<h2>Editions</h2>
{overview}
<h2>Sections across editions</h2>
{sections}
</section>
<section id="edition" aria-live="polite" hidden></section>
<section id="summaries" aria-label="Findings by edition">
"""
_MIDDLE = """
</section>
<section id="rules" aria-label="Rules that fired">
<h2>Appendix: the rules that fired</h2>
{rules}
</section>
</main>
<script type="application/json" id="canonlint-data">{shared}</script>
"""
