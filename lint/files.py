"""Which files a run checks: the paths given, with folders walked for the include globs."""

from __future__ import annotations

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
    seen: set[Path] = {p.resolve() for p in skip}
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
                if full.resolve() not in seen:
                    seen.add(full.resolve())
                    files.append(FileEntry(full, full.as_posix()))
        elif path.exists() or path.is_symlink():
            try:
                resolved = path.resolve(strict=True)
            except (OSError, RuntimeError):
                errors.append(f"{given}: cannot resolve the path (broken link or link loop)")
                continue
            if resolved not in seen:
                seen.add(resolved)
                files.append(FileEntry(path, given))
        else:
            errors.append(f"{given}: no such file or directory")
    return files, errors
