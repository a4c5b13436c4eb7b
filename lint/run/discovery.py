"""Discovery: what a run checks and under which configuration — the configuration looked
up, the paths given taken as they are, folders walked for the edition kinds
(canonlint.readers.kinds, or the configuration's include globs) leaving out hidden folders
and, inside a git work tree, what git ignores (canonlint.run.gitignore), and each file made
a Target named as reports show it.

The configuration is looked up once per run, by `config_for`, from one starting folder:
that of the first path given (for standard input, `-`, that of --stdin-filename, else the
current folder), or the current folder when no path is given. `canonlint check`,
`--show-files` and `canonlint template infer` all use it.
"""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from canonlint.config import Config, ConfigError, find_config, load_config
from canonlint.escaping import display_name
from canonlint.path_globs import matches_any
from canonlint.readers.kinds import LOCK_PREFIX, REVIEW_COPY
from canonlint.run.gitignore import ignored_paths
from canonlint.run.pairs import pair_editions
from canonlint.source import regular_file_problem


def config_start(paths: Sequence[str], stdin_filename: str | None = None) -> Path:
    """The folder (or file) the configuration is looked up from: see the module's docstring."""
    if not paths:
        return Path(".")
    if paths[0] == "-":
        return Path(stdin_filename or ".")
    return Path(paths[0])


def config_for(paths: Sequence[str], explicit: Path | None = None, stdin_filename: str | None = None) -> Config:
    """The configuration of a run over paths: the file named (--config), else the nearest
    one at or above config_start, else the defaults. Raises ConfigError (a configuration
    that is a pipe or a device is one: reading it would wait forever, or never end)."""
    found = explicit or find_config(config_start(paths, stdin_filename))
    if found is None:
        return Config()
    require_regular(found)
    return load_config(found)


def require_regular(path: Path) -> None:
    """A ConfigError for a file the run must read (configuration, baseline) that is a pipe
    or a device."""
    problem = regular_file_problem(path, display_name(str(path)))
    if problem is not None:
        raise ConfigError(problem)


def display(path: Path) -> str:
    """A path as messages name it: relative to the current folder when it lies inside."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the folder, or a link loop
        return str(path)


@dataclass(frozen=True)
class Target:
    """One edition to check: a file (its bytes in data once read for the result cache), or
    standard input (path None, its bytes in data)."""

    path: Path | None
    display: str       # as reports show it
    key: str           # relative to the configuration's folder: fingerprints, baseline, per-file-ignores
    data: bytes | None = None
    companion: Path | None = None   # the PDF exported from this Word file (canonlint.run.pairs)
    companion_display: str = ""
    companion_key: str = ""
    companion_data: bytes | None = None  # the companion's bytes, read already (the result cache's)



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
            elif not matches_any(relative, include):
                found.other_kinds[os.path.splitext(entry.name)[1].lower()] += 1
            elif entry.name.startswith(LOCK_PREFIX):
                found.lock_files.append(display_name((current / entry.name).as_posix()))
            elif REVIEW_COPY in entry.name and entry.name.lower().endswith(".docx"):
                continue
            elif matches_any(relative, exclude):
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


def key_for(path: str | Path, root: Path | str) -> str:
    """The path relative to root, with forward slashes (`..` where it lies outside)."""
    full, base = os.path.abspath(path), os.path.abspath(root)
    # Inside root, the common case, the key is what follows root's path: no need for
    # relpath, which takes both paths apart (a thousand files cost it ~15 ms).
    if full.startswith(base) and full[len(base):len(base) + 1] == os.sep and len(full) > len(base) + 1:
        relative = full[len(base) + 1:]
        return relative if os.sep == "/" else relative.replace(os.sep, "/")
    return Path(os.path.relpath(full, base)).as_posix()


def outside_configuration(path: Path, key: str, include, exclude, corpus: tuple[Path, ...]) -> bool:
    """`--force-exclude`: whether a file named on the command line is one the
    configuration leaves out (not included, excluded, or outside the configured paths)."""
    if not matches_any(key, include) or matches_any(key, exclude):
        return True
    if corpus:
        full = Path(os.path.abspath(path))
        return not any(full == Path(os.path.abspath(p)) or Path(os.path.abspath(p)) in full.parents
                       for p in corpus)
    return False


def collect_targets(paths: list[str], config, template: Path | None, stdin_filename: str | None,
                    force_exclude: bool, read_stdin) -> tuple[list[Target], Collection]:
    """The editions a run checks, in order, and what collecting them found (one error line
    per bad path, what walking left out). `-` is standard input (read with read_stdin),
    named by stdin_filename."""
    found = collect_files([p for p in paths if p != "-"], config.include, config.exclude,
                          skip=(template,) if template is not None else ())
    given = {display_name(p) for p in paths}
    targets = []
    for entry in found.files:
        key = display_name(key_for(entry.path, config.root))
        if force_exclude and entry.display in given and outside_configuration(
                entry.path, key, config.include, config.exclude, config.paths):
            found.left_out += 1
            continue
        targets.append(Target(entry.path, entry.display, key))
    if "-" in paths:
        key = display_name(key_for(stdin_filename, config.root)) if stdin_filename else "-"
        if force_exclude and stdin_filename and outside_configuration(
                Path(stdin_filename), key, config.include, config.exclude, config.paths):
            found.left_out += 1
        else:
            stdin = Target(None, display_name(stdin_filename or "-"), key, read_stdin())
            targets.insert(0 if paths[0] == "-" else len(targets), stdin)
    return pair_editions(targets), found


def targets_of(paths: list[str], config: Config, template: Path | None, stdin_filename: str | None,
               force_exclude: bool, read_stdin: Callable[[], bytes]) -> tuple[list[Target], Collection]:
    """The targets of a run over paths (none: the configuration's paths, else the current
    folder) and what collecting them found. Raises NothingToCheck when nothing at all is to
    be checked, unless every file named was left out by --force-exclude, which is what a
    pre-commit hook passing a README asks for: a pass."""
    paths = list(paths) or [display(p) for p in config.paths] or ["."]
    targets, found = collect_targets(paths, config, template, stdin_filename, force_exclude, read_stdin)
    if not targets and not (found.left_out and not found.errors):
        raise NothingToCheck(nothing_to_check([display_name(p) for p in paths], found, config.include),
                             list(found.errors))
    return targets, found


class NothingToCheck(Exception):
    """No edition to check: the message says where the run looked and why; `details` are
    the paths that could not be collected."""

    def __init__(self, message: str, details: list[str]) -> None:
        super().__init__(message)
        self.details = details
