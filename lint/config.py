"""Configuration: `canonlint.toml`, or `[tool.canonlint]` in `pyproject.toml`, found by
walking up from the first path checked (or given with --config).

Every key is checked here: an unknown key, a value of the wrong type or out of its
choices is a ConfigError with one clear line, and a suggestion when a close one exists.
Rule codes, names and options, which need the registry, are checked by canonlint.run.selection.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from canonlint.finding import Severity
from canonlint.readers.kinds import DEFAULT_INCLUDE
from canonlint.source import SourceError, read_file
from canonlint.suggestions import did_you_mean

CONFIG_NAMES = ("canonlint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    template: Path | None = None
    paths: tuple[Path, ...] = ()                 # the corpus: what `canonlint check` checks with no path
    include: tuple[str, ...] = DEFAULT_INCLUDE   # the edition kinds (canonlint.readers.kinds)
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    fail_on: Severity = Severity.WARNING
    severity: dict[str, Severity] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    baseline: Path | None = None
    slot_types: dict[str, Any] = field(default_factory=dict)   # the user's own, by name (canonlint.slots.SlotType)
    docs_url: str | None = None   # a rule's documentation page: https://…/{code} (reports link to it)
    fix_author: str = "canonlint"   # whom `--fix` names as the author of a Word file's tracked changes

    @property
    def root(self) -> Path:
        """The folder relative paths in the configuration start from: the config file's."""
        return self.path.parent if self.path is not None else Path.cwd()

    @property
    def where(self) -> str:
        if self.path is None:
            return "configuration"
        return f"{self.path} [tool.canonlint]" if self.path.name == "pyproject.toml" else str(self.path)


_LIST = list[str]
_KEYS: dict[str, Any] = {
    "template": str, "paths": _LIST, "include": _LIST, "exclude": _LIST, "select": _LIST,
    "extend-select": _LIST, "ignore": _LIST, "per-file-ignores": dict, "fail-on": str,
    "severity": dict, "rules": dict, "baseline": str, "slot-types": dict, "docs-url": str,
    "fix-author": str,
}


def find_config(start: Path) -> Path | None:
    """The nearest canonlint.toml, or pyproject.toml with [tool.canonlint], at or above start."""
    here = Path(os.path.abspath(start))  # not resolve(): the start may be a link loop, reported later
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            try:
                if not candidate.is_file():
                    continue
            except OSError:  # a folder that may not be read holds no configuration for this run
                continue
            if name == "canonlint.toml":
                return candidate
            try:
                if "canonlint" in tomllib.loads(candidate.read_text("utf-8")).get("tool", {}):
                    return candidate
            except (OSError, ValueError):  # unreadable, not UTF-8, not TOML
                continue
    return None


def load_config(path: Path) -> Config:
    return parse_config(_extended_table(path, ()), path)


def _read_table(path: Path) -> dict:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config ({exc})") from None
    except ValueError as exc:  # TOMLDecodeError, or an integer of more than 4,300 digits
        raise ConfigError(f"{path}: not valid TOML ({str(exc).split(';')[0]})") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("canonlint", {})
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: [tool.canonlint] must be a table")
    return data


# Tables merged entry by entry with the base's (the extending file's entries win; a rule's
# options option by option); every other key, and every option's value, the extending file
# sets replaces the base's whole, as ruff's `extend` does.
_MERGED_TABLES = ("severity", "rules", "per-file-ignores", "slot-types")


def _extended_table(path: Path, chain: tuple[Path, ...]) -> dict:
    """The file's table with its `extend` chain merged in: `extend = "../canonlint.toml"`
    names a base configuration (relative to this file), itself checked as a configuration;
    the base's file paths keep pointing where the base meant them. A cycle is an error."""
    data = dict(_read_table(path))
    base_name = data.pop("extend", None)
    if base_name is None:
        return data
    where = Config(path=path).where
    _check_type(where, "extend", base_name, str)
    base = Path(os.path.abspath(path.parent / base_name))
    here = (*chain, path)
    if os.path.realpath(base) in {os.path.realpath(p) for p in here}:
        cycle = " → ".join(str(p) for p in (*here, base))
        raise ConfigError(f"{where}: 'extend' makes a cycle: {cycle}")
    if not base.is_file():
        raise ConfigError(f"{where}: 'extend': {base_name}: no such configuration file")
    inherited = _extended_table(base, here)
    parse_config(inherited, base)  # the base is a configuration of its own: its mistakes name it
    merged = _anchored(inherited, base.parent)
    for key, value in data.items():
        if key in _MERGED_TABLES and isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
            if key == "rules":
                merged[key].update({rule: {**inherited["rules"][rule], **options} for rule, options in value.items()
                                    if isinstance(options, dict) and isinstance(inherited["rules"].get(rule), dict)})
        else:
            merged[key] = value
    return merged


def _anchored(data: dict, folder: Path) -> dict:
    """The base's file paths (template, paths, baseline, values-file) made absolute, so that
    they name the same files from the extending configuration's folder."""
    anchored = dict(data)
    for key in ("template", "baseline"):
        if key in anchored:
            anchored[key] = os.path.join(folder, anchored[key])
    if "paths" in anchored:
        anchored["paths"] = [os.path.join(folder, p) for p in anchored["paths"]]
    if "slot-types" in anchored:
        anchored["slot-types"] = {
            name: {**table, "values-file": os.path.join(folder, table["values-file"])} if "values-file" in table else table
            for name, table in anchored["slot-types"].items()}
    return anchored


def _type_name(kind) -> str:
    if kind == _LIST:
        return "list of strings"
    return {str: "string", list: "list", dict: "table", int: "integer", float: "number",
            bool: "boolean"}.get(kind, getattr(kind, "__name__", str(kind)))


def _check_type(where: str, key: str, value, expected) -> None:
    if expected == _LIST:
        if not isinstance(value, list):
            raise ConfigError(f"{where}: '{key}' must be a list of strings, not {_type_name(type(value))}")
        bad = next((v for v in value if not isinstance(v, str)), None)
        if bad is not None:
            raise ConfigError(f"{where}: '{key}' must be a list of strings; {bad!r} is not a string")
    elif not isinstance(value, expected):
        raise ConfigError(f"{where}: '{key}' must be a {_type_name(expected)}, not {_type_name(type(value))}")


def glob_problem(pattern: str) -> str | None:
    """Why a file glob would not do what it says, or None. fnmatch reads an unclosed `[` as a
    literal character and a set whose ranges are all reversed (`[z-a]`) as matching nothing,
    so a pattern that looks like a set but is not one silently matches no file."""
    if not pattern:
        return "an empty pattern matches no file"
    i = 0
    while i < len(pattern):
        if pattern[i] != "[":
            i += 1
            continue
        j = i + 1
        if j < len(pattern) and pattern[j] == "!":
            j += 1
        if j < len(pattern) and pattern[j] == "]":  # a ']' first in a set is one of its characters
            j += 1
        end = pattern.find("]", j)
        if end < 0:
            return f"its '[' at character {i + 1} is never closed; write '[[]' for a literal '['"
        members = pattern[i + 1:end].removeprefix("!")
        ranges = [members[k - 1:k + 2] for k in range(1, len(members) - 1) if members[k] == "-"]
        if ranges and len(members) == 3 * len(ranges) and all(r[0] > r[2] for r in ranges):
            return f"the set '{pattern[i:end + 1]}' is empty (its range runs backwards)"
        i = end + 1
    return None


def _check_globs(where: str, key: str, patterns) -> None:
    for pattern in patterns:
        problem = glob_problem(pattern)
        if problem:
            raise ConfigError(f"{where}: '{key}': pattern {pattern!r}: {problem}")


def _severity(value) -> Severity | None:
    return Severity(value.lower()) if isinstance(value, str) and value.lower() in list(Severity) else None


def _hint(value) -> str:
    return did_you_mean(value.lower(), [s.value for s in Severity]) if isinstance(value, str) else ""


def parse_config(data: dict, path: Path | None, where: str | None = None) -> Config:
    """A Config from the parsed TOML table; relative paths start at the file's folder."""
    where = where or Config(path=path).where
    for key, value in data.items():
        if key not in _KEYS:
            raise ConfigError(f"{where}: unknown key '{key}'{did_you_mean(key, _KEYS)}")
        _check_type(where, key, value, _KEYS[key])
    for key in ("include", "exclude"):
        _check_globs(where, key, data.get(key, ()))
    _check_globs(where, "per-file-ignores", data.get("per-file-ignores", {}))
    root = path.parent if path is not None else Path.cwd()
    fail_on = _severity(data.get("fail-on", "warning"))
    if fail_on is None:
        value = data["fail-on"]
        raise ConfigError(f"{where}: 'fail-on': '{value}' is not a severity (error, warning, info){_hint(value)}")
    severity = {}
    for rule, level in data.get("severity", {}).items():
        severity[rule] = _severity(level)
        if severity[rule] is None:
            raise ConfigError(f"{where}: severity of '{rule}' must be error, warning or info, "
                              f"not {level!r}{_hint(level)}")
    for rule, options in data.get("rules", {}).items():
        if not isinstance(options, dict):
            raise ConfigError(f"{where}: [rules.{rule}] must be a table of options")
    per_file = []
    for pattern, codes in data.get("per-file-ignores", {}).items():
        _check_type(where, f"per-file-ignores.\"{pattern}\"", codes, _LIST)
        per_file.append((pattern, tuple(codes)))
    template, baseline = data.get("template"), data.get("baseline")
    docs_url = data.get("docs-url")
    if docs_url is not None:
        _check_docs_url(where, docs_url)
    return Config(
        path=path,
        template=(root / template) if template else None,
        paths=tuple(root / p for p in data.get("paths", ())),
        include=tuple(data.get("include", Config.include)),
        exclude=tuple(data.get("exclude", ())),
        select=tuple(data.get("select", ("ALL",))),
        extend_select=tuple(data.get("extend-select", ())),
        ignore=tuple(data.get("ignore", ())),
        per_file_ignores=tuple(per_file),
        fail_on=fail_on,
        severity=severity,
        rule_options={k: dict(v) for k, v in data.get("rules", {}).items()},
        baseline=(root / baseline) if baseline else None,
        slot_types=_slot_types(data.get("slot-types", {}), root, where),
        docs_url=docs_url,
        fix_author=_fix_author(data.get("fix-author", Config.fix_author), where),
    )


DOCS_URL_FIELDS = ("code", "name")


def _check_docs_url(where: str, url: str) -> None:
    """`docs-url`: an http(s) address with `{code}` or `{name}` where a rule's goes (a
    report links each rule to its own page, so an address without one is a mistake)."""
    from string import Formatter
    from urllib.parse import urlsplit

    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise ConfigError(f"{where}: 'docs-url' must be an http or https address, not {url!r}")
    try:
        fields = [name for _, name, _, _ in Formatter().parse(url) if name is not None]
    except ValueError as exc:
        raise ConfigError(f"{where}: 'docs-url': {exc} (write '{{{{' and '}}}}' for literal braces)") from None
    unknown = next((name for name in fields if name not in DOCS_URL_FIELDS), None)
    if unknown is not None:
        raise ConfigError(f"{where}: 'docs-url': unknown field '{{{unknown}}}' (use {{code}} or {{name}})"
                          f"{did_you_mean(unknown, DOCS_URL_FIELDS)}")
    if not fields:
        raise ConfigError(f"{where}: 'docs-url' must hold {{code}} or {{name}}, where a rule's goes")


def docs_url_of(template: str, code: str, name: str) -> str:
    """A rule's documentation address from `docs-url`."""
    return template.format(code=code, name=name)


def _fix_author(value: str, where: str) -> str:
    if not value.strip() or len(value) > 255 or any(ord(c) < 32 for c in value):
        raise ConfigError(f"{where}: 'fix-author' must be a name of 1 to 255 characters on one line, not {value!r}")
    return value


_SLOT_TYPE_KEYS = ("values", "values-file", "pattern", "description")


def _slot_type_values(name: str, table: dict, root: Path, where: str) -> list[str] | None:
    if "values" in table:
        _check_type(where, f"slot-types.{name}.values", table["values"], _LIST)
        return list(table["values"])
    if "values-file" not in table:
        return None
    _check_type(where, f"slot-types.{name}.values-file", table["values-file"], str)
    path = root / table["values-file"]
    try:
        # read_file: a regular file within the size bound, never a FIFO or /dev/zero
        lines = read_file(path, str(path)).decode("utf-8").splitlines()
    except SourceError as exc:
        raise ConfigError(f"{where}: [slot-types.{name}] values-file: cannot read {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{where}: [slot-types.{name}] values-file {path}: cannot read "
                          f"(not UTF-8 text: {exc.reason} at byte {exc.start})") from None
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def _slot_types(tables: dict, root: Path, where: str) -> dict[str, Any]:
    """[slot-types.NAME] tables: values = [...], values-file = "FILE" (one a line) or
    pattern = '...' (linear), and an optional description."""
    from canonlint.slots import SlotTypeError, user_slot_type

    types = {}
    for name, table in tables.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{where}: [slot-types.{name}] must be a table (values, values-file or pattern)")
        for key in table:
            if key not in _SLOT_TYPE_KEYS:
                raise ConfigError(f"{where}: [slot-types.{name}]: unknown key '{key}'{did_you_mean(key, _SLOT_TYPE_KEYS)}")
        if "values" in table and "values-file" in table:
            raise ConfigError(f"{where}: [slot-types.{name}]: give 'values' or 'values-file', not both")
        pattern = table.get("pattern")
        if pattern is not None:
            _check_type(where, f"slot-types.{name}.pattern", pattern, str)
        description = table.get("description")
        if description is not None:
            _check_type(where, f"slot-types.{name}.description", description, str)
        try:
            types[name] = user_slot_type(name, values=_slot_type_values(name, table, root, where),
                                         pattern=pattern, description=description)
        except SlotTypeError as exc:
            raise ConfigError(f"{where}: [slot-types.{name}]: {exc}") from None
    return types
