"""Shared test helpers: the sample template, the samples, and a one-call linter."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from canonlint.config import Config
from canonlint.readers import read_edition, reader_for
from canonlint.readers.md import with_markdown_layout
from canonlint.registry import load_registry
from canonlint.run.corpus import check_corpus
from canonlint.run.edition_rules import check_source
from canonlint.run.selection import resolve_rules
from canonlint.source import Source
from canonlint.template import load_template

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
BOROUGHS = SAMPLES / "boroughs"


def pytest_configure(config):
    """No result cache for fixtures wider than a test either (a module's report): see below."""
    os.environ["CANONLINT_NO_CACHE"] = "1"


@pytest.fixture(autouse=True)
def _no_result_cache(monkeypatch):
    """Each test checks afresh (a cached result would hide what a test changed between two
    runs); tests/test_cache.py turns the cache on where it is the subject."""
    monkeypatch.setenv("CANONLINT_NO_CACHE", "1")
    monkeypatch.delenv("CANONLINT_CACHE_DIR", raising=False)


@pytest.fixture(scope="session")
def template():
    return load_template(SAMPLES / "template.md", "samples/template.md")


@pytest.fixture(scope="session")
def registry():
    return load_registry()


def sample_text(name: str) -> str:
    return (BOROUGHS / f"{name}.txt").read_text(encoding="utf-8")


def edit(text: str, replacements) -> str:
    """Apply (old, new) replacements, each of which must occur exactly once."""
    for old, new in replacements:
        count = text.count(old)
        assert count == 1, f"{old!r} occurs {count} times in the edition; make the case precise"
        text = text.replace(old, new)
    return text


@pytest.fixture(scope="session")
def lint(template, registry):
    """lint(text, select=("CL101",)) -> findings of those rules on an edition text (or on
    an edition's bytes, read as a file named path would be: a document by its reader)."""
    from canonlint.readers import read_edition

    def run(text: str | bytes, select: tuple[str, ...] = ("ALL",), path: str = "edition.txt", tpl=None,
            options=None, pdf: tuple[str, bytes] | None = None):
        config = Config(rule_options={code: dict(options) for code in select}) if options else Config()
        rules = resolve_rules(registry, config, select)
        source = _read(path, text)
        if pdf is not None:  # the PDF exported from a Word file, beside it (canonlint.run.pairs)
            from canonlint.run.edition_fixes import with_companion as _with_companion

            source = _with_companion(source, read_edition(None, *pdf))
        return check_source(source, tpl or template, rules).findings

    return run


def _read(path: str, text: str | bytes) -> Source:
    """The Source of an edition as canonlint reads a file of that name: bytes through its
    reader, a text as it is (any text, a NUL included), a .md one as Markdown."""
    if isinstance(text, bytes):
        return read_edition(None, path, text)
    source = Source.from_text(path, text)
    return with_markdown_layout(source) if reader_for(path) == "md" else source


@pytest.fixture(scope="session")
def lint_corpus(template, registry):
    """lint_corpus([(path, text), ...], select=...) -> findings of one run over all editions."""

    def run(editions, select: tuple[str, ...] = ("ALL",), tpl=None):
        rules = resolve_rules(registry, Config(), select)
        chosen = tpl or template
        results = [check_source(_read(path, text), chosen, rules) for path, text in editions]
        return [f for result in check_corpus(results, chosen, rules) for f in result.findings]

    return run


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch):
    """Every test sees canonlint as on a developer's machine, even when CI sets GitHub's
    variables (which would switch the default format) or colour variables."""
    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)


def copy_project(names: tuple[str, ...], destination: Path) -> None:
    """Copy these files and folders of the repository (sources without their bytecode) into
    destination, for a tool that installs canonlint from a folder (pre-commit, the action)."""
    import shutil

    destination.mkdir(parents=True, exist_ok=True)
    for name in names:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, destination / name)


def missing_in_ci(message: str) -> None:
    """Skip a test whose system program is missing, except in CI (`CI` set), where .ci/run
    installs it and its absence is a failure, not a skip."""
    import os

    if os.environ.get("CI"):
        pytest.fail(f"{message}; CI must have it: .ci/run installs it")
    pytest.skip(message)


def libreoffice(profile: Path, *arguments: str) -> list[str]:
    """The command line of a headless LibreOffice run with its own user profile, made in the
    folder profile: runs at the same time (two tests, or another run of the suite) would
    otherwise share the user's one profile, and the second fails on the first's lock."""
    return ["soffice", f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", *arguments]


def require_tool(command: str, package: str) -> None:
    """A test needs a system program (a converter a fixture check runs)."""
    import shutil

    if shutil.which(command) is None:
        missing_in_ci(f"{command} is not installed (Debian's {package})")
