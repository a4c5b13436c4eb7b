"""HTML output: one self-contained page (its CSS and script inline, nothing fetched) that
opens from disk, to mail or keep as a CI artifact.

- An overview, drawn here: a row per edition with its counts and verdict, and a heat map
  of editions × template sections coloured by the worst finding in each.
- Per edition, drawn by the page's script when it is opened (so a run of 1,000 editions
  stays quick to open): the template and the edition side by side block by block, from
  the rows canonlint.report.edition_view read out of the alignment, the differing words marked,
  each finding at its place with its message, its rule's documentation (embedded below)
  and its fix.

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
from dataclasses import dataclass
from importlib import resources

from canonlint.report import RunInfo
from canonlint.report.statistics import EditionCount, edition_counts
from canonlint.report.text import summary
from canonlint.source import Source

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
    return {"path": template.path, "text": template.text, "blocks": blocks}


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
class _Edition:
    """One edition as the page has it: its counts, the JSON its view is drawn from, and
    for the heat map its findings and their worst severity in each template section."""

    count: EditionCount
    data: dict
    per_section: dict[int, int]
    worst: dict[int, str]


def _edition(result, count: EditionCount) -> _Edition:
    view = result.view
    per_section: dict[int, int] = {}
    worst: dict[int, str] = {}
    findings = []
    line_starts = list(Source.from_text(result.path, view.text).line_starts) if view is not None else []
    for f in result.findings:
        row = offset = -1
        if view is not None and view.rows:
            offset = _offset(line_starts, len(view.text), f.line, f.column)
            row = _row_of(view, offset, f)
            section = view.rows[row].section
            per_section[section] = per_section.get(section, 0) + 1
            if _RANK[f.severity.value] > _RANK.get(worst.get(section, ""), -1):
                worst[section] = f.severity.value
        findings.append({
            "row": row, "severity": f.severity.value, "rule": f.rule, "name": f.name,
            "line": f.line, "column": f.column, "offset": offset, "message": f.message,
            "fix": None if f.fix is None else {"title": f.fix.title, "safe": f.fix.safe},
        })
    data = {"path": result.path, "findings": findings, "text": None, "rows": []}
    if view is not None:
        data["text"] = view.text
        data["rows"] = [[r.block, r.status, r.section, r.start, r.end, list(r.added), list(r.removed),
                         bisect.bisect_right(line_starts, r.start)] for r in view.rows]
    return _Edition(count, data, per_section, worst)


def _overview(editions: list[_Edition], sections) -> str:
    head = "".join(f'<th class="section" scope="col"><span>{escape(title)}</span></th>' for _, title in sections)
    lines = ['<table id="overview-table"><thead><tr><th scope="col">Edition</th><th scope="col">Errors</th>'
             '<th scope="col">Warnings</th><th scope="col">Info</th><th scope="col">Verdict</th>'
             f"{head}</tr></thead><tbody>"]
    for i, edition in enumerate(editions):
        count, worst, per_section = edition.count, edition.worst, edition.per_section
        cells = []
        for index, title in sections:
            level = worst.get(index)
            n = per_section.get(index, 0)
            label = f"{title}: {n} finding{'s' if n != 1 else ''}" + (f", worst {level}" if level else "")
            cells.append(f'<td class="heat sev-{level or "none"}"><a href="#edition-{i}-section-{index}" '
                         f'title="{escape(label)}">{n or ""}</a></td>')
        verdict = "ready" if count.ready else "not-ready"
        lines.append(f'<tr><th scope="row"><a href="#edition-{i}">{escape(count.path)}</a></th>'
                     f'<td class="n">{count.errors}</td><td class="n">{count.warnings}</td><td class="n">{count.info}</td>'
                     f'<td class="verdict {verdict}">{escape(count.verdict)}</td>{"".join(cells)}</tr>')
    lines.append("</tbody></table>")
    return "\n".join(lines)


def _rule_docs(run: RunInfo) -> str:
    parts = []
    for info in run.rules:
        body = "".join(f"<h4>{escape(name.rstrip(':'))}</h4><p>{escape(text)}</p>" if name else f"<p>{escape(text)}</p>"
                       for name, text in info.sections())
        fixable = ' <span class="fixable">fixable</span>' if info.fixable else ""
        parts.append(f'<article class="rule" id="rule-{escape(info.code)}"><h3>{escape(info.code)} '
                     f'{escape(info.name)} <span class="sev sev-{info.severity.value}">{info.severity.value}</span>'
                     f"{fixable}</h3>{body}</article>")
    return "\n".join(parts)


def _filters(results) -> str:
    by_rule: dict[str, int] = {}
    for result in results:
        for f in result.findings:
            by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
    severities = "".join(f'<label class="sev-{s}"><input type="checkbox" data-filter="severity" value="{s}" checked> '
                         f"{s}</label>" for s in ("error", "warning", "info"))
    rules = "".join(f'<label><input type="checkbox" data-filter="code" value="{escape(code)}" checked> '
                    f"{escape(code)} <small>({n})</small></label>" for code, n in sorted(by_rule.items()))
    return (f'<div class="filter-group"><strong>Severity</strong> {severities}</div>'
            f'<div class="filter-group"><strong>Rule</strong> {rules} '
            '<button type="button" id="rules-all">all</button> <button type="button" id="rules-none">none</button></div>'
            '<a href="#overview" id="to-overview">\u2190 all editions</a>'
            '<p class="keys">Keys: <kbd>j</kbd>/<kbd>n</kbd> next finding, <kbd>k</kbd>/<kbd>p</kbd> previous, '
            '<kbd>o</kbd> overview</p>')


def render(results, unreadable: int = 0, run: RunInfo | None = None) -> str:
    run = run or RunInfo()
    sections = _sections(run.template)
    rows = [_edition(result, count) for result, count in zip(results, edition_counts(results, run.fail_on))]
    if any(-1 in edition.per_section for edition in rows):  # text before the template's first heading
        sections.insert(0, (-1, run.template.section_title(-1)))
    css, script = _asset("report.css"), _asset("report.js")
    policy = (f"default-src 'none'; script-src {_csp_hash(script)}; style-src {_csp_hash(css)}; "
              "img-src data:; base-uri 'none'; form-action 'none'")
    shared = {"template": _template_data(run.template), "editions": len(rows),
              "documented": [info.code for info in run.rules], "failOn": run.fail_on.value}
    data_blocks = "\n".join(f'<script type="application/json" id="edition-data-{i}">{script_json(data)}</script>'
                            for i, data in enumerate(edition.data for edition in rows))
    ready = sum(1 for edition in rows if edition.count.ready)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="canonlint {escape(run.version)}">
<title>canonlint report</title>
<link rel="icon" href="data:,">
<style>{css}</style>
</head>
<body>
<header>
<h1>canonlint report</h1>
<p class="summary">{escape(summary(results, unreadable, run.baselined))} {ready} of {len(rows)} ready
(nothing at or above <strong>{escape(run.fail_on.value)}</strong>).</p>
<noscript><p>The per-edition views need JavaScript; the overview below does not.</p></noscript>
</header>
<nav id="filters" aria-label="Filters">{_filters(results)}</nav>
<main>
<section id="overview" aria-label="Overview">
<h2>Editions</h2>
{_overview(rows, sections)}
</section>
<section id="edition" aria-live="polite" hidden></section>
<section id="rules" aria-label="Rules">
<h2>Rules</h2>
{_rule_docs(run)}
</section>
</main>
<script type="application/json" id="canonlint-data">{script_json(shared)}</script>
{data_blocks}
<script>{script}</script>
</body>
</html>
"""
