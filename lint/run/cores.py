"""How many CPUs this process may use: the number of workers `--jobs 0` (or `--jobs auto`)
starts.

`os.cpu_count()` counts the machine's CPUs, not the ones a process may run on. Two things
narrow them, and a container or a CI runner usually sets one of them: the CPU affinity
(`taskset`, a cpuset: `os.sched_getaffinity`) and a CPU quota of the control group (cgroup
v2 `cpu.max`, "200000 100000" for two CPUs' worth of time; cgroup v1 `cpu.cfs_quota_us`
over `cpu.cfs_period_us`). A quota is set on the process' group or on any group above it,
and the smallest one counts. A quota of 1.5 CPUs gives two workers: rounded up, as the Go
runtime and the JVM do, since a worker is idle part of the time (reading files, sending
results back).
"""

from __future__ import annotations

import math
import os
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")
PROC_CGROUP = Path("/proc/self/cgroup")


def available_cores(cgroup_root: Path = CGROUP_ROOT, proc_cgroup: Path = PROC_CGROUP) -> int:
    """The CPUs this process may use: its affinity, narrowed by its control group's quota."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    quota = cgroup_quota(cgroup_root, proc_cgroup)
    if quota is not None:
        cores = min(cores, math.ceil(quota))
    return max(1, cores)


def cgroup_quota(cgroup_root: Path = CGROUP_ROOT, proc_cgroup: Path = PROC_CGROUP) -> float | None:
    """The CPU quota of this process' control group, in CPUs (None: no quota, or no cgroups)."""
    try:
        lines = proc_cgroup.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    quotas = []
    for line in lines:
        _, controllers, group = (line.split(":", 2) + ["", ""])[:3]
        if controllers == "":  # cgroup v2: one hierarchy
            quotas += _quotas(cgroup_root, group, _v2_quota)
        elif "cpu" in controllers.split(","):  # cgroup v1: the cpu controller's hierarchy
            quotas += _quotas(cgroup_root / controllers, group, _v1_quota)
    return min(quotas, default=None)


def _quotas(root: Path, group: str, read) -> list[float]:
    """The quotas set on the group and on every group above it, up to root."""
    folder = root / group.strip("/")
    quotas = []
    while True:
        quota = read(folder)
        if quota is not None:
            quotas.append(quota)
        if folder == root or root not in folder.parents:
            return quotas
        folder = folder.parent


def _v2_quota(folder: Path) -> float | None:
    """`cpu.max`: "QUOTA PERIOD" in microseconds, or "max PERIOD" for none."""
    fields = _read(folder / "cpu.max").split()
    if len(fields) != 2 or fields[0] == "max":
        return None
    return _ratio(fields[0], fields[1])


def _v1_quota(folder: Path) -> float | None:
    """`cpu.cfs_quota_us` (-1 for none) over `cpu.cfs_period_us`."""
    return _ratio(_read(folder / "cpu.cfs_quota_us"), _read(folder / "cpu.cfs_period_us"))


def _ratio(quota: str, period: str) -> float | None:
    try:
        quota_us, period_us = int(quota), int(period)
    except ValueError:
        return None
    return quota_us / period_us if quota_us > 0 and period_us > 0 else None


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""
