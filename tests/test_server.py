"""`coalition serve` runs the app under gunicorn and prints where; `dashboard.wsgi:server`
serves the warehouse named by $COALITION_WAREHOUSE."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import flask
import pytest
from access_helpers import callback_body

from dashboard.server import (
    DashboardServer,
    PortUnavailable,
    bind_address,
    public_url,
    serve,
    server_options,
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_addresses_for_ipv4_and_ipv6():
    assert bind_address("127.0.0.1", 8050) == "127.0.0.1:8050"
    assert bind_address("::1", 8050) == "[::1]:8050"
    assert public_url("0.0.0.0", 80) == "http://0.0.0.0:80"


def test_gunicorn_runs_threaded_workers_without_preloading():
    options = server_options("127.0.0.1", 8050, workers=3)
    assert options["bind"] == "127.0.0.1:8050"
    assert options["workers"] == 3
    assert options["worker_class"] == "gthread"
    assert not options.get("preload_app")  # each worker opens its own DuckDB


def test_each_worker_loads_the_flask_server_of_the_app(sample_warehouse_path):
    server = DashboardServer(sample_warehouse_path, server_options("127.0.0.1", 1, 1)).load()
    assert isinstance(server, flask.Flask)
    assert server.config["COALITION_WAREHOUSE"] == str(sample_warehouse_path)


def test_a_busy_port_is_a_readable_error(sample_warehouse_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(PortUnavailable, match=f"cannot listen on 127.0.0.1:{port}"):
            serve(sample_warehouse_path, port=port)


def fetch(url: str, timeout: float = 5) -> tuple[int, dict, bytes]:
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - localhost
        return response.status, dict(response.headers), response.read()


def wait_for_line(process: subprocess.Popen, text: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if text in line:
            return line
        if not line and process.poll() is not None:
            break
    raise AssertionError(f"the server never printed {text!r}")


def wait_until_up(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            fetch(url, timeout=2)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture
def running(tmp_path):
    """Start a command in the background; stop it (by its process id) afterwards."""
    started: list[subprocess.Popen] = []

    def start(args: list[str], env: dict | None = None) -> subprocess.Popen:
        process = subprocess.Popen(
            args,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, **(env or {})},
            cwd=tmp_path,
        )
        started.append(process)
        return process

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def test_coalition_serve_runs_gunicorn_and_prints_the_address(running, sample_warehouse_path):
    port = free_port()
    coalition = Path(sys.executable).with_name("coalition")
    process = running(
        [
            str(coalition),
            "serve",
            "--data",
            str(sample_warehouse_path.parent / "data"),
            "--warehouse",
            str(sample_warehouse_path),
            "--port",
            str(port),
            "--workers",
            "1",
        ]
    )
    line = wait_for_line(process, "Coalition Dashboard on")
    assert f"http://127.0.0.1:{port}" in line
    wait_until_up(f"http://127.0.0.1:{port}/")
    status, headers, body = fetch(f"http://127.0.0.1:{port}/turnout?org=tenants")
    assert status == 200
    assert "Server" not in headers  # no software named, let alone its version
    assert "script-src 'self' 'unsafe-eval' 'sha256-" in headers["Content-Security-Policy"]
    assert b"Turnout" in body
    status, headers, css = fetch(f"http://127.0.0.1:{port}/vendor/bootstrap/bootstrap.min.css")
    assert status == 200 and b"Bootstrap" in css[:200]


def post_json(url: str, body: dict, timeout: float) -> tuple[int, dict]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
        return response.status, json.loads(response.read())


def test_serve_answers_callbacks_after_ingesting_first(running, tmp_path, sample_warehouse_path):
    """`coalition serve` on a new folder ingests, then forks its workers. Polars' thread
    pool does not survive a fork: an ingest in the serving process left every worker
    deadlocked on its first data callback, the page drawn without its content."""
    data = shutil.copytree(sample_warehouse_path.parent / "data", tmp_path / "coalition")
    port = free_port()
    coalition = Path(sys.executable).with_name("coalition")
    process = running(
        [str(coalition), "serve", "--data", str(data), "--warehouse", str(tmp_path / "w.duckdb")]
        + ["--port", str(port), "--workers", "1"],
        env={"COALITION_WARMUP": "0"},
    )
    wait_for_line(process, "Coalition Dashboard on", timeout=120)
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base + "/")
    _, _, listing = fetch(base + "/_dash-dependencies")
    router = next(d for d in json.loads(listing) if "_pages_content.children" in d["output"])
    values = {"pathname": "/", "search": ""}
    body = callback_body(router, lambda cid, prop: values.get(prop))
    status, answer = post_json(base + "/_dash-update-component", body, timeout=30)
    assert status == 200
    assert "overview-root" in json.dumps(answer)


def test_the_wsgi_entry_point_serves_the_warehouse_from_the_environment(
    running, sample_warehouse_path
):
    port = free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    running(
        [str(gunicorn), "--bind", f"127.0.0.1:{port}", "--workers", "1", "dashboard.wsgi:server"],
        env={"COALITION_WAREHOUSE": str(sample_warehouse_path)},
    )
    wait_until_up(f"http://127.0.0.1:{port}/")
    status, headers, body = fetch(f"http://127.0.0.1:{port}/_dash-layout")
    assert status == 200 and b"Coalition Dashboard" in body
    assert "Server" not in headers


def resident_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))


def test_a_huge_body_is_refused_without_growing_the_worker(running, sample_warehouse_path):
    port = free_port()
    coalition = Path(sys.executable).with_name("coalition")
    process = running(
        [str(coalition), "serve", "--warehouse", str(sample_warehouse_path)]
        + ["--data", str(sample_warehouse_path.parent / "data")]
        + ["--port", str(port), "--workers", "1"],
        env={"COALITION_WARMUP": "0"},
    )
    wait_until_up(f"http://127.0.0.1:{port}/")
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
    worker = int(children[0])
    before = resident_kb(worker)
    size = 300_000_000
    chunk = b"x" * 1_000_000
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(
            b"POST /_dash-update-component HTTP/1.1\r\nHost: localhost\r\n"
            b"Content-Type: application/json\r\n" + f"Content-Length: {size}\r\n\r\n".encode()
        )
        try:
            for _ in range(size // len(chunk)):
                connection.sendall(chunk)
        except OSError:
            pass  # the server may close the connection once it has answered
        answer = connection.recv(200)
    assert answer.startswith(b"HTTP/1.1 413"), answer
    assert resident_kb(worker) - before < 50_000
    # sent in chunks, without a length: refused, unread
    body = json.dumps({"output": "x.children", "pad": "x" * 2_000_000}).encode()
    chunks = b"".join(
        f"{len(part):x}\r\n".encode() + part + b"\r\n"
        for part in (body[i : i + 65536] for i in range(0, len(body), 65536))
    )
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(
            b"POST /_dash-update-component HTTP/1.1\r\nHost: localhost\r\n"
            b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        )
        with contextlib.suppress(OSError):
            connection.sendall(chunks + b"0\r\n\r\n")
        answer = connection.recv(200)
    assert answer.startswith(b"HTTP/1.1 411"), answer


def test_the_wsgi_module_reads_the_warehouse_path_from_the_environment(tmp_path):
    wanted = tmp_path / "elsewhere.duckdb"
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import dashboard.wsgi as w; print(w.server.config['COALITION_WAREHOUSE'])",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={**os.environ, "COALITION_WAREHOUSE": str(wanted)},
    )
    assert result.stdout.strip() == str(wanted)


def test_a_fresh_app_serves_concurrent_script_requests(sample_warehouse_path):
    """Dash finishes its setup on a first request; create_app does that before serving,
    so a cold worker does not refuse the scripts a browser asks for all at once."""
    import re
    from concurrent.futures import ThreadPoolExecutor

    from dashboard.app import create_app

    index = create_app(sample_warehouse_path).server.test_client().get("/").get_data(True)
    scripts = re.findall(r'<script src="([^"]+)"', index)
    assert len(scripts) > 5
    for _ in range(4):  # the race, when there is one, is lost only some of the time
        fresh = create_app(sample_warehouse_path).server

        def status(url: str, server=fresh) -> int:
            return server.test_client().get(url).status_code

        with ThreadPoolExecutor(len(scripts)) as pool:
            statuses = list(pool.map(status, scripts))
        assert statuses == [200] * len(scripts)
