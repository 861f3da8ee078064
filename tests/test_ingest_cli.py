"""`coalition ingest`: a per-file summary, clear one-line errors, the contract's exit codes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ingest_helpers import ORGS, TEST_KEY, lines, write_folder

from dashboard.cli import main

EVENTS = lines("event_id,event_type,starts_at", "e1,rally,2025-03-14")
WITH_PROBLEMS = {
    "organizations.csv": ORGS,
    "a/events.csv": EVENTS,
    "a/attendance.csv": lines(
        "event_id,status,email",
        "e1,attended,ada@ex.org",
        "e1,bogus,bob@ex.org",
        "e404,attended,cy@ex.org",
        "e1,maybe,dee@ex.org",
    ),
    "a/shifts.csv": lines("shift_date,email", "2025-03-14,ada@ex.org"),
    "a/notes.csv": "anything\n",
}


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("COALITION_KEY", TEST_KEY)
    monkeypatch.delenv("COALITION_WAREHOUSE", raising=False)

    def write(files: dict, name: str = "data") -> str:
        return str(write_folder(tmp_path / name, files))

    return write


@pytest.fixture
def warehouse(tmp_path) -> Path:
    return tmp_path / "out" / "warehouse.duckdb"


def test_summary_names_every_file_with_its_counts_status_and_reject_lines(
    folder, warehouse, capsys
):
    code = main(["ingest", folder(WITH_PROBLEMS), "--warehouse", str(warehouse)])
    out, err = capsys.readouterr()
    assert code == 0
    assert warehouse.exists()
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.startswith("a/")}
    assert rows["a/attendance.csv"][1:] == ["attendance", "4", "1", "3", "0", "partial"]
    assert rows["a/shifts.csv"][-1] == "refused"
    assert rows["a/notes.csv"][-1] == "skipped"
    assert rows["a/events.csv"][-1] == "loaded"
    assert "2 × unknown attendance status (lines 3, 5)" in out
    assert "event_id not found in this organization's events (line 4)" in out
    assert "a/shifts.csv: missing required column: hours" in out
    assert "Traceback" not in out + err
    for contact in ("ada@ex.org", "bob@ex.org", "cy@ex.org", "dee@ex.org"):
        assert contact not in out + err


def test_summary_prints_warnings_for_unlisted_orgs_and_unknown_campaign_values(
    folder, warehouse, capsys
):
    files = {
        "organizations.csv": ORGS,
        "campaigns.csv": lines("campaign_id,name,status", "c1,Wages,paused"),
        "newcomer/events.csv": EVENTS,
    }
    assert main(["ingest", folder(files), "--warehouse", str(warehouse)]) == 0
    out = capsys.readouterr().out
    assert "warning: organization folder 'newcomer' is not listed" in out
    assert 'unknown status "paused" read as ended' in out


def test_strict_fails_on_a_rejected_row_and_keeps_the_old_warehouse(folder, warehouse, capsys):
    good = {"organizations.csv": ORGS, "a/events.csv": EVENTS}
    assert main(["ingest", folder(good, "good"), "--warehouse", str(warehouse)]) == 0
    before = warehouse.read_bytes()
    capsys.readouterr()

    code = main(["ingest", folder(WITH_PROBLEMS), "--warehouse", str(warehouse), "--strict"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "a/attendance.csv" in out  # the summary still says what went wrong
    assert err.strip().splitlines()[-1].startswith("coalition ingest: --strict:")
    assert "Traceback" not in out + err
    assert warehouse.read_bytes() == before


def test_strict_succeeds_when_nothing_is_rejected(folder, warehouse):
    good = {"organizations.csv": ORGS, "a/events.csv": EVENTS, "a/notes.csv": "skipped\n"}
    assert main(["ingest", folder(good), "--warehouse", str(warehouse), "--strict"]) == 0


def test_no_loadable_file_exits_non_zero_and_keeps_the_old_warehouse(folder, warehouse, capsys):
    good = {"organizations.csv": ORGS, "a/events.csv": EVENTS}
    assert main(["ingest", folder(good, "good"), "--warehouse", str(warehouse)]) == 0
    before = warehouse.read_bytes()
    capsys.readouterr()

    broken = {"a/events.csv": "event_id,title\ne1,No type or date\n", "a/x.parquet": b"PAR1"}
    code = main(["ingest", folder(broken), "--warehouse", str(warehouse)])
    out, err = capsys.readouterr()
    assert code != 0
    assert "no file could be loaded" in err
    assert "Traceback" not in out + err
    assert warehouse.read_bytes() == before


@pytest.mark.parametrize("problem", ["missing-folder", "warehouse-is-a-folder"])
def test_ingest_that_cannot_run_prints_one_line_and_exits_1(
    folder, tmp_path, warehouse, capsys, problem
):
    data = folder({"organizations.csv": ORGS, "a/events.csv": EVENTS})
    if problem == "missing-folder":
        data = str(tmp_path / "nowhere")
    else:
        warehouse.mkdir(parents=True)
    code = main(["ingest", data, "--warehouse", str(warehouse)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.strip().splitlines()[-1].startswith("coalition ingest: ")
    assert "Traceback" not in err


def test_warehouse_defaults_to_the_environment_then_dot_coalition(
    folder, tmp_path, monkeypatch, capsys
):
    data = folder({"organizations.csv": ORGS, "a/events.csv": EVENTS})
    monkeypatch.chdir(tmp_path)
    assert main(["ingest", data]) == 0
    assert (tmp_path / ".coalition" / "warehouse.duckdb").exists()

    monkeypatch.setenv("COALITION_WAREHOUSE", str(tmp_path / "env" / "w.duckdb"))
    assert main(["ingest", data]) == 0
    assert (tmp_path / "env" / "w.duckdb").exists()


def _installed_script() -> str:
    script = Path(sys.executable).parent / "coalition"
    return str(script) if script.exists() else shutil.which("coalition")


def test_installed_coalition_script_ingests_and_reports_failures_without_traceback(
    folder, warehouse
):
    env = {**os.environ, "COALITION_KEY": TEST_KEY}
    env.pop("COALITION_WAREHOUSE", None)
    data = folder(WITH_PROBLEMS)
    done = subprocess.run(
        [_installed_script(), "ingest", data, "--warehouse", str(warehouse)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "a/attendance.csv" in done.stdout
    assert "partial" in done.stdout

    strict = subprocess.run(
        [_installed_script(), "ingest", data, "--warehouse", str(warehouse), "--strict"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert strict.returncode == 1
    assert "Traceback" not in strict.stdout + strict.stderr
