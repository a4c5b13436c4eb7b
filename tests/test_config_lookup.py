"""The configuration is looked up one way (canonlint.run.discovery.config_for): `canonlint
check`, `--show-files` and `canonlint template infer` given the same paths are governed by
the same configuration, found from the first path given (for standard input, from
--stdin-filename), whatever the current folder."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from canonlint.cli import cli
from tests.conftest import BOROUGHS, SAMPLES

EDITIONS = ("bexley", "havering", "kensington-and-chelsea")


@pytest.fixture()
def elsewhere(tmp_path, monkeypatch):
    """A project whose configuration takes .txt editions only, and a current folder outside it."""
    project = tmp_path / "project"
    (project / "editions").mkdir(parents=True)
    shutil.copy(SAMPLES / "template.md", project / "template.md")
    (project / "canonlint.toml").write_text('template = "template.md"\ninclude = ["*.txt"]\n', "utf-8")
    for name in EDITIONS:
        shutil.copy(BOROUGHS / f"{name}.txt", project / "editions" / f"{name}.txt")
    shutil.copy(BOROUGHS / "westminster.txt", project / "editions" / "westminster.md")  # left out by include
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    return project


def _invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_check_show_files_and_infer_read_the_configuration_of_the_first_path(elsewhere):
    folder = str(elsewhere / "editions")
    listed = _invoke("check", folder, "--show-files")
    assert listed.exit_code == 0, listed.output
    assert sorted(line.rsplit("/", 1)[-1] for line in listed.output.splitlines()) == [f"{n}.txt" for n in EDITIONS]

    checked = _invoke("check", folder, "--statistics", "--no-cache")  # the template comes from the configuration
    assert checked.exit_code in (0, 1), checked.output
    assert f"of {len(EDITIONS)} files" in checked.output

    inferred = _invoke("template", "infer", folder)
    assert inferred.exit_code == 0, inferred.output
    assert f"inferred from {len(EDITIONS)} editions" in inferred.stderr


def test_standard_input_is_governed_by_the_configuration_of_its_name(elsewhere):
    text = (BOROUGHS / "bexley.txt").read_bytes()
    named = str(elsewhere / "editions" / "bexley.txt")
    checked = CliRunner().invoke(cli, ["check", "-", "--stdin-filename", named, "--no-cache"], input=text)
    assert checked.exit_code in (0, 1), checked.output  # the template came from the project's configuration
    without = CliRunner().invoke(cli, ["check", "-", "--no-cache"], input=text)
    assert without.exit_code == 2
    assert "no template" in without.output
