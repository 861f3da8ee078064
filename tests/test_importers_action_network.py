"""Contract §5: Action Network attendance (RSVPs) and activist reports (people)."""

from __future__ import annotations

from importer_helpers import (
    ACTION_NETWORK_ACTIVISTS,
    ACTION_NETWORK_ATTENDANCE,
    ADA,
    BAYARD,
    CESAR,
    EVENTS,
    ORGS,
    export,
)
from ingest_helpers import person_key

ATTENDANCE = "a/an-attendance.csv"
ACTIVISTS = "a/an-activists.csv"
UUID_ADA = "3f2a6c1e-0b7d-4c55-9d61-1a2b3c4d5e6f"
UUID_CESAR = "8e1d2c3b-4a59-4f68-8e7d-6c5b4a392817"


def attendance_row(person, event_id, person_id="", status="accepted", **cells):
    return {
        "action_network:person_id": person_id,
        "action_network:event_id": event_id,
        "status": status,
        "email": person.email if person else "",
        "first_name": person.first if person else "",
        "last_name": person.last if person else "",
        "created_date": "2025-03-02 08:00:00",
        **cells,
    }


def activist_row(uuid, person, zip_code="02139"):
    return {
        "uuid": uuid,
        "first_name": person.first,
        "last_name": person.last,
        "email": person.email,
        "zip_code": zip_code,
        "can2_phone": person.phone,
        "can2_user_tags": "tenant, volunteer",
        "can2_subscription_status": "subscribed",
    }


def ingest(ingest_folder, files):
    return ingest_folder({"organizations.csv": ORGS, "a/events.csv": EVENTS, **files})


def test_every_attendance_row_is_an_rsvp(ingest_folder):
    rows = [
        attendance_row(ADA, "action_network:101", status="accepted"),
        attendance_row(BAYARD, "102", status=""),
    ]
    wh = ingest(ingest_folder, {ATTENDANCE: export(ACTION_NETWORK_ATTENDANCE, rows)})
    assert sorted(wh.rows("select event_id, person_key, status from attendance")) == sorted(
        [("101", ADA.key, "rsvp"), ("102", BAYARD.key, "rsvp")]
    )
    record = wh.file(ATTENDANCE)
    assert (record["format"], record["table_name"], record["status"]) == (
        "action_network",
        "attendance",
        "loaded",
    )
    assert str(wh.value("select min(rsvp_at) from attendance")) == "2025-03-02 08:00:00"


def test_activist_report_becomes_people(ingest_folder):
    rows = [activist_row(UUID_ADA, ADA, "02139"), activist_row(UUID_CESAR, CESAR, "10027")]
    wh = ingest(ingest_folder, {ACTIVISTS: export(ACTION_NETWORK_ACTIVISTS, rows)})
    assert sorted(wh.rows("select person_key, org_id, postal_code from people")) == sorted(
        [(ADA.key, "a", "02139"), (CESAR.key, "a", "10027")]
    )
    record = wh.file(ACTIVISTS)
    assert (record["format"], record["table_name"], record["rows_loaded"]) == (
        "action_network",
        "people",
        2,
    )


def test_attendance_without_email_finds_the_activist_by_person_id(ingest_folder):
    attendance = [attendance_row(None, "101", person_id=f"action_network:{UUID_CESAR}")]
    wh = ingest(
        ingest_folder,
        {
            ATTENDANCE: export(ACTION_NETWORK_ATTENDANCE, attendance),
            ACTIVISTS: export(ACTION_NETWORK_ACTIVISTS, [activist_row(UUID_CESAR, CESAR)]),
        },
    )
    assert wh.rows("select person_key from attendance") == [(CESAR.key,)]


def test_unknown_person_id_without_email_is_a_local_identity(ingest_folder):
    attendance = [attendance_row(None, "101", person_id=f"action_network:{UUID_ADA}")]
    wh = ingest(ingest_folder, {ATTENDANCE: export(ACTION_NETWORK_ATTENDANCE, attendance)})
    assert wh.rows("select person_key from attendance") == [(person_key(f"local:a:{UUID_ADA}"),)]


def test_event_not_in_the_events_files_is_rejected_with_what_to_add(ingest_folder):
    wh = ingest(
        ingest_folder,
        {ATTENDANCE: export(ACTION_NETWORK_ATTENDANCE, [attendance_row(ADA, "action_network:77")])},
    )
    assert wh.reject_at(ATTENDANCE, 2)["reason"] == (
        "event_id 77 not found in this organization's events: add it to an events file"
    )


def test_activist_report_without_uuid_or_email_is_refused(ingest_folder):
    text = "first_name,last_name,zip_code,can2_phone\nAda,Lovelace,02139,617-555-0101\n"
    wh = ingest(ingest_folder, {ACTIVISTS: text})
    record = wh.file(ACTIVISTS)
    assert record["status"] == "refused"
    assert "looks like an Action Network activist report" in record["message"]
    assert "uuid or email" in record["message"]
