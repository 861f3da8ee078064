"""Contract §1: which files are read, as what, and how their text is decoded and parsed."""

from __future__ import annotations

from datetime import date, datetime

import pyarrow as pa
import pytest
from ingest_helpers import ORGS, build_warehouse, lines, parquet_bytes

EVENTS = lines("event_id,event_type,starts_at", "e1,rally,2025-03-14", "e2,meeting,2025-04-02")


# --- discovery ------------------------------------------------------------------------


def test_file_kind_comes_from_the_name_prefix(ingest_folder):
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events-spring.csv": EVENTS,
            "a/attendance-2025-03.csv": lines("event_id,status,email", "e1,attended,x@ex.org"),
        }
    )
    assert wh.file("a/attendance-2025-03.csv")["table_name"] == "attendance"
    assert wh.file("a/events-spring.csv")["table_name"] == "events"
    assert wh.value("select count(*) from attendance") == 1


def test_several_files_of_one_kind_are_unioned(ingest_folder):
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": EVENTS,
            "a/attendance-2025-03.csv": lines("event_id,status,email", "e1,attended,x@ex.org"),
            "a/attendance-2025-04.csv": lines("event_id,status,email", "e2,attended,y@ex.org"),
        }
    )
    assert wh.rows("select event_id from attendance order by event_id") == [("e1",), ("e2",)]


def test_file_whose_name_matches_no_kind_is_listed_as_skipped_and_its_rows_not_counted(
    ingest_folder,
):
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": EVENTS,
            "a/volunteer-notes.csv": lines("event_id,status,email", "e1,attended,x@ex.org"),
            "people.csv": lines("person_id,email", "p1,x@ex.org"),  # org table at top level
        }
    )
    for skipped in ("a/volunteer-notes.csv", "people.csv"):
        record = wh.file(skipped)
        assert record["status"] == "skipped"
        assert record["message"]
        assert (record["rows_read"], record["rows_loaded"], record["rows_rejected"]) == (0, 0, 0)
        assert wh.rejects(skipped) == []
    assert wh.value("select count(*) from attendance") == 0
    assert wh.value("select count(*) from people") == 0


def test_file_of_an_unsupported_type_is_listed_as_skipped(ingest_folder):
    wh = ingest_folder(
        {"organizations.csv": ORGS, "a/events.csv": EVENTS, "a/attendance.xlsx": b"PK\x03\x04"}
    )
    record = wh.file("a/attendance.xlsx")
    assert record["status"] == "skipped"
    assert "unsupported" in record["message"]


def test_org_folder_not_in_organizations_csv_is_loaded_with_its_id_as_name_and_a_warning(
    ingest_folder,
):
    wh = ingest_folder(
        {
            "organizations.csv": lines("org_id,name", "a,Alpha"),
            "a/events.csv": EVENTS,
            "newcomer/events.csv": EVENTS,
        }
    )
    assert wh.rows("select org_id, name from organizations order by org_id") == [
        ("a", "Alpha"),
        ("newcomer", "newcomer"),
    ]
    assert wh.value("select count(*) from events where org_id = 'newcomer'") == 2
    assert any("newcomer" in warning for warning in wh.result.warnings)


def test_source_file_is_relative_to_the_data_folder_with_forward_slashes(ingest_folder):
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": EVENTS,
            "a/2025/march/attendance.csv": lines("event_id,status,email", "e1,bogus,x@ex.org"),
        }
    )
    record = wh.file("a/2025/march/attendance.csv")
    assert (record["org_id"], record["table_name"]) == ("a", "attendance")
    assert wh.rejects()[0]["source_file"] == "a/2025/march/attendance.csv"
    assert all("\\" not in f and not f.startswith("/") for f in wh.files())


# --- CSV variants ---------------------------------------------------------------------


def test_csv_with_utf8_bom_reads_its_first_column(ingest_folder):
    wh = ingest_folder(
        {"organizations.csv": ORGS, "a/events.csv": "\ufeff".encode() + EVENTS.encode()}
    )
    assert wh.file("a/events.csv")["status"] == "loaded"
    assert wh.rows("select event_id from events order by 1") == [("e1",), ("e2",)]


def test_csv_with_crlf_line_endings(ingest_folder):
    events = lines(
        "event_id,event_type,starts_at,title", "e1,rally,2025-03-14,Spring rally", newline="\r\n"
    )
    wh = ingest_folder({"organizations.csv": ORGS, "a/events.csv": events})
    assert wh.rows("select event_id, title from events") == [("e1", "Spring rally")]


@pytest.mark.parametrize("delimiter", [";", "\t"], ids=["semicolon", "tab"])
def test_csv_with_semicolon_or_tab_delimiter(ingest_folder, delimiter):
    events = lines(
        delimiter.join(["event_id", "event_type", "starts_at", "title"]),
        delimiter.join(["e1", "rally", "2025-03-14", "Rally, with a comma"]),
    )
    wh = ingest_folder({"organizations.csv": ORGS, "a/events.csv": events})
    assert wh.rows("select event_id, title from events") == [("e1", "Rally, with a comma")]


def test_latin1_csv_keeps_accented_text(ingest_folder):
    orgs = lines("org_id,name,region", "a,Comité des Élèves,Québec").encode("latin-1")
    events = lines(
        "event_id,event_type,starts_at,title,region",
        "e1,meeting,2025-03-14,Réunion à Montréal,Île-de-France",
    ).encode("latin-1")
    wh = ingest_folder({"organizations.csv": orgs, "a/events.csv": events})
    assert wh.rows("select name, region from organizations") == [("Comité des Élèves", "Québec")]
    assert wh.rows("select title, region from events") == [("Réunion à Montréal", "Île-de-France")]


def test_header_names_match_case_insensitively_ignoring_surrounding_spaces(ingest_folder):
    events = lines(" Event_ID , EVENT_TYPE,Starts_At  ,  Title", "e1,rally,2025-03-14,Spring")
    wh = ingest_folder({"organizations.csv": ORGS, "a/events.csv": events})
    assert wh.rows("select event_id, event_type, title from events") == [("e1", "rally", "Spring")]


def test_columns_outside_the_contract_are_ignored(ingest_folder):
    events = lines("event_id,notes,event_type,starts_at", "e1,bring snacks,rally,2025-03-14")
    wh = ingest_folder({"organizations.csv": ORGS, "a/events.csv": events})
    assert wh.file("a/events.csv")["status"] == "loaded"
    assert "notes" not in [c[0] for c in wh.con.execute("select * from events").description]


# --- Parquet --------------------------------------------------------------------------


def test_parquet_columns_in_any_order_with_extra_columns_ignored(ingest_folder):
    events = parquet_bytes(
        {
            "internal_code": ["X1", "X2"],
            "Starts_At": ["2025-03-14 19:00", "2025-04-02"],
            "title": ["Spring rally", None],
            "event_type": ["rally", "meeting"],
            "EVENT_ID": ["e1", "e2"],
        }
    )
    wh = ingest_folder({"organizations.csv": ORGS, "a/events.parquet": events})
    record = wh.file("a/events.parquet")
    assert (record["format"], record["status"], record["rows_loaded"]) == ("parquet", "loaded", 2)
    assert wh.rows("select event_id, title, starts_at from events order by 1") == [
        ("e1", "Spring rally", datetime(2025, 3, 14, 19, 0)),
        ("e2", None, datetime(2025, 4, 2)),
    ]


def test_parquet_typed_columns_are_read_as_their_values(ingest_folder):
    events = pa.table(
        {
            "event_id": pa.array(["e1", "e2"]),
            "event_type": pa.array(["rally", "canvass"]),
            "starts_at": pa.array(
                [datetime(2025, 3, 14, 19, 0), datetime(2025, 4, 2, 9, 30)], pa.timestamp("ms")
            ),
            "turnout_goal": pa.array([40, None], pa.int64()),
            "is_virtual": pa.array([True, False]),
            "co_hosts": pa.array([["b", "c"], []], pa.list_(pa.string())),
        }
    )
    shifts = pa.table(
        {
            "shift_date": pa.array([date(2025, 3, 15)], pa.date32()),
            "hours": pa.array([2.5], pa.float64()),
            "email": pa.array(["x@ex.org"]),
        }
    )
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.parquet": parquet_bytes(events),
            "a/shifts.parquet": parquet_bytes(shifts),
        }
    )
    assert wh.rows(
        "select event_id, starts_at, event_date, turnout_goal, is_virtual, co_hosts "
        "from events order by 1"
    ) == [
        ("e1", datetime(2025, 3, 14, 19, 0), date(2025, 3, 14), 40, True, ["b", "c"]),
        ("e2", datetime(2025, 4, 2, 9, 30), date(2025, 4, 2), None, False, []),
    ]
    assert wh.rows("select shift_date, hours from shifts") == [(date(2025, 3, 15), 2.5)]


def test_parquet_timestamp_with_time_zone_keeps_the_date_as_written(ingest_folder):
    # 22:30 in Chicago on March 14 is already March 15 in UTC.
    local = pa.array([datetime(2025, 3, 14, 22, 30)], pa.timestamp("us"))
    zoned = pa.compute.assume_timezone(local, "America/Chicago")
    events = pa.table({"event_id": ["e1"], "event_type": ["rally"], "starts_at": zoned})
    wh = ingest_folder({"organizations.csv": ORGS, "a/events.parquet": parquet_bytes(events)})
    assert wh.rows("select starts_at, event_date from events") == [
        (datetime(2025, 3, 14, 22, 30), date(2025, 3, 14))
    ]


# --- dates ----------------------------------------------------------------------------

DATES = {
    "2025-03-14": datetime(2025, 3, 14),
    "2025-03-14T19:00": datetime(2025, 3, 14, 19, 0),
    "2025-03-14 19:00:00": datetime(2025, 3, 14, 19, 0),
    "2025-03-14T19:00:45": datetime(2025, 3, 14, 19, 0, 45),
    "2025-03-14T23:30:00+02:00": datetime(2025, 3, 14, 23, 30),
    "2025-03-14T01:00+02:00": datetime(2025, 3, 14, 1, 0),
    "2025-03-14T22:30:00-05:00": datetime(2025, 3, 14, 22, 30),
    "2025-03-14T19:00:00Z": datetime(2025, 3, 14, 19, 0),
    "3/14/2025": datetime(2025, 3, 14),
    "03/14/2025": datetime(2025, 3, 14),
    "3/14/2025 7:00 PM": datetime(2025, 3, 14, 19, 0),
    "3/14/2025 12:30 AM": datetime(2025, 3, 14, 0, 30),
    "3/14/2025 19:00": datetime(2025, 3, 14, 19, 0),
}
BAD_DATES = ["2025-02-30", "2025-13-01", "14/3/2025", "next Tuesday", "2025-03-14T25:00"]


DATE_VALUES = list(DATES) + BAD_DATES


def _one_event_per_value(root, column: str, values: list[str]):
    """An events file whose event e<i>, on line i + 2, has values[i] in `column`."""
    header = "event_id,event_type,starts_at" + ("" if column == "starts_at" else f",{column}")
    rows = [
        f"e{i},rally,{value}" if column == "starts_at" else f"e{i},rally,2025-03-14,{value}"
        for i, value in enumerate(values)
    ]
    return build_warehouse(root, {"organizations.csv": ORGS, "a/events.csv": lines(header, *rows)})


@pytest.fixture(scope="module")
def dated(tmp_path_factory):
    wh = _one_event_per_value(tmp_path_factory.mktemp("dates"), "starts_at", DATE_VALUES)
    yield wh
    wh.close()


@pytest.mark.parametrize("written", list(DATES))
def test_date_forms_are_read_as_written_without_time_zone_shift(dated, written):
    expected = DATES[written]
    assert dated.rows(
        "select starts_at, event_date from events where event_id = $id",
        {"id": f"e{DATE_VALUES.index(written)}"},
    ) == [(expected, expected.date())]


@pytest.mark.parametrize("written", BAD_DATES)
def test_unparseable_date_is_rejected(dated, written):
    reject = dated.reject_at("a/events.csv", DATE_VALUES.index(written) + 2)
    assert reject["reason"] == "starts_at is not a valid date"


# --- booleans -------------------------------------------------------------------------

BOOLEANS = {
    "true": True,
    "TRUE": True,
    "False": False,
    "yes": True,
    "YES": True,
    "No": False,
    "y": True,
    "N": False,
    "1": True,
    "0": False,
    " Yes ": True,
    "": False,  # empty takes the default
}
BAD_BOOLEANS = ["maybe", "2", "t"]


BOOLEAN_VALUES = list(BOOLEANS) + BAD_BOOLEANS


@pytest.fixture(scope="module")
def flagged(tmp_path_factory):
    wh = _one_event_per_value(tmp_path_factory.mktemp("bools"), "is_virtual", BOOLEAN_VALUES)
    yield wh
    wh.close()


@pytest.mark.parametrize("written", list(BOOLEANS), ids=repr)
def test_boolean_forms_any_case_and_empty_takes_the_default(flagged, written):
    assert (
        flagged.value(
            "select is_virtual from events where event_id = $id",
            {"id": f"e{BOOLEAN_VALUES.index(written)}"},
        )
        is BOOLEANS[written]
    )


@pytest.mark.parametrize("written", BAD_BOOLEANS)
def test_unparseable_boolean_is_rejected(flagged, written):
    reject = flagged.reject_at("a/events.csv", BOOLEAN_VALUES.index(written) + 2)
    assert reject["reason"].startswith("is_virtual is not a boolean")
