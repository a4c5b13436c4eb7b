"""A document's findings told where a person finds them: the page and the line on it, or
the paragraph and the heading above it, as JSON keys and at the end of the message.
line and column stay those of the extracted text (what `--diff` shows), for tools."""

from __future__ import annotations

from dataclasses import replace

from canonlint.finding import Finding
from canonlint.readers import Layout


def placed(findings: list[Finding], layout: Layout) -> list[Finding]:
    out = []
    for finding in findings:
        place = layout.place(finding.line)
        if place is None or finding.line <= 0:
            place = _nearest(layout, finding.line)
        if place is None or not place.describe():
            out.append(finding)
            continue
        out.append(replace(finding, message=f"{finding.message} [{place.describe()}]", page=place.page,
                           page_line=place.page_line, paragraph=place.paragraph, under=place.under))
    return out


def _nearest(layout: Layout, line: int):
    """The place of the nearest line that has one (a blank line between blocks: the next block's)."""
    for candidate in (*range(max(line, 1), len(layout.places) + 1), *range(min(line, len(layout.places)), 0, -1)):
        place = layout.place(candidate)
        if place is not None and place.describe():
            return place
    return None
