"""The kinds of file an edition can be: one table, read by everything that treats a file by
its suffix — which reader reads it (canonlint.readers), which files a folder is walked for
(canonlint.run.discovery), whether it is Markdown and takes suppression comments
(canonlint.run.suppression, the markup rule).

Markdown is every suffix editors and static-site tools give it: `.md`, `.markdown`,
`.mdown`, `.mkd` and `.mkdn` are read as CommonMark, walked, and take suppression comments
alike. Plain text is `.txt` and `.text`; a file of another suffix named on the command line
is read as plain text too.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

# Word keeps a lock file "~$" + the document's name (its first letters cut) beside a document
# while it is open: a few bytes naming who has it open, never an edition.
LOCK_PREFIX = "~$"
# A review copy `--annotate` wrote beside a Word edition (canonlint.writers.docx_comments): not an edition.
REVIEW_COPY = ".canonlint."

# The suppression comment of a kind whose markup hides a comment from its readers.
HTML_COMMENT = "<!-- canonlint: ... -->"


@dataclass(frozen=True)
class EditionKind:
    """One suffix an edition can have, and what follows from it."""

    suffix: str                     # lower case, with its dot
    name: str                       # what a person calls the format ("Word"): in messages
    reader: str | None = None       # its module in canonlint.readers; None: read as plain text
    markdown: bool = False          # Markdown's syntax is the edition's own (not markup left in by mistake)
    suppression: str | None = None  # the comment that hides findings in it (None: none can)
    binary: bool = False            # not text: an editor's buffer of it is not the edition (the file as saved is)

    @property
    def document(self) -> bool:
        """A document (Word, PDF …) read into blocks by a reader, never written back as text."""
        return self.reader is not None and not self.markdown

    @property
    def glob(self) -> str:
        """The include glob that takes this kind when a folder is walked."""
        return f"*{self.suffix}"


def _markdown(suffix: str) -> EditionKind:
    return EditionKind(suffix, "Markdown", "md", markdown=True, suppression=HTML_COMMENT)


EDITION_KINDS: tuple[EditionKind, ...] = (
    EditionKind(".txt", "plain text"),
    EditionKind(".text", "plain text"),
    *(_markdown(suffix) for suffix in (".md", ".markdown", ".mdown", ".mkd", ".mkdn")),
    EditionKind(".docx", "Word", "docx", binary=True),
    EditionKind(".odt", "OpenDocument text", "odt", binary=True),
    EditionKind(".pdf", "PDF", "pdf", binary=True),
    EditionKind(".html", "HTML", "html"),
    EditionKind(".htm", "HTML", "html"),
)
BY_SUFFIX: dict[str, EditionKind] = {kind.suffix: kind for kind in EDITION_KINDS}
EDITION_SUFFIXES: tuple[str, ...] = tuple(BY_SUFFIX)
DEFAULT_INCLUDE: tuple[str, ...] = tuple(kind.glob for kind in EDITION_KINDS)
PLAIN_TEXT = EditionKind("", "plain text")


def kind_of(name: str) -> EditionKind:
    """The kind of a file by its name's suffix (any case); plain text for a suffix not in the table."""
    return BY_SUFFIX.get(PurePath(name).suffix.lower(), PLAIN_TEXT)


def format_name(reader: str) -> str:
    """What a person calls the format a reader module reads ("Word" for docx)."""
    return next(kind.name for kind in EDITION_KINDS if kind.reader == reader)


def is_markdown(name: str) -> bool:
    """Whether a file of this name is read as Markdown."""
    return kind_of(name).markdown
