"""The pre-commit hooks, run by the real pre-commit (`pre-commit try-repo`) against a
copy of this repository, in a temporary git repository of editions.

pre-commit installs the hook's environment from the repository with pip, so the test
needs the package index (for setuptools, click and rapidfuzz) and takes a little while
the first time; the environment is shared by the tests of this module.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES, copy_project, sample_text

PROJECT_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "lint", "rules")
BAD = sample_text("westminster").replace("tel: 0845 303 0900", "tel: 0845 303 0901")


def _environment(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("GIT_", "PRE_COMMIT")) and k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS")}
    env.update({
        "PRE_COMMIT_HOME": str(home / "pre-commit-cache"),
        "GIT_AUTHOR_NAME": "canonlint tests", "GIT_AUTHOR_EMAIL": "tests@canonlint.invalid",
        "GIT_COMMITTER_NAME": "canonlint tests", "GIT_COMMITTER_EMAIL": "tests@canonlint.invalid",
        "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull,
    })
    env.setdefault("HOME", str(home))
    return env


def _git(cwd: Path, env, *args) -> None:
    subprocess.run(["git", "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                   cwd=cwd, env=env, check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    """(hook repository, editions repository, environment)."""
    base = tmp_path_factory.mktemp("precommit")
    env = _environment(base)
    hooks = base / "canonlint"
    copy_project(PROJECT_FILES, hooks)
    _git(hooks, env, "init", "-q")
    _git(hooks, env, "add", "-A")
    _git(hooks, env, "commit", "-q", "-m", "canonlint")

    editions = base / "editions-repo"
    (editions / "editions").mkdir(parents=True)
    shutil.copy(SAMPLES / "template.md", editions / "template.md")
    # The Westminster sample keeps some conversion debris (CL7..): left out, so that it is a good edition.
    (editions / "canonlint.toml").write_text('template = "template.md"\npaths = ["editions"]\nignore = ["CL7"]\n',
                                             "utf-8")
    (editions / "README.md").write_text("# Our editions\n\nNot an edition itself.\n", "utf-8")
    (editions / "editions" / "westminster.txt").write_text(sample_text("westminster"), "utf-8")
    _git(editions, env, "init", "-q")
    _git(editions, env, "add", "-A")
    _git(editions, env, "commit", "-q", "-m", "editions")
    return hooks, editions, env


def _try_repo(setup, hook: str, *files: str) -> subprocess.CompletedProcess:
    hooks, editions, env = setup
    selection = ["--files", *files] if files else ["--all-files"]
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hooks), hook, "--verbose", *selection],
                          cwd=editions, env=env, capture_output=True, text=True, timeout=900)


def _write(setup, relative: str, text: str | None) -> None:
    path = setup[1] / relative
    if text is None:
        path.unlink()
    else:
        path.write_text(text, "utf-8")


def test_the_edition_hook_passes_a_good_edition_and_fails_a_bad_one(setup):
    good = _try_repo(setup, "canonlint", "editions/westminster.txt", "README.md", "template.md")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "No findings in 1 file." in good.stdout  # README.md and the template were left out
    _write(setup, "editions/camden.txt", BAD)
    try:
        bad = _try_repo(setup, "canonlint", "editions/camden.txt")
        assert bad.returncode == 1, bad.stdout + bad.stderr
        assert ("editions/camden.txt:200:6: CL105 [error] phone number differs from the template: "
                "expected '0845 303 0900', found '0845 303 0901'") in bad.stdout
        assert "Failed" in bad.stdout
    finally:
        _write(setup, "editions/camden.txt", None)


def test_the_corpus_hook_compares_every_edition_whatever_is_committed(setup):
    passing = _try_repo(setup, "canonlint-corpus", "README.md")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "No findings in 1 file." in passing.stdout
    _write(setup, "editions/camden.txt", BAD)  # a second Westminster edition, with a changed phone number
    try:
        failing = _try_repo(setup, "canonlint-corpus", "README.md")
        assert failing.returncode == 1, failing.stdout + failing.stderr
        assert "CL601 [error]" in failing.stdout
        assert "CL105" not in failing.stdout  # the edition hook's to report, when camden.txt is committed
    finally:
        _write(setup, "editions/camden.txt", None)


@pytest.fixture(scope="module")
def documents_repo(setup):
    """A repository of editions of three kinds: text, Word and PDF (the samples)."""
    hooks, _, env = setup
    editions = hooks.parent / "documents-repo"
    (editions / "editions").mkdir(parents=True)
    shutil.copy(SAMPLES / "template.md", editions / "template.md")
    (editions / "canonlint.toml").write_text('template = "template.md"\npaths = ["editions"]\nignore = ["CL7"]\n',
                                             "utf-8")
    (editions / "editions" / "westminster.txt").write_text(sample_text("westminster"), "utf-8")
    shutil.copy(SAMPLES / "documents" / "westminster.docx", editions / "editions" / "westminster.docx")
    shutil.copy(SAMPLES / "documents" / "tower-hamlets.pdf", editions / "editions" / "tower-hamlets.pdf")
    _git(editions, env, "init", "-q")
    _git(editions, env, "add", "-A")
    _git(editions, env, "commit", "-q", "-m", "editions")
    return hooks, editions, env


def test_both_hooks_read_every_edition_kind_and_print_each_finding_once(documents_repo):
    """Every hook of the repository (try-repo with no hook named), on a commit of a text, a
    Word and a PDF edition: the PDF is read (the hooks install the documents extra), its
    finding printed once, and the one corpus finding (Westminster twice) once too."""
    hooks, editions, env = documents_repo
    result = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hooks), "--verbose", "--all-files"],
                            cwd=editions, env=env, capture_output=True, text=True, timeout=900)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "documents' extra" not in output
    pdf = ("editions/tower-hamlets.pdf:196:36: CL401 [error] Residential burglary: -0.6% is a reduction, "
           "but the status says 'Target missed' [page 4")
    assert output.count(pdf) == 1, output
    assert [line for line in output.splitlines() if "CL601" in line] == [
        "editions/westminster.docx:1:24: CL601 [error] Westminster is also the borough of editions/westminster.txt",
        "editions/westminster.txt:3:24: CL601 [error] Westminster is also the borough of editions/westminster.docx",
    ], output
    finding_lines = [line for line in output.splitlines() if line.startswith("editions/") and ": CL" in line]
    assert len(finding_lines) == len(set(finding_lines)) == 3, output  # what `canonlint check` finds there


def test_the_hooks_split_the_rules_at_the_rules_that_compare_editions():
    """The hooks' `CL6` selector is exactly the rules that compare editions: each rule runs
    in one hook, never in both and never in neither."""
    import yaml

    from canonlint.registry import load_registry
    from canonlint.rule import CorpusRule

    hooks = {hook["id"]: hook["entry"] for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))}
    assert hooks["canonlint"].endswith("--ignore CL6") and hooks["canonlint-corpus"].endswith("--select CL6")
    for rule in load_registry().rules:
        assert rule.code.startswith("CL6") == issubclass(rule, CorpusRule), rule.code


def test_both_hooks_are_given_every_kind_of_edition():
    """pre-commit hands a hook the committed files its `files` pattern and `types`/`types_or`
    tags select; a Word, PDF or HTML edition left out there would never be checked."""
    import re

    import yaml
    from identify.identify import tags_from_filename

    from canonlint.readers.kinds import EDITION_SUFFIXES

    for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8")):
        for suffix in EDITION_SUFFIXES:
            name = f"editions/westminster{suffix}"
            tags = tags_from_filename(name) | {"file"}
            selected = (re.search(hook.get("files", ""), name) is not None
                        and set(hook.get("types", ["file"])) <= tags
                        and (not hook.get("types_or") or bool(tags & set(hook["types_or"]))))
            assert selected, (hook["id"], suffix)
