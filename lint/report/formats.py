"""The output formats: the one table the command line, the README and the tests read.

Each Format names the module that writes it (imported only when the format is used, each
with `render(results, unreadable, run) -> str` and optionally `chunks(…)`, the same text
in pieces) and declares what it needs from the run and how its text is written, so that
the command line treats every format alike: it reads these declarations and never a
format's name.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import ModuleType


@dataclass(frozen=True)
class Format:
    """One output format and what it declares."""

    name: str                     # the value of `--format`
    module: str                   # the module that writes it
    suffix: str                   # what the report is, as a file: .txt, .json, .sarif, .xml, .html
    coloured: bool = False        # text for a terminal: coloured there (--color); other formats never are
    statistics: bool = False      # can give the count per rule instead of the findings (--statistics)
    edition_views: bool = False   # shows each edition's text block by block: the run keeps an
                                  # EditionView (canonlint.report.edition_view) of every edition
    announced_as: str = ""        # a page for a person: written to a file, stderr says where ("the HTML report")
    step_summary: bool = False    # also appends a Markdown table to $GITHUB_STEP_SUMMARY when it is set
    default_under: str = ""       # the default format when this environment variable is "true"
    summary_line: bool = False    # ends with the text report's summary line (`Found …`, `No findings …`)

    def writer(self) -> ModuleType:
        """The module that writes the format (imported now, on first use)."""
        return importlib.import_module(self.module)

    def view(self) -> Callable | None:
        """The per-edition hook the run calls while an edition's Alignment exists (see
        check_source's `view`), when the format shows what it makes; else None."""
        if not self.edition_views:
            return None
        from canonlint.report.edition_view import edition_view

        return edition_view


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("text", "canonlint.report.text", ".txt", coloured=True, statistics=True, summary_line=True),
    Format("json", "canonlint.report.json_format", ".json", statistics=True),
    Format("sarif", "canonlint.report.sarif", ".sarif"),
    Format("github", "canonlint.report.github", ".txt", step_summary=True, default_under="GITHUB_ACTIONS",
           summary_line=True),
    Format("junit", "canonlint.report.junit", ".xml"),
    Format("gitlab", "canonlint.report.gitlab", ".json"),
    Format("html", "canonlint.report.html_report", ".html", edition_views=True, announced_as="the HTML report"),
)}
FALLBACK = "text"  # the default format when no format's `default_under` variable is "true"


def default_format(environ: Mapping[str, str]) -> str:
    """The format of a run that names none: the first whose `default_under` variable is
    "true" in environ (github inside GitHub Actions), else text."""
    return next((f.name for f in FORMATS.values() if f.default_under and environ.get(f.default_under) == "true"),
                FALLBACK)


def default_in_words() -> str:
    """How the default format is chosen, for the help: `github when GITHUB_ACTIONS=true, else text`."""
    chosen = [f"{f.name} when {f.default_under}=true" for f in FORMATS.values() if f.default_under]
    return ", else ".join([*chosen, FALLBACK])


def with_statistics() -> list[str]:
    """The formats that can give `--statistics`."""
    return [f.name for f in FORMATS.values() if f.statistics]


def render(name: str, results, unreadable: int = 0, run=None) -> str:
    """The whole report for a run in the named format (run: a RunInfo; None, the defaults)."""
    return FORMATS[name].writer().render(results, unreadable, run or _default_run())


def render_chunks(name: str, results, unreadable: int = 0, run=None) -> Iterator[str]:
    """The report in pieces, to be written as it is made: a format with a `chunks` function
    gives a file's findings at a time; any other, the whole report as one piece."""
    module = FORMATS[name].writer()
    run = run or _default_run()
    if hasattr(module, "chunks"):
        return module.chunks(results, unreadable, run)
    return iter([module.render(results, unreadable, run)])


def _default_run():
    from canonlint.report.run_info import RunInfo

    return RunInfo()
