"""Contract §4 across tools: one email is one person_key, whichever tool or org it came from."""

from __future__ import annotations

from importer_helpers import (
    ACTION_NETWORK_ACTIVISTS,
    ADA,
    BAYARD,
    EVENTBRITE,
    EVENTS,
    MOBILIZE,
    ORGS,
    VAN,
    eventbrite_row,
    export,
    mobilize_row,
    van_row,
)


def test_same_email_in_a_mobilize_export_and_another_orgs_attendance_file_is_one_person(
    ingest_folder,
):
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": EVENTS,
            "b/events.csv": EVENTS,
            "a/mobilize.csv": export(MOBILIZE, [mobilize_row(ADA, "101", "REGISTERED", "true")]),
            "b/attendance.csv": f"event_id,status,email\n102,attended,{ADA.email.upper()}\n",
        }
    )
    assert wh.rows("select org_id, person_key from attendance order by org_id") == [
        ("a", ADA.key),
        ("b", ADA.key),
    ]
    assert wh.value("select count(distinct person_key) from acts") == 1


def test_every_tool_gives_the_same_key_for_the_same_email(ingest_folder):
    activist = {"uuid": "u-1", "email": f" {ADA.email.title()} ", "can2_phone": ADA.phone}
    wh = ingest_folder(
        {
            "organizations.csv": "org_id,name\na,A\nb,B\nc,C\nd,D\n",
            "a/events.csv": EVENTS,
            "b/events.csv": EVENTS,
            "c/events.csv": EVENTS,
            "a/mobilize.csv": export(MOBILIZE, [mobilize_row(ADA, "101", "REGISTERED", "true")]),
            "b/van.csv": export(VAN, [van_row(ADA, "101", "Completed")]),
            "c/eventbrite.csv": export(
                EVENTBRITE, [eventbrite_row(ADA, "Attending", **{"Event ID": "102"})]
            ),
            "d/activists.csv": export(ACTION_NETWORK_ACTIVISTS, [activist]),
        }
    )
    assert wh.rows("select distinct person_key from attendance") == [(ADA.key,)]
    assert wh.rows("select distinct person_key from people") == [(ADA.key,)]
    assert wh.value("select count(*) from people") == 3  # a (Mobilize), c (Eventbrite), d


def test_a_van_id_is_local_to_its_org(ingest_folder):
    row = van_row(None, "101", "Completed", vanId="100234")
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": EVENTS,
            "b/events.csv": EVENTS,
            "a/van.csv": export(VAN, [row]),
            "b/van.csv": export(VAN, [row, van_row(BAYARD, "101", "Completed", vanId="7")]),
        }
    )
    assert wh.value("select count(distinct person_key) from attendance") == 3
