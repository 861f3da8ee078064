"""Contract §5: Google Forms sign-in sheets: everyone attended the mapping file's event."""

from __future__ import annotations

from importer_helpers import ADA, BAYARD, CESAR, EVENTS, GOOGLE_FORMS, ORGS, export

FILE = "a/Town hall sign-in (Responses).csv"


def sign_in(person, timestamp="3/14/2025 18:02:11", **cells):
    return {
        "Timestamp": timestamp,
        "Email Address": person.email,
        "Full name": f"{person.first} {person.last}",
        "Phone number": person.phone,
        "What brought you?": f"My landlord, and {person.first}'s cousin",
        **cells,
    }


def test_everyone_on_the_sheet_attended_the_mapping_files_event(ingest_folder):
    mapping = '[[files]]\npattern = "Town hall sign-in*"\nevent = "101"\n'
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": EVENTS,
            FILE: export(GOOGLE_FORMS, [sign_in(ADA), sign_in(BAYARD)]),
            "a/mapping.toml": mapping,
        }
    )
    record = wh.file(FILE)
    assert (record["format"], record["table_name"], record["status"]) == (
        "google_forms",
        "attendance",
        "loaded",
    )
    assert sorted(wh.rows("select event_id, person_key, status from attendance")) == sorted(
        [("101", ADA.key, "attended"), ("101", BAYARD.key, "attended")]
    )
    assert str(wh.value("select min(rsvp_at) from attendance")) == "2025-03-14 18:02:11"


def test_a_row_without_email_is_identified_by_its_phone(ingest_folder):
    mapping = '[[files]]\npattern = "Town hall*"\nevent = "101"\n'
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": EVENTS,
            FILE: export(GOOGLE_FORMS, [sign_in(CESAR, **{"Email Address": ""})]),
            "a/mapping.toml": mapping,
        }
    )
    assert wh.rows("select person_key from attendance") == [(CESAR.phone_key,)]


def test_sheet_without_an_event_in_the_mapping_file_is_refused_with_how_to_fix(ingest_folder):
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": EVENTS,
            FILE: export(GOOGLE_FORMS, [sign_in(ADA)]),
        }
    )
    record = wh.file(FILE)
    assert record["status"] == "refused"
    assert record["format"] == "google_forms"
    assert "looks like a Google Forms sign-in sheet" in record["message"]
    assert "a/mapping.toml" in record["message"]
    assert "[files.event]" in record["message"]


def test_the_event_of_the_mapping_file_is_created_when_it_gives_a_date(ingest_folder):
    mapping = """
[[files]]
pattern = "Town hall*"
day_first = true
[files.event]
event_id = "town-hall-0314"
starts_at = "2025-03-14 18:00"
event_type = "Public Meeting"
title = "Town hall on rent"
"""
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": EVENTS,
            FILE: export(GOOGLE_FORMS, [sign_in(ADA, timestamp="14/03/2025 18:02:11")]),
            "a/mapping.toml": mapping,
        }
    )
    assert wh.rows(
        "select event_id, event_type, title, starts_at::varchar from events where event_id = $e",
        {"e": "town-hall-0314"},
    ) == [("town-hall-0314", "public_meeting", "Town hall on rent", "2025-03-14 18:00:00")]
    assert wh.rows("select event_id, status, rsvp_at::varchar from attendance") == [
        ("town-hall-0314", "attended", "2025-03-14 18:02:11")
    ]
    assert wh.file(FILE)["rows_loaded"] == 1
