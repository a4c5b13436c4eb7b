"""The result cache: what checking an edition found, kept on disk so that an unchanged
edition is not checked again (as ruff keeps its lint results).

An entry is keyed by everything that decides an edition's outcome: the edition's bytes,
the names the run reports it by, and the run key — canonlint's version and its modules'
sizes and times, the versions of the libraries that shape a result, the template's text, the configuration and the rules with their
severities and options. Change any of
these and the entry is simply not found; nothing is ever updated in place.

Entries live in `<cache-dir>/<version>/<run key>/`, one file each, written to a temporary
file and renamed into place, so concurrent runs and `--jobs` workers never see half an
entry. Each file carries a digest of its payload: a truncated or altered entry, or one that
holds no result, is a miss (and is removed), never an error; only a regular file is read. The payload is loaded by an unpickler that makes only
canonlint's own result classes, so a planted file cannot run code; they are stored as calls
of the class, so the findings read back share their text as the findings of a fresh check do. The folder is bounded:
when it grows past its limit, the least recently used entries go first.
"""

from __future__ import annotations

import contextlib
import copyreg
import hashlib
import io
import os
import pickle
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from canonlint.version import __version__

DEFAULT_FOLDER = ".canonlint_cache"
DEFAULT_LIMIT = 256 * 1024 * 1024
_MAGIC = b"canonlint-cache-1\n"
_DIGEST = 32
_GITIGNORE = "# Made by canonlint: everything here is a cache.\n*\n"
_CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                 "# This file is a cache directory tag made by canonlint.\n")

# What an entry may hold: the outcome's own classes and the plain values inside them.
_ALLOWED_GLOBALS = {
    ("builtins", name) for name in ("frozenset", "set", "dict", "list", "tuple", "str", "int",
                                    "float", "bool", "bytes", "complex", "slice", "NoneType")
} | {("collections", "OrderedDict"), ("collections", "defaultdict"), ("copyreg", "_reconstructor"),
     ("builtins", "object")}
_OWN_PACKAGES = ("canonlint",)


class _ResultUnpickler(pickle.Unpickler):
    """Makes only canonlint's classes (canonlint.*, the built-in rules' summaries) and plain
    values; anything else in a cache file makes the entry a miss."""

    extra_modules: frozenset[str] = frozenset()

    def find_class(self, module: str, name: str):
        if (module, name) in _ALLOWED_GLOBALS:
            return super().find_class(module, name)
        package = module.partition(".")[0]
        # Only a class defined in one of canonlint's modules: a dotted name ('os.system'
        # reached through a module's import) or a function there would let a planted file
        # call anything.
        if "." not in name and (package in _OWN_PACKAGES or module in self.extra_modules):
            found = super().find_class(module, name)
            if isinstance(found, type) and found.__module__ == module:
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not a canonlint result class")


@dataclass(frozen=True)
class CacheStats:
    hits: int = 0
    misses: int = 0
    written: int = 0


class ResultCache:
    """One run's view of the cache folder: entries of this run key only."""

    def __init__(self, folder: Path, run_key: str, *, limit: int = DEFAULT_LIMIT,
                 trusted_modules: Iterable[str] = ()) -> None:
        self.root = folder
        self.folder = folder / __version__ / run_key
        self.limit = limit
        self.trusted_modules = frozenset(trusted_modules)
        self.hits = self.misses = self.written = 0
        self._usable = True

    @staticmethod
    def entry_key(data: bytes, *names: str) -> str:
        digest = hashlib.sha256()
        for name in names:
            digest.update(name.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _file(self, key: str) -> Path:
        return self.folder / key[:2] / key

    def get(self, key: str, kind: type = object):
        """The stored value for key, or None (absent, unreadable, corrupt, or not a kind)."""
        path = self._file(key)
        try:
            blob = _read_regular(path)
        except OSError:
            self.misses += 1
            return None
        value = self._decode(blob) if blob is not None else None
        if not isinstance(value, kind) or value is None:
            with contextlib.suppress(OSError):
                path.unlink()
            self.misses += 1
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: kept longest when the folder is trimmed
        self.hits += 1
        return value

    def _decode(self, blob: bytes):
        head = len(_MAGIC)
        if not blob.startswith(_MAGIC) or len(blob) < head + _DIGEST:
            return None
        digest, payload = blob[head:head + _DIGEST], blob[head + _DIGEST:]
        if hashlib.sha256(payload).digest() != digest:
            return None
        unpickler = _ResultUnpickler(io.BytesIO(payload))
        unpickler.extra_modules = self.trusted_modules
        try:
            return unpickler.load()
        except Exception:  # any damage at all: a miss, never an error
            return None

    def put(self, key: str, value) -> None:
        """Store value under key; a cache that cannot be written is left alone quietly
        (the run's results do not depend on it)."""
        if not self._usable:
            return
        payload = _dumps(value)
        blob = _MAGIC + hashlib.sha256(payload).digest() + payload
        path = self._file(key)
        try:
            self._prepare(path.parent)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(blob)
                os.replace(temporary, path)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        except OSError:
            self._usable = False
            return
        self.written += 1

    def _prepare(self, folder: Path) -> None:
        if folder.is_dir():
            return
        fresh = not self.root.exists()
        folder.mkdir(parents=True, exist_ok=True)
        if fresh:
            (self.root / ".gitignore").write_text(_GITIGNORE, encoding="utf-8")
            (self.root / "CACHEDIR.TAG").write_text(_CACHEDIR_TAG, encoding="utf-8")

    def stats(self) -> CacheStats:
        return CacheStats(self.hits, self.misses, self.written)

    def trim(self) -> int:
        """Remove the least recently used entries (of any version or run key) until the
        folder is under three quarters of its limit; returns how many were removed."""
        if not self.written or not self.root.is_dir():
            return 0
        entries = []
        total = 0
        for folder, _subfolders, files in os.walk(self.root):
            for name in files:
                if name in (".gitignore", "CACHEDIR.TAG"):
                    continue
                path = os.path.join(folder, name)
                with contextlib.suppress(OSError):
                    status = os.stat(path)
                    entries.append((status.st_mtime_ns, status.st_size, path))
                    total += status.st_size
        if total <= self.limit:
            return 0
        removed = 0
        for _used, size, path in sorted(entries):
            if total <= self.limit * 3 // 4:
                break
            with contextlib.suppress(OSError):
                os.unlink(path)
                total -= size
                removed += 1
        return removed


def _dumps(value) -> bytes:
    """value pickled with canonlint's result classes as calls of the class: loaded back,
    each Finding shares its text with the rest of the run's, as a freshly made one does
    (canonlint.run.result_pickling)."""
    from canonlint.run.result_pickling import result_reducers

    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = copyreg.dispatch_table | result_reducers()
    pickler.dump(value)
    return buffer.getvalue()


def _read_regular(path: Path) -> bytes | None:
    """The bytes of a regular file at path; None for anything else there (a FIFO, a device:
    opened without waiting for a writer, never read)."""
    handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return None
        with os.fdopen(handle, "rb", closefd=False) as stream:
            return stream.read()
    finally:
        os.close(handle)


# The libraries whose version decides what a check finds: the readers' (a Markdown edition
# read as CommonMark or as plain text; PDF text) and the fuzzy matcher's scores.
SHAPING_LIBRARIES = {"markdown_it": "markdown-it-py", "pypdfium2": "pypdfium2", "rapidfuzz": "rapidfuzz"}


def library_stamp() -> tuple[tuple[str, str | None, str | None], ...]:
    """Each shaping library's version and where it would be imported from (None: not
    importable), found without importing it."""
    import importlib.metadata
    import importlib.util
    import sys

    stamp = []
    for module, distribution in SHAPING_LIBRARIES.items():
        try:
            spec = None if sys.modules.get(module, True) is None else importlib.util.find_spec(module)
            version = importlib.metadata.version(distribution) if spec is not None else None
        except (ImportError, ValueError):
            spec, version = None, None
        stamp.append((module, version, spec.origin if spec is not None else None))
    return tuple(stamp)


def code_stamp() -> tuple[tuple[str, int, int], ...]:
    """The size and modification time of every module of canonlint's own packages (the
    engine and its rules): a development checkout changes code, and with it what an entry holds, without
    changing the version, so an entry made by other code is never read back."""
    from canonlint import rules

    engine = Path(__file__).resolve().parent.parent  # canonlint's own package, not imported here: it imports the run
    stamp = []
    for folders in ([str(engine)], rules.__path__):
        for folder in folders:
            for path in sorted(Path(folder).rglob("*.py")):
                with contextlib.suppress(OSError):
                    status = path.stat()
                    stamp.append((path.relative_to(folder).as_posix(), status.st_mtime_ns, status.st_size))
    return tuple(stamp)


def run_key(*parts: object) -> str:
    """A short digest of the run's deciding inputs, given as reprs of plain values."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode("utf-8", "surrogateescape") + b"\0")
    return digest.hexdigest()[:24]


def result_cache(plan, config, folder: Path | None):
    """The cache of this run (None without one): its key is everything besides an
    edition's bytes and names that decides what checking it finds; folder None: the
    configuration's folder's DEFAULT_FOLDER."""
    import inspect
    import sys

    plugins = []
    for active in plan.rules:
        module = type(active.rule).__module__
        if not module.startswith("canonlint.rules."):  # a plug-in's code can change without canonlint's version
            try:
                status = os.stat(inspect.getfile(type(active.rule)))
            except (OSError, TypeError):
                return None
            plugins.append((module, status.st_mtime_ns, status.st_size))
    key = run_key(sys.version, code_stamp(), library_stamp(), plan.template.path, plan.template.text, config,
                  [(a.rule.code, a.severity, sorted(a.options.items(), key=repr)) for a in plan.rules],
                  sorted(plan.known.items()), plan.per_file_ignores, plugins,
                  getattr(plan.view, "__qualname__", None))
    folder = folder or config.root / DEFAULT_FOLDER
    return ResultCache(folder, key, trusted_modules=[m for m, *_ in plugins])
