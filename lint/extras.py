"""The optional extras (`documents`, `server`) and the command that installs one into the
environment canonlint runs in — however canonlint was installed (a checkout, a git URL,
pipx), since canonlint is not on a package index: the extra's requirements, as the
installed distribution declares them, installed with this interpreter's pip.
"""

from __future__ import annotations

import re
import shlex
import sys
from importlib import metadata

_EXTRA_MARKER = re.compile(r"""^\s*extra\s*==\s*["']([^"']+)["']\s*$""")


def requirements(extra: str) -> list[str]:
    """The requirements the extra adds; [] when canonlint is not installed as a distribution."""
    try:
        declared = metadata.requires("canonlint") or []
    except metadata.PackageNotFoundError:
        return []
    found = []
    for line in declared:
        requirement, _, marker = line.partition(";")
        match = _EXTRA_MARKER.match(marker)
        if match is not None and match.group(1) == extra:
            found.append(requirement.strip())
    return found


def install_command(extra: str) -> str:
    """A command that installs the extra where canonlint runs: this interpreter's pip with
    the extra's requirements (with pipx: `pipx inject canonlint …` does the same)."""
    wanted = requirements(extra)
    if not wanted:  # run from a source tree without being installed
        return f"pip install '.[{extra}]' in canonlint's checkout"
    return " ".join([shlex.quote(sys.executable), "-m", "pip", "install", *map(shlex.quote, wanted)])
