"""Which files a run checks, and reading one of them safely.

The paths given are taken as they are; folders are walked for the edition kinds
(`EDITION_SUFFIXES`, the default include globs), leaving out hidden folders and, inside a
git work tree, what git ignores. Only regular files are read (a pipe, a device or a socket
is named, never opened for reading), and never more than MAX_BYTES of one. A file name is
kept as the OS gives it for opening, and shown escaped (`display_name`).
"""

from __future__ import annotations

import contextlib
import fnmatch
import os
import stat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from canonlint.source import MAX_BYTES, SourceError

# The kinds of file an edition can be: folders are walked for these by default (the
# config's `include` replaces them). Readers decide what each kind becomes.
EDITION_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".docx", ".odt", ".pdf", ".html", ".htm")
DEFAULT_INCLUDE = tuple(f"*{suffix}" for suffix in EDITION_SUFFIXES)

# Word keeps a lock file "~$" + the document's name (its first letters cut) beside a document
# while it is open: a few bytes naming who has it open, never an edition.
LOCK_PREFIX = "~$"
# A review copy `--annotate` wrote beside a Word edition (canonlint.writers.docx_comments): not an edition.
REVIEW_COPY = ".canonlint."

_NOT_REGULAR = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe"),
                (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                (stat.S_ISSOCK, "a socket"))
# O_NONBLOCK: should a pipe take the place of the file between stat and open, opening it
# does not wait for a writer. O_NOCTTY: a terminal named here never becomes ours.
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


def display_name(name: str) -> str:
    """A file name as every report and message shows it: bytes that are not UTF-8 as
    `\\xff`, line breaks and control characters (a terminal escape) as backslash escapes,
    as the text report writes them."""
    from canonlint.report.text import printable

    return printable(name)


def not_regular(mode: int) -> str | None:
    """What a file is when it is not a regular file ('a named pipe' …), else None."""
    if stat.S_ISREG(mode):
        return None
    return next((what for test, what in _NOT_REGULAR if test(mode)), "not a regular file")


def _kind_error(name: str, what: str) -> SourceError:
    return SourceError(f"{name}: is a directory" if what == "a directory" else f"{name}: {what}, not a regular file")


def regular_file_problem(path: Path, name: str) -> str | None:
    """The one-line problem of a path that exists but is not a regular file (a pipe, a
    device …), else None (a regular file, or nothing there: the reader says so)."""
    try:
        what = not_regular(os.stat(path).st_mode)
    except (OSError, ValueError):
        return None
    return None if what is None else str(_kind_error(name, what))


def read_file(path: Path, name: str) -> bytes:
    """The bytes of a regular file, at most MAX_BYTES of them (whatever st_size says: a
    file can grow while it is read). Every problem is a SourceError naming the file."""
    try:
        status = os.stat(path)
        _require_regular(status, name)
        _require_size(status.st_size, name)
        handle = os.open(path, _OPEN_FLAGS)
        try:
            _require_regular(os.fstat(handle), name)  # replaced between the stat and the open
            return _read_bounded(handle, name)
        finally:
            os.close(handle)
    except SourceError:
        raise
    except IsADirectoryError:
        raise SourceError(f"{name}: is a directory") from None
    except FileNotFoundError:
        raise SourceError(f"{name}: no such file") from None
    except PermissionError:
        raise SourceError(f"{name}: permission denied") from None
    except OSError as exc:
        raise SourceError(f"{name}: cannot read ({exc.strerror or exc})") from None
    except ValueError as exc:  # a NUL in the name
        raise SourceError(f"{name}: cannot read ({exc})") from None


def _require_regular(status: os.stat_result, name: str) -> None:
    what = not_regular(status.st_mode)
    if what is not None:
        raise _kind_error(name, what)


def _require_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise SourceError(f"{name}: too large for an edition ({size / 1e6:.1f} MB; the limit is "
                          f"{MAX_BYTES / 1e6:.0f} MB)")


def _read_bounded(handle: int, name: str) -> bytes:
    chunks, size = [], 0
    while chunk := os.read(handle, min(1 << 20, MAX_BYTES + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_BYTES:
            raise SourceError(f"{name}: too large for an edition (more than the limit of "
                              f"{MAX_BYTES / 1e6:.0f} MB)")
    return b"".join(chunks)


@dataclass(frozen=True)
class FileEntry:
    path: Path      # as the OS named it: for opening
    display: str    # as reports show it (display_name)


@dataclass
class Collection:
    """What collecting the paths gave: the files to check, one error line per bad path,
    and what walking folders left out (to say why nothing was checked)."""

    files: list[FileEntry] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    other_kinds: Counter = field(default_factory=Counter)  # suffix ('' for none) -> files not included
    excluded: int = 0        # files the exclude globs left out
    git_ignored: int = 0     # files and folders git ignores
    left_out: int = 0        # files named but left out by --force-exclude
    lock_files: list[str] = field(default_factory=list)  # Word's lock files (~$name.docx) a walk left out


def _matches(relative: str, patterns: tuple[str, ...]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(relative, p) or fnmatch.fnmatch(name, p) for p in patterns)


def collect_files(paths: list[str], include: tuple[str, ...], exclude: tuple[str, ...],
                  skip: tuple[Path, ...] = ()) -> Collection:
    """Files to check, in a stable order, each once; one error line per bad path. A file
    named is taken whatever its kind; a folder is walked for the include globs."""
    found = Collection()
    seen: set[Path] = set()
    for path in skip:
        with contextlib.suppress(OSError, RuntimeError, ValueError):  # a template that cannot be resolved is not here
            seen.add(path.resolve(strict=True))
    for given in paths:
        path = Path(given)
        if path.is_dir():
            walked = _walk(path, include, exclude, found)
            for full in sorted(walked):
                _add(full, display_name(full.as_posix()), found, seen)
        elif path.exists() or path.is_symlink():
            _add(path, display_name(given), found, seen)
        else:
            found.errors.append(f"{display_name(given)}: no such file or directory")
    return found


def _walk(folder: Path, include: tuple[str, ...], exclude: tuple[str, ...], found: Collection) -> list[Path]:
    """The files under folder that the globs take (hidden folders and links to folders not
    entered, what git ignores left out); a folder that cannot be listed is an error line."""
    from canonlint.run.gitignore import ignored_paths

    ignored = ignored_paths(folder)
    files: list[Path] = []
    pending = [(folder, "")]
    while pending:
        current, prefix = pending.pop()
        try:
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError as exc:
            reason = "permission denied" if isinstance(exc, PermissionError) else f"cannot list ({exc.strerror or exc})"
            found.errors.append(f"{display_name(current.as_posix())}: {reason} (a folder: its files were not checked)")
            continue
        for entry in entries:
            relative = prefix + entry.name
            folder_kind = _folder_kind(entry)
            if folder_kind == "link":
                continue
            if folder_kind == "folder":
                if entry.name.startswith("."):
                    continue
                if relative + "/" in ignored:
                    found.git_ignored += 1
                    continue
                pending.append((current / entry.name, relative + "/"))
            elif relative in ignored:
                found.git_ignored += 1
            elif not _matches(relative, include):
                found.other_kinds[os.path.splitext(entry.name)[1].lower()] += 1
            elif entry.name.startswith(LOCK_PREFIX):
                found.lock_files.append(display_name((current / entry.name).as_posix()))
            elif REVIEW_COPY in entry.name and entry.name.lower().endswith(".docx"):
                continue
            elif _matches(relative, exclude):
                found.excluded += 1
            else:
                files.append(current / entry.name)
    return files


def _folder_kind(entry: os.DirEntry) -> str | None:
    """'folder', 'link' for a link to a folder (neither walked into nor a file to check),
    or None for anything else."""
    try:
        if not entry.is_dir():
            return None
        return "link" if entry.is_symlink() else "folder"
    except OSError:
        return None


def _add(path: Path, display: str, found: Collection, seen: set[Path]) -> None:
    """Add a file once, however many ways it was named (a path given twice, a link to it)."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        found.errors.append(f"{display}: cannot resolve the path (a broken link or a link loop)")
        return
    if resolved not in seen:
        seen.add(resolved)
        found.files.append(FileEntry(path, display))


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}"


def nothing_to_check(paths: list[str], found: Collection, include: tuple[str, ...]) -> str:
    """The one line a run that found no edition ends with: where it looked and why every
    file there was left out (their kinds, the exclude globs, git)."""
    where = ", ".join(f"'{p}'" for p in paths)
    kinds = sorted(found.other_kinds.items(), key=lambda item: (-item[1], not item[0], item[0]))
    named = [_count(n, f"{suffix} file") if suffix else _count(n, "file") + " without a suffix"
             for suffix, n in kinds]
    reasons = []
    if named:
        shown = " and ".join(named) if len(named) <= 2 else ", ".join(named[:3]) + (" …" if len(named) > 3 else "")
        reasons.append(f"{shown} skipped (not an edition kind; folders are walked for {' '.join(include)})")
    if found.excluded:
        reasons.append(f"{_count(found.excluded, 'file')} left out by the exclude globs")
    if found.git_ignored:
        reasons.append(f"{_count(found.git_ignored, 'file or folder')} ignored by git" if found.git_ignored == 1
                       else f"{found.git_ignored} files or folders ignored by git")
    if found.left_out:
        reasons.append(f"{_count(found.left_out, 'file')} left out by --force-exclude")
    if not reasons:
        reasons.append("the paths above could not be read" if found.errors else "no file found")
    return f"nothing to check in {where}: {'; '.join(reasons)}"
