"""Selection: the rules a run uses — chosen by --select/--ignore and the configuration,
with their severities and options — and the rules per-file-ignores takes off one file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from canonlint.config import Config, ConfigError
from canonlint.suggestions import did_you_mean
from canonlint.finding import Severity
from canonlint.path_globs import matches_glob
from canonlint.registry import Registry
from canonlint.rule import OptionError, Rule


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    severity: Severity
    options: dict[str, Any]


def selected(rule, selectors: tuple[str, ...]) -> bool:
    """Whether a rule is one the selectors name: ALL, a code prefix or a name."""
    return any(s.upper() == "ALL" or rule.code.startswith(s.upper()) or rule.name == s.lower()
               for s in selectors)


def _suggest(registry: Registry, name: str) -> str:
    return did_you_mean(name, [r.code for r in registry.rules] + [r.name for r in registry.rules])


def _check_selectors(registry: Registry, selectors, where: str) -> None:
    for selector in selectors:
        if selector.upper() == "ALL":
            continue
        if not any(selected(r, (selector,)) for r in registry.rules):
            raise ConfigError(f"{where}: unknown rule '{selector}'{_suggest(registry, selector)}")


def _chosen(config: Config, select, ignore) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (tuple(select) if select else config.select + config.extend_select,
            config.ignore + tuple(ignore))


def resolve_rules(registry: Registry, config: Config, select: tuple[str, ...] | None = None,
                  ignore: tuple[str, ...] = ()) -> list[ActiveRule]:
    """The rules this run uses. Command-line --select replaces the config's select;
    --ignore adds to the config's ignore."""
    where = config.where
    chosen_select, chosen_ignore = _chosen(config, select, ignore)
    _check_selectors(registry, chosen_select, "--select" if select else where)
    _check_selectors(registry, config.ignore, where)
    _check_selectors(registry, tuple(ignore), "--ignore")
    for pattern, codes in config.per_file_ignores:
        _check_selectors(registry, codes, f"{where}: per-file-ignores \"{pattern}\"")
    for key in (*config.severity, *config.rule_options):
        if registry.find(key) is None:
            raise ConfigError(f"{where}: unknown rule '{key}'{_suggest(registry, key)}")
        if key in config.rule_options and config.rule_options[key] and not registry.find(key).options:
            raise ConfigError(f"{where}: [rules.{key}]: {key} has no options")
    active = []
    for cls in registry.rules:  # every rule's options are checked, whether it runs or not
        options = configured_options(cls, config)
        if selected(cls, chosen_select) and not selected(cls, chosen_ignore):
            severity = config.severity.get(cls.code) or config.severity.get(cls.name) or cls.severity
            active.append(ActiveRule(cls(), severity, options))
    return active


def configured_options(cls, config: Config) -> dict:
    """A rule's options as the configuration sets them (raises ConfigError)."""
    try:  # the values under the rule's name win over those under its code
        return cls.resolve_options({**config.rule_options.get(cls.code, {}),
                                    **config.rule_options.get(cls.name, {})})
    except OptionError as exc:
        raise ConfigError(f"{config.where}: {exc}") from None


def check_options_against_template(registry: Registry, config: Config, template) -> None:
    """Every rule's options (run or not) that name a row or table the template lacks: a
    ConfigError with the first, and the closest name the template has."""
    for cls in registry.rules:
        for problem in cls.template_problems(configured_options(cls, config), template):
            raise ConfigError(f"{config.where}: [rules.{cls.code}] {problem}")


def ignored_for(key: str, per_file_ignores) -> tuple[str, ...]:
    """The selectors per-file-ignores sets for a file (its path relative to the config's
    folder). A pattern without a slash also matches the file's name alone."""
    return tuple(code for pattern, codes in per_file_ignores if matches_glob(key, pattern) for code in codes)


def known_rules(registry: Registry) -> dict[str, str]:
    """Every code and name a suppression comment may use → its code."""
    known = {}
    for rule in registry.rules:
        known[rule.code] = rule.code
        known[rule.name] = rule.code
    return known
