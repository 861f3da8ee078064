"""Contract §5: VAN / EveryAction event signups become attendance."""

from __future__ import annotations

import pytest
from importer_helpers import ADA, BAYARD, CESAR, EVENTS, ORGS, VAN, export, van_row
from ingest_helpers import person_key

FILE = "a/EventSignups-2025.csv"


def ingest_van(ingest_folder, rows, **files):
    return ingest_folder(
        {"organizations.csv": ORGS, "a/events.csv": EVENTS, FILE: export(VAN, rows), **files}
    )


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("Completed", "attended"),
        ("Walk In", "walk_in"),
        ("No Show", "no_show"),
        ("Declined", "cancelled"),
        ("Cancelled", "cancelled"),
        ("Tentative", "rsvp"),
        ("Confirmed", "rsvp"),
        ("Conf Twice", "rsvp"),
        ("Scheduled", "rsvp"),
        ("Sched-Web", "rsvp"),
        ("  completed ", "attended"),
    ],
)
def test_van_statuses_map_to_attendance_statuses(ingest_folder, status, expected):
    wh = ingest_van(ingest_folder, [van_row(ADA, "101", status)])
    assert wh.rows("select status from attendance") == [(expected,)]
    assert wh.file(FILE)["format"] == "van"


@pytest.mark.parametrize("status", ["Invited", "Left Msg", "Texted"])
def test_invitations_are_not_rsvps_and_are_rejected_with_that_reason(ingest_folder, status):
    wh = ingest_van(ingest_folder, [van_row(ADA, "101", status)])
    assert wh.reject_at(FILE, 2)["reason"] == f"VAN status '{status}' is not an RSVP"
    assert wh.value("select count(*) from attendance") == 0


def test_any_other_status_is_rejected_as_unknown(ingest_folder):
    wh = ingest_van(ingest_folder, [van_row(ADA, "101", "Maybe Later")])
    assert wh.reject_at(FILE, 2)["reason"] == "unknown VAN status 'Maybe Later'"


def test_role_host_makes_a_host(ingest_folder):
    rows = [
        van_row(ADA, "101", "Completed", role_name="Host"),
        van_row(BAYARD, "101", "Completed", role_name="Canvasser", vanId="2"),
    ]
    wh = ingest_van(ingest_folder, rows)
    assert dict(wh.rows("select person_key, role from attendance")) == {
        ADA.key: "host",
        BAYARD.key: "attendee",
    }


def test_identity_is_the_email_then_the_phone_then_the_van_id_within_the_org(ingest_folder):
    rows = [
        van_row(ADA, "101", "Completed", vanId="1"),
        van_row(BAYARD, "101", "Completed", vanId="2", email=""),
        van_row(None, "101", "Completed", vanId="100234"),
    ]
    wh = ingest_van(ingest_folder, rows)
    keys = {k for (k,) in wh.rows("select person_key from attendance")}
    assert keys == {ADA.key, BAYARD.phone_key, person_key("local:a:100234")}


def test_van_id_finds_the_identity_of_the_orgs_people_file(ingest_folder):
    people = f"person_id,email\n100234,{CESAR.email}\n"
    wh = ingest_van(
        ingest_folder, [van_row(None, "101", "Completed")], **{"a/people-van.csv": people}
    )
    assert wh.rows("select person_key from attendance") == [(CESAR.key,)]


def test_signups_are_recognised_by_status_name_and_event_id_without_a_signup_id(ingest_folder):
    columns = [c for c in VAN if c != "eventSignupId"]
    row = {k: v for k, v in van_row(ADA, "101", "Completed").items() if k != "eventSignupId"}
    wh = ingest_folder(
        {"organizations.csv": ORGS, "a/events.csv": EVENTS, "a/rsvps.csv": export(columns, [row])}
    )
    assert wh.file("a/rsvps.csv")["format"] == "van"
    assert wh.value("select count(*) from attendance") == 1


def test_export_without_status_name_is_refused_with_what_is_missing(ingest_folder):
    columns = [c for c in VAN if c != "status_name"]
    row = {k: v for k, v in van_row(ADA, "101", "Completed").items() if k != "status_name"}
    wh = ingest_folder(
        {"organizations.csv": ORGS, "a/events.csv": EVENTS, FILE: export(columns, [row])}
    )
    record = wh.file(FILE)
    assert record["status"] == "refused"
    assert record["format"] == "van"
    assert "looks like a VAN / EveryAction event signups export" in record["message"]
    assert "status_name" in record["message"]
    assert (record["rows_read"], record["rows_rejected"]) == (1, 1)
    assert wh.file("a/events.csv")["status"] == "loaded"


def test_export_without_any_identity_column_is_refused(ingest_folder):
    columns = ["eventSignupId", "status_name", "event_eventId", "event_name"]
    rows = [{"eventSignupId": "1", "status_name": "Completed", "event_eventId": "101"}]
    wh = ingest_folder(
        {"organizations.csv": ORGS, "a/events.csv": EVENTS, FILE: export(columns, rows)}
    )
    message = wh.file(FILE)["message"]
    assert "no column for email or phone or person_id" in message
    assert "vanId" in message
