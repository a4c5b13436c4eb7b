"""`--jobs auto`: the CPUs a process may use, read from fake control-group files laid out
as the kernel lays them out (cgroup v2 and v1)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from canonlint.cli import cli
from canonlint.run.cores import available_cores, cgroup_quota

ROOT = Path(__file__).resolve().parents[1]


def _v2(tmp_path: Path, group: str, limits: dict[str, str]) -> tuple[Path, Path]:
    """A cgroup v2 tree with `cpu.max` written in the given folders (relative to the root),
    and a /proc/self/cgroup naming group."""
    root = tmp_path / "cgroup"
    (root / group.strip("/")).mkdir(parents=True, exist_ok=True)
    for folder, limit in limits.items():
        (root / folder).mkdir(parents=True, exist_ok=True)
        (root / folder / "cpu.max").write_text(limit + "\n")
    proc = tmp_path / "proc-self-cgroup"
    proc.write_text(f"0::{group}\n")
    return root, proc


@pytest.fixture
def eight_cpus(monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(8)), raising=False)


def test_a_v2_quota_of_two_cpus_gives_two(tmp_path, eight_cpus):
    root, proc = _v2(tmp_path, "/", {".": "200000 100000"})
    assert cgroup_quota(root, proc) == 2.0
    assert available_cores(root, proc) == 2


def test_no_quota_gives_the_affinity(tmp_path, eight_cpus):
    root, proc = _v2(tmp_path, "/user.slice/job", {".": "max 100000", "user.slice/job": "max 100000"})
    assert cgroup_quota(root, proc) is None
    assert available_cores(root, proc) == 8


def test_a_quota_set_above_the_group_counts_and_the_smallest_wins(tmp_path, eight_cpus):
    root, proc = _v2(tmp_path, "/ci.slice/runner/step",
                     {"ci.slice": "300000 100000", "ci.slice/runner": "150000 100000",
                      "ci.slice/runner/step": "max 100000"})
    assert cgroup_quota(root, proc) == 1.5
    assert available_cores(root, proc) == 2  # rounded up


def test_a_quota_below_one_cpu_still_gives_one_worker(tmp_path, eight_cpus):
    root, proc = _v2(tmp_path, "/", {".": "50000 100000"})
    assert available_cores(root, proc) == 1


def test_the_affinity_bounds_a_larger_quota(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    root, proc = _v2(tmp_path, "/", {".": "1600000 100000"})
    assert available_cores(root, proc) == 3


def test_a_v1_cpu_controller_quota(tmp_path, eight_cpus):
    root = tmp_path / "cgroup"
    group = root / "cpu,cpuacct" / "docker" / "abc"
    group.mkdir(parents=True)
    (group / "cpu.cfs_quota_us").write_text("400000\n")
    (group / "cpu.cfs_period_us").write_text("100000\n")
    (root / "cpu,cpuacct" / "cpu.cfs_quota_us").write_text("-1\n")
    (root / "cpu,cpuacct" / "cpu.cfs_period_us").write_text("100000\n")
    proc = tmp_path / "proc-self-cgroup"
    proc.write_text("12:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n0::/\n")
    assert cgroup_quota(root, proc) == 4.0
    assert available_cores(root, proc) == 4


@pytest.mark.parametrize("content", ["", "garbage", "0::/gone\n", "4:cpu:/x\n"])
def test_missing_or_odd_cgroup_files_mean_no_quota(tmp_path, eight_cpus, content):
    root = tmp_path / "cgroup"
    root.mkdir()
    (root / "cpu.max").write_text("nonsense here\n")
    proc = tmp_path / "proc-self-cgroup"
    proc.write_text(content)
    assert cgroup_quota(root, proc) is None
    assert available_cores(root, proc) == 8
    assert cgroup_quota(root, tmp_path / "no-such-file") is None


def _json(*args: str) -> list:
    result = CliRunner().invoke(cli, ["check", "samples/boroughs", "--format", "json", "--no-cache", *args])
    assert result.exit_code == 1, result.output
    return json.loads(result.stdout)


def test_jobs_auto_gives_the_same_report_as_one_process(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert _json("--jobs", "auto") == _json("--jobs", "1")


@pytest.mark.parametrize("value", ["two", "-1", "automatic"])
def test_a_bad_jobs_value_is_one_line_and_exit_2(monkeypatch, value):
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["check", "samples/boroughs", "--jobs", value], prog_name="canonlint")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"canonlint: error: Invalid value for '--jobs' / '-j': {value!r} is not a number of processes "
        "(0 or more) nor 'auto' (see 'canonlint check --help')"]
