"""Contract §6, deduplication: which row survives when a thing is exported twice."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from ingest_helpers import ORGS, build_warehouse, lines, person_key

EVENTS = lines("event_id,event_type,starts_at", "e1,rally,2025-03-14")

# --- attendance: best status, highest role, earliest rsvp_at -----------------------------

# Each case is one person's statuses at e1, split over two files, and the one kept.
STATUS_CASES = {
    "attended-beats-all": (["cancelled", "rsvp", "no_show"], ["attended", "walk_in"], "attended"),
    "walk_in-beats-no_show": (["no_show"], ["walk_in"], "walk_in"),
    "no_show-beats-rsvp": (["rsvp"], ["no_show"], "no_show"),
    "rsvp-beats-cancelled": (["cancelled"], ["Registered"], "rsvp"),
    "cancelled-alone": (["cancelled", "declined"], [], "cancelled"),
}
ATTENDANCE_HEADER = "event_id,status,person_id,email,role,rsvp_at"


@pytest.fixture(scope="module")
def attendance(tmp_path_factory):
    first, second = [], []
    for i, (statuses_1, statuses_2, _) in enumerate(STATUS_CASES.values()):
        first += [f"e1,{status},,c{i}@ex.org,," for status in statuses_1]
        second += [f"e1,{status},,c{i}@ex.org,," for status in statuses_2]
    # One person named three ways, with different roles and rsvp dates on each row.
    first += ["e1,attended,,MIXED@ex.org,,2025-03-05", "e1,no_show,, mixed@ex.org ,host,"]
    second += ["e1,rsvp,p1,,volunteer,2025-03-01 18:00", "e1,cancelled,p1,,,2025-03-09"]
    files = {
        "organizations.csv": ORGS,
        "a/people.csv": lines("person_id,email", "p1,mixed@ex.org"),
        "a/events.csv": EVENTS,
        "a/attendance-1.csv": lines(ATTENDANCE_HEADER, *first),
        "a/attendance-2.csv": lines(ATTENDANCE_HEADER, *second),
    }
    wh = build_warehouse(tmp_path_factory.mktemp("attendance"), files)
    yield wh
    wh.close()


@pytest.mark.parametrize("case", list(STATUS_CASES))
def test_attendance_keeps_the_best_status_by_precedence(attendance, case):
    i = list(STATUS_CASES).index(case)
    assert attendance.rows(
        "select status from attendance where person_key = $k",
        {"k": person_key(f"email:c{i}@ex.org")},
    ) == [(STATUS_CASES[case][2],)]


def test_attendance_merged_row_has_best_status_highest_role_and_earliest_rsvp_at(attendance):
    assert attendance.rows(
        "select status, role, rsvp_at from attendance where person_key = $k",
        {"k": person_key("email:mixed@ex.org")},
    ) == [("attended", "host", datetime(2025, 3, 1, 18, 0))]


def test_attendance_duplicates_are_counted_per_file(attendance):
    people = len(STATUS_CASES) + 1
    files = [attendance.file(f"a/attendance-{n}.csv") for n in (1, 2)]
    assert sum(f["rows_loaded"] for f in files) == people
    assert sum(f["rows_read"] for f in files) == people + sum(f["rows_deduplicated"] for f in files)
    assert attendance.value("select count(*) from attendance") == people


# --- events: last file in sorted path order, then the later line -------------------------


def test_events_last_file_in_sorted_path_order_wins(ingest_folder):
    header = "event_id,event_type,starts_at,title"
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            # Written newest-first, so neither creation order nor mtime gives the answer.
            "a/events-2025-02.csv": lines(header, "e1,rally,2025-03-14,February version"),
            "a/events-2025-01.csv": lines(header, "e1,meeting,2025-03-10,January version"),
            "a/2024/events.csv": lines(header, "e1,social,2025-01-01,Oldest folder"),
        }
    )
    assert wh.rows("select event_id, event_type, event_date, title from events") == [
        ("e1", "rally", date(2025, 3, 14), "February version")
    ]
    assert wh.file("a/events-2025-02.csv")["rows_deduplicated"] == 0
    assert wh.file("a/events-2025-01.csv")["rows_deduplicated"] == 1
    assert wh.file("a/2024/events.csv")["rows_deduplicated"] == 1


def test_events_later_line_wins_within_a_file_and_orgs_keep_their_own(ingest_folder):
    header = "event_id,event_type,starts_at,title"
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": lines(
                header, "e1,rally,2025-03-14,First", "e1,rally,2025-03-15,Second"
            ),
            "b/events.csv": lines(header, "e1,rally,2025-03-20,Beta's own"),
        }
    )
    assert wh.rows("select org_id, title from events order by org_id") == [
        ("a", "Second"),
        ("b", "Beta's own"),
    ]
    assert wh.file("a/events.csv")["rows_deduplicated"] == 1


def test_events_a_rejected_later_row_does_not_replace_a_valid_one(ingest_folder):
    header = "event_id,event_type,starts_at,title"
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": lines(header, "e1,rally,2025-03-14,Valid", "e1,rally,never,Broken"),
        }
    )
    assert wh.rows("select title from events") == [("Valid",)]
    record = wh.file("a/events.csv")
    assert (record["rows_loaded"], record["rows_rejected"], record["rows_deduplicated"]) == (
        1,
        1,
        0,
    )


# --- people: one row per person and org, the later row winning ---------------------------


def test_people_later_row_wins_per_person_and_org(ingest_folder):
    header = "person_id,email,postal_code"
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/people-1.csv": lines(header, "p1,ada@ex.org,11111", "p2,bo@ex.org,33333"),
            "a/people-2.csv": lines(header, "p1,ada@ex.org,22222", "p7,ADA@ex.org,44444"),
            "b/people.csv": lines(header, "x9,ada@ex.org,55555"),
        }
    )
    ada = person_key("email:ada@ex.org")
    assert wh.rows(
        "select org_id, postal_code from people where person_key = $k order by org_id", {"k": ada}
    ) == [("a", "44444"), ("b", "55555")]
    assert wh.value("select count(*) from people") == 3
    assert wh.file("a/people-1.csv")["rows_deduplicated"] == 1
    assert wh.file("a/people-2.csv")["rows_deduplicated"] == 1


# --- shifts and actions: on shift_id / action_id within an org, first kept ---------------


def test_shifts_deduplicate_on_shift_id_within_an_org_keeping_the_first(ingest_folder):
    header = "shift_id,shift_date,hours,email"
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/shifts-1.csv": lines(
                header, "s1,2025-03-14,2,ada@ex.org", "s1,2025-03-14,5,ada@ex.org"
            ),
            "a/shifts-2.csv": lines(header, "s1,2025-03-14,7,ada@ex.org"),
            "b/shifts.csv": lines(header, "s1,2025-03-14,3,ada@ex.org"),
        }
    )
    assert wh.rows("select org_id, hours from shifts order by org_id") == [("a", 2.0), ("b", 3.0)]
    assert wh.file("a/shifts-1.csv")["rows_deduplicated"] == 1
    assert wh.file("a/shifts-2.csv")["rows_deduplicated"] == 1


def test_shifts_without_shift_id_are_never_deduplicated(ingest_folder):
    row = "2025-03-14,2,ada@ex.org"
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/shifts.csv": lines("shift_id,shift_date,hours,email", f",{row}", f",{row}"),
            "a/shifts-no-id-column.csv": lines("shift_date,hours,email", row, row),
        }
    )
    assert wh.value("select count(*) from shifts") == 4
    assert wh.value("select sum(rows_deduplicated) from ingest_files") == 0


def test_actions_deduplicate_on_action_id_within_an_org_keeping_the_first(ingest_folder):
    header = "action_id,action_date,action_type,email,quantity"
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/actions.csv": lines(
                header,
                "x1,2025-03-14,call,ada@ex.org,3",
                "x1,2025-03-15,text,ada@ex.org,9",
                ",2025-03-16,call,ada@ex.org,1",
                ",2025-03-16,call,ada@ex.org,1",
            ),
            "b/actions.csv": lines(header, "x1,2025-03-14,letter,ada@ex.org,"),
        }
    )
    assert wh.rows(
        "select org_id, action_date, action_type, quantity from actions order by org_id, 2"
    ) == [
        ("a", date(2025, 3, 14), "call", 3.0),
        ("a", date(2025, 3, 16), "call", 1.0),
        ("a", date(2025, 3, 16), "call", 1.0),
        ("b", date(2025, 3, 14), "letter", 1.0),
    ]
    assert wh.file("a/actions.csv")["rows_deduplicated"] == 1
