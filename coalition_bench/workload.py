"""What the benchmark measures against: the demo coalition at a scale (generated once per
scale and seed, then reused), its ingest in a child process, and a fixed, seeded sequence
of filter states a coordinator might click through."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

from coalition_bench.measurements import IngestRun
from dashboard.cli.common import cli_command

# The demo is fictional; a fixed key keeps runs comparable (32 bytes at least, as for any key).
BENCH_KEY = "coalition-bench-key-of-at-least-32-bytes"


def child_env() -> dict[str, str]:
    return os.environ | {"COALITION_KEY": BENCH_KEY, "PYTHONUNBUFFERED": "1"}


# --- the demo folder ------------------------------------------------------------------


def demo_folder(workdir: Path, scale: int, seed: int) -> Path:
    return workdir / f"demo-scale{scale}-seed{seed}"


def _complete_stamp(folder: Path) -> Path:
    return folder.with_name(folder.name + ".complete")


def is_generated(folder: Path, scale: int, seed: int) -> bool:
    """The folder holds a finished demo of this scale and seed (an interrupted generation
    leaves no stamp, so it is generated again)."""
    toml = folder / "coalition.toml"
    if not (_complete_stamp(folder).is_file() and toml.is_file()):
        return False
    first_line = toml.read_text(encoding="utf-8").splitlines()[0]
    return f"(scale {scale}, seed {seed})" in first_line


def ensure_demo(workdir: Path, scale: int, seed: int, log) -> tuple[Path, float | None]:
    """(the demo folder, seconds spent generating it, or None when it was reused)."""
    folder = demo_folder(workdir, scale, seed)
    if is_generated(folder, scale, seed):
        log(f"reusing {folder}")
        return folder, None
    _complete_stamp(folder).unlink(missing_ok=True)
    log(f"generating the demo at scale {scale} into {folder}")
    started = time.perf_counter()
    command = cli_command("demo-data", "--out", str(folder), "--scale", str(scale))
    subprocess.run([*command, "--seed", str(seed)], check=True, env=child_env())
    seconds = time.perf_counter() - started
    _complete_stamp(folder).write_text(f"generated in {seconds:.1f} s\n", encoding="utf-8")
    return folder, seconds


# --- the ingest, in a child -----------------------------------------------------------

INGEST_CHILD = (
    "import sys; from coalition_bench.workload import ingest_child; ingest_child(sys.argv[1:])"
)


def ingest_child(arguments: list[str]) -> None:
    """Run in the child: ingest, then print what the parent needs as one JSON line."""
    from dashboard.ingest import ingest

    data_dir, warehouse = (Path(a) for a in arguments)
    started = time.perf_counter()
    # The benchmark's own fictional warehouse: rebuilding it under a changed BENCH_KEY is fine.
    result = ingest(data_dir, warehouse, new_key=True)
    seconds = time.perf_counter() - started
    files = result.files
    print(
        json.dumps(
            {"seconds": seconds, "rows_read": int(files["rows_read"].sum()), "files": files.height}
        )
    )


def measure_ingest(data_dir: Path, warehouse: Path) -> IngestRun:
    """Ingest in a child process; its own ru_maxrss is the peak memory (os.wait4 gives the
    usage of exactly that child)."""
    process = subprocess.Popen(
        [sys.executable, "-c", INGEST_CHILD, str(data_dir), str(warehouse)],
        stdout=subprocess.PIPE,
        env=child_env(),
        text=True,
    )
    output = process.stdout.read()
    process.stdout.close()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"the ingest of {data_dir} failed (exit {process.returncode})")
    numbers = json.loads(output.strip().splitlines()[-1])
    return IngestRun(
        rows_read=numbers["rows_read"],
        seconds=numbers["seconds"],
        peak_rss_bytes=usage.ru_maxrss * 1024,  # kilobytes on Linux
        files=numbers["files"],
    )


# --- filter states --------------------------------------------------------------------


@dataclass(frozen=True)
class FilterState:
    label: str
    date_from: date
    date_to: date
    orgs: tuple[str, ...] = ()
    campaign: str | None = None
    types: tuple[str, ...] = ()

    def search(self) -> str:
        """The query string a link to this view carries (as the app writes it)."""
        pairs = [("from", self.date_from.isoformat()), ("to", self.date_to.isoformat())]
        pairs += [("org", org) for org in self.orgs]
        if self.campaign:
            pairs.append(("campaign", self.campaign))
        pairs += [("type", t) for t in self.types]
        return "?" + urlencode(pairs)


def filter_states(warehouse, seed: int) -> list[FilterState]:
    """Presets as the filter bar computes them, then one or two orgs, a campaign and an
    event type on top of some of them; the choices are seeded, so every run (and every
    scale with the same orgs) clicks through the same views."""
    from dashboard.components.filter_bar import period_anchor, preset_ranges
    from dashboard.ingest.vocabulary import EVENT_TYPES

    rng = random.Random(seed)
    ranges = preset_ranges(*period_anchor(warehouse, date.today()))
    orgs = sorted(warehouse.query("lookups/organizations")["org_id"].to_list())
    campaigns = sorted(warehouse.query("lookups/campaigns")["campaign_id"].to_list())
    types = sorted(EVENT_TYPES)

    def some_orgs(n: int) -> tuple[str, ...]:
        return tuple(sorted(rng.sample(orgs, min(n, len(orgs)))))

    def a_campaign() -> str | None:
        return rng.choice(campaigns) if campaigns else None

    def a_type() -> tuple[str, ...]:
        return (rng.choice(types),)

    year, quarter, ytd, every = (ranges[k] for k in ("12m", "90d", "ytd", "all"))
    return [
        FilterState("last 12 months (default)", *year),
        FilterState("last 90 days", *quarter),
        FilterState("last 30 days", *ranges["30d"]),
        FilterState("year to date", *ytd),
        FilterState("all time", *every),
        FilterState("12 months, one org", *year, orgs=some_orgs(1)),
        FilterState("12 months, two orgs", *year, orgs=some_orgs(2)),
        FilterState("12 months, a campaign", *year, campaign=a_campaign()),
        FilterState("12 months, an event type", *year, types=a_type()),
        FilterState("90 days, an org, a type", *quarter, orgs=some_orgs(1), types=a_type()),
        FilterState("all time, a campaign", *every, campaign=a_campaign()),
        FilterState("ytd, two orgs, a campaign", *ytd, orgs=some_orgs(2), campaign=a_campaign()),
    ]
