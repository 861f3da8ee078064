"""Contract §3: rows that break a rule go to rejected_rows; unreadable files are refused."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest
from ingest_helpers import ORGS, build_warehouse, lines, parquet_bytes

# --- one reject per rule, all in one coalition ------------------------------------------

HEADERS = {
    "organizations.csv": "org_id,name,joined_on",
    "campaigns.csv": "campaign_id,name,start_date,end_date,outcome_date,goal_value",
    "milestones.csv": "campaign_id,milestone_date,title,achieved",
    "a/people.csv": "person_id,email,phone,joined_on",
    "a/events.csv": "event_id,event_type,starts_at,ends_at,turnout_goal,is_virtual",
    "a/attendance.csv": "event_id,status,person_id,email,phone,rsvp_at",
    "a/shifts.csv": "shift_date,hours,person_id,email,phone",
    "a/actions.csv": "action_date,action_type,person_id,email,phone,quantity",
    "b/events.csv": "event_id,event_type,starts_at",
}
VALID = {
    "organizations.csv": ["a,Alpha,2020-01-01", "b,Beta,"],
    "campaigns.csv": ["c1,Fair wages,2025-01-01,2025-12-31,,500"],
    "milestones.csv": ["c1,2025-03-01,Kickoff,yes"],
    "a/people.csv": ["p1,x@ex.org,,2024-05-01"],
    "a/events.csv": ["e1,rally,2025-03-14,2025-03-14 21:00,40,no"],
    "a/attendance.csv": ["e1,attended,p1,,,2025-03-01"],
    "a/shifts.csv": ["2025-03-15,24,p1,,", "2025-03-15,0.25,,,5551234567"],
    "a/actions.csv": ["2025-03-15,call,p1,,,", "2025-03-16,text,,y@ex.org,,3"],
    "b/events.csv": ["eb,rally,2025-03-14"],
}
MISSING_IDENTITY = "missing required field: person_id, email or phone"
NO_IDENTITY = "no usable identity (email without @, phone with fewer than 10 digits)"
NOT_BOOLEAN = " is not a boolean (true/false, yes/no, y/n, 1/0)"
# (file, row as written, reason)
REJECTS = [
    pytest.param("organizations.csv", ",Nameless,", "missing required field: org_id", id="org-id"),
    pytest.param("organizations.csv", "c,,", "missing required field: name", id="org-name"),
    pytest.param(
        "organizations.csv", "d,Delta,someday", "joined_on is not a valid date", id="org-joined"
    ),
    pytest.param("campaigns.csv", ",No id,,,,", "missing required field: campaign_id", id="cmp-id"),
    pytest.param("campaigns.csv", "c2,,,,,", "missing required field: name", id="cmp-name"),
    pytest.param(
        "campaigns.csv", "c3,X,2025-99-01,,,", "start_date is not a valid date", id="cmp-start"
    ),
    pytest.param("campaigns.csv", "c4,X,,tomorrow,,", "end_date is not a valid date", id="cmp-end"),
    pytest.param(
        "campaigns.csv", "c5,X,,,soon,", "outcome_date is not a valid date", id="cmp-outcome"
    ),
    pytest.param("campaigns.csv", "c6,X,,,,lots", "goal_value is not a number", id="cmp-goal"),
    pytest.param(
        "milestones.csv", ",2025-03-01,Kickoff,", "missing required field: campaign_id", id="ms-cmp"
    ),
    pytest.param(
        "milestones.csv", "c1,,Kickoff,", "missing required field: milestone_date", id="ms-date"
    ),
    pytest.param(
        "milestones.csv", "c1,2025-03-01,,", "missing required field: title", id="ms-title"
    ),
    pytest.param(
        "milestones.csv",
        "c1,March 1st,Kickoff,",
        "milestone_date is not a valid date",
        id="ms-bad-date",
    ),
    pytest.param(
        "milestones.csv", "c1,2025-03-01,Kickoff,perhaps", "achieved" + NOT_BOOLEAN, id="ms-bool"
    ),
    pytest.param("a/people.csv", ",z@ex.org,,", "missing required field: person_id", id="ppl-id"),
    pytest.param(
        "a/people.csv", "p9,,,last spring", "joined_on is not a valid date", id="ppl-joined"
    ),
    pytest.param(
        "a/events.csv", ",rally,2025-03-14,,,", "missing required field: event_id", id="ev-id"
    ),
    pytest.param(
        "a/events.csv", "e5,,2025-03-14,,,", "missing required field: event_type", id="ev-type"
    ),
    pytest.param(
        "a/events.csv", "e6,   ,2025-03-14,,,", "missing required field: event_type", id="ev-blank"
    ),
    pytest.param(
        "a/events.csv", "e7,rally,,,,", "missing required field: starts_at", id="ev-start"
    ),
    pytest.param(
        "a/events.csv", "e8,rally,2025-03-14,later,,", "ends_at is not a valid date", id="ev-end"
    ),
    pytest.param(
        "a/events.csv",
        "e9,rally,2025-03-14,,forty,",
        "turnout_goal is not a whole number",
        id="ev-goal",
    ),
    pytest.param(
        "a/events.csv",
        "e10,rally,2025-03-14,,12.5,",
        "turnout_goal is not a whole number",
        id="ev-goal-fraction",
    ),
    pytest.param(
        "a/events.csv", "e11,rally,2025-03-14,,,sometimes", "is_virtual" + NOT_BOOLEAN, id="ev-bool"
    ),
    pytest.param(
        "a/attendance.csv", ",attended,p1,,,", "missing required field: event_id", id="att-event"
    ),
    pytest.param(
        "a/attendance.csv", "e1,,p1,,,", "missing required field: status", id="att-status"
    ),
    pytest.param("a/attendance.csv", "e1,attended,,,,", MISSING_IDENTITY, id="att-no-identity"),
    pytest.param(
        "a/attendance.csv", "e1,attended,,someone.org,,", NO_IDENTITY, id="att-email-no-at"
    ),
    pytest.param("a/attendance.csv", "e1,attended,,,555-1234,", NO_IDENTITY, id="att-short-phone"),
    pytest.param(
        "a/attendance.csv", "e1,attended,,n/a,555 12 34 5,", NO_IDENTITY, id="att-both-unusable"
    ),
    pytest.param(
        "a/attendance.csv", "e1,rsvp,p1,,,whenever", "rsvp_at is not a valid date", id="att-rsvp-at"
    ),
    pytest.param(
        "a/attendance.csv", "e1,maybe,p1,,,", "unknown attendance status", id="att-status-unknown"
    ),
    pytest.param(
        "a/attendance.csv",
        "e404,attended,p1,,,",
        "event_id not found in this organization's events",
        id="att-event-unknown",
    ),
    pytest.param(
        "a/attendance.csv",
        "eb,attended,p1,,,",
        "event_id not found in this organization's events",
        id="att-event-of-another-org",
    ),
    pytest.param("a/shifts.csv", ",2,p1,,", "missing required field: shift_date", id="sh-date"),
    pytest.param(
        "a/shifts.csv", "2025-03-15,,p1,,", "missing required field: hours", id="sh-hours"
    ),
    pytest.param("a/shifts.csv", "2025-03-15,2,,,", MISSING_IDENTITY, id="sh-no-identity"),
    pytest.param("a/shifts.csv", "2025-03-15,2,,nobody,123", NO_IDENTITY, id="sh-unusable"),
    pytest.param(
        "a/shifts.csv", "2025-03-32,2,p1,,", "shift_date is not a valid date", id="sh-bad-date"
    ),
    pytest.param("a/shifts.csv", "2025-03-15,two,p1,,", "hours is not a number", id="sh-nan"),
    pytest.param(
        "a/shifts.csv", "2025-03-15,0,p1,,", "hours must be more than 0 and at most 24", id="sh-0"
    ),
    pytest.param(
        "a/shifts.csv",
        "2025-03-15,-1,p1,,",
        "hours must be more than 0 and at most 24",
        id="sh-neg",
    ),
    pytest.param(
        "a/shifts.csv",
        "2025-03-15,24.5,p1,,",
        "hours must be more than 0 and at most 24",
        id="sh-over-24",
    ),
    pytest.param(
        "a/actions.csv", ",call,p1,,,", "missing required field: action_date", id="act-date"
    ),
    pytest.param(
        "a/actions.csv", "2025-03-15,,p1,,,", "missing required field: action_type", id="act-type"
    ),
    pytest.param("a/actions.csv", "2025-03-15,call,,,,", MISSING_IDENTITY, id="act-no-identity"),
    pytest.param("a/actions.csv", "2025-03-15,call,,n/a,5551234,", NO_IDENTITY, id="act-unusable"),
    pytest.param(
        "a/actions.csv",
        "2025-13-15,call,p1,,,",
        "action_date is not a valid date",
        id="act-bad-date",
    ),
    pytest.param(
        "a/actions.csv", "2025-03-15,call,p1,,,a few", "quantity is not a number", id="act-qty-nan"
    ),
    pytest.param(
        "a/actions.csv", "2025-03-15,call,p1,,,0", "quantity must be more than 0", id="act-qty-0"
    ),
    pytest.param(
        "a/actions.csv", "2025-03-15,call,p1,,,-3", "quantity must be more than 0", id="act-qty-neg"
    ),
]


@pytest.fixture(scope="module")
def rejects(tmp_path_factory):
    """The coalition above, ingested once; `line_of[(file, row)]` is each row's line."""
    rows = {path: list(valid) for path, valid in VALID.items()}
    for case in REJECTS:
        path, row, _ = case.values
        rows[path].append(row)
    files = {path: lines(HEADERS[path], *rows[path]) for path in HEADERS}
    wh = build_warehouse(tmp_path_factory.mktemp("rejects"), files)
    line_of = {(path, row): i + 2 for path in rows for i, row in enumerate(rows[path])}
    yield wh, line_of
    wh.close()


@pytest.mark.parametrize(("path", "row", "reason"), REJECTS)
def test_row_breaking_a_rule_is_rejected_with_its_reason(rejects, path, row, reason):
    wh, line_of = rejects
    reject = wh.reject_at(path, line_of[(path, row)])
    assert reject["reason"] == reason
    assert reject["table_name"] == wh.file(path)["table_name"]


def test_only_rows_breaking_no_rule_are_loaded(rejects):
    wh, _ = rejects
    loaded = {
        "organizations": 2,
        "campaigns": 1,
        "milestones": 1,
        "people": 1,
        "events": 2,  # a's e1 and b's eb
        "attendance": 1,
        "shifts": 2,  # 24 hours and a quarter hour are both allowed
        "actions": 2,
    }
    for table, count in loaded.items():
        assert wh.value("select count(*) from query_table($t)", {"t": table}) == count, table
    assert wh.value("select count(*) from rejected_rows") == len(REJECTS)


# --- what a rejected row records --------------------------------------------------------


def test_rejected_row_raw_keeps_the_row_as_json_without_contact_fields(ingest_folder):
    attendance = lines(
        "event_id,status,first_name,last_name,name,email,phone,role",
        "e1,attended,Ada,Lovelace,Ada Lovelace,ada@ex.org,555-123-4567,host",
        "e1,bogus,Ada,Lovelace,Ada Lovelace,ada@ex.org,555-123-4567,host",
    )
    people = lines(
        "person_id,first_name,email,phone,postal_code,joined_on", "p1,Ada,a@ex.org,,02139,never"
    )
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": lines("event_id,event_type,starts_at", "e1,rally,2025-03-14"),
            "a/attendance.csv": attendance,
            "a/people.csv": people,
        }
    )
    attendance_reject = wh.reject_at("a/attendance.csv", 3)
    assert attendance_reject["table_name"] == "attendance"
    assert attendance_reject["reason"] == "unknown attendance status"
    assert json.loads(attendance_reject["raw"]) == {
        "event_id": "e1",
        "status": "bogus",
        "role": "host",
    }
    people_reject = wh.reject_at("a/people.csv", 2)
    assert json.loads(people_reject["raw"]) == {
        "person_id": "p1",
        "postal_code": "02139",
        "joined_on": "never",
    }


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_reject_line_is_the_physical_line_after_a_multiline_quoted_field(ingest_folder, newline):
    events = lines(
        "event_id,event_type,starts_at,title",
        'e1,rally,2025-03-14,"Spring rally',
        'second line of the title"',
        "e2,rally,not a date,Broken",
        "",
        "e3,rally,2025-03-15,After a blank line",
        "e4,rally,never,Broken too",
        newline=newline,
    )
    wh = ingest_folder({"organizations.csv": ORGS, "a/events.csv": events})
    assert [r["line"] for r in wh.rejects("a/events.csv")] == [4, 7]
    assert wh.value("select title from events where event_id = 'e1'") == (
        "Spring rally" + newline + "second line of the title"
    )


def test_parquet_reject_line_is_the_1_based_row_index(ingest_folder):
    events = parquet_bytes(
        {
            "event_id": ["e1", "e2", "e3"],
            "event_type": ["rally", "rally", "rally"],
            "starts_at": ["2025-03-14", "2025-03-15", "someday"],
        }
    )
    wh = ingest_folder({"organizations.csv": ORGS, "a/events.parquet": events})
    assert [(r["line"], r["reason"]) for r in wh.rejects()] == [
        (3, "starts_at is not a valid date")
    ]


# --- malformed lines --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bad_line", "why"),
    [
        ("e2,rally,2025-03-14,Extra,field", "expected 4 fields, found 5"),
        ("e2,rally", "expected 4 fields, found 2"),
        ('e2,rally,"2025-03-14"x,Bad quoting', ""),
    ],
    ids=["too-many-fields", "too-few-fields", "bad-quoting"],
)
def test_malformed_line_is_rejected_with_no_content(ingest_folder, bad_line, why):
    events = lines(
        "event_id,event_type,starts_at,title",
        "e1,rally,2025-03-14,Fine",
        bad_line,
        "e3,rally,2025-03-15,Fine after it",
    )
    wh = ingest_folder({"organizations.csv": ORGS, "a/events.csv": events})
    [reject] = wh.rejects("a/events.csv")
    assert reject["line"] == 3
    assert reject["raw"] is None
    assert reject["reason"].startswith("malformed line")
    assert why in reject["reason"]
    assert wh.rows("select event_id from events order by 1") == [("e1",), ("e3",)]


def test_unclosed_quote_at_end_of_file_is_a_malformed_line(ingest_folder):
    events = lines("event_id,event_type,starts_at", "e1,rally,2025-03-14", 'e2,rally,"2025-03-15')
    wh = ingest_folder({"organizations.csv": ORGS, "a/events.csv": events})
    [reject] = wh.rejects("a/events.csv")
    assert (reject["line"], reject["raw"]) == (3, None)
    assert reject["reason"].startswith("malformed line")


def test_line_with_bad_encoding_in_a_utf8_file_is_a_malformed_line(ingest_folder):
    events = (
        lines("event_id,event_type,starts_at,title", "e1,rally,2025-03-14,Café").encode()
        + b"e2,rally,2025-03-15,Caf\xe9\n"
        + b"e3,rally,2025-03-16,Fine\n"
    )
    wh = ingest_folder({"organizations.csv": ORGS, "a/events.csv": events})
    [reject] = wh.rejects("a/events.csv")
    assert (reject["line"], reject["raw"]) == (3, None)
    assert "encoding" in reject["reason"]
    assert wh.rows("select event_id, title from events order by 1") == [
        ("e1", "Café"),
        ("e3", "Fine"),
    ]


# --- refused files ----------------------------------------------------------------------

GOOD_EVENTS = lines("event_id,event_type,starts_at", "e1,rally,2025-03-14")


def test_file_missing_a_required_column_is_refused_and_its_rows_counted_as_rejected(
    ingest_folder,
):
    no_starts_at = lines("event_id,event_type,title", "e1,rally,A", "e2,rally,B")
    wh = ingest_folder(
        {"organizations.csv": ORGS, "a/events.csv": no_starts_at, "b/events.csv": GOOD_EVENTS}
    )
    record = wh.file("a/events.csv")
    assert record["status"] == "refused"
    assert "missing required column: starts_at" in record["message"]
    assert (record["rows_read"], record["rows_loaded"], record["rows_rejected"]) == (2, 0, 2)
    assert [(r["line"], r["table_name"]) for r in wh.rejects("a/events.csv")] == [
        (2, "events"),
        (3, "events"),
    ]
    assert all("starts_at" in r["reason"] for r in wh.rejects("a/events.csv"))
    assert wh.rows("select org_id, event_id from events") == [("b", "e1")]


def test_refused_file_raw_keeps_only_the_contract_columns_of_its_table(ingest_folder):
    # Without the required columns the header may itself be a data row, full of contacts.
    attendance = lines("event_id,role,email,notes,ada@ex.org", "e1,host,bo@ex.org,hi,Bo Li")
    wh = ingest_folder(
        {"organizations.csv": ORGS, "a/events.csv": GOOD_EVENTS, "a/attendance.csv": attendance}
    )
    [reject] = wh.rejects("a/attendance.csv")
    assert reject["reason"] == "file refused: missing required column: status"
    assert json.loads(reject["raw"]) == {"event_id": "e1", "role": "host"}


def test_act_file_without_any_identity_column_is_refused(ingest_folder):
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": GOOD_EVENTS,
            "a/attendance.csv": lines("event_id,status,role", "e1,attended,host"),
        }
    )
    record = wh.file("a/attendance.csv")
    assert record["status"] == "refused"
    assert "person_id or email or phone" in record["message"]
    assert record["rows_rejected"] == 1


def _corrupt_parquet() -> bytes:
    whole = parquet_bytes(pa.table({"event_id": ["e1"], "event_type": ["rally"]}))
    return whole[:8] + b"\x00garbage\x00" + whole[-8:]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "events-utf16.csv",
            "event_id,event_type,starts_at\ne2,rally,2025-03-14\n".encode("utf-16"),
        ),
        ("events-binary.csv", bytes(range(256)) * 4),
        ("events-empty.csv", b""),
        ("events.parquet", _corrupt_parquet()),
    ],
    ids=["utf-16", "binary", "empty", "corrupt-parquet"],
)
def test_undecodable_file_is_refused_and_the_other_files_still_load(ingest_folder, name, content):
    wh = ingest_folder(
        {"organizations.csv": ORGS, "a/events.csv": GOOD_EVENTS, f"a/{name}": content}
    )
    record = wh.file(f"a/{name}")
    assert record["status"] == "refused"
    assert record["message"]
    assert wh.file("a/events.csv")["status"] == "loaded"
    assert wh.rows("select event_id from events") == [("e1",)]
    assert wh.result.replaced


def test_a_stray_quote_rejects_its_own_line_and_every_other_row_loads(ingest_folder):
    rows = ["event_id,person_id,status,rsvp_at,role"]
    rows += [f"e1,p{i},attended,,attendee" for i in range(1000)]
    rows[9] = 'a1,"q-8,,attended,'  # line 10
    events = lines("event_id,event_type,starts_at", "e1,rally,2025-03-14")
    wh = ingest_folder(
        {"organizations.csv": ORGS, "a/events.csv": events, "a/attendance.csv": lines(*rows)}
    )
    record = wh.file("a/attendance.csv")
    assert (record["rows_read"], record["rows_loaded"], record["rows_rejected"]) == (1000, 999, 1)
    [reject] = wh.rejects("a/attendance.csv")
    assert reject["line"] == 10
    assert "quote" in reject["reason"]
    assert wh.value("select count(*) from attendance") == 999
