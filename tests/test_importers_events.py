"""Contract §5: events an export dates itself; the org's events files win over them; the
rows derived from an export never change its accounting."""

from __future__ import annotations

import pytest
from importer_helpers import (
    ADA,
    BAYARD,
    CESAR,
    EVENTBRITE,
    MOBILIZE,
    ORGS,
    VAN,
    eventbrite_row,
    export,
    mobilize_row,
    van_row,
)

EVENTS = "event_id,event_type,starts_at,title\n101,rally,2025-03-14 18:00,Rent rally\n"
COUNTS = ("rows_read", "rows_loaded", "rows_rejected", "rows_deduplicated")


def counts(wh, source_file):
    record = wh.file(source_file)
    return tuple(record[c] for c in COUNTS)


def test_mobilize_override_start_date_creates_the_event(ingest_folder):
    rows = [
        mobilize_row(ADA, "555", "REGISTERED", "true", override_start_date="2025-05-01 10:00"),
        mobilize_row(BAYARD, "555", "REGISTERED", "", override_start_date="2025-05-01 10:00"),
    ]
    wh = ingest_folder(
        {"organizations.csv": ORGS, "a/events.csv": EVENTS, "a/mob.csv": export(MOBILIZE, rows)}
    )
    assert wh.rows(
        "select event_id, event_type, event_date::varchar from events where event_id = '555'"
    ) == [("555", "other", "2025-05-01")]
    assert wh.value("select count(*) from attendance where event_id = '555'") == 2
    assert counts(wh, "a/mob.csv") == (2, 2, 0, 0)
    assert wh.file("a/events.csv")["rows_loaded"] == 1
    # The attended act lands on the derived event's date.
    assert wh.rows("select act_date::varchar from acts where event_id = '555'") == [("2025-05-01",)]


@pytest.mark.parametrize("export_name", ["a/aaa-mobilize.csv", "a/zzz-mobilize.csv"])
def test_the_orgs_events_files_win_over_derived_events_whatever_the_file_order(
    ingest_folder, export_name
):
    rows = [mobilize_row(ADA, "101", "REGISTERED", "true", override_start_date="2025-06-30")]
    wh = ingest_folder(
        {"organizations.csv": ORGS, "a/events.csv": EVENTS, export_name: export(MOBILIZE, rows)}
    )
    assert wh.rows("select event_type, title, event_date::varchar from events") == [
        ("rally", "Rent rally", "2025-03-14")
    ]
    assert counts(wh, "a/events.csv") == (1, 1, 0, 0)
    assert counts(wh, export_name) == (1, 1, 0, 0)


def test_van_event_columns_give_the_events_title_type_and_date(ingest_folder):
    columns = [*VAN, "event_startDate", "event_eventType_name"]
    rows = [
        van_row(
            ADA,
            "9001",
            "Completed",
            event_startDate="2025-04-12T10:00:00-04:00",
            event_eventType_name="Phone Bank",
        )
    ]
    wh = ingest_folder(
        {"organizations.csv": ORGS, "a/events.csv": EVENTS, "a/van.csv": export(columns, rows)}
    )
    assert wh.rows(
        "select title, event_type, starts_at::varchar from events where event_id = '9001'"
    ) == [("Rent strike rally", "phone_bank", "2025-04-12 10:00:00")]
    assert counts(wh, "a/van.csv") == (1, 1, 0, 0)


def test_eventbrite_event_date_column_gives_the_event(ingest_folder):
    columns = [*EVENTBRITE, "Event Date"]
    row = eventbrite_row(
        CESAR,
        "Attending",
        **{"Event ID": "eb-77", "Event Name": "Spring gala", "Event Date": "2025-05-17 19:00"},
    )
    wh = ingest_folder({"organizations.csv": ORGS, "a/eb.csv": export(columns, [row])})
    assert wh.rows("select event_id, title, event_date::varchar from events") == [
        ("eb-77", "Spring gala", "2025-05-17")
    ]


@pytest.mark.parametrize(
    ("name", "text", "hint"),
    [
        (
            "a/mob.csv",
            export(MOBILIZE, [mobilize_row(ADA, "123", "REGISTERED")]),
            "add it to an events file, or give the export's event date (override_start_date)",
        ),
        (
            "a/van.csv",
            export(VAN, [van_row(ADA, "123", "Completed")]),
            "add it to an events file, or export the signups with the event's start date "
            "(event_startDate)",
        ),
        (
            "a/eb.csv",
            export(EVENTBRITE, [eventbrite_row(ADA, "Attending", **{"Event ID": "123"})]),
            "add it to an events file, or give the report an Event Date column, or name the "
            "event with its starts_at in mapping.toml [files.event]",
        ),
    ],
    ids=["mobilize", "van", "eventbrite"],
)
def test_an_undated_unknown_event_is_rejected_with_what_to_add(ingest_folder, name, text, hint):
    wh = ingest_folder({"organizations.csv": ORGS, "a/events.csv": EVENTS, name: text})
    assert wh.reject_at(name, 2)["reason"] == (
        f"event_id 123 not found in this organization's events: {hint}"
    )
    assert counts(wh, name) == (1, 0, 1, 0)


def test_a_derived_event_with_an_unreadable_date_is_not_a_rejected_row_of_its_own(
    ingest_folder,
):
    rows = [mobilize_row(ADA, "555", "REGISTERED", override_start_date="next Tuesday")]
    wh = ingest_folder(
        {"organizations.csv": ORGS, "a/events.csv": EVENTS, "a/mob.csv": export(MOBILIZE, rows)}
    )
    assert [(r["line"], r["table_name"]) for r in wh.rejects("a/mob.csv")] == [(2, "attendance")]
    assert counts(wh, "a/mob.csv") == (1, 0, 1, 0)


def test_derived_rows_never_count_in_any_files_accounting(ingest_folder):
    rows = [
        mobilize_row(p, "555", "REGISTERED", "true", override_start_date="2025-05-01")
        for p in (ADA, BAYARD, CESAR)
    ]
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": EVENTS,
            "a/people.csv": f"person_id,email\np1,{ADA.email}\n",
            "a/mob.csv": export(MOBILIZE, rows),
        }
    )
    assert wh.value("select count(*) from events where event_id = '555'") == 1
    assert wh.value("select count(*) from people") == 3
    for record in wh.dicts("select * from ingest_files"):
        total = record["rows_loaded"] + record["rows_rejected"] + record["rows_deduplicated"]
        assert record["rows_read"] == total, record
    assert counts(wh, "a/people.csv") == (1, 1, 0, 0)
    assert counts(wh, "a/mob.csv") == (3, 3, 0, 0)


def test_derived_events_belong_to_the_org_of_the_export(ingest_folder):
    row = mobilize_row(ADA, "555", "REGISTERED", "true", override_start_date="2025-05-01")
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/mob.csv": export(MOBILIZE, [row]),
            "b/attendance.csv": f"event_id,status,email\n555,attended,{BAYARD.email}\n",
        }
    )
    assert wh.rows("select org_id, event_id from events") == [("a", "555")]
    assert wh.reject_at("b/attendance.csv", 2)["reason"] == (
        "event_id not found in this organization's events"
    )
