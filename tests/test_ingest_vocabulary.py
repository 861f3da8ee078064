"""Contract §2: vocabularies, their synonyms, defaults and lists."""

from __future__ import annotations

import pytest
from ingest_helpers import ORGS, build_warehouse, lines, person_key

STATUSES = {
    "rsvp": "rsvp",
    "attended": "attended",
    "walk_in": "walk_in",
    "no_show": "no_show",
    "cancelled": "cancelled",
    "Registered": "rsvp",
    "confirmed": "rsvp",
    "TENTATIVE": "rsvp",
    "Sched-Web": "rsvp",
    "scheduled": "rsvp",
    "Completed": "attended",
    "checked in": "attended",
    "Checked_In": "attended",
    "Walk In": "walk_in",
    "walk-in": "walk_in",
    "No Show": "no_show",
    "no-show": "no_show",
    "Declined": "cancelled",
    "canceled": "cancelled",
    "  Attended  ": "attended",
}
ROLES = {
    "attendee": "attendee",
    "volunteer": "volunteer",
    "host": "host",
    "Leader": "host",
    "organizer": "host",
    "LEAD": "host",
    "co-host": "host",
    "Staff": "volunteer",
    "crew": "volunteer",
    " Host ": "host",
    "guest": "attendee",  # anything else
    "": "attendee",  # the default
}
EVENT_TYPES = {
    **{t: t for t in ("meeting", "canvass", "phone_bank", "text_bank", "rally", "training")},
    **{t: t for t in ("listening_session", "one_on_one", "public_meeting", "social", "other")},
    "Phone Bank": "phone_bank",
    " RALLY ": "rally",
    "Potluck": "other",
}
ACTION_TYPES = {
    **{t: t for t in ("call", "door_knock", "text", "one_on_one", "petition", "letter")},
    **{t: t for t in ("testimony", "social_post", "other")},
    "Door Knock": "door_knock",
    "CALL": "call",
    "Postcard": "other",
}
CAMPAIGN_STATUSES = {
    **{s: s for s in ("planned", "active", "won", "lost", "partial", "ended")},
    "Active": "active",
    "on hold": "ended",
}
GOAL_METRICS = {
    **{m: m for m in ("attendance", "people", "hours", "custom", "actions:call")},
    "actions:door_knock": "actions:door_knock",
    "Hours": "hours",
    "signatures": "custom",
}


def _indexed(values: dict) -> dict[str, int]:
    return {written: i for i, written in enumerate(values)}


@pytest.fixture(scope="module")
def vocab(tmp_path_factory):
    """One coalition with a row per written value of every vocabulary."""
    events = [f"t{i},{written},2025-03-14" for written, i in _indexed(EVENT_TYPES).items()]
    attendance = [f"t0,{written},s{i}@ex.org," for written, i in _indexed(STATUSES).items()]
    attendance += [f"t0,attended,r{i}@ex.org,{written}" for written, i in _indexed(ROLES).items()]
    actions = [f"2025-03-14,{written},p1" for written in ACTION_TYPES]
    campaigns = [f"s{i},Campaign,{written}," for written, i in _indexed(CAMPAIGN_STATUSES).items()]
    campaigns += [f"g{i},Campaign,,{written}" for written, i in _indexed(GOAL_METRICS).items()]
    files = {
        "organizations.csv": ORGS,
        "campaigns.csv": lines("campaign_id,name,status,goal_metric", *campaigns),
        "a/events.csv": lines("event_id,event_type,starts_at", *events),
        "a/attendance.csv": lines("event_id,status,email,role", *attendance),
        "a/actions.csv": lines("action_date,action_type,person_id", *actions),
    }
    wh = build_warehouse(tmp_path_factory.mktemp("vocab"), files)
    yield wh
    wh.close()


@pytest.mark.parametrize("written", list(STATUSES), ids=repr)
def test_attendance_status_and_its_synonyms_map_to_the_vocabulary(vocab, written):
    key = person_key(f"email:s{_indexed(STATUSES)[written]}@ex.org")
    assert (
        vocab.value("select status from attendance where person_key = $k", {"k": key})
        == (STATUSES[written])
    )


@pytest.mark.parametrize("written", list(ROLES), ids=repr)
def test_role_synonyms_map_to_host_or_volunteer_and_anything_else_to_attendee(vocab, written):
    key = person_key(f"email:r{_indexed(ROLES)[written]}@ex.org")
    assert (
        vocab.value("select role from attendance where person_key = $k", {"k": key})
        == (ROLES[written])
    )


@pytest.mark.parametrize("written", list(EVENT_TYPES), ids=repr)
def test_event_type_unknown_becomes_other_and_the_original_is_kept(vocab, written):
    event_id = f"t{_indexed(EVENT_TYPES)[written]}"
    assert vocab.rows(
        "select event_type, event_type_raw from events where event_id = $id", {"id": event_id}
    ) == [(EVENT_TYPES[written], written.strip())]


@pytest.mark.parametrize("written", list(ACTION_TYPES), ids=repr)
def test_action_type_unknown_becomes_other_and_the_original_is_kept(vocab, written):
    assert vocab.rows(
        "select action_type from actions where action_type_raw = $raw", {"raw": written}
    ) == [(ACTION_TYPES[written],)]


@pytest.mark.parametrize("written", list(CAMPAIGN_STATUSES), ids=repr)
def test_campaign_status_unknown_becomes_ended(vocab, written):
    campaign_id = f"s{_indexed(CAMPAIGN_STATUSES)[written]}"
    assert (
        vocab.value("select status from campaigns where campaign_id = $id", {"id": campaign_id})
        == (CAMPAIGN_STATUSES[written])
    )


@pytest.mark.parametrize("written", list(GOAL_METRICS), ids=repr)
def test_goal_metric_unknown_becomes_custom(vocab, written):
    campaign_id = f"g{_indexed(GOAL_METRICS)[written]}"
    assert (
        vocab.value(
            "select goal_metric from campaigns where campaign_id = $id", {"id": campaign_id}
        )
        == (GOAL_METRICS[written])
    )


def test_unknown_campaign_status_and_goal_metric_are_loaded_with_a_warning(vocab):
    record = vocab.file("campaigns.csv")
    assert record["status"] == "loaded"
    assert 'unknown status "on hold" read as ended' in record["message"]
    assert 'unknown goal_metric "signatures" read as custom' in record["message"]


# --- defaults and lists ---------------------------------------------------------------


def test_quantity_role_and_is_virtual_take_their_defaults_when_empty(ingest_folder):
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": lines(
                "event_id,event_type,starts_at,is_virtual", "e1,rally,2025-03-14,"
            ),
            "a/attendance.csv": lines("event_id,status,email,role", "e1,attended,x@ex.org,"),
            "a/actions.csv": lines(
                "action_date,action_type,email,quantity", "2025-03-14,call,x@ex.org,"
            ),
        }
    )
    assert wh.value("select is_virtual from events") is False
    assert wh.value("select role from attendance") == "attendee"
    assert wh.value("select quantity from actions") == 1.0


def test_quantity_role_and_is_virtual_take_their_defaults_when_the_column_is_absent(
    ingest_folder,
):
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "a/events.csv": lines("event_id,event_type,starts_at", "e1,rally,2025-03-14"),
            "a/attendance.csv": lines("event_id,status,email", "e1,attended,x@ex.org"),
            "a/actions.csv": lines("action_date,action_type,email", "2025-03-14,call,x@ex.org"),
        }
    )
    assert wh.value("select is_virtual from events") is False
    assert wh.value("select role from attendance") == "attendee"
    assert wh.value("select quantity from actions") == 1.0


def test_lists_are_split_on_semicolons(ingest_folder):
    wh = ingest_folder(
        {
            "organizations.csv": ORGS,
            "campaigns.csv": lines("campaign_id,name,lead_org,partner_orgs", "c1,Wages,a, b ;c;;"),
            "a/events.csv": lines(
                "event_id,event_type,starts_at,co_hosts",
                "e1,rally,2025-03-14,b;c",
                "e2,rally,2025-03-14,",
            ),
        }
    )
    assert wh.value("select partner_orgs from campaigns") == ["b", "c"]
    assert wh.rows("select event_id, co_hosts from events order by 1") == [
        ("e1", ["b", "c"]),
        ("e2", []),
    ]
