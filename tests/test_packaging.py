"""What `pip install .` puts in site-packages: one import package, `canonlint`.

The repository keeps `lint/` (the engine) and `rules/` (the built-in rules) at its top, but
installs them as `canonlint` and `canonlint.rules`, so that another distribution's `rules`
or `lint` (PyPI has both) can neither shadow canonlint nor be shadowed by it. Building the
wheel needs the package index (for setuptools), as the pre-commit tests do.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
                   check=True, capture_output=True, timeout=600)
    (found,) = out.glob("canonlint-*.whl")
    return found


def test_the_wheel_installs_one_top_level_package(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    assert {top for top in tops if not top.endswith(".dist-info")} == {"canonlint"}
    assert "canonlint/rules/phone_format_inconsistent.py" in names
    assert "canonlint/report/html_assets/report.css" in names
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "canonlint = canonlint.cli:main" in text
    assert "builtin = canonlint.rules:all_rules" in text


def test_every_module_of_the_source_tree_is_in_the_wheel(wheel):
    """A new subpackage (lint/server/) left out of pyproject's package list would install a
    canonlint whose command fails only when used."""
    names = set(zipfile.ZipFile(wheel).namelist())
    sources = [("canonlint/rules", ROOT / "rules"), ("canonlint", ROOT / "lint")]
    expected = {f"{prefix}/{path.relative_to(folder).as_posix()}" for prefix, folder in sources
                for path in folder.rglob("*.py") if "__pycache__" not in path.parts}
    assert "canonlint/server/protocol.py" in expected
    assert expected - names == set()


def test_packages_named_rules_and_lint_beside_it_change_nothing(wheel, tmp_path):
    """The clash a user met: PyPI's `rules` installed beside canonlint took its place."""
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target),
                    str(wheel)], check=True, capture_output=True, timeout=300)
    for decoy in ("rules", "lint"):
        (target / decoy).mkdir()
        (target / decoy / "__init__.py").write_text("raise ImportError('the other package named %s')\n" % decoy)
    env = {**os.environ, "PYTHONPATH": str(target), "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-c", "from canonlint.cli import main; main()", "check",
                           str(SAMPLES / "boroughs"), "--template", str(SAMPLES / "template.md"),
                           "--config", str(SAMPLES / "canonlint.toml"), "--format", "json"],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1, done.stderr
    assert "CL900" not in done.stdout and not done.stderr.strip()
    assert '"CL401"' in done.stdout
