"""Contract §4: pseudonymous person keys, the coalition key, and no contacts in the warehouse."""

from __future__ import annotations

import re
import stat

import pytest
from ingest_helpers import ORGS, TEST_KEY, lines, parquet_bytes, person_key

EVENTS = lines("event_id,event_type,starts_at", "e1,rally,2025-03-14")


# --- identities -----------------------------------------------------------------------


def test_same_email_in_any_case_and_spacing_at_two_orgs_gives_one_person_key(ingest_folder):
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/people.csv": lines("person_id,email", "p1,  Ada@Example.ORG "),
            "b/events.csv": EVENTS,
            "b/attendance.csv": lines("event_id,status,email", "e1,attended,ada@example.org"),
        }
    )
    expected = person_key("email:ada@example.org")
    assert wh.rows("select org_id, person_key from people") == [("a", expected)]
    assert wh.rows("select org_id, person_key from attendance") == [("b", expected)]


def test_phone_formats_give_one_person_key(ingest_folder):
    formats = ["(555) 123-4567", "555.123.4567", "+1 555 123 4567", "15551234567"]
    shifts = lines("shift_date,hours,phone", *(f'2025-03-14,1,"{phone}"' for phone in formats))
    wh = ingest_folder({"organizations.csv": ORGS, "a/shifts.csv": shifts})
    assert wh.rows("select person_key from shifts") == [(person_key("phone:15551234567"),)] * 4


def test_email_is_the_identity_before_phone_and_person_id(ingest_folder):
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/people.csv": lines(
                "person_id,email,phone",
                "p1,ada@ex.org,555-123-4567",
                "p2,not-an-email,555-987-6543",
                "p3,,555-12",
            ),
        }
    )
    assert sorted(wh.rows("select person_key from people")) == sorted(
        [
            (person_key("email:ada@ex.org"),),
            (person_key("phone:15559876543"),),
            (person_key("local:a:p3"),),
        ]
    )


def test_person_id_only_rows_take_the_identity_of_that_person_in_the_same_org(ingest_folder):
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/people.csv": lines("person_id,email", "p1,ada@ex.org"),
            "b/people.csv": lines("person_id,phone", "p1,555-123-4567"),
            "a/events.csv": EVENTS,
            "a/attendance.csv": lines("event_id,status,person_id", "e1,attended,p1"),
            "a/shifts.csv": lines("shift_date,hours,person_id", "2025-03-14,2,p1"),
            "a/actions.csv": lines("action_date,action_type,person_id", "2025-03-14,call,p1"),
            "b/shifts.csv": lines("shift_date,hours,person_id", "2025-03-14,2,p1"),
        }
    )
    ada, bob = person_key("email:ada@ex.org"), person_key("phone:15551234567")
    assert wh.value("select person_key from attendance") == ada
    assert wh.value("select person_key from actions") == ada
    assert wh.rows("select org_id, person_key from shifts order by org_id") == [
        ("a", ada),
        ("b", bob),
    ]


def test_unknown_person_id_falls_back_to_a_local_key_per_org(ingest_folder):
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/people.csv": lines("person_id,email", "p1,ada@ex.org"),
            "a/shifts.csv": lines("shift_date,hours,person_id", "2025-03-14,2,p9"),
            "b/shifts.csv": lines("shift_date,hours,person_id", "2025-03-14,2,p9"),
        }
    )
    assert wh.rows("select org_id, person_key from shifts order by org_id") == [
        ("a", person_key("local:a:p9")),
        ("b", person_key("local:b:p9")),
    ]


@pytest.mark.parametrize(
    "key",
    ["k" * 100, "clé-🔑-" * 4, "0123456789abcdef" * 4],
    ids=["longer-than-a-block", "non-ascii", "exactly-a-block"],
)
def test_person_key_is_hmac_sha256_of_the_identity_under_the_coalition_key(ingest_folder, key):
    wh = ingest_folder(
        {"organizations.csv": ORGS, "a/people.csv": lines("person_id,email", "p1,ada@ex.org")},
        key=key,
    )
    assert wh.value("select person_key from people") == person_key("email:ada@ex.org", key)


def test_key_file_is_created_with_mode_0600_and_reused_by_the_next_ingest(ingest_folder):
    files = {"organizations.csv": ORGS, "a/people.csv": lines("person_id,email", "p1,ada@ex.org")}
    first = ingest_folder(files, key=None)
    key_file = first.path.parent / "coalition.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text()
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert first.value("select person_key from people") == person_key("email:ada@ex.org", key)

    second = ingest_folder(files, key=None)
    assert key_file.read_text() == key
    assert second.value("select person_key from people") == person_key("email:ada@ex.org", key)


def test_coalition_key_variable_wins_over_the_key_file(ingest_folder):
    files = {"organizations.csv": ORGS, "a/people.csv": lines("person_id,email", "p1,ada@ex.org")}
    ingest_folder(files, key=None)
    wh = ingest_folder(files, key=TEST_KEY, new_key=True)
    assert wh.value("select person_key from people") == person_key("email:ada@ex.org", TEST_KEY)


# --- privacy --------------------------------------------------------------------------

EMAILS = ["zenobia.q@example.org", "Ignatius@Example.net", "wren@mail.test"]
PHONES = ["(617) 555-0199", "617.555.0142"]
PHONE_DIGITS = ["6175550199", "6175550142"]
NAMES = ["Zenobia", "Quackenbush", "Ignatius", "Ñúñez", "Wrenfield"]


@pytest.fixture
def contacts_everywhere(ingest_folder):
    """A coalition whose loaded, rejected, refused and malformed rows all carry contacts."""
    people = lines(
        "person_id,first_name,last_name,email,phone,postal_code,joined_on",
        f"p1,Zenobia,Quackenbush,{EMAILS[0]},{PHONES[0]},02139,",
        f"p2,Ignatius,Ñúñez,{EMAILS[1]},,02139,",
        f"p3,Wrenfield,,{EMAILS[2]},{PHONES[1]},02139,never",  # rejected: bad date
        f"p4,Zenobia,Quackenbush,{EMAILS[0]},{PHONES[0]},02139,,extra",  # malformed
    )
    attendance = lines(
        "event_id,status,email,phone,name,role,Full Name,Phone Number,E-mail",
        f"e1,attended,{EMAILS[0]},{PHONES[0]},Zenobia Quackenbush,host,Zenobia Q,{PHONES[0]},",
        f"e1,bogus,{EMAILS[1]},,Ignatius Ñúñez,,Ignatius,{PHONES[1]},{EMAILS[2]}",  # rejected
    )
    headerless = lines(  # refused for want of a header; its first line is a rejected row too
        f"e1,attended,{EMAILS[2]},Wrenfield Ñúñez",
        f"e1,attended,{EMAILS[1]},Ignatius Ñúñez",
    )
    shifts = lines(
        "shift_date,hours,email,last_name",
        f"2025-03-14,2,{EMAILS[2]},Wrenfield",
        f"2025-03-14,30,{EMAILS[1]},Ñúñez",  # rejected: hours
    )
    return ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/people.csv": people,
            "a/events.csv": EVENTS,
            "a/attendance.csv": attendance,
            "a/attendance-signin.csv": headerless,
            "b/shifts.csv": shifts.encode("latin-1"),
            "b/people.parquet": parquet_bytes(
                {
                    "person_id": ["q1", "q2"],
                    "Last_Name": ["Quackenbush", "Wrenfield"],
                    "phone": [PHONES[1], PHONES[0]],
                    "joined_on": ["2024-01-01", "not a date"],  # the second is rejected
                }
            ),
        }
    )


def _every_text_value(wh) -> list[str]:
    texts = []
    for (table,) in wh.rows("select table_name from information_schema.tables"):
        for row in wh.con.table(table).fetchall():
            texts.extend(str(value) for value in row if value is not None)
    return texts


def test_fixture_exercises_loaded_rejected_refused_and_malformed_rows(contacts_everywhere):
    statuses = contacts_everywhere.files()
    assert statuses["a/attendance-signin.csv"] == "refused"
    assert statuses["a/people.csv"] == statuses["b/shifts.csv"] == "partial"
    assert statuses["b/people.parquet"] == "partial"
    assert contacts_everywhere.value("select count(*) from rejected_rows") == 7


def test_no_email_phone_or_name_is_stored_anywhere_in_the_warehouse(contacts_everywhere):
    texts = _every_text_value(contacts_everywhere)
    for text in texts:
        for secret in EMAILS + PHONES + NAMES:
            assert secret.lower() not in text.lower(), (secret, text)
        for digits in PHONE_DIGITS:
            assert digits not in re.sub(r"[^0-9]", "", text), (digits, text)
