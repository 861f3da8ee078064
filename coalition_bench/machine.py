"""What the benchmark ran on: CPU model and count, memory, versions, date."""

from __future__ import annotations

import os
import platform
import time
from datetime import datetime
from importlib import metadata
from pathlib import Path

from coalition_bench.measurements import Machine


def cpu_model(cpuinfo: str) -> tuple[str, int]:
    """(model name, logical CPUs) from the text of /proc/cpuinfo."""
    models = [
        line.split(":", 1)[1].strip()
        for line in cpuinfo.splitlines()
        if line.lower().startswith("model name")
    ]
    processors = sum(1 for line in cpuinfo.splitlines() if line.startswith("processor"))
    return (models[0] if models else platform.processor() or "unknown"), processors


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def memory_bytes(meminfo: str) -> int:
    for line in meminfo.splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) * 1024
    return 0


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def describe(command: str) -> Machine:
    model, processors = cpu_model(_read("/proc/cpuinfo"))
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return Machine(
        cpu=model,
        cores=usable or processors or os.cpu_count() or 0,
        memory_bytes=memory_bytes(_read("/proc/meminfo")),
        python=platform.python_version(),
        duckdb=_version("duckdb"),
        libraries=", ".join(
            f"{name} {_version(name)}" for name in ("dash", "plotly", "polars", "gunicorn")
        ),
        date=datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        command=command,
    )


def busy_cpu_seconds() -> float:
    """CPU time all processes on the machine have used since boot (/proc/stat)."""
    text = _read("/proc/stat")
    if not text:
        return 0.0
    fields = [int(v) for v in text.splitlines()[0].split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    """CPU time of this process and of the children it has waited for (the ingest child,
    the server and its workers, the browser)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


class OtherWork:
    """How much CPU other processes took during an in-process phase (whose own CPU is all
    in this process or its waited-for children): other work slows the times down."""

    def __init__(self):
        self.wall = time.monotonic()
        self.busy, self.own = busy_cpu_seconds(), own_cpu_seconds()

    def note(self) -> str:
        wall = time.monotonic() - self.wall
        other = max(0.0, busy_cpu_seconds() - self.busy - (own_cpu_seconds() - self.own))
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        share = other / (wall * cores) if wall > 0 else 0.0
        return (
            f"While the callbacks were timed, other processes on the machine used "
            f"{other:,.0f} CPU-seconds ({share:.0%} of {cores} cores over {wall:,.0f} s)."
        )
