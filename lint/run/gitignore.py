"""What git ignores under a folder, when the folder is inside a git work tree.

Asked of git itself (`git ls-files --others --ignored --exclude-standard --directory`),
once per folder walked: it knows every source of ignore rules (nested `.gitignore` files,
`.git/info/exclude`, the user's `core.excludesFile`, negations) exactly as `git status`
applies them, and a file git tracks is never ignored. Outside a work tree, or without git
on the PATH, nothing is ignored.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path


def inside_work_tree(folder: Path) -> bool:
    """Whether folder or a folder above it holds `.git` (a folder, or a worktree's file)."""
    here = Path(os.path.abspath(folder))
    return any(os.path.exists(candidate / ".git") for candidate in (here, *here.parents))


def _git_environment() -> dict[str, str]:
    """The environment without the variables a git hook runs with (GIT_DIR, GIT_INDEX_FILE
    …, relative to the hook's folder, not the one walked): the work tree is found from the
    folder, as inside_work_tree finds it. What configures git itself is kept."""
    kept = ("GIT_EXEC_PATH", "GIT_CONFIG", "GIT_CEILING_DIRECTORIES")
    return {k: v for k, v in os.environ.items() if not k.startswith("GIT_") or k.startswith(kept)}


def ignored_paths(folder: Path) -> frozenset[str]:
    """The paths under folder that git ignores, relative to it with '/' separators; a
    folder ignored whole ends with '/'. Empty outside a work tree."""
    if not inside_work_tree(folder):
        return frozenset()
    try:
        done = subprocess.run(
            ["git", "-C", os.fspath(folder), "ls-files", "-z", "--others", "--ignored", "--exclude-standard",
             "--directory", "--", "."],
            capture_output=True, timeout=120, stdin=subprocess.DEVNULL, env=_git_environment())
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    if done.returncode != 0:  # not a repository git accepts (another owner's, damaged)
        return frozenset()
    listed = (os.fsdecode(path) for path in done.stdout.split(b"\0") if path)
    return frozenset(path.replace(os.sep, "/") for path in listed if path not in ("./", "."))
