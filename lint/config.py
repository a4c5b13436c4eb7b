"""Configuration: `canonlint.toml`, or `[tool.canonlint]` in `pyproject.toml`, found by
walking up from the first path checked (or given with --config). Every key is checked:
an unknown key, a wrong type or an unknown rule is a ConfigError with one clear line."""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lint.finding import Severity

CONFIG_NAMES = ("canonlint.toml", "pyproject.toml")


class ConfigError(Exception):
    """A configuration that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    path: Path | None = None
    template: Path | None = None
    include: tuple[str, ...] = ("*.txt", "*.md")
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    severity: dict[str, Severity] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)


_KEYS = {
    "template": str, "include": list, "exclude": list, "select": list, "extend-select": list,
    "ignore": list, "fail-on": str, "severity": dict, "rules": dict,
}


def _did_you_mean(key: str, choices) -> str:
    close = difflib.get_close_matches(key, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def find_config(start: Path) -> Path | None:
    """The nearest canonlint.toml, or pyproject.toml with [tool.canonlint], at or above start."""
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if not candidate.is_file():
                continue
            if name == "canonlint.toml":
                return candidate
            try:
                if "canonlint" in tomllib.loads(candidate.read_text("utf-8")).get("tool", {}):
                    return candidate
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
    return None


def load_config(path: Path) -> Config:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read config ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("canonlint", {})
        where = f"{path} [tool.canonlint]"
    else:
        where = str(path)
    return parse_config(data, path, where)


def parse_config(data: dict, path: Path | None, where: str) -> Config:
    for key, value in data.items():
        if key not in _KEYS:
            raise ConfigError(f"{where}: unknown key '{key}'{_did_you_mean(key, _KEYS)}")
        expected = _KEYS[key]
        if not isinstance(value, expected):
            raise ConfigError(f"{where}: '{key}' must be a {_type_name(expected)}, not {_type_name(type(value))}")
        if expected is list and not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: '{key}' must be a list of strings")
    root = path.parent if path is not None else Path.cwd()
    try:
        fail_on = Severity.parse(data.get("fail-on", "warning"))
    except ValueError as exc:
        raise ConfigError(f"{where}: 'fail-on': {exc}") from None
    severity = {}
    for rule, level in data.get("severity", {}).items():
        try:
            severity[rule] = Severity.parse(level if isinstance(level, str) else "")
        except ValueError:
            raise ConfigError(f"{where}: severity of '{rule}' must be error, warning or info, not {level!r}") from None
    for rule, options in data.get("rules", {}).items():
        if not isinstance(options, dict):
            raise ConfigError(f"{where}: [rules.{rule}] must be a table of options")
    template = data.get("template")
    return Config(
        path=path,
        template=(root / template) if template else None,
        include=tuple(data.get("include", Config.include)),
        exclude=tuple(data.get("exclude", ())),
        select=tuple(data.get("select", ("ALL",))),
        extend_select=tuple(data.get("extend-select", ())),
        ignore=tuple(data.get("ignore", ())),
        fail_on=fail_on,
        severity=severity,
        rule_options={k: dict(v) for k, v in data.get("rules", {}).items()},
    )


def _type_name(kind: type) -> str:
    return {str: "string", list: "list", dict: "table", int: "integer", float: "number",
            bool: "boolean"}.get(kind, kind.__name__)
