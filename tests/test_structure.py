"""The shape the code promises to keep (CONTRIBUTING.md, "The shape of the code"): every
function one readable job, every module one room, and no two modules that need each other.

- no function or method in the engine or the rules is over 60 lines;
- no module is over 500 lines;
- no two modules share a file name (`__init__.py` aside), so a name says which module it is;
- no import cycle among the modules of `lint/` and `rules/`, imports inside functions included.

An import edge is read from the source, as Python resolves it: `import canonlint.a.b` and
`from canonlint.a import b` lead to the module `canonlint.a.b` when there is one, otherwise to
`canonlint.a` (the package's `__init__`, which is where `b` then comes from).
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import ROOT

MAX_FUNCTION_LINES = 60
MAX_MODULE_LINES = 500
PACKAGE_FOLDERS = {"lint": "canonlint", "rules": "canonlint.rules"}


def _module_name(path: Path) -> str:
    folder = path.relative_to(ROOT).parts[0]
    parts = list(path.relative_to(ROOT / folder).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE_FOLDERS[folder], *parts])


MODULES = {_module_name(path): path
           for folder in PACKAGE_FOLDERS for path in sorted((ROOT / folder).rglob("*.py"))}
SOURCES = sorted(MODULES.values())


def _ids(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", SOURCES, ids=_ids)
def test_no_function_is_over_60_lines(path):
    tree = ast.parse(path.read_text("utf-8"))
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines, from line {node.lineno})"
            for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert long == []


@pytest.mark.parametrize("path", SOURCES, ids=_ids)
def test_no_module_is_over_500_lines(path):
    lines = len(path.read_text("utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{_ids(path)} has {lines} lines"


def test_no_two_modules_share_a_file_name():
    names = Counter(path.name for path in SOURCES if path.name != "__init__.py")
    assert sorted(name for name, count in names.items() if count > 1) == []


def _imported(module: str, path: Path) -> set[str]:
    """The modules of the project that `module` imports, anywhere in its source."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {name for name in found if name in MODULES and name != module}


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while not group or group[-1] != node:
                        group.append(stack.pop())
                        on_stack.discard(group[-1])
                    if len(group) > 1:
                        cycles.append(sorted(group))
            elif child not in index:
                index[child] = low[child] = len(index)
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return cycles


def test_the_cycle_finder_finds_a_cycle_and_nothing_else():
    assert import_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert import_cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_no_import_cycle_among_the_modules():
    graph = {module: _imported(module, path) for module, path in MODULES.items()}
    assert sum(map(len, graph.values())) > 200  # the reading found the imports
    assert import_cycles(graph) == []
