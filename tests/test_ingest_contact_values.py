"""Contract §3–4 against files full of contact details: emails, phone numbers, street
addresses and birth dates planted in every kind of column (contract columns, unknown
columns, ids, free text) of every table's file in every format the ingest reads
(contract CSV, Parquet, each tool export, a mapping.toml spreadsheet), in rows that load
and rows that are rejected. None of them may be anywhere in the warehouse."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from importer_helpers import (
    ACTION_NETWORK_ACTIVISTS,
    ACTION_NETWORK_ATTENDANCE,
    EVENTBRITE,
    EVENTBRITE_UK,
    GOOGLE_FORMS,
    MOBILIZE,
    VAN,
)
from ingest_helpers import parquet_bytes

from dashboard.ingest.contact import REMOVED, scrub

EMAILS = ("mary.private@example.org", "j.doe+rally@mail.example.net")
PHONES = ("+1 (555) 010-2030", "555.010.2030", "07700 900123", "+44 7700 900123")
ADDRESSES = ("742 Evergreen Terrace", "221B Baker Street, Flat 2")
BIRTH_DATES = ("1958-08-29", "29/08/1958")
PLANTED = EMAILS + PHONES + ADDRESSES + BIRTH_DATES


def contact(i: int) -> str:
    """The i-th email or phone number: for a cell that holds one value (ids, dates...)."""
    values = EMAILS + PHONES
    return values[i % len(values)]


def sentence(i: int) -> str:
    """Free text with an email and a phone in it."""
    return f"ask {EMAILS[i % 2]} or call {PHONES[i % 4]} today"


def unknown_columns(i: int) -> dict[str, str]:
    """Columns no table of the contract has, as member exports carry them."""
    return {
        "Primary Email": EMAILS[i % 2],
        "Mobile Number": PHONES[i % 4],
        "Street Address": ADDRESSES[i % 2],
        "Date of birth": BIRTH_DATES[i % 2],
        "notes": f"{sentence(i)}; lives at {ADDRESSES[i % 2]}, born {BIRTH_DATES[i % 2]}",
    }


def rows_with_unknowns(rows: list[dict]) -> list[dict]:
    return [{**row, **unknown_columns(i)} for i, row in enumerate(rows)]


def csv_text(rows: list[dict]) -> str:
    columns = list(dict.fromkeys(name for row in rows for name in row))
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def tool_csv(published: list[str], rows: list[dict]) -> str:
    """A tool's export: its published header, then the unknown columns."""
    rows = rows_with_unknowns(rows)
    columns = published + [c for c in rows[0] if c not in published]
    return csv_text([{c: row.get(c, "") for c in columns} for row in rows])


def parquet(rows: list[dict]) -> bytes:
    rows = rows_with_unknowns(rows)
    columns = list(dict.fromkeys(name for row in rows for name in row))
    return parquet_bytes({c: [row.get(c, "") for row in rows] for c in columns})


# --- each table's rows: some load, some are rejected ------------------------------------

ORGANIZATIONS = [
    {"org_id": "a", "name": f"Alpha {EMAILS[0]}", "kind": PHONES[0], "region": sentence(1)},
    {"org_id": "b", "name": "Beta", "kind": "", "region": PHONES[3]},
    {"org_id": "c", "name": "Gamma", "kind": "", "region": ""},
    {"org_id": "", "name": EMAILS[1], "kind": PHONES[1], "region": ""},  # no org_id
]
CAMPAIGNS = [
    {
        "campaign_id": "c1",
        "name": f"Rent strike {EMAILS[0]}",
        "lead_org": "a",
        "partner_orgs": f"b;{PHONES[0]}",
        "status": PHONES[1],  # unknown: read as ended, with a warning quoting it
        "goal_metric": EMAILS[1],  # unknown: read as custom, with a warning quoting it
        "outcome_note": sentence(2),
    },
    {"campaign_id": contact(3), "name": "Phone id", "lead_org": "", "partner_orgs": ""},
    {"campaign_id": "", "name": PHONES[2], "lead_org": EMAILS[0], "partner_orgs": ""},
]
MILESTONES = [
    {"campaign_id": "c1", "milestone_date": "2025-04-01", "title": sentence(3)},
    {"campaign_id": "c1", "milestone_date": PHONES[0], "title": EMAILS[1]},
]
PEOPLE = [
    {
        "person_id": EMAILS[0],
        "email": EMAILS[0],
        "phone": PHONES[0],
        "first_name": "Mary",
        "last_name": "Private",
        "postal_code": PHONES[1],
        "language": EMAILS[1],
        "joined_on": "2024-01-05",
    },
    {"person_id": PHONES[2], "email": "", "phone": PHONES[2], "joined_on": ""},
    # The row: no person_id, everything else a contact.
    {"person_id": "", "email": EMAILS[1], "phone": PHONES[3], "joined_on": ""},
    {"person_id": "p9", "email": "", "phone": "", "joined_on": EMAILS[0]},
]
EVENTS = [
    {
        "event_id": "e1",
        "event_type": "rally",
        "starts_at": "2025-03-14 18:00",
        "title": sentence(0),
        "campaign_id": "c1",
        "co_hosts": f"b;{EMAILS[1]}",
        "region": PHONES[2],
    },
    {"event_id": "101", "event_type": "meeting", "starts_at": "2025-03-20", "title": "Tools"},
    {"event_id": EMAILS[0], "event_type": PHONES[3], "starts_at": "2025-04-02", "title": ""},
    {"event_id": PHONES[1], "event_type": "rally", "starts_at": PHONES[0], "title": sentence(1)},
]
ATTENDANCE = [
    {"event_id": "e1", "status": "attended", "person_id": EMAILS[0], "role": PHONES[0]},
    {"event_id": "e1", "status": "rsvp", "person_id": PHONES[1], "role": ""},
    {"event_id": EMAILS[0], "status": "attended", "person_id": "p1", "role": ""},
    {"event_id": "e1", "status": EMAILS[1], "person_id": PHONES[2], "role": ""},
    {"event_id": PHONES[3], "status": "attended", "person_id": EMAILS[1], "role": ""},
    {"event_id": "e1", "status": "attended", "person_id": "", "email": "no at sign"},
]
SHIFTS = [
    {
        "person_id": EMAILS[0],
        "shift_date": "2025-03-15",
        "hours": "2",
        "activity": sentence(3),
        "campaign_id": "c1",
        "shift_id": PHONES[1],
    },
    # The row: an email as person_id, hours -1.
    {"person_id": "mary.private@example.org", "shift_date": "2025-03-15", "hours": "-1"},
    {"person_id": PHONES[0], "shift_date": EMAILS[1], "hours": PHONES[2], "activity": ""},
]
ACTIONS = [
    {
        "person_id": PHONES[0],
        "action_date": "2025-03-16",
        "action_type": f"texted {PHONES[3]}",  # unknown: other, as written in action_type_raw
        "quantity": "1",
        "action_id": EMAILS[0],
        "campaign_id": "c1",
    },
    {"person_id": EMAILS[1], "action_date": "2025-03-16", "action_type": "call", "quantity": ""},
    {"person_id": EMAILS[1], "action_date": PHONES[1], "action_type": EMAILS[0], "quantity": "1"},
    {"person_id": PHONES[3], "action_date": "2025-03-16", "action_type": "call", "quantity": "0"},
]
ORG_TABLES = {
    "people": PEOPLE,
    "events": EVENTS,
    "attendance": ATTENDANCE,
    "shifts": SHIFTS,
    "actions": ACTIONS,
}


def contract_files() -> dict[str, str | bytes]:
    files = {
        "organizations.csv": csv_text(rows_with_unknowns(ORGANIZATIONS)),
        "campaigns.csv": csv_text(rows_with_unknowns(CAMPAIGNS)),
        "milestones.csv": csv_text(rows_with_unknowns(MILESTONES)),
    }
    for table, rows in ORG_TABLES.items():
        files[f"a/{table}.csv"] = csv_text(rows_with_unknowns(rows))
        files[f"b/{table}.parquet"] = parquet(rows)
    return files


# --- the tool exports (org a; event 101 is in a/events.csv) -----------------------------


def tool_files() -> dict[str, str]:
    mobilize = [
        {
            "user_id": EMAILS[1],
            "user__given_name": "Mary",
            "user__family_name": "Private",
            "user__email_address": EMAILS[0],
            "user__phone_number": PHONES[0],
            "user__postal_code": PHONES[1],
            "event_id": "101",
            "status": "REGISTERED",
            "attended": "true",
            "affiliation_id": PHONES[3],  # not in mapping.toml: a warning quoting it
            "created_date": "2025-03-01 10:15:00",
        },
        {"user_id": PHONES[2], "event_id": "101", "status": EMAILS[0], "attended": ""},
        {"user_id": "7", "event_id": "101", "status": "REGISTERED", "attended": PHONES[1]},
        {"user__email_address": EMAILS[1], "event_id": PHONES[0], "status": "REGISTERED"},
        {
            "user_id": "8",
            "event_id": "301",
            "override_start_date": "2025-05-01",
            "status": "REGISTERED",
            "attended": "",
            "email_at_signup": EMAILS[0],
        },
    ]
    van = [
        {
            "vanId": EMAILS[0],
            "email": EMAILS[1],
            "firstName": "Mary",
            "phone": PHONES[0],
            "status_name": "Completed",
            "event_eventId": "101",
            "event_name": sentence(0),
            "location_name": ADDRESSES[0],
        },
        {"vanId": PHONES[1], "status_name": PHONES[2], "event_eventId": "101"},
        {"vanId": "9", "status_name": "Completed", "event_eventId": EMAILS[1]},
    ]
    an_attendance = [
        {"action_network:person_id": EMAILS[1], "action_network:event_id": "101"},
        {"action_network:person_id": PHONES[0], "email": EMAILS[0], "created_date": PHONES[3]},
        {"action_network:event_id": EMAILS[0], "email": EMAILS[1], "first_name": "Mary"},
    ]
    an_activists = [
        {"uuid": PHONES[2], "email": EMAILS[1], "can2_phone": PHONES[3], "zip_code": PHONES[1]},
        {"first_name": "Mary", "last_name": "Private", "zip_code": PHONES[0]},
    ]
    eventbrite = [
        {
            "Order #": PHONES[1],
            "First Name": "Mary",
            "Email": EMAILS[0],
            "Attendee #": PHONES[3],
            "Attendee Status": "Attending",
            "Event ID": "201",
            "Event Name": sentence(2),
            "Event Date": "2025-05-02",
        },
        {"Attendee #": EMAILS[1], "Attendee Status": EMAILS[0], "Event ID": "101"},
        {"Attendee #": "5", "Attendee Status": PHONES[0], "Event ID": "101"},
    ]
    eventbrite_uk = [
        {"Surname": "Private", "Attendee no.": EMAILS[0], "Attendee Status": "Attending",
         "Event Name": "e1", "Email": EMAILS[1]},
        {"Attendee no.": PHONES[2], "Attendee Status": PHONES[1], "Event Name": "101"},
    ]  # fmt: skip
    sign_in = [
        {
            "Timestamp": "3/14/2025 18:00:00",
            "Email Address": "",
            "Full name": "Mary Private",
            "Phone number": PHONES[3],
            "What brought you?": sentence(1),
        },
        {"Timestamp": PHONES[1], "Email Address": EMAILS[1], "Phone number": PHONES[2]},
    ]
    return {
        "a/mobilize.csv": tool_csv(MOBILIZE, mobilize),
        "a/van.csv": tool_csv(VAN, van),
        "a/an-attendance.csv": tool_csv(ACTION_NETWORK_ATTENDANCE, an_attendance),
        "a/an-activists.csv": tool_csv(ACTION_NETWORK_ACTIVISTS, an_activists),
        "a/eventbrite.csv": tool_csv(EVENTBRITE + ["Event Date"], eventbrite),
        "a/eventbrite-uk.csv": tool_csv(EVENTBRITE_UK, eventbrite_uk),
        "a/sign-in.csv": tool_csv(GOOGLE_FORMS, sign_in),
    }


# --- a spreadsheet read through mapping.toml (org c) ------------------------------------

MAPPING_A = '[[files]]\npattern = "sign-in*"\nevent = "101"\n'
MAPPING_C = """
[[files]]
pattern = "Volunteer log*.csv"
table = "shifts"
[files.columns]
person_id = "Member"
shift_date = "Date"
hours = "Hours"
activity = "What they did"
email = "Primary Email"
"""
VOLUNTEER_LOG = [
    {"Member": EMAILS[0], "Date": "3/14/2025", "Hours": "2", "What they did": sentence(0)},
    {"Member": PHONES[3], "Date": "3/15/2025", "Hours": PHONES[0], "What they did": EMAILS[1]},
    {"Member": "", "Date": EMAILS[1], "Hours": "1", "What they did": ""},
]

# No status column, and a header that is itself a data row full of contacts: refused.
REFUSED = "a/attendance-refused.csv"
REFUSED_ATTENDANCE = (
    f"event_id,person_id,{EMAILS[0]},{PHONES[3]},{ADDRESSES[0]}\n"
    f"e1,{PHONES[0]},{EMAILS[1]},{PHONES[2]},{BIRTH_DATES[0]}\n"
)


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory):
    from ingest_helpers import build_warehouse

    files = {
        **contract_files(),
        **tool_files(),
        "a/mapping.toml": MAPPING_A,
        "c/mapping.toml": MAPPING_C,
        "c/Volunteer log 2025.csv": csv_text(rows_with_unknowns(VOLUNTEER_LOG)),
        REFUSED: REFUSED_ATTENDANCE,
    }
    wh = build_warehouse(tmp_path_factory.mktemp("contacts"), files)
    yield wh
    wh.close()


def text_cells(wh) -> list[tuple[str, str, str]]:
    """(table, column, value) of every text cell of every table and view of the warehouse
    (lists, structs and maps of text included)."""
    cells = []
    for (table,) in wh.rows("select distinct table_name from information_schema.tables"):
        relation = wh.con.table(table)
        text = [
            (i, name)
            for i, (name, kind) in enumerate(zip(relation.columns, relation.types, strict=True))
            if any(word in str(kind) for word in ("VARCHAR", "STRUCT", "MAP"))
        ]
        for row in relation.fetchall():
            cells += [(table, name, str(row[i])) for i, name in text if row[i] is not None]
    assert {table for table, _, _ in cells} >= {"events", "rejected_rows", "ingest_files", "acts"}
    return cells


def digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


def test_the_files_load_some_rows_and_reject_others_in_every_format(warehouse):
    files = {r["source_file"]: r for r in warehouse.dicts("select * from ingest_files")}
    formats = {r["format"] for r in files.values()}
    assert formats >= {
        "csv",
        "parquet",
        "mobilize",
        "van",
        "action_network",
        "eventbrite",
        "google_forms",
        "mapping",
    }, formats
    assert files.pop(REFUSED)["status"] == "refused"
    for name, record in files.items():
        assert record["status"] == "partial", (name, record["status"], record["message"])
        assert record["rows_loaded"] >= 1, name
    # Every rejected row kept its raw (no line was too malformed to split).
    assert warehouse.value("select count(*) from rejected_rows where raw is null") == 0
    assert warehouse.value("select count(*) from rejected_rows") >= 30
    # Free text and ids with contacts in them did load (scrubbed), not only rejects.
    assert warehouse.value("select count(*) from events where title like '%' || $r || '%'",
                           {"r": REMOVED}) >= 2  # fmt: skip


def test_no_planted_email_phone_address_or_birth_date_is_anywhere_in_the_warehouse(warehouse):
    cells = text_cells(warehouse)
    found = []
    for table, column, value in cells:
        lowered = value.lower()
        found += [(table, column, p, value) for p in PLANTED if p.lower() in lowered]
        # A phone with its punctuation changed is still the phone.
        found += [(table, column, p, value) for p in PHONES if digits(p) in digits(value)]
    assert not found, "\n".join(map(str, found))


def test_raw_keeps_only_the_contract_columns_and_no_contact_value(warehouse):
    people = warehouse.reject_at("a/people.csv", 4)  # the row without person_id
    assert people["reason"] == "missing required field: person_id"
    assert json.loads(people["raw"]) == {
        "person_id": "",
        "postal_code": "",
        "language": "",
        "joined_on": "",
    }
    shift = warehouse.reject_at("a/shifts.csv", 3)  # person_id=mary.private@..., hours=-1
    assert json.loads(shift["raw"]) == {
        "shift_date": "2025-03-15",
        "hours": "-1",
        "person_id": REMOVED,
        "shift_id": "",
        "activity": "",
        "campaign_id": "",
    }
    log = warehouse.reject_at("c/Volunteer log 2025.csv", 3)
    assert json.loads(log["raw"]) == {
        "member": REMOVED,
        "date": "3/15/2025",
        "hours": REMOVED,
        "what they did": REMOVED,
    }
    refused = warehouse.reject_at(REFUSED, 2)
    assert json.loads(refused["raw"]) == {"event_id": "e1", "person_id": REMOVED}
    for reject in warehouse.rejects():
        if reject["raw"]:
            for name in json.loads(reject["raw"]):
                assert name.lower() not in {"primary email", "street address", "notes"}, reject


def test_reasons_and_messages_never_quote_a_contact(warehouse):
    reason = warehouse.value(
        "select reason from rejected_rows where source_file = 'a/mobilize.csv' and line = 3"
    )
    assert reason == f"unknown Mobilize status '{REMOVED}'"
    message = warehouse.file("campaigns.csv")["message"]
    assert f'unknown status "{REMOVED}" read as ended' in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mary.private@example.org", REMOVED),
        ("call +1 (555) 010-2030 now", f"call {REMOVED} now"),
        ("555.010.2030 or 07700 900123", f"{REMOVED} or {REMOVED}"),
        ("+44 7700 900123", REMOVED),
        ("5550102030", REMOVED),
        # Dates, times, uuids and short numbers are not phones.
        ("2025-03-14 18:00", "2025-03-14 18:00"),
        ("3/14/2025 18:00:00", "3/14/2025 18:00:00"),
        ("d91b4b2e-1234-5678-9012-345678901234", "d91b4b2e-1234-5678-9012-345678901234"),
        ("02139-4307", "02139-4307"),
        ("2.5", "2.5"),
    ],
)
def test_scrub_finds_emails_and_phones_in_any_format(text, expected):
    assert scrub(text) == expected


def test_scrub_of_ids_keeps_a_bare_number_such_as_an_eventbrite_event_id():
    assert scrub("123456789012", ids=True) == "123456789012"
    assert scrub("event_id 555.010.2030 not found", ids=True) == f"event_id {REMOVED} not found"
