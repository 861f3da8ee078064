"""Contract §5: Mobilize participations exports become attendance (+ people)."""

from __future__ import annotations

import json

import pytest
from importer_helpers import ADA, BAYARD, CESAR, EVENTS, MOBILIZE, ORGS, export, mobilize_row
from ingest_helpers import person_key


def ingest_mobilize(ingest_folder, rows, name="a/participations-2025-03.csv", **files):
    return ingest_folder(
        {"organizations.csv": ORGS, "a/events.csv": EVENTS, name: export(MOBILIZE, rows), **files}
    )


@pytest.mark.parametrize(
    ("status", "attended", "expected"),
    [
        ("REGISTERED", "true", "attended"),
        ("CONFIRMED", "True", "attended"),
        ("REGISTERED", "t", "attended"),
        ("REGISTERED", "false", "no_show"),
        ("CONFIRMED", "f", "no_show"),
        ("REGISTERED", "", "rsvp"),
        ("CONFIRMED", "", "rsvp"),
        ("CANCELLED", "", "cancelled"),
        ("CANCELLED", "false", "cancelled"),
        ("CANCELLED", "true", "attended"),  # marked as come: the person came
        ("registered", "", "rsvp"),
    ],
)
def test_status_and_attended_flag_give_the_attendance_status(
    ingest_folder, status, attended, expected
):
    wh = ingest_mobilize(ingest_folder, [mobilize_row(ADA, "101", status, attended)])
    assert wh.rows("select event_id, status from attendance") == [("101", expected)]


@pytest.mark.parametrize(
    ("status", "attended", "reason"),
    [
        ("WAITLISTED", "", "unknown Mobilize status 'WAITLISTED'"),
        ("REGISTERED", "maybe", "Mobilize attended 'maybe' is not true or false"),
        ("", "", "missing required field: status"),
    ],
)
def test_unknown_status_or_flag_is_rejected_with_its_value(ingest_folder, status, attended, reason):
    wh = ingest_mobilize(ingest_folder, [mobilize_row(ADA, "101", status, attended)])
    assert wh.reject_at("a/participations-2025-03.csv", 2)["reason"] == reason
    assert wh.value("select count(*) from attendance") == 0


def test_file_is_recognised_by_its_header_whatever_its_name(ingest_folder):
    wh = ingest_mobilize(
        ingest_folder, [mobilize_row(ADA, "101", "REGISTERED", "true")], name="a/Export (3).csv"
    )
    record = wh.file("a/Export (3).csv")
    assert (record["format"], record["table_name"], record["status"]) == (
        "mobilize",
        "attendance",
        "loaded",
    )


def test_header_wins_over_a_table_prefix_in_the_name(ingest_folder):
    wh = ingest_mobilize(
        ingest_folder, [mobilize_row(ADA, "101", "REGISTERED")], name="a/attendance-mobilize.csv"
    )
    assert wh.file("a/attendance-mobilize.csv")["format"] == "mobilize"
    assert wh.value("select count(*) from attendance") == 1


def test_identity_is_the_email_then_the_phone_then_the_user_id(ingest_folder):
    rows = [
        mobilize_row(ADA, "101", "REGISTERED", "true"),
        mobilize_row(
            BAYARD, "101", "REGISTERED", "true", user__email_address="", email_at_signup=""
        ),
        mobilize_row(
            CESAR,
            "101",
            "REGISTERED",
            "true",
            user_id="u-3",
            user__email_address="",
            email_at_signup="",
            user__phone_number="",
        ),
    ]
    wh = ingest_mobilize(ingest_folder, rows)
    keys = {k for (k,) in wh.rows("select person_key from attendance")}
    assert keys == {ADA.key, BAYARD.phone_key, person_key("local:a:u-3")}


def test_people_come_with_the_export_with_their_postal_code(ingest_folder):
    rows = [
        mobilize_row(ADA, "101", "REGISTERED", "true", user__postal_code="02139"),
        mobilize_row(ADA, "102", "REGISTERED", "", user__postal_code="02139"),
        mobilize_row(BAYARD, "101", "REGISTERED", "", user__postal_code="10027"),
    ]
    wh = ingest_mobilize(ingest_folder, rows)
    assert sorted(wh.rows("select person_key, org_id, postal_code from people")) == sorted(
        [(ADA.key, "a", "02139"), (BAYARD.key, "a", "10027")]
    )


def test_people_files_of_the_org_win_over_people_of_the_export(ingest_folder):
    people = f"person_id,email,postal_code,language\np1,{ADA.email},02140,es\n"
    wh = ingest_mobilize(
        ingest_folder,
        [mobilize_row(ADA, "101", "REGISTERED", user__postal_code="02139")],
        **{"a/people.csv": people},
    )
    assert wh.rows("select postal_code, language from people") == [("02140", "es")]
    assert wh.file("a/people.csv")["rows_deduplicated"] == 0


def test_accounting_counts_the_exports_own_rows_only(ingest_folder):
    rows = [
        mobilize_row(ADA, "101", "REGISTERED", "true", id="1"),
        mobilize_row(ADA, "101", "REGISTERED", "", id="2", timeslot_id="9002"),  # same event
        mobilize_row(BAYARD, "101", "WAITLISTED", id="3"),
        mobilize_row(CESAR, "102", "CONFIRMED", "false", id="4"),
    ]
    wh = ingest_mobilize(ingest_folder, rows)
    record = wh.file("a/participations-2025-03.csv")
    counts = ("rows_read", "rows_loaded", "rows_rejected", "rows_deduplicated")
    assert tuple(record[c] for c in counts) == (4, 2, 1, 1)
    assert record["status"] == "partial"
    assert wh.rows("select status from attendance where person_key = $k", {"k": ADA.key}) == [
        ("attended",)
    ]


def test_affiliations_in_the_mapping_file_give_recruited_by(ingest_folder):
    rows = [
        mobilize_row(ADA, "101", "REGISTERED", "true", affiliation_id="40211"),
        mobilize_row(BAYARD, "101", "REGISTERED", "true", affiliation_id="40299"),
        mobilize_row(CESAR, "101", "REGISTERED", "true"),
    ]
    mapping = '[affiliations]\n"40211" = "b"\n'
    wh = ingest_mobilize(ingest_folder, rows, **{"a/mapping.toml": mapping})
    recruited = dict(wh.rows("select person_key, recruited_by from attendance"))
    assert recruited == {ADA.key: "b", BAYARD.key: None, CESAR.key: None}
    record = wh.file("a/participations-2025-03.csv")
    assert record["status"] == "loaded"  # an unknown affiliation is a warning, not a reject
    assert "affiliation_id 40299 is not in a/mapping.toml [affiliations]" in record["message"]


def test_dates_written_as_unix_seconds_are_read(ingest_folder):
    row = mobilize_row(ADA, "101", "REGISTERED", created_date="1740824100")  # 2025-03-01 10:15
    wh = ingest_mobilize(ingest_folder, [row])
    assert str(wh.value("select rsvp_at from attendance")) == "2025-03-01 10:15:00"


def test_rejected_row_keeps_the_columns_read_but_no_contact(ingest_folder):
    wh = ingest_mobilize(ingest_folder, [mobilize_row(ADA, "101", "WAITLISTED", user_id="u1")])
    raw = json.loads(wh.reject_at("a/participations-2025-03.csv", 2)["raw"])
    assert raw["status"] == "WAITLISTED"
    assert raw["user_id"] == "u1"
    assert raw["event_id"] == "101"
    assert not {"user__email_address", "user__given_name", "email_at_signup"} & set(raw)


def test_parquet_export_is_recognised_too(ingest_folder):
    from ingest_helpers import parquet_bytes

    row = mobilize_row(ADA, "101", "REGISTERED", "true")
    columns = {name: [row.get(name, "")] for name in MOBILIZE}
    columns["attended"] = [True]  # the SQL mirror's boolean column
    columns["event_id"] = [101]
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": EVENTS,
            "a/participations.parquet": parquet_bytes(columns),
        }
    )
    assert wh.file("a/participations.parquet")["format"] == "mobilize"
    assert wh.rows("select event_id, status from attendance") == [("101", "attended")]
