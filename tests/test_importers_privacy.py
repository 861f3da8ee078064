"""Contract §4 for tool exports: no name, email or phone of any export reaches the
warehouse, whether its row loaded, was rejected, or its file was refused."""

from __future__ import annotations

import re

import pytest
from importer_helpers import (
    ACTION_NETWORK_ACTIVISTS,
    ACTION_NETWORK_ATTENDANCE,
    ADA,
    BAYARD,
    CESAR,
    DOLORES,
    ELLA,
    EVENTBRITE,
    EVENTBRITE_UK,
    EVENTS,
    FANNIE,
    GOOGLE_FORMS,
    MOBILIZE,
    ORGS,
    PEOPLE,
    VAN,
    eventbrite_row,
    every_text_value,
    export,
    mobilize_row,
    van_row,
)


def _uk(person, status):
    return {
        "Order no.": "1",
        "First Name": person.first,
        "Surname": person.last,
        "Email": person.email,
        "Attendee no.": "2",
        "Attendee Status": status,
        "Event Name": "101",
    }


def _sign_in(person, timestamp="3/14/2025 18:00:00"):
    return {
        "Timestamp": timestamp,
        "Email Address": person.email,
        "Full name": f"{person.first} {person.last}",
        "Phone number": person.phone,
        "What brought you?": f"{person.first} {person.last} ({person.phone}) told me",
    }


@pytest.fixture
def every_tool(ingest_folder):
    """Each tool's export with loaded rows, rejected rows and a refused file."""
    mapping = '[[files]]\npattern = "sign-in*"\nevent = "101"\n'
    return ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": EVENTS,
            "a/mapping.toml": mapping,
            "a/mobilize.csv": export(
                MOBILIZE,
                [
                    mobilize_row(ADA, "101", "REGISTERED", "true"),
                    mobilize_row(BAYARD, "101", "WAITLISTED"),  # rejected
                    mobilize_row(CESAR, "999", "REGISTERED"),  # unknown event: rejected
                ],
            ),
            "a/mobilize-refused.csv": export(
                [c for c in MOBILIZE if c != "attended"],
                [{k: v for k, v in mobilize_row(DOLORES, "101", "X").items() if k != "attended"}],
            ),
            "a/van.csv": export(
                VAN,
                [
                    van_row(DOLORES, "101", "Completed"),
                    van_row(ELLA, "101", "Invited"),  # rejected
                    van_row(FANNIE, "101", "Huh"),  # rejected
                ],
            ),
            "a/an-attendance.csv": export(
                ACTION_NETWORK_ATTENDANCE,
                [
                    {"action_network:event_id": "101", "email": ADA.email, "first_name": "Ada"},
                    {"action_network:event_id": "", "email": BAYARD.email, "last_name": "Rustin"},
                ],
            ),
            "a/an-activists.csv": export(
                ACTION_NETWORK_ACTIVISTS,
                [
                    {
                        "uuid": "u1",
                        "first_name": CESAR.first,
                        "last_name": CESAR.last,
                        "email": CESAR.email,
                        "can2_phone": CESAR.phone,
                    },
                    {"first_name": DOLORES.first, "last_name": DOLORES.last},  # rejected
                ],
            ),
            "a/eventbrite.csv": export(
                EVENTBRITE,
                [
                    eventbrite_row(ELLA, "Attending", **{"Event ID": "101"}),
                    eventbrite_row(FANNIE, "Waitlisted", **{"Event ID": "101"}),  # rejected
                ],
            ),
            "a/eventbrite-uk.csv": export(
                EVENTBRITE_UK, [_uk(ADA, "Attending"), _uk(BAYARD, "Lost")]
            ),
            "a/sign-in.csv": export(
                GOOGLE_FORMS, [_sign_in(CESAR), _sign_in(DOLORES, "not a time")]
            ),
            "a/sign-in-broken.csv": export(GOOGLE_FORMS, [_sign_in(ELLA)])[:-1]
            + ',"unclosed\n',  # a malformed line
            "b/events.csv": EVENTS,
            "b/Export.csv": export(GOOGLE_FORMS, [_sign_in(FANNIE)]),  # no event: refused
        }
    )


def test_fixture_exercises_loaded_rejected_and_refused_rows_of_every_tool(every_tool):
    formats = dict(every_tool.rows("select source_file, format from ingest_files"))
    assert set(formats.values()) >= {
        "mobilize",
        "van",
        "action_network",
        "eventbrite",
        "google_forms",
    }
    statuses = every_tool.files()
    assert statuses["a/mobilize-refused.csv"] == statuses["b/Export.csv"] == "refused"
    for name in ("a/mobilize.csv", "a/van.csv", "a/an-activists.csv", "a/eventbrite.csv"):
        assert statuses[name] == "partial", name
    assert every_tool.value("select count(*) from rejected_rows where raw is not null") >= 10
    loaded = (
        "select sum(rows_loaded + rows_deduplicated) from ingest_files "
        "where table_name = 'attendance'"
    )
    assert every_tool.value(loaded) >= 6


def test_no_name_email_or_phone_of_any_export_is_anywhere_in_the_warehouse(every_tool):
    # Hex digests (person keys, file hashes, the key's fingerprint) carry no contact, but
    # may spell "ada" or a run of digits by chance.
    texts = [t for t in every_text_value(every_tool) if not re.fullmatch(r"[0-9a-f]{64}", t)]
    for text in texts:
        lowered = text.lower()
        digits = re.sub(r"[^0-9]", "", text)
        for person in PEOPLE:
            for contact in person.contacts:
                if contact.isdigit():
                    assert contact not in digits, (contact, text)
                else:
                    assert contact.lower() not in lowered, (contact, text)


def test_rejected_rows_keep_the_non_contact_columns_they_were_read_from(every_tool):
    raw = every_tool.value(
        "select raw from rejected_rows where source_file = 'a/van.csv' and line = 3"
    )
    assert raw == (
        '{"event_eventid":"101","vanid":"100234","status_name":"Invited",'
        '"role_name":"Attendee","event_name":"Rent strike rally"}'
    )
