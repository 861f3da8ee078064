"""Contract §5: exports are recognised by header; one that looks like a tool's export but
lacks a column the importer needs is refused with what is missing, never skipped."""

from __future__ import annotations

import pytest
from importer_helpers import (
    ACTION_NETWORK_ATTENDANCE,
    ADA,
    EVENTBRITE,
    EVENTS,
    GOOGLE_FORMS,
    MOBILIZE,
    ORGS,
    VAN,
    eventbrite_row,
    export,
    mobilize_row,
    van_row,
)


def without(columns: list[str], *dropped: str) -> list[str]:
    return [c for c in columns if c not in dropped]


def row_of(columns: list[str], row: dict) -> dict:
    return {k: v for k, v in row.items() if k in columns}


CASES = {
    "mobilize without attended": (
        without(MOBILIZE, "attended"),
        mobilize_row(ADA, "101", "REGISTERED"),
        "mobilize",
        "looks like a Mobilize participations export but has no column for attended",
    ),
    "mobilize without event_id": (
        without(MOBILIZE, "event_id"),
        mobilize_row(ADA, "101", "REGISTERED"),
        "mobilize",
        "has no column for event_id (expected event_id)",
    ),
    "van without event_eventId": (
        without(VAN, "event_eventId"),
        van_row(ADA, "101", "Completed"),
        "van",
        "has no column for event_id (expected event_eventId)",
    ),
    "eventbrite without any status": (
        without(EVENTBRITE, "Attendee Status"),
        eventbrite_row(ADA, "Attending", **{"Event ID": "101"}),
        "eventbrite",
        "has no column for status or checked_in (expected Attendee Status, Checked In, ",
    ),
    "action network without event id": (
        without(ACTION_NETWORK_ATTENDANCE, "action_network:event_id"),
        {"action_network:person_id": "p1", "email": ADA.email, "status": "accepted"},
        "action_network",
        "looks like an Action Network attendance export but has no column for event_id",
    ),
}


@pytest.mark.parametrize(("columns", "row", "fmt", "reason"), CASES.values(), ids=CASES.keys())
def test_export_lacking_a_required_column_is_refused_with_the_reason(
    ingest_folder, columns, row, fmt, reason
):
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": EVENTS,
            "a/export.csv": export(columns, [row_of(columns, row)]),
        }
    )
    record = wh.file("a/export.csv")
    assert (record["status"], record["format"], record["table_name"]) == (
        "refused",
        fmt,
        "attendance",
    )
    assert reason in record["message"]
    assert (record["rows_read"], record["rows_rejected"]) == (1, 1)
    assert wh.reject_at("a/export.csv", 2)["reason"].startswith("file refused: looks like")
    assert wh.file("a/events.csv")["status"] == "loaded"


@pytest.mark.parametrize(
    ("header", "fmt"),
    [
        (",".join(MOBILIZE), "mobilize"),
        ("user__email_address,event_id,status,attended", "mobilize"),
        (",".join(VAN), "van"),
        ("vanId,status_name,event_eventId,email", "van"),
        (",".join(ACTION_NETWORK_ATTENDANCE), "action_network"),
        ("uuid,email,can2_phone", "action_network"),
        (",".join(EVENTBRITE), "eventbrite"),
        ("Order no.,Attendee no.,Attendee Status,Email,Event ID", "eventbrite"),
        (",".join(GOOGLE_FORMS), "google_forms"),
        ("TIMESTAMP ,  email address", "google_forms"),
        ("event_id,status,email", None),  # the contract's own columns: a canonical file
        ("Timestamp,Notes", None),
    ],
)
def test_formats_are_recognised_by_header_case_and_spaces_ignored(ingest_folder, header, fmt):
    wh = ingest_folder(
        {"organizations.csv": ORGS, "a/events.csv": EVENTS, "a/export.csv": header + "\n"}
    )
    record = wh.file("a/export.csv")
    if fmt is None:
        assert record["status"] == "skipped"
        assert "matches no known export" in record["message"]
    else:
        assert record["format"] == fmt


def test_a_file_named_for_a_table_with_its_columns_stays_a_contract_file(ingest_folder):
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": EVENTS,
            "a/attendance.csv": f"event_id,status,email,timestamp\n101,attended,{ADA.email},x\n",
        }
    )
    record = wh.file("a/attendance.csv")
    assert (record["format"], record["status"]) == ("csv", "loaded")
