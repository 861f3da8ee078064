"""The coalition key can never be empty, weak, racy or silently replaced: the key file is
created atomically (two ingests at once agree on one key; an interrupted write leaves no
file), a key under 32 bytes is refused, and a key other than the one that built the
warehouse stops the ingest unless `--new-key` is given."""

from __future__ import annotations

import hashlib
import hmac
import multiprocessing
import os
import re
import subprocess
import sys
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import duckdb
import pytest
from ingest_helpers import ORGS, TEST_KEY, lines, person_key, write_folder

from dashboard import settings
from dashboard.cli import main
from dashboard.cli import serve as serve_command
from dashboard.ingest import IngestError, ingest
from dashboard.ingest.keys import coalition_key
from dashboard.settings import SettingsError

FILES = {"organizations.csv": ORGS, "a/people.csv": lines("person_id,email", "p1,ada@ex.org")}
ADA = "email:ada@ex.org"
OTHER_KEY = "f" * 64


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """(data folder, warehouse path) with no $COALITION_KEY: the key file is used."""
    monkeypatch.delenv("COALITION_KEY", raising=False)
    return write_folder(tmp_path / "data", FILES), tmp_path / "out" / "warehouse.duckdb"


def key_file(warehouse: Path) -> Path:
    return warehouse.parent / "coalition.key"


def ada_key(warehouse: Path) -> str:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.sql("select person_key from people").fetchall()[0][0]


# --- weak keys are refused ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problem"),
    [("", "is empty"), ("\n", "is empty"), ("abc123" * 5, "is shorter than 32 bytes")],
    ids=["empty", "blank", "30-bytes"],
)
def test_an_empty_or_short_key_file_is_refused(folder, text, problem):
    data, warehouse = folder
    key_file(warehouse).parent.mkdir(parents=True)
    key_file(warehouse).write_text(text)
    with pytest.raises(IngestError) as raised:
        ingest(data, warehouse)
    assert str(raised.value).startswith(f"{key_file(warehouse)}: the coalition key {problem}; ")
    assert not warehouse.exists()


def test_an_unreadable_key_file_is_refused(folder):
    data, warehouse = folder
    key_file(warehouse).mkdir(parents=True)  # root reads any file; a folder it cannot
    with pytest.raises(IngestError, match="cannot read the coalition key"):
        ingest(data, warehouse)
    assert not warehouse.exists()


def test_the_command_refuses_an_empty_key_file_in_one_line(folder, capsys):
    data, warehouse = folder
    key_file(warehouse).parent.mkdir(parents=True)
    key_file(warehouse).write_text("")
    assert main(["ingest", str(data), "--warehouse", str(warehouse)]) == 1
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error.startswith(f"coalition ingest: {key_file(warehouse)}: the coalition key is empty")
    assert not warehouse.exists()


def test_a_short_coalition_key_variable_is_refused_at_start_up_without_showing_it(
    folder, monkeypatch, capsys
):
    with pytest.raises(SettingsError) as raised:
        settings.load({"COALITION_KEY": "0123456789"})
    assert str(raised.value) == "COALITION_KEY: shorter than 32 bytes"

    data, warehouse = folder
    monkeypatch.setenv("COALITION_KEY", "0123456789")
    assert main(["ingest", str(data), "--warehouse", str(warehouse)]) == 2
    error = capsys.readouterr().err
    assert error == "coalition ingest: COALITION_KEY: shorter than 32 bytes\n"
    assert "0123456789" not in error
    assert not warehouse.exists() and not key_file(warehouse).exists()


def test_the_coalition_key_variable_counts_bytes_not_characters():
    assert settings.load({"COALITION_KEY": "é" * 16}).key == "é" * 16  # 32 bytes
    with pytest.raises(SettingsError, match="^COALITION_KEY: shorter than 32 bytes$"):
        settings.load({"COALITION_KEY": "é" * 15 + "a"})  # 31 bytes, 16 characters


# --- the key file is created atomically -----------------------------------------------


def test_threads_asking_for_a_new_key_at_once_all_get_the_one_key(tmp_path, monkeypatch):
    monkeypatch.delenv("COALITION_KEY", raising=False)
    for trial in range(10):
        warehouse = tmp_path / f"trial{trial}" / "warehouse.duckdb"
        barrier = threading.Barrier(8)
        keys, errors = [], []

        def ask(warehouse=warehouse, barrier=barrier, keys=keys, errors=errors):
            barrier.wait(timeout=30)
            try:
                keys.append(coalition_key(warehouse)[0])
            except Exception as error:  # noqa: BLE001 - any failure is the finding
                errors.append(repr(error))

        threads = [threading.Thread(target=ask) for _ in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == [], f"trial {trial}"
        written = key_file(warehouse).read_bytes()
        assert re.fullmatch(rb"[0-9a-f]{64}", written), f"trial {trial}"
        assert keys == [written] * 8, f"trial {trial}"


_START_TOGETHER = None


def _keep_barrier(barrier) -> None:
    global _START_TOGETHER
    _START_TOGETHER = barrier


def _ingest_when_both_are_ready(data_dir: Path, warehouse: Path) -> str | None:
    """In a worker process: wait for the other worker, ingest; the error, if any."""
    _START_TOGETHER.wait(timeout=120)
    try:
        ingest(data_dir, warehouse)
    except Exception as error:  # noqa: BLE001 - any failure is the finding
        return repr(error)
    return None


def test_two_ingests_started_together_on_a_new_folder_share_one_key(tmp_path, monkeypatch):
    monkeypatch.delenv("COALITION_KEY", raising=False)
    data = write_folder(tmp_path / "data", FILES)
    context = multiprocessing.get_context("spawn")  # no fork of this threaded process
    barrier = context.Barrier(2)
    with ProcessPoolExecutor(2, context, initializer=_keep_barrier, initargs=(barrier,)) as pool:
        for trial in range(10):
            out = tmp_path / f"trial{trial}"
            # Two warehouses in one new folder: both use the key file beside them.
            warehouses = [out / "first.duckdb", out / "second.duckdb"]
            runs = [pool.submit(_ingest_when_both_are_ready, data, w) for w in warehouses]
            assert [run.result(timeout=300) for run in runs] == [None, None], f"trial {trial}"
            key = key_file(warehouses[0]).read_text()
            assert re.fullmatch(r"[0-9a-f]{64}", key), f"trial {trial}"
            assert [ada_key(w) for w in warehouses] == [person_key(ADA, key)] * 2, f"trial {trial}"


def test_an_interrupted_key_write_leaves_no_key_and_the_next_ingest_makes_a_proper_one(folder):
    data, warehouse = folder
    # A file-size limit of 0 makes the key's write fail (CI runs as root, so permission
    # bits would not); the child sets it on itself.
    child = (
        "import resource, sys; "
        "resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.RLIM_INFINITY)); "
        "from dashboard.cli import main; sys.exit(main())"
    )
    env = {k: v for k, v in os.environ.items() if k != "COALITION_KEY"}
    done = subprocess.run(
        [sys.executable, "-c", child, "ingest", str(data), "--warehouse", str(warehouse)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1] == (
        f"coalition ingest: {key_file(warehouse)}: cannot create the coalition key (File too large)"
    )
    assert not key_file(warehouse).exists()
    assert list(warehouse.parent.iterdir()) == []  # no temporary key left behind either
    assert not warehouse.exists()

    ingest(data, warehouse)
    key = key_file(warehouse).read_text()
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert ada_key(warehouse) == person_key(ADA, key)


# --- a key other than the warehouse's stops the ingest --------------------------------


def differs(warehouse: Path, which: str) -> str:
    return (
        f"the coalition key differs from the one that built {warehouse} ({which}): "
        "person keys would all change; restore the key, or pass --new-key to re-key everyone"
    )


def test_the_warehouse_records_the_fingerprint_of_its_key(folder):
    data, warehouse = folder
    ingest(data, warehouse)
    key = key_file(warehouse).read_bytes()
    expected = hmac.new(key, b"coalition-dashboard key fingerprint", hashlib.sha256).hexdigest()
    with duckdb.connect(str(warehouse), read_only=True) as con:
        recorded = con.sql("select key_fingerprint from warehouse_info").fetchall()
    assert recorded == [(expected,)]


def test_a_changed_key_file_stops_the_ingest_and_keeps_the_old_warehouse(folder):
    data, warehouse = folder
    ingest(data, warehouse)
    old = warehouse.read_bytes()
    key_file(warehouse).write_text(OTHER_KEY)
    with pytest.raises(IngestError) as raised:
        ingest(data, warehouse)
    assert str(raised.value) == differs(warehouse, f"the key from {key_file(warehouse)}")
    assert warehouse.read_bytes() == old


def test_a_deleted_key_file_stops_the_ingest_and_makes_no_new_key(folder):
    data, warehouse = folder
    ingest(data, warehouse)
    old = warehouse.read_bytes()
    key_file(warehouse).unlink()
    with pytest.raises(IngestError) as raised:
        ingest(data, warehouse)
    assert str(raised.value) == differs(warehouse, f"{key_file(warehouse)} is missing")
    assert warehouse.read_bytes() == old
    assert not key_file(warehouse).exists()


def test_another_coalition_key_variable_stops_the_ingest(folder, monkeypatch):
    data, warehouse = folder
    ingest(data, warehouse)
    old = warehouse.read_bytes()
    monkeypatch.setenv("COALITION_KEY", TEST_KEY)
    with pytest.raises(IngestError) as raised:
        ingest(data, warehouse)
    assert str(raised.value) == differs(warehouse, "the key from $COALITION_KEY")
    assert warehouse.read_bytes() == old


def test_the_same_key_given_by_the_variable_rebuilds(folder, monkeypatch):
    data, warehouse = folder
    ingest(data, warehouse)
    key = key_file(warehouse).read_text()
    monkeypatch.setenv("COALITION_KEY", key)  # `COALITION_KEY=$(cat coalition.key)`
    assert ingest(data, warehouse).replaced
    assert ada_key(warehouse) == person_key(ADA, key)


def test_a_warehouse_that_records_no_fingerprint_is_rebuilt_with_the_key_at_hand(folder):
    data, warehouse = folder
    ingest(data, warehouse)
    with duckdb.connect(str(warehouse)) as con:  # as built before fingerprints were recorded
        con.execute("alter table warehouse_info drop column key_fingerprint")
    key_file(warehouse).write_text(OTHER_KEY)
    assert ingest(data, warehouse).replaced
    assert ada_key(warehouse) == person_key(ADA, OTHER_KEY)


def test_the_command_stops_in_one_line_and_new_key_re_keys_everyone(folder, capsys):
    data, warehouse = folder
    command = ["ingest", str(data), "--warehouse", str(warehouse)]
    assert main(command) == 0
    first_key = key_file(warehouse).read_text()
    key_file(warehouse).unlink()
    old = warehouse.read_bytes()
    capsys.readouterr()

    assert main(command) == 1
    error = capsys.readouterr().err.strip().splitlines()[-1]
    assert error == "coalition ingest: " + differs(warehouse, f"{key_file(warehouse)} is missing")
    assert warehouse.read_bytes() == old

    assert main([*command, "--new-key"]) == 0
    new_key = key_file(warehouse).read_text()
    assert re.fullmatch(r"[0-9a-f]{64}", new_key) and new_key != first_key
    assert ada_key(warehouse) == person_key(ADA, new_key)
    assert main(command) == 0  # the new key is now the warehouse's


def test_serve_never_re_keys(monkeypatch, tmp_path):
    commands = []

    class Done:
        returncode = 0

    def run(command, check):
        commands.append(command)
        return Done()

    monkeypatch.setattr(serve_command.subprocess, "run", run)
    serve_command._ingest_in_child(tmp_path / "data", tmp_path / "warehouse.duckdb")
    assert commands and "--new-key" not in commands[0]


def test_explain_needs_no_key(folder, monkeypatch, capsys):
    data, warehouse = folder
    ingest(data, warehouse)
    key_file(warehouse).unlink()
    monkeypatch.setenv("COALITION_WAREHOUSE", str(warehouse))
    assert main(["ingest", "--explain", str(data)]) == 0
    assert "a/people.csv" in capsys.readouterr().out
    assert not key_file(warehouse).exists()
