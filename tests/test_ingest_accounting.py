"""Contract §3 and §6: every row is accounted for, and a rebuild is atomic."""

from __future__ import annotations

import hashlib

import duckdb
import pytest
from ingest_helpers import ORGS, build_warehouse, lines, parquet_bytes

from dashboard.ingest import IngestError

EVENTS = lines("event_id,event_type,starts_at", "e1,rally,2025-03-14", "e2,rally,2025-03-21")


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """Files of every status, with loaded, rejected, malformed and duplicate rows."""
    files = {
        "coalition.toml": 'name = "Test coalition"\nmin_cell = 5\n',
        "organizations.csv": ORGS,
        "campaigns.csv": lines("campaign_id,name", "c1,Wages", "c1,Wages again"),
        "a/events.csv": EVENTS,
        "a/people.parquet": parquet_bytes(
            {"person_id": ["p1", "p2", ""], "email": ["x@e", "", ""]}
        ),
        "a/attendance.csv": lines(
            "event_id,status,person_id",
            "e1,attended,p1",
            "e1,rsvp,p1",  # duplicate
            "e9,attended,p1",  # rejected: unknown event
            "e2,attended,p2,surplus",  # malformed
            "e2,walk_in,p2",
        ),
        "a/shifts.csv": lines("shift_date,person_id", "2025-03-14,p1"),  # refused: no hours
        "a/README.md": "# notes\n",  # skipped
    }
    wh = build_warehouse(tmp_path_factory.mktemp("mixed"), files)
    yield wh
    wh.close()


def test_every_file_of_the_folder_is_listed_except_configuration(mixed):
    assert sorted(mixed.files()) == [
        "a/README.md",
        "a/attendance.csv",
        "a/events.csv",
        "a/people.parquet",
        "a/shifts.csv",
        "campaigns.csv",
        "organizations.csv",
    ]


def test_every_file_accounts_for_every_row_read(mixed):
    for f in mixed.dicts("select * from ingest_files"):
        assert f["rows_read"] == f["rows_loaded"] + f["rows_rejected"] + f["rows_deduplicated"], f
        rejected = mixed.value(
            "select count(*) from rejected_rows where source_file = $f", {"f": f["source_file"]}
        )
        assert rejected == f["rows_rejected"], f


def test_counts_per_file(mixed):
    counts = {
        f: (r["rows_read"], r["rows_loaded"], r["rows_rejected"], r["rows_deduplicated"])
        for f in mixed.files()
        for r in [mixed.file(f)]
    }
    assert counts == {
        "organizations.csv": (2, 2, 0, 0),
        "campaigns.csv": (2, 1, 0, 1),
        "a/events.csv": (2, 2, 0, 0),
        "a/people.parquet": (3, 2, 1, 0),
        "a/attendance.csv": (5, 2, 2, 1),
        "a/shifts.csv": (1, 0, 1, 0),
        "a/README.md": (0, 0, 0, 0),
    }


def test_file_status_is_loaded_partial_refused_or_skipped(mixed):
    assert mixed.files() == {
        "organizations.csv": "loaded",
        "campaigns.csv": "loaded",
        "a/events.csv": "loaded",
        "a/people.parquet": "partial",
        "a/attendance.csv": "partial",
        "a/shifts.csv": "refused",
        "a/README.md": "skipped",
    }


def test_file_records_its_org_table_format_and_sha256(mixed):
    record = mixed.file("a/people.parquet")
    content = (mixed.data_dir / "a/people.parquet").read_bytes()
    assert (record["org_id"], record["table_name"], record["format"]) == ("a", "people", "parquet")
    assert record["sha256"] == hashlib.sha256(content).hexdigest()
    assert mixed.file("organizations.csv")["org_id"] is None


def test_partial_file_message_names_each_reason_with_its_lines(mixed):
    message = mixed.file("a/attendance.csv")["message"]
    assert "event_id not found in this organization's events (line 4)" in message
    assert "malformed line: expected 3 fields, found 4 (line 5)" in message


def test_coalition_toml_settings_are_read(mixed):
    assert mixed.rows("select name, min_cell from coalition") == [("Test coalition", 5)]


def test_refused_and_partial_files_do_not_fail_the_ingest(mixed):
    assert mixed.result.replaced
    assert mixed.result.problems


# --- atomic rebuild -------------------------------------------------------------------

GOOD = {"organizations.csv": ORGS, "a/events.csv": EVENTS}


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if ".building-" in p.name)


@pytest.fixture
def previous(tmp_path):
    """A good warehouse already in place, and its bytes."""
    wh = build_warehouse(tmp_path, GOOD, data="good")
    return wh.path, wh.path.read_bytes()


@pytest.mark.parametrize(
    ("files", "strict"),
    [
        pytest.param(
            {**GOOD, "a/attendance.csv": lines("event_id,status,email", "e7,attended,x@ex.org")},
            True,
            id="strict-with-a-rejected-row",
        ),
        pytest.param(
            {**GOOD, "a/shifts.csv": lines("shift_date,email", "2025-03-14,x@ex.org")},
            True,
            id="strict-with-a-refused-file",
        ),
        pytest.param({"a/events.csv": b"\x00\x01binary"}, False, id="no-loadable-file"),
        pytest.param({"notes.txt": "hello\n"}, False, id="only-skipped-files"),
    ],
)
def test_failed_ingest_keeps_the_previous_warehouse_byte_identical(
    tmp_path, previous, files, strict
):
    path, before = previous
    with pytest.raises(IngestError) as failure:
        build_warehouse(tmp_path, files, strict=strict, data="bad")
    assert "warehouse was not changed" in str(failure.value)
    assert failure.value.result is not None
    assert path.read_bytes() == before
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("select count(*) from events").fetchone() == (2,)
    assert _leftovers(path.parent) == []


def test_failed_first_ingest_creates_no_warehouse(tmp_path):
    with pytest.raises(IngestError):
        build_warehouse(tmp_path, {"a/events.csv": b""})
    assert not (tmp_path / "out" / "warehouse.duckdb").exists()
    assert _leftovers(tmp_path / "out") == []


def test_successful_rebuild_replaces_the_warehouse_and_leaves_no_building_file(tmp_path, previous):
    path, _ = previous
    more = {**GOOD, "b/events.csv": EVENTS}
    wh = build_warehouse(tmp_path, more, data="more")
    try:
        assert wh.path == path
        assert wh.value("select count(*) from events") == 4
    finally:
        wh.close()
    assert _leftovers(path.parent) == []


def test_reader_open_during_a_rebuild_keeps_seeing_the_old_warehouse(tmp_path, previous):
    path, _ = previous
    with duckdb.connect(str(path), read_only=True) as old_reader:
        wh = build_warehouse(tmp_path, {**GOOD, "b/events.csv": EVENTS}, data="more")
        wh.close()
        assert old_reader.execute("select count(*) from events").fetchone() == (2,)
    with duckdb.connect(str(path), read_only=True) as new_reader:
        assert new_reader.execute("select count(*) from events").fetchone() == (4,)


@pytest.mark.parametrize(
    "problem",
    ["missing-data-folder", "warehouse-is-a-folder", "warehouse-under-a-file", "bad-toml"],
)
def test_ingest_that_cannot_run_raises_ingest_error(tmp_path, problem):
    from dashboard.ingest import ingest

    data, warehouse = tmp_path / "data", tmp_path / "out" / "warehouse.duckdb"
    data.mkdir()
    (data / "organizations.csv").write_text(ORGS)
    if problem == "missing-data-folder":
        data = tmp_path / "nowhere"
    elif problem == "warehouse-is-a-folder":
        warehouse.mkdir(parents=True)
    elif problem == "warehouse-under-a-file":
        (tmp_path / "out").write_text("not a folder")
    else:
        (data / "coalition.toml").write_text('name = "unterminated\n')
    with pytest.raises(IngestError):
        ingest(data, warehouse)
