"""Contract §6: the warehouse schema, and the `acts` view (one row per engagement act)."""

from __future__ import annotations

from datetime import date

import pytest
from ingest_helpers import ORGS, build_warehouse, lines, person_key


@pytest.fixture(scope="module")
def acts(tmp_path_factory):
    """A small coalition with every kind of act and of non-act, ingested once."""
    wh = build_warehouse(
        tmp_path_factory.mktemp("acts"),
        {
            "organizations.csv": ORGS,
            "a/events.csv": lines(
                "event_id,event_type,starts_at,campaign_id",
                "e1,Canvass,2025-03-14T19:00,c1",
                "e2,rally,3/20/2025 6:00 PM,",
            ),
            "a/attendance.csv": lines(
                "event_id,status,email,role,rsvp_at",
                "e1,attended,att@ex.org,host,2025-03-01",
                "e1,walk-in,walk@ex.org,,",
                "e1,rsvp,rsvp@ex.org,,2025-03-02",
                "e1,no_show,noshow@ex.org,,2025-03-02",
                "e1,cancelled,gone@ex.org,,",
                "e2,Completed,att@ex.org,staff,",
            ),
            "a/shifts.csv": lines(
                "shift_date,hours,email,campaign_id", "2025-03-15,3,shift@ex.org,c1"
            ),
            "a/actions.csv": lines(
                "action_date,action_type,email,quantity", "2025-03-16,Door Knock,act@ex.org,12"
            ),
        },
    )
    yield wh
    wh.close()


def test_attended_and_walk_in_are_acts_on_the_events_date(acts):
    attendee, walker = person_key("email:att@ex.org"), person_key("email:walk@ex.org")
    assert sorted(
        acts.rows(
            "select person_key, act_date, event_id, event_type, role, campaign_id from acts "
            "where kind = 'attend'"
        )
    ) == sorted(
        [
            (attendee, date(2025, 3, 14), "e1", "canvass", "host", "c1"),
            (walker, date(2025, 3, 14), "e1", "canvass", "attendee", "c1"),
            (attendee, date(2025, 3, 20), "e2", "rally", "volunteer", None),
        ]
    )


def test_rsvp_no_show_and_cancelled_are_not_acts(acts):
    for email in ("rsvp@ex.org", "noshow@ex.org", "gone@ex.org"):
        key = person_key(f"email:{email}")
        assert acts.value("select count(*) from acts where person_key = $k", {"k": key}) == 0
        assert acts.value("select count(*) from attendance where person_key = $k", {"k": key}) == 1


def test_shifts_and_actions_are_acts(acts):
    assert acts.rows(
        "select kind, person_key, org_id, act_date, campaign_id, event_id, action_type "
        "from acts where kind <> 'attend' order by act_date"
    ) == [
        ("shift", person_key("email:shift@ex.org"), "a", date(2025, 3, 15), "c1", None, None),
        (
            "action",
            person_key("email:act@ex.org"),
            "a",
            date(2025, 3, 16),
            None,
            None,
            "door_knock",
        ),
    ]


# --- schema ---------------------------------------------------------------------------

SCHEMA = {
    "organizations": {
        "org_id": "VARCHAR",
        "name": "VARCHAR",
        "kind": "VARCHAR",
        "region": "VARCHAR",
        "joined_on": "DATE",
    },
    "people": {
        "person_key": "VARCHAR",
        "org_id": "VARCHAR",
        "postal_code": "VARCHAR",
        "language": "VARCHAR",
        "joined_on": "DATE",
    },
    "events": {
        "org_id": "VARCHAR",
        "event_id": "VARCHAR",
        "title": "VARCHAR",
        "event_type": "VARCHAR",
        "event_type_raw": "VARCHAR",
        "starts_at": "TIMESTAMP",
        "event_date": "DATE",
        "campaign_id": "VARCHAR",
        "co_hosts": "VARCHAR[]",
        "region": "VARCHAR",
        "turnout_goal": "BIGINT",
        "is_virtual": "BOOLEAN",
    },
    "attendance": {
        "org_id": "VARCHAR",
        "event_id": "VARCHAR",
        "person_key": "VARCHAR",
        "status": "VARCHAR",
        "role": "VARCHAR",
        "rsvp_at": "TIMESTAMP",
        "recruited_by": "VARCHAR",
    },
    "shifts": {
        "org_id": "VARCHAR",
        "person_key": "VARCHAR",
        "shift_date": "DATE",
        "hours": "DOUBLE",
        "activity": "VARCHAR",
        "campaign_id": "VARCHAR",
    },
    "actions": {
        "org_id": "VARCHAR",
        "person_key": "VARCHAR",
        "action_date": "DATE",
        "action_type": "VARCHAR",
        "action_type_raw": "VARCHAR",
        "quantity": "DOUBLE",
        "campaign_id": "VARCHAR",
    },
    "campaigns": {
        "campaign_id": "VARCHAR",
        "name": "VARCHAR",
        "lead_org": "VARCHAR",
        "partner_orgs": "VARCHAR[]",
        "start_date": "DATE",
        "end_date": "DATE",
        "goal_metric": "VARCHAR",
        "goal_value": "DOUBLE",
        "status": "VARCHAR",
        "outcome_date": "DATE",
        "outcome_note": "VARCHAR",
    },
    "milestones": {
        "campaign_id": "VARCHAR",
        "milestone_date": "DATE",
        "title": "VARCHAR",
        "achieved": "BOOLEAN",
    },
    "acts": {
        "person_key": "VARCHAR",
        "org_id": "VARCHAR",
        "act_date": "DATE",
        "kind": "VARCHAR",
        "campaign_id": "VARCHAR",
        "event_id": "VARCHAR",
        "event_type": "VARCHAR",
        "role": "VARCHAR",
        "action_type": "VARCHAR",
    },
    "rejected_rows": {
        "source_file": "VARCHAR",
        "line": "BIGINT",
        "table_name": "VARCHAR",
        "reason": "VARCHAR",
        "raw": "VARCHAR",
    },
    "ingest_files": {
        "source_file": "VARCHAR",
        "org_id": "VARCHAR",
        "table_name": "VARCHAR",
        "format": "VARCHAR",
        "rows_read": "BIGINT",
        "rows_loaded": "BIGINT",
        "rows_rejected": "BIGINT",
        "rows_deduplicated": "BIGINT",
        "sha256": "VARCHAR",
        "status": "VARCHAR",
        "message": "VARCHAR",
    },
}


@pytest.mark.parametrize("table", list(SCHEMA))
def test_warehouse_table_has_the_contract_columns_and_types(acts, table):
    columns = dict(
        acts.rows(
            "select column_name, data_type from information_schema.columns where table_name = $t",
            {"t": table},
        )
    )
    assert {name: columns.get(name) for name in SCHEMA[table]} == SCHEMA[table]
