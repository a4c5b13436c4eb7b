"""Tables: the rows of each template table as they stand in an edition, with their values.

When a table kept one row per line, each row's values are the slots the alignment
captured; when some did not fit, the row's line is read cell by cell, which also tells
whether its columns stand in another order. When it was flattened (labels run together, then the figures, as in a scraped
copy), the table's region is read cell by cell: the k-th match of the first value cell
belongs to the k-th row, and a later cell's match (a status) belongs to the row whose
first value precedes it. Table rules share this reading instead of each doing their own.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from canonlint.align import Alignment
from canonlint.document import Document
from canonlint.rulekit.evidence import quote
from canonlint.table_cells import CellPattern, compile_cell
from canonlint.template import Template, TemplateBlock

# CellValue and TableRow are made for every row of every table of every edition: slotted,
# not frozen (a frozen dataclass costs several times as much to make). Read them only.
@dataclass(slots=True)
class CellValue:
    text: str | None    # None when nothing of the slot's type stands there
    start: int
    end: int
    raw: str = ""       # what stood there instead, when text is None


@dataclass(slots=True)
class TableRow:
    block: TemplateBlock
    label: str                        # the first cell, as the template writes it
    located: bool
    start: int                        # edition offsets of the row (insertion point if missing)
    end: int
    values: dict[str, CellValue] = field(default_factory=dict)
    column_order: tuple[int, ...] = ()  # value columns in the order found, when not the template's


def _cell_pattern(cell: str, template: Template) -> CellPattern | None:
    """A cell of the template row as a regular expression: its words, flexibly spaced, and
    its slots as their types' patterns (one capture group each, in order)."""
    return _compile_cell(cell, template.reading("tables.slot patterns", _slot_patterns))


def _slot_patterns(template: Template) -> tuple[tuple[str, str], ...]:
    """Each slot name and its type's bounded pattern, sorted (once per run)."""
    types = {w.slot.name: w.slot.type.bounded for w in template.words if w.slot is not None}
    return tuple(sorted(types.items()))


@lru_cache(maxsize=64)
def _compile_cell(cell: str, types: tuple[tuple[str, str], ...]) -> CellPattern | None:
    patterns = dict(types)
    return compile_cell(cell, lambda found: patterns[found.name], loose=True)


@lru_cache(maxsize=256)
def _label_pattern(label: str) -> re.Pattern:
    words = re.findall(r"[^\W_]+", label)
    return re.compile(r"(?<![^\W_])" + r"[\W_]++".join(map(re.escape, words)) + r"(?![^\W_])", re.IGNORECASE)


def table_rows(document: Document, template: Template, alignment: Alignment,
               rows: list[TemplateBlock]) -> list[TableRow]:
    """The rows of one template table as this edition has them (computed once per edition)."""
    def compute() -> list[TableRow]:
        region = alignment.table_regions.get(rows[0].table_id)
        if region is None or region.row_shaped:
            return [_aligned_row(document, template, alignment, row, region) for row in rows]
        return _flattened_rows(document, template, alignment, rows, region.start, region.end)

    return alignment.memo("canonlint.rulekit.tables", ("table rows", rows[0].table_id), compute)


def table_name(ctx, rows: list[TemplateBlock]) -> str:
    """'the table after <lead-in>', its slots filled as the edition has them — tables have
    no names of their own in the template."""
    lead = ctx.template.previous_shared(rows[0].index)
    return f"the table after {quote(ctx.display(lead), 50)}" if lead else "the first table"


@dataclass(frozen=True)
class RowProblem:
    """One row's problem, as a table rule finds it: where, and its evidence."""

    row: TableRow
    start: int
    end: int
    evidence: str   # what the row has, e.g. "'8.4%'"; "" when nothing stands there


def report_rows(ctx, rows: list[TemplateBlock], problems: list[RowProblem],
                one: Callable[[RowProblem], object], what: str) -> Iterator[object]:
    """A table rule's findings: one per problem row when there is one, else one for the
    whole table that lists each row with its evidence and its place (line:column), as a
    flattened table loses the same thing in every row. what completes "N rows of the
    table after … ", e.g. "have a change without its sign"."""
    if len(problems) == 1:
        yield one(problems[0])
    if len(problems) < 2:
        return
    places = []
    for problem in problems:
        place = ctx.place(problem.start, problem.end)
        evidence = f" {problem.evidence}" if problem.evidence else ""
        places.append(f"{problem.row.label}{evidence} ({place.line}:{place.column})")
    labels = "|".join(p.row.label for p in problems)
    yield ctx.report(min(p.start for p in problems), max(p.end for p in problems),
                     f"{len(problems)} rows of {table_name(ctx, rows)} {what}: {', '.join(places)}",
                     subject=f"table|{rows[0].text}|{labels}")


def _label(row: TemplateBlock) -> str:
    return row.cells[0] if row.cells else row.text


def row_label(row: TemplateBlock) -> str:
    """A template row's label, as its TableRow has it: its first cell as the template writes it."""
    return _label(row)


def _aligned_row(document, template, alignment, row, region) -> TableRow:
    match = alignment.match(row)
    if not match.located and region is not None:
        elsewhere = _row_line(document, template, row, region.start, region.end)
        if elsewhere is not None:
            return elsewhere
    values = {v.slot.name: CellValue(v.value, v.start, v.end, v.raw) for v in match.slots}
    if match.located and any(v.text is None for v in values.values()):
        reordered = _reordered(document, template, row, match)
        if reordered is not None:
            order, values = reordered
            return TableRow(row, _label(row), True, match.start, match.end, values, order)
    return TableRow(row, _label(row), match.located, match.start, match.end, values)


def _row_line(document, template, row, lo, hi) -> TableRow | None:
    """A row the alignment did not place, found elsewhere in its table: a line of the
    table's region that starts with the row's label (after any `|` or bullet), its values
    read cell by cell on that line. A row present in its table is never missing."""
    text = document.text
    for hit in _label_pattern(_label(row)).finditer(text, lo, hi):
        line_start, line_end = document.source.line_bounds(hit.start())
        if text[line_start : hit.start()].strip(" \t|-*") or line_end > hi:
            continue
        values: dict[str, CellValue] = {}
        for cell in filter(None, (_cell_pattern(c, template) for c in row.cells[1:])):
            found = cell.regex.search(text, hit.end(), line_end)
            for g, name in enumerate(cell.names, start=1):
                at = found.start(g) if found is not None else line_end
                values[name] = CellValue(found.group(g) if found is not None else None, at,
                                         found.end(g) if found is not None else at)
        return TableRow(row, _label(row), True, line_start, line_end, values)
    return None


def _reordered(document, template, row, match) -> tuple[tuple[int, ...], dict[str, CellValue]] | None:
    """When every value cell of the row is on its line but not in the template's order,
    the order found and the values; else None."""
    line_start = document.source.line_bounds(match.start)[0]
    line_end = document.source.line_bounds(match.end)[1]
    cells = [_cell_pattern(c, template) for c in row.cells[1:]]
    hits = []
    for index, cell in enumerate(cells):
        if cell is None:
            continue
        hit = cell.regex.search(document.text, line_start, line_end)
        if hit is None:
            return None
        hits.append((hit.start(), index, cell, hit))
    order = tuple(index for _, index, _, _ in sorted(hits))
    if order == tuple(sorted(order)):
        return None
    values = {name: CellValue(hit.group(g), hit.start(g), hit.end(g))
              for _, _, cell, hit in hits for g, name in enumerate(cell.names, start=1)}
    return order, values


def _flattened_rows(document, template, alignment, rows, lo, hi) -> list[TableRow]:
    """Read a table whose rows are not one per line. Each row is found by its label; its
    first value is the first match of the first value cell after the label and before the
    next label — or, when every label comes before every value (columns run one after the
    other), the value in the same position. A later cell's match (a status) belongs to the
    row whose first value precedes it; when a whole column of them follows the values, as
    many as there are rows, they pair up by position."""
    text = document.text
    cells = [_cell_pattern(c, template) for c in (rows[0].cells[1:] if rows[0].cells else ())]
    cells = [c for c in cells if c is not None]
    labels: dict[int, re.Match] = {}
    for k, row in enumerate(rows):
        hit = _label_pattern(_label(row)).search(text, lo, hi)
        if hit is not None:
            labels[k] = hit
    order = sorted(labels, key=lambda k: labels[k].start())
    hits = [list(c.regex.finditer(text, lo, hi)) for c in cells]
    first_values = hits[0] if hits else []
    firsts: dict[int, re.Match] = {}
    columnar = bool(order and first_values) and first_values[0].start() > labels[order[-1]].end()
    for n, k in enumerate(order):
        if columnar:
            if n < len(first_values):
                firsts[k] = first_values[n]
            continue
        limit = labels[order[n + 1]].start() if n + 1 < len(order) else hi
        firsts[k] = next((v for v in first_values if labels[k].end() <= v.start() < limit), None)
    starts = sorted((v.start(), k) for k, v in firsts.items() if v is not None)
    ranked = [k for _, k in starts]
    result = []
    for k, row in enumerate(rows):
        first = firsts.get(k)
        values: dict[str, CellValue] = {}
        for c, (cell, cell_hits) in enumerate(zip(cells, hits)):
            hit = first if c == 0 else None
            if c > 0 and first is not None:
                whole_column = columnar and len(cell_hits) == len(ranked) and \
                    cell_hits[0].start() > first_values[len(ranked) - 1].end()
                if whole_column:
                    hit = cell_hits[ranked.index(k)]
                else:
                    hit = next((h for h in cell_hits if _owner(starts, h.start()) == k), None)
            for g, name in enumerate(cell.names, start=1):
                if hit is not None and hit.group(g) is not None:
                    values[name] = CellValue(hit.group(g), hit.start(g), hit.end(g))
                else:
                    at = first.end() if first is not None else (labels[k].end() if k in labels else lo)
                    values[name] = CellValue(None, at, at)
        located = k in labels
        start = labels[k].start() if located else alignment.insertion_point(row.index)
        end = first.end() if first is not None else (labels[k].end() if located else start)
        result.append(TableRow(row, _label(row), located, min(start, end), max(start, end), values))
    return result


def _owner(starts: list[tuple[int, int]], offset: int) -> int:
    """The row whose first value starts last before offset (-1 if none)."""
    at = bisect.bisect_right(starts, (offset, 1 << 30)) - 1
    return starts[at][1] if at >= 0 else -1


def parse_change(text: str | None) -> float | None:
    """'-2.7%' → -2.7, '+0.7 %' → 0.7, '8.4%' → 8.4 (unsigned), with U+2212/U+2013 as minus."""
    if text is None:
        return None
    cleaned = text.replace("\u2212", "-").replace("\u2013", "-").replace(" ", "").replace("\t", "").rstrip("%")
    try:
        return float(cleaned)
    except ValueError:
        return None


def has_sign(text: str) -> bool:
    return text.lstrip()[:1] in ("+", "-", "\u2212", "\u2013")


REDUCTION, INCREASE = "reduction", "increase"
DIRECTIONS = (REDUCTION, INCREASE)


def _label_key(text: str) -> str:
    return " ".join(text.lower().split())


def unknown_row_keys(option: str, keys, template: Template, *, tables: bool = False) -> Iterator[str]:
    """A line for each key of a table option (`targets`, `directions`) that names no row of
    the template's tables, nor (with tables) a `table N` of it; with the closest label."""
    from canonlint.suggestions import did_you_mean

    rows = [_label(row) for table in template.tables() for row in table]
    names = [f"table {n}" for n in range(1, len(template.tables()) + 1)] if tables else []
    known = {_label_key(name) for name in (*rows, *names)}
    for key in keys:
        if _label_key(key) in known:
            continue
        if tables and re.fullmatch(r"table \d+", _label_key(key)):
            yield (f"{option}: '{key}' names no table of the template: it has {len(names)} "
                   f"({', '.join(names) or 'none'})")
            continue
        hint = did_you_mean(key, rows + names) or (f"; its rows: {', '.join(rows)}" if rows else "")
        yield f"{option}: '{key}' is not a row of the template's tables{hint}"


def target_direction(directions: dict[str, str], direction: str, table_number: int, label: str) -> str:
    """Whether a row's target is a reduction or an increase: `directions` by row label, else
    by `table N` (N from 1, in template order), else `direction`, the one for every table."""
    by_key = {_label_key(k): v for k, v in directions.items()}
    return by_key.get(_label_key(label)) or by_key.get(f"table {table_number}") or direction
