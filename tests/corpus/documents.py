"""The labelled corpus as real documents: each edition written as Markdown that says what
each part is (headings, bullets, a table), then made into Word with pandoc and into PDF
and OpenDocument with LibreOffice, as a publisher's tools would.

    pandoc -f markdown-smart-auto_identifiers EDITION.md -o EDITION.docx
    soffice --headless --convert-to pdf --outdir OUT EDITION.docx ...
    soffice --headless --convert-to odt --outdir OUT EDITION.docx ...

Every ASCII punctuation character of the edition's text is escaped in the Markdown, so
the defects written into the text (`**bold**` residue, a dash left alone) reach the
document as text, not as formatting.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from tests.corpus.generator import Edition, _is_section_start

_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def _escaped(text: str) -> str:
    return _PUNCTUATION.sub(r"\\\1", " ".join(text.split()))


def _plain(text: str) -> str:
    return " ".join(text.split())


def to_markdown(edition: Edition, text: str, escape: bool = True) -> str:
    """The edition as Markdown for pandoc. A flattened edition (text: its rendering) is
    what a scrape left: paragraphs only. escape False: the text as it is (a Markdown
    edition written by hand)."""
    write = _escaped if escape else _plain
    if edition.flattened:
        return "\n\n".join(write(p) for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()) + "\n"
    chunks: list[str] = []
    rows: list[list[str]] = []
    previous = None
    for part in edition.parts:
        if part.kind == "row":
            rows.append([c for c in part.text.split("\t") if c.strip()])
            previous = part
            continue
        if rows:
            chunks.append(_table(rows, write))
            rows = []
        if part.kind == "heading":
            chunks.append(("# " if _is_section_start(part) else "## ") + write(part.text))
        elif part.kind == "item":
            words = re.sub(r"^[-*+\u2022]\s+", "", part.text.strip())
            item = "- " + write(words) if words != "-" else "- &nbsp;"  # an empty bullet paragraph
            if previous is not None and previous.kind == "item":
                chunks[-1] += "\n" + item
            else:
                chunks.append(item)
        else:
            chunks.extend(write(p) for p in part.text.split("\n\n") if p.strip())
        previous = part
    if rows:
        chunks.append(_table(rows, write))
    return "\n\n".join(chunks) + "\n"


def _table(rows: list[list[str]], write) -> str:
    """A pipe table with an empty header: the editions' tables have no header row."""
    width = max(len(r) for r in rows)
    lines = ["|" + " |" * width, "|" + "---|" * width]
    lines += ["| " + " | ".join(write(c) for c in row + [""] * (width - len(row))) + " |" for row in rows]
    return "\n".join(lines)


def converters_present() -> bool:
    return shutil.which("pandoc") is not None and shutil.which("soffice") is not None


def make_documents(editions: dict[str, tuple[Edition, str]], out: Path, formats=("docx", "pdf")) -> None:
    """Write NAME.docx (and NAME.pdf, NAME.odt as asked) into out for every named edition."""
    out.mkdir(parents=True, exist_ok=True)
    for name, (edition, text) in editions.items():
        md = out / f"{name}.md"
        md.write_text(to_markdown(edition, text), encoding="utf-8")
        subprocess.run(["pandoc", "-f", "markdown-smart-auto_identifiers", str(md), "-o", str(out / f"{name}.docx")],
                       check=True)
        md.unlink()
    docx = sorted(str(out / f"{name}.docx") for name in editions)
    for kind in formats:
        if kind == "docx":
            continue
        for start in range(0, len(docx), 50):  # one LibreOffice process per batch
            subprocess.run(["soffice", "--headless", "--convert-to", kind, "--outdir", str(out), *docx[start:start + 50]],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
