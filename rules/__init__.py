"""Built-in rules, one module per problem, loaded through the `canonlint.rules` entry point
exactly as third-party rules are.

No list of modules is kept by hand: every module of this package is imported, and every
rule class it defines is a built-in rule. A new rule is one module here and one case file
in tests/rules/cases/. A module whose name starts with `_` is a private helper and is not
searched.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil


def _rule_classes(module) -> list[type]:
    """The rule classes a module defines (not those it imports), with a code."""
    from canonlint.rule import Rule

    return [cls for _, cls in inspect.getmembers(module, inspect.isclass)
            if cls.__module__ == module.__name__ and issubclass(cls, Rule) and getattr(cls, "code", "")]


def all_rules() -> list[type]:
    """Every built-in rule class, in code order."""
    classes = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_") or info.ispkg:
            continue
        classes.extend(_rule_classes(importlib.import_module(f"{__name__}.{info.name}")))
    return sorted(classes, key=lambda cls: (cls.code, cls.name))
