"""Tables: the rows of each template table as they stand in an edition, with their values.

When a table kept one row per line, each row's values are the slots the alignment
captured. When it was flattened (labels run together, then the figures, as in a scraped
copy), the table's region is read cell by cell: the k-th match of the first value cell
belongs to the k-th row, and a later cell's match (a status) belongs to the row whose
first value precedes it. Table rules share this reading instead of each doing their own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lint.align import Alignment
from lint.document import Document
from lint.template import SLOT_PATTERN, Template, TemplateBlock



@dataclass(frozen=True)
class CellValue:
    text: str | None    # None when nothing of the slot's type stands there
    start: int
    end: int


@dataclass(frozen=True)
class TableRow:
    block: TemplateBlock
    label: str                        # the first cell, as the template writes it
    located: bool
    start: int                        # edition offsets of the row (insertion point if missing)
    end: int
    values: dict[str, CellValue] = field(default_factory=dict)


def _cell_pattern(cell: str, template: Template) -> re.Pattern | None:
    names = {m.group(1) for m in SLOT_PATTERN.finditer(cell)}
    types = tuple(sorted({(w.slot.name, w.slot.type.pattern) for w in template.words
                          if w.slot is not None and w.slot.name in names}))
    return _compile_cell(cell, types)


@lru_cache(maxsize=64)
def _compile_cell(cell: str, types: tuple[tuple[str, str], ...]) -> re.Pattern | None:
    patterns = dict(types)
    pieces, cursor, any_slot = [], 0, False
    for match in SLOT_PATTERN.finditer(cell):
        pieces.extend(re.escape(w) for w in re.findall(r"[^\W_]+", cell[cursor : match.start()]))
        name = match.group(1)
        pieces.append(f"(?P<{name}>{patterns[name]})")
        cursor, any_slot = match.end(), True
    pieces.extend(re.escape(w) for w in re.findall(r"[^\W_]+", cell[cursor:]))
    return re.compile(r"[\W_]*?".join(pieces), re.IGNORECASE) if any_slot else None


def table_rows(document: Document, template: Template, alignment: Alignment,
               rows: list[TemplateBlock]) -> list[TableRow]:
    region = alignment.table_regions.get(rows[0].table_id)
    if region is None or region.row_shaped:
        return [_aligned_row(document, template, alignment, row) for row in rows]
    return _flattened_rows(document, template, alignment, rows, region.start, region.end)


def _aligned_row(document, template, alignment, row) -> TableRow:
    match = alignment.match(row)
    label = row.cells[0] if row.cells else row.text
    values = {v.slot.name: CellValue(v.value, v.start, v.end) for v in match.slots}
    return TableRow(row, label, match.located, match.start, match.end, values)


def _flattened_rows(document, template, alignment, rows, lo, hi) -> list[TableRow]:
    text = document.text
    value_cells = [c for c in rows[0].cells[1:]] if rows[0].cells else []
    patterns = [_cell_pattern(c, template) for c in value_cells]
    found: list[list[re.Match]] = [list(p.finditer(text, lo, hi)) if p else [] for p in patterns]
    result = []
    first = found[0] if found else []
    for k, row in enumerate(rows):
        match = alignment.match(row)
        label = row.cells[0] if row.cells else row.text
        values: dict[str, CellValue] = {}
        anchor = first[k] if k < len(first) else None
        next_anchor = first[k + 1].start() if k + 1 < len(first) else hi
        for cell_index, pattern in enumerate(patterns):
            if pattern is None:
                continue
            names = list(pattern.groupindex)
            hit = None
            if cell_index == 0:
                hit = anchor
            elif anchor is not None:
                hit = next((m for m in found[cell_index]
                            if anchor.end() <= m.start() < next_anchor), None)
            for name in names:
                if hit is not None and hit.group(name) is not None:
                    values[name] = CellValue(hit.group(name), hit.start(name), hit.end(name))
                else:
                    at = anchor.end() if anchor is not None else match.end
                    values[name] = CellValue(None, at, at)
        start = match.start if match.located else (anchor.start() if anchor else lo)
        end = anchor.end() if anchor is not None else match.end
        result.append(TableRow(row, label, match.located or anchor is not None,
                               min(start, end), max(start, end), values))
    return result


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
