"""How the configuration's file globs (`include`, `exclude`, `per-file-ignores`) match a path:
the path relative to the configuration's (or the walked) folder, or the file's name alone,
without regard to case on every system — `Camden.MD` and `camden.md` are the same kind of
edition to the readers (canonlint.readers.kinds), so a walk must not skip one of them."""

from __future__ import annotations

import fnmatch
import functools


def matches_glob(relative: str, pattern: str) -> bool:
    """Whether a path relative to a folder (forward slashes), or its file name, matches a glob."""
    path = relative.casefold()
    folded = _folded(pattern)
    return fnmatch.fnmatchcase(path, folded) or fnmatch.fnmatchcase(path.rsplit("/", 1)[-1], folded)


def matches_any(relative: str, patterns: tuple[str, ...]) -> bool:
    """Whether the path matches one of the globs."""
    return any(matches_glob(relative, pattern) for pattern in patterns)


@functools.lru_cache(maxsize=256)
def _folded(pattern: str) -> str:
    return pattern.casefold()
