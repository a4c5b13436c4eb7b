"""Which files a run checks: the paths given, with folders walked for the include globs."""

from __future__ import annotations

import contextlib
import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class FileEntry:
    path: Path
    display: str


def _matches(relative: str, patterns: tuple[str, ...]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(name, p) for p in patterns)


def collect_files(paths: list[str], include: tuple[str, ...], exclude: tuple[str, ...],
                  skip: tuple[Path, ...] = ()) -> tuple[list[FileEntry], list[str]]:
    """Files to check, in a stable order, each once; and one error line per bad path."""
    files: list[FileEntry] = []
    errors: list[str] = []
    seen: set[Path] = set()
    for path in skip:
        with contextlib.suppress(OSError, RuntimeError):  # a template that cannot be resolved is not here
            seen.add(path.resolve(strict=True))
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = []
            for folder, dirs, names in os.walk(path, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in names:
                    full = Path(folder) / name
                    relative = full.relative_to(path).as_posix()
                    if _matches(relative, include) and not _matches(relative, exclude):
                        found.append(full)
            for full in sorted(found):
                _add(full, full.as_posix(), files, errors, seen)
        elif path.exists() or path.is_symlink():
            _add(path, given, files, errors, seen)
        else:
            errors.append(f"{given}: no such file or directory")
    return files, errors


def _add(path: Path, display: str, files: list[FileEntry], errors: list[str], seen: set[Path]) -> None:
    """Add a file once, however many ways it was named (a path given twice, a link to it)."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError):
        errors.append(f"{display}: cannot resolve the path (a broken link or a link loop)")
        return
    if resolved not in seen:
        seen.add(resolved)
        files.append(FileEntry(path, display))
