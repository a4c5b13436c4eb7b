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

from tests.conftest import ROOT, SAMPLES, sample_text

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
    hooks.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, hooks / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, hooks / name)
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


def test_the_corpus_hook_checks_every_edition_whatever_is_committed(setup):
    passing = _try_repo(setup, "canonlint-corpus", "README.md")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "No findings in 1 file." in passing.stdout
    _write(setup, "editions/camden.txt", BAD)
    try:
        failing = _try_repo(setup, "canonlint-corpus", "editions/westminster.txt")
        assert failing.returncode == 1, failing.stdout + failing.stderr
        assert "editions/camden.txt:200:6: CL105 [error]" in failing.stdout
    finally:
        _write(setup, "editions/camden.txt", None)


def test_both_hooks_are_given_every_kind_of_edition():
    """pre-commit hands a hook the committed files its `files` pattern and `types`/`types_or`
    tags select; a Word, PDF or HTML edition left out there would never be checked."""
    import re

    import yaml
    from identify.identify import tags_from_filename

    from canonlint.files import EDITION_SUFFIXES

    for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8")):
        for suffix in EDITION_SUFFIXES:
            name = f"editions/westminster{suffix}"
            tags = tags_from_filename(name) | {"file"}
            selected = (re.search(hook.get("files", ""), name) is not None
                        and set(hook.get("types", ["file"])) <= tags
                        and (not hook.get("types_or") or bool(tags & set(hook["types_or"]))))
            assert selected, (hook["id"], suffix)
