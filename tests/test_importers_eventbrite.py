"""Contract §5: Eventbrite attendee reports (US and UK) become attendance (+ people)."""

from __future__ import annotations

import pytest
from importer_helpers import (
    ADA,
    BAYARD,
    EVENTBRITE,
    EVENTBRITE_UK,
    EVENTS,
    ORGS,
    eventbrite_row,
    export,
)
from ingest_helpers import person_key

FILE = "a/report-attendees.csv"


def ingest(ingest_folder, columns, rows, **files):
    return ingest_folder(
        {"organizations.csv": ORGS, "a/events.csv": EVENTS, FILE: export(columns, rows), **files}
    )


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        ("Attending", "rsvp"),
        ("Checked In", "attended"),
        ("Not Attending", "cancelled"),
        ("Refunded", "cancelled"),
        ("Cancelled", "cancelled"),
        ("Deleted", "cancelled"),
        ("Transferred", "cancelled"),
    ],
)
def test_attendee_status_maps_to_attendance_status(ingest_folder, status, expected):
    wh = ingest(ingest_folder, EVENTBRITE, [eventbrite_row(ADA, status, **{"Event ID": "101"})])
    assert wh.rows("select event_id, status from attendance") == [("101", expected)]
    assert wh.file(FILE)["format"] == "eventbrite"


@pytest.mark.parametrize(
    ("checked_in", "expected"),
    [("Yes", "attended"), ("true", "attended"), ("2025-03-14 18:05", "attended"), ("No", "rsvp")],
)
def test_a_filled_check_in_column_makes_the_attendee_attended(ingest_folder, checked_in, expected):
    row = eventbrite_row(ADA, "Attending", **{"Event ID": "101", "Checked In": checked_in})
    wh = ingest(ingest_folder, [*EVENTBRITE, "Checked In"], [row])
    assert wh.rows("select status from attendance") == [(expected,)]


def test_unknown_attendee_status_is_rejected(ingest_folder):
    wh = ingest(
        ingest_folder, EVENTBRITE, [eventbrite_row(ADA, "Waitlisted", **{"Event ID": "101"})]
    )
    assert wh.reject_at(FILE, 2)["reason"] == "unknown Eventbrite attendee status 'Waitlisted'"


def test_uk_report_is_recognised_and_the_event_can_be_its_name(ingest_folder):
    events = "event_id,event_type,starts_at\nSpring Gala,social,2025-05-17 19:00\n"
    row = {
        "Order no.": "1234567890",
        "Order Date": "01/03/2025 09:30",
        "First Name": BAYARD.first,
        "Surname": BAYARD.last,
        "Email": BAYARD.email,
        "Quantity": "1",
        "Ticket Type": "Standard",
        "Attendee no.": "555",
        "Attendee Status": "Attending",
        "Event Name": "Spring Gala",
    }
    mapping = "day_first = true\n"
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": events,
            FILE: export(EVENTBRITE_UK, [row]),
            "a/mapping.toml": mapping,
        }
    )
    assert wh.file(FILE)["format"] == "eventbrite"
    assert wh.rows("select event_id, person_key, status from attendance") == [
        ("Spring Gala", BAYARD.key, "rsvp")
    ]
    assert str(wh.value("select rsvp_at from attendance")) == "2025-03-01 09:30:00"


def test_identity_is_the_email_else_the_attendee_number(ingest_folder):
    rows = [
        eventbrite_row(ADA, "Attending", **{"Event ID": "101"}),
        eventbrite_row(BAYARD, "Attending", attendee="4242", Email="", **{"Event ID": "101"}),
    ]
    wh = ingest(ingest_folder, EVENTBRITE, rows)
    keys = {k for (k,) in wh.rows("select person_key from attendance")}
    assert keys == {ADA.key, person_key("local:a:4242")}
    assert {k for (k,) in wh.rows("select person_key from people")} == keys


def test_single_event_report_takes_its_event_from_the_mapping_file(ingest_folder):
    columns = [c for c in EVENTBRITE if c not in ("Event ID", "Event Name")]
    mapping = '[[files]]\npattern = "report-*.csv"\nevent = "102"\n'
    wh = ingest(
        ingest_folder,
        columns,
        [eventbrite_row(ADA, "Attending")],
        **{"a/mapping.toml": mapping},
    )
    assert wh.rows("select event_id, status from attendance") == [("102", "rsvp")]


def test_report_without_an_event_column_or_mapping_is_refused_with_how_to_fix(ingest_folder):
    columns = [c for c in EVENTBRITE if c not in ("Event ID", "Event Name")]
    wh = ingest(ingest_folder, columns, [eventbrite_row(ADA, "Attending")])
    record = wh.file(FILE)
    assert record["status"] == "refused"
    assert "Event ID or Event Name" in record["message"]
    assert "[files.event]" in record["message"]
