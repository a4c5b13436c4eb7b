"""One edition in two formats: a Word (or OpenDocument) file and the PDF exported from it.
A run that is given both — the same name but for the suffix, in one folder, or a PDF whose
title in its metadata is the Word file's name — checks the edition once, from the Word
file, and reads the PDF only to compare its text with the Word file's (rule CL803)."""

from __future__ import annotations

import os
from dataclasses import replace

SOURCES = (".docx", ".odt")  # what a PDF is exported from


def _key(path) -> tuple[str, str]:
    folder, name = os.path.split(os.path.abspath(path))
    return folder, os.path.splitext(name)[0]


def pair_editions(targets: list) -> list:
    """targets with each PDF that has its Word or OpenDocument source among them taken out
    and set as that source's companion (canonlint.run.discovery.Target)."""
    sources = {_key(t.path): i for i, t in enumerate(targets)
               if t.path is not None and os.path.splitext(t.display)[1].lower() in SOURCES}
    if not sources:
        return targets
    pdfs = [i for i, t in enumerate(targets) if t.path is not None and t.display.lower().endswith(".pdf")]
    paired: dict[int, int] = {}
    for i in pdfs:
        source = sources.get(_key(targets[i].path))
        if source is None:
            source = _named_in_metadata(targets[i].path, sources)
        if source is not None and source not in paired.values():
            paired[i] = source
    if not paired:
        return targets
    out = list(targets)
    for pdf, source in paired.items():
        out[source] = replace(out[source], companion=targets[pdf].path, companion_display=targets[pdf].display,
                              companion_key=targets[pdf].key)
    return [t for i, t in enumerate(out) if i not in paired]


def _named_in_metadata(path, sources: dict[tuple[str, str], int]) -> int | None:
    """The source a PDF's metadata names as its title ("westminster.docx"), in its folder."""
    try:
        import pypdfium2
    except ImportError:
        return None
    try:
        document = pypdfium2.PdfDocument(str(path))
        title = (document.get_metadata_dict().get("Title") or "").strip()
        document.close()
    except Exception:  # an unreadable PDF is checked, and reported, on its own
        return None
    if os.path.splitext(title)[1].lower() not in SOURCES or os.path.basename(title) != title:
        return None
    return sources.get(_key(os.path.join(os.path.dirname(os.path.abspath(path)), title)))
