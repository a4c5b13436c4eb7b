"""Reading the editions a template is inferred from, as `canonlint check` reads them
(any kind canonlint.readers reads), each kept in the compact form inference holds.

Inference holds every edition until the votes are counted, so each is kept small: its
text; its word keys, each the one copy of that key in the process (sys.intern: editions
share most of their words); the offsets and owners of its words as machine-integer arrays
(a tuple of Python ints costs about nine times as much); its blocks and their word spans
packed (canonlint.infer.packed). The reader's line table and layout are dropped: nothing
after reading asks for them.
"""

from __future__ import annotations

import sys
from array import array
from dataclasses import dataclass, replace
from pathlib import Path

from canonlint.document import Document, parse_document
from canonlint.infer.packed import INTEGERS, PackedBlocks, PackedSpans
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


def held(document: Document) -> Document:
    """The document as inference holds it: the same words and blocks, its integers packed,
    without the memoised readings it was joined from (they would outlive the memo)."""
    source = replace(document.source, line_starts=(), layout=None)
    return replace(document, source=source, readings=(), blocks=PackedBlocks(document.blocks),
                   keys=tuple(map(sys.intern, document.keys)), starts=array(INTEGERS, document.starts),
                   ends=array(INTEGERS, document.ends), word_blocks=array(INTEGERS, document.word_blocks),
                   block_words=PackedSpans(document.block_words))


def edition_from_text(name: str, text: str) -> Edition:
    return Edition(name, held(parse_document(Source.from_text(name, text))))


def read_editions(paths: list[str], include: tuple[str, ...] = DEFAULT_INCLUDE,
                  exclude: tuple[str, ...] = (), skip: tuple[Path, ...] = ()) -> tuple[list[Edition], list[str]]:
    """The editions under paths (files, or folders walked for include), sorted by name so
    that the same files give the same template; and one error line per file not read."""
    from canonlint.readers import read_edition

    found = collect_files(paths, include, exclude, skip)
    editions, errors = [], list(found.errors)
    for entry in sorted(found.files, key=lambda e: e.display):
        try:
            editions.append(Edition(entry.display, held(parse_document(read_edition(entry.path, entry.display)))))
        except SourceError as exc:
            errors.append(str(exc))
    return editions, errors
