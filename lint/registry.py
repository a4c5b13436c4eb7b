"""The rule registry: every rule comes through the `canonlint.rules` entry-point group.

canonlint's own notices (canonlint.run.notices, CL900-CL902) come first, as rules like the others.
Each entry point names a rule class, a list of classes, or a callable returning them (the
built-in entry is `canonlint.rules:all_rules`). Entry points are loaded one by one: a plug-in that
fails to import, or a rule with a malformed or duplicate code or name, is reported as a
problem and left out, and the other rules still run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib.metadata import entry_points

from canonlint.run.notices import NOTICES
from canonlint.rule import CODE_PATTERN, NAME_PATTERN, Option, OptionError, Rule
from canonlint.suggestions import did_you_mean

GROUP = "canonlint.rules"


@dataclass
class Registry:
    rules: list[type[Rule]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def find(self, code_or_name: str) -> type[Rule] | None:
        key = code_or_name.strip()
        for rule in self.rules:
            if rule.code == key.upper() or rule.name == key.lower():
                return rule
        return None

    def suggest(self, code_or_name: str) -> str:
        return did_you_mean(code_or_name, [r.code for r in self.rules] + [r.name for r in self.rules])


def _classes(obj) -> list:
    if isinstance(obj, type):
        return [obj]
    if callable(obj):
        obj = obj()
    return list(obj)


def load_registry() -> Registry:
    registry = Registry()
    loaded = list(entry_points(group=GROUP))
    candidates: list[tuple[str, object]] = [("canonlint", NOTICES)]  # the engine's own, always there
    if not any(ep.value == "canonlint.rules:all_rules" for ep in loaded):
        # Running from a source tree that was never installed: the built-in rules are
        # still the project's own, so load them directly.
        from canonlint.rules import all_rules

        candidates.append(("builtin", all_rules))
    for ep in loaded:
        try:
            candidates.append((ep.name, ep.load()))
        except Exception as exc:  # a broken plug-in must not stop the run
            registry.problems.append(f"rule plug-in '{ep.name}' ({ep.value}) failed to load: "
                                     f"{type(exc).__name__}: {exc}")
    seen_codes: dict[str, str] = {}
    seen_names: dict[str, str] = {}
    for source, obj in candidates:
        try:
            classes = _classes(obj)
        except Exception as exc:
            registry.problems.append(f"rule plug-in '{source}' failed to list its rules: "
                                     f"{type(exc).__name__}: {exc}")
            continue
        for cls in classes:
            problem = _validate(cls)
            if problem is None and cls.code in seen_codes:
                problem = f"code {cls.code} is already used by '{seen_codes[cls.code]}'"
            if problem is None and cls.name in seen_names:
                problem = f"name '{cls.name}' is already used by {seen_names[cls.name]}"
            if problem:
                registry.problems.append(f"rule plug-in '{source}': {getattr(cls, '__name__', cls)!s}: {problem}")
                continue
            seen_codes[cls.code] = cls.name
            seen_names[cls.name] = cls.code
            registry.rules.append(cls)
    registry.rules.sort(key=lambda r: r.code)
    return registry


def _validate(cls) -> str | None:
    if not isinstance(cls, type) or not issubclass(cls, Rule):
        return "is not a subclass of canonlint.rule.Rule"
    if not CODE_PATTERN.fullmatch(cls.code or ""):
        return f"code '{cls.code}' is not of the form CL123"
    if not NAME_PATTERN.fullmatch(cls.name or ""):
        return f"name '{cls.name}' is not kebab-case"
    if not cls.summary():
        return "has no docstring"
    for name, option in dict(cls.options).items():
        if not isinstance(option, Option):
            return f"option '{name}' is not declared with canonlint.rule.Option"
        try:
            option.parse(option.default, f"the default of option '{name}'")
        except OptionError as exc:
            return str(exc)
    return None
