"""What the benchmark ran on: CPU model and count, memory, versions, date."""

from __future__ import annotations

import os
import platform
from datetime import datetime
from importlib import metadata
from pathlib import Path

from dashboard.bench.measurements import Machine


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
