"""The README's rule table, made from the rules themselves: each built-in rule's code, name,
default severity, whether it offers a fix, and its docstring's summary line (what
`canonlint rules` prints), and the count of rules its prose gives ("41 now").
`python -m tests.readme_rules` rewrites both in README.md; tests/test_readme.py fails,
naming this command, while either is stale."""

from __future__ import annotations

import re

from canonlint.registry import load_registry
from tests.conftest import ROOT

COMMAND = "python -m tests.readme_rules"
README = ROOT / "README.md"
HEADER = "| code | name | severity | fix | what it reports |\n|---|---|---|---|---|\n"
# The table: its header, then every row that follows it.
TABLE = re.compile(r"^\| code \| name \| severity \|[^\n]*\n\|[-|]+\|\n(?:\|[^\n]*\n)*", re.M)
# The prose's count of the rules that check editions (the notices, CL9xx, left out): "41 now)".
COUNT = re.compile(r"\b(\d+) now\)")


def rule_table() -> str:
    """The table as the rules make it: the engine's own rules and the built-in ones (a
    plug-in installed beside canonlint is not the README's to list), in code order."""
    rules = [rule for rule in load_registry().rules if rule.__module__.startswith("canonlint.")]
    return HEADER + "".join(f"| {rule.code} | {rule.name} | {rule.severity.value} | {'yes' if rule.fixable else ''} "
                            f"| {_cell(rule.summary())} |\n" for rule in rules)


def rule_count() -> int:
    """How many rules check editions: every rule but the engine's notices (CL9xx)."""
    return sum(1 for rule in load_registry().rules if rule.code < "CL900")


def with_rule_count(readme: str) -> str:
    """readme with its prose's count of rules made the real one."""
    return COUNT.sub(f"{rule_count()} now)", readme)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def table_in(readme: str) -> str:
    """The rule table as the README has it."""
    found = TABLE.search(readme)
    if found is None:
        raise SystemExit("README.md has no rule table (a table headed '| code | name | severity |')")
    return found.group(0)


def main() -> None:
    readme = README.read_text(encoding="utf-8")
    table = table_in(readme)
    fresh = rule_table()
    rewritten = with_rule_count(readme.replace(table, fresh, 1))
    if rewritten == readme:
        print("README.md: the rule table is up to date")
        return
    README.write_text(rewritten, encoding="utf-8")
    print(f"README.md: the rule table rewritten ({fresh.count(chr(10)) - 2} rules)")


if __name__ == "__main__":
    main()
