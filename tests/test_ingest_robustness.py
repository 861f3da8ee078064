"""One member's file never stops the build: each failure is a refused or partial file
with a one-line reason, the build's own trouble one line naming the path, and every
file's accounting still adds up (rows_read = loaded + rejected + deduplicated)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pyarrow as pa
import pytest
from ingest_helpers import ORGS, TEST_KEY, lines, parquet_bytes

from dashboard.ingest import IngestError, ingest
from dashboard.ingest.build import memory_bytes, remove_leftovers

EVENTS = lines("event_id,event_type,starts_at,title", "e1,rally,2025-03-14,Spring rally")
ATTENDANCE = lines("event_id,person_id,status", "e1,p1,attended", "e1,p2,attended")


def _accounts(wh) -> None:
    for f in wh.dicts("select * from ingest_files"):
        assert f["rows_read"] == f["rows_loaded"] + f["rows_rejected"] + f["rows_deduplicated"], f


def _one_line(message: str) -> None:
    assert message and "\n" not in message and "Traceback" not in message


@pytest.mark.parametrize(
    "column",
    [
        pa.array([{"x": 1}, {"x": 2}]),
        pa.array([[("k", "v")], []], pa.map_(pa.string(), pa.string())),
        pa.array([[{"x": 1}], []], pa.list_(pa.struct([("x", pa.int64())]))),
    ],
    ids=["struct", "map", "list-of-struct"],
)
def test_a_nested_parquet_column_refuses_the_file_only_when_it_is_read(ingest_folder, column):
    read = pa.table({"event_id": ["e1", "e1"], "person_id": column, "status": ["a", "b"]})
    ignored = pa.table(
        {"event_id": ["e1", "e1"], "person_id": ["p1", "p2"], "status": ["attended"] * 2}
    ).append_column("extra", column)
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": EVENTS,
            "a/attendance-read.parquet": parquet_bytes(read),
            "a/attendance-ignored.parquet": parquet_bytes(ignored),
        }
    )
    record = wh.file("a/attendance-read.parquet")
    assert record["status"] == "refused"
    assert "'person_id' is of Parquet type" in record["message"]
    _one_line(record["message"])
    assert wh.file("a/attendance-ignored.parquet")["rows_loaded"] == 2
    _accounts(wh)


def test_a_file_name_that_is_not_utf8_is_refused_and_the_rest_loads(tmp_path):
    data = tmp_path / "data"
    (data / "a").mkdir(parents=True)
    (data / "organizations.csv").write_text(ORGS)
    (data / "a" / "events.csv").write_text(EVENTS)
    odd = os.fsdecode(os.fsencode(str(data / "a")) + b"/attendance-caf\xe9.csv")
    Path(odd).write_text(ATTENDANCE)
    os.environ["COALITION_KEY"] = TEST_KEY
    result = ingest(data, tmp_path / "warehouse.duckdb")
    files = {f["source_file"]: f for f in result.files.iter_rows(named=True)}
    record = files["a/attendance-caf\\xe9.csv"]
    assert record["status"] == "refused"
    assert "not valid UTF-8" in record["message"]
    assert files["a/events.csv"]["status"] == "loaded"


@pytest.mark.parametrize(
    ("field", "limit"), [("title", 1_000), ("event_id", 200)], ids=["text", "id"]
)
def test_a_value_over_its_length_limit_is_rejected_with_its_line(ingest_folder, field, limit):
    long = "x" * (limit + 1)
    row = f"e2,rally,2025-03-15,{long}" if field == "title" else f"{long},rally,2025-03-15,T"
    events = lines(
        "event_id,event_type,starts_at,title",
        "e1,rally,2025-03-14," + "y" * limit,
        row,
        "e3,rally,2025-03-16,After",
    )
    wh = ingest_folder({"organizations.csv": ORGS, "a/events.csv": events})
    [reject] = wh.rejects("a/events.csv")
    assert reject["line"] == 3
    assert reject["reason"] == (
        f"value too long: {field} has {limit + 1:,} characters (at most {limit:,})"
    )
    assert reject["raw"] is None
    assert wh.rows("select event_id from events order by 1") == [("e1",), ("e3",)]
    _accounts(wh)


def test_a_csv_without_a_header_row_is_refused_and_its_first_line_counted(ingest_folder):
    attendance = lines("e1,p1,attended", "e1,p2,attended", "e1,p3,attended")
    wh = ingest_folder(
        {"organizations.csv": ORGS, "a/events.csv": EVENTS, "a/attendance.csv": attendance}
    )
    record = wh.file("a/attendance.csv")
    assert record["status"] == "refused"
    assert "no header row" in record["message"]
    _one_line(record["message"])
    assert (record["rows_read"], record["rows_rejected"]) == (3, 3)
    assert [r["line"] for r in wh.rejects("a/attendance.csv")] == [1, 2, 3]
    _accounts(wh)


def test_duplicate_columns_with_different_values_refuse_the_file_naming_the_column(
    ingest_folder,
):
    conflicting = lines("event_id,person_id,status,Status", "e1,p1,attended,no_show")
    agreeing = lines("event_id,person_id,status,Status", "e1,p1,attended,attended")
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": EVENTS,
            "a/attendance-1.csv": conflicting,
            "a/attendance-2.csv": agreeing,
        }
    )
    record = wh.file("a/attendance-1.csv")
    assert record["status"] == "refused"
    assert "two columns named 'status' with different values" in record["message"]
    assert wh.file("a/attendance-2.csv")["status"] == "loaded"
    _accounts(wh)


def test_symlinks_are_refused_and_never_followed_outside_the_data_folder(tmp_path):
    outside = tmp_path / "outside"
    (outside / "c").mkdir(parents=True)
    (outside / "attendance.csv").write_text(ATTENDANCE)
    (outside / "c" / "events.csv").write_text(EVENTS)
    data = tmp_path / "data"
    (data / "a").mkdir(parents=True)
    (data / "organizations.csv").write_text(ORGS)
    (data / "a" / "events.csv").write_text(EVENTS)
    (data / "a" / "attendance.csv").symlink_to(outside / "attendance.csv")
    (data / "c").symlink_to(outside / "c")
    os.environ["COALITION_KEY"] = TEST_KEY
    result = ingest(data, tmp_path / "warehouse.duckdb")
    files = {f["source_file"]: f for f in result.files.iter_rows(named=True)}
    assert files["a/attendance.csv"]["status"] == "refused"
    assert "symbolic link" in files["a/attendance.csv"]["message"]
    assert files["c"]["status"] == "refused"
    assert "symbolic link" in files["c"]["message"]
    assert files["a/attendance.csv"]["rows_read"] == 0
    assert not any(name.startswith("c/") for name in files)


def test_leftovers_of_killed_builds_are_removed_but_not_those_of_running_ones(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = int(gone.stdout)
    for name in (
        f"warehouse.duckdb.building-{dead}",
        f"warehouse.duckdb.building-{dead}.wal",
        "warehouse.duckdb.building-1",
        "other.duckdb.building-99999999",
    ):
        (tmp_path / name).write_bytes(b"x" * 10)
    remove_leftovers(warehouse)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "other.duckdb.building-99999999",
        "warehouse.duckdb.building-1",  # pid 1 runs
    ]


_FULL_DISK = """
import resource, sys
from pathlib import Path
from dashboard.cli import main
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
sys.exit(main())
"""


def test_a_full_disk_is_one_line_naming_the_warehouse(tmp_path):
    data = tmp_path / "data"
    (data / "a").mkdir(parents=True)
    (data / "organizations.csv").write_text(ORGS)
    (data / "a" / "events.csv").write_text(EVENTS)
    rows = [f"e1,p{i},attended" for i in range(20_000)]
    (data / "a" / "attendance.csv").write_text(lines("event_id,person_id,status", *rows))
    warehouse = tmp_path / "out" / "warehouse.duckdb"
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "coalition.key").write_text("k" * 64)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "COALITION_KEY": TEST_KEY}
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            textwrap.dedent(_FULL_DISK.format(limit=200_000)),
            "ingest",
            str(data),
            "--warehouse",
            str(warehouse),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    [line] = [x for x in done.stderr.splitlines() if str(warehouse) in x and "cannot" in x]
    assert "cannot write the warehouse" in line
    assert not warehouse.exists()
    assert not list((tmp_path / "out").glob("*.building-*"))
    assert resource.RLIMIT_FSIZE  # the limit is the test's disk: root ignores permissions


# --- memory -----------------------------------------------------------------------------


def test_the_ingest_memory_ceiling_is_duckdbs_limit_for_the_build(tmp_path, monkeypatch):
    monkeypatch.setenv("COALITION_INGEST_MEMORY", "1MB")
    monkeypatch.setenv("COALITION_KEY", TEST_KEY)
    data = tmp_path / "data"
    (data / "a").mkdir(parents=True)
    (data / "organizations.csv").write_text(ORGS)
    (data / "a" / "events.csv").write_text(EVENTS)
    with pytest.raises(IngestError, match="needs more memory than COALITION_INGEST_MEMORY"):
        ingest(data, tmp_path / "warehouse.duckdb")
    assert memory_bytes("4GB") == 4 * 1000**3
    assert memory_bytes("512 MiB") == 512 * 1024**2


_READ_PEAK = """
import resource
from pathlib import Path
import pyarrow as pa
from dashboard.ingest.discover import discover
from dashboard.ingest.load import prepare
from dashboard.ingest.recognise import read_and_plan
pa.set_memory_pool(pa.system_memory_pool())  # as the build reads
data = Path({data!r})
[source] = [f for f in discover(data) if f.source_file == "a/attendance.csv"]
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
result, plan = read_and_plan(source, {{}})
prepare(source, result, plan)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print((after - before) * 1024, result.rows_read, len(result.malformed))
"""


@pytest.mark.parametrize("stray_quote", [False, True], ids=["well-quoted", "stray-quote"])
def test_reading_a_file_takes_at_most_four_times_its_size_plus_300_mb(tmp_path, stray_quote):
    data = tmp_path / "data"
    (data / "a").mkdir(parents=True)
    rows = 800_000  # about 40 MB
    with (data / "a" / "attendance.csv").open("w") as out:
        out.write("event_id,person_id,status,rsvp_at,role\n")
        for i in range(rows):
            role = '"attendee, new"' if i % 50 == 0 else "attendee"
            out.write(f"E{i % 2000},P{i},attended,2025-02-{1 + i % 28:02d} 10:00:00,{role}\n")
        if stray_quote:
            out.write('a1,"q-8,,attended,\n')
    size = (data / "a" / "attendance.csv").stat().st_size
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", _READ_PEAK.format(data=str(data))],
        capture_output=True, text=True, env=env, timeout=600, check=True,
    )  # fmt: skip
    growth, rows_read, malformed = map(int, done.stdout.split())
    assert (rows_read, malformed) == (rows + stray_quote, int(stray_quote))
    assert growth <= 4 * size + 300 * 1000**2, f"{growth / size:.1f} × the file"
