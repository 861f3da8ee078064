"""`coalition serve` as a child process on a free loopback port, the memory of all its
processes, and simulated users changing filters against it."""

from __future__ import annotations

import contextlib
import http.client
import os
import random
import signal
import socket
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from coalition_bench.callbacks import UPDATE, PagePlan
from coalition_bench.measurements import LoadRun
from coalition_bench.workload import child_env
from dashboard.cli.common import cli_command

HOST = "127.0.0.1"
BROWSER_CONNECTIONS = 6  # what a browser opens to one host: callbacks beyond wait their turn


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class ServeProcess:
    """`coalition serve --warehouse W --data D` on a free port, stopped on exit."""

    def __init__(self, warehouse: Path, data_dir: Path, log_path: Path, workers: int = 2):
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}"
        self.workers = workers
        arguments = ["serve", "--warehouse", str(warehouse), "--data", str(data_dir)]
        arguments += ["--host", HOST, "--port", str(self.port), "--workers", str(workers)]
        self.log = log_path.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            cli_command(*arguments), stdout=self.log, stderr=subprocess.STDOUT, env=child_env()
        )

    @property
    def pid(self) -> int:
        return self.process.pid

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"coalition serve exited ({self.process.returncode}); see {self.log.name}"
                )
            try:
                connection = http.client.HTTPConnection(HOST, self.port, timeout=5)
                connection.request("GET", "/_dash-layout")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"coalition serve did not answer within {timeout:.0f} s")

    def wait_warm(self, timeout: float = 600) -> float:
        """Wait until every worker has warmed its cache (a server that has been up a
        minute); returns the seconds waited."""
        from dashboard.warmup import WARMED

        started = time.monotonic()
        log = Path(self.log.name)
        while time.monotonic() - started < timeout:
            if self.process.poll() is not None:
                raise RuntimeError(f"coalition serve exited; see {log}")
            if log.read_text(encoding="utf-8", errors="replace").count(WARMED) >= self.workers:
                return time.monotonic() - started
            time.sleep(0.5)
        raise RuntimeError(f"coalition serve did not warm its cache within {timeout:.0f} s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # gunicorn stops its workers
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                for pid in reversed(process_tree(self.pid)):
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
                self.process.wait()
        self.log.close()

    def __enter__(self) -> ServeProcess:
        try:
            self.wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


# --- memory ---------------------------------------------------------------------------


def _parent(pid: str) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])  # the name may hold spaces and parens


def process_tree(root: int) -> list[int]:
    """The root and all its descendants, parents first."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (parent := _parent(entry)) is not None:
            children.setdefault(parent, []).append(int(entry))
    tree, queue = [], [root]
    while queue:
        pid = queue.pop(0)
        tree.append(pid)
        queue += children.get(pid, [])
    return tree


def _kilobytes(path: str, field: str) -> int:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_memory(root: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes of the root and its descendants, summed."""
    rss = pss = 0
    for pid in process_tree(root):
        rss += _kilobytes(f"/proc/{pid}/status", "VmRSS:") * 1024
        pss += _kilobytes(f"/proc/{pid}/smaps_rollup", "Pss:") * 1024
    return rss, pss


class MemorySampler:
    """Samples the process tree's memory every `interval` seconds; keeps the peaks."""

    def __init__(self, root: int, interval: float = 0.1):
        self.root, self.interval = root, interval
        self.peak_rss = self.peak_pss = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            rss, pss = tree_memory(self.root)
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self._stop.wait(self.interval)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


# --- the load test --------------------------------------------------------------------


def _post(port: int, body: bytes) -> tuple[float, bool]:
    started = time.perf_counter()
    try:
        connection = http.client.HTTPConnection(HOST, port, timeout=120)
        connection.request("POST", UPDATE, body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        ok = response.status in (200, 204)
        connection.close()
    except OSError:
        ok = False
    return (time.perf_counter() - started) * 1000, ok


def load_test(
    server: ServeProcess,
    plans: list[PagePlan],
    users: int,
    iterations: int,
    pause: float,
    seed: int,
    threads: int | None = None,
    deadline_s: float | None = None,
) -> LoadRun:
    """`users` people at once, each `iterations` times: pick a page and a filter state,
    send that page's filter callbacks as the browser does, wait for all, pause. After
    `deadline_s` nobody starts another change (a saturated server would take for ever)."""
    run = LoadRun(users, iterations, pause, workers=server.workers, threads=threads)
    lock = threading.Lock()
    plans = [p for p in plans if any(p.changes.values())]
    started_at = time.monotonic()
    cut = threading.Event()

    def user(number: int) -> None:
        rng = random.Random(seed * 1000 + number)
        time.sleep(rng.uniform(0, pause))  # people do not all click in the same instant
        with ThreadPoolExecutor(BROWSER_CONNECTIONS) as pool:
            for _ in range(iterations):
                if deadline_s is not None and time.monotonic() - started_at > deadline_s:
                    cut.set()
                    break
                plan = rng.choice(plans)
                label = rng.choice([s for s, calls in plan.changes.items() if calls])
                started = time.perf_counter()
                answers = list(
                    pool.map(lambda call: _post(server.port, call[1]), plan.changes[label])
                )
                whole = (time.perf_counter() - started) * 1000
                with lock:
                    run.callback_ms += [ms for ms, _ in answers]
                    run.errors += sum(1 for _, ok in answers if not ok)
                    run.change_ms.append(whole)
                time.sleep(pause)

    people = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    for person in people:
        person.start()
    for person in people:
        person.join()
    if cut.is_set():
        run.stopped_after_s = time.monotonic() - started_at
    return run
