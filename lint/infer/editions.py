"""Reading the editions a template is inferred from, as `canonlint check` reads them
(any kind canonlint.readers reads)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from canonlint.document import Document, parse_document
from canonlint.readers.kinds import DEFAULT_INCLUDE
from canonlint.run.discovery import collect_files
from canonlint.source import Source, SourceError


@dataclass(frozen=True)
class Edition:
    name: str
    document: Document

    @property
    def text(self) -> str:
        return self.document.text


def edition_from_text(name: str, text: str) -> Edition:
    return Edition(name, parse_document(Source.from_text(name, text)))


def read_editions(paths: list[str], include: tuple[str, ...] = DEFAULT_INCLUDE,
                  exclude: tuple[str, ...] = (), skip: tuple[Path, ...] = ()) -> tuple[list[Edition], list[str]]:
    """The editions under paths (files, or folders walked for include), sorted by name so
    that the same files give the same template; and one error line per file not read."""
    from canonlint.readers import read_edition

    found = collect_files(paths, include, exclude, skip)
    editions, errors = [], list(found.errors)
    for entry in sorted(found.files, key=lambda e: e.display):
        try:
            editions.append(Edition(entry.display, parse_document(read_edition(entry.path, entry.display))))
        except SourceError as exc:
            errors.append(str(exc))
    return editions, errors
