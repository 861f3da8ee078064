"""The queries behind the Data page and the campaign timeline (queries/dashboard/), worked
out by hand on a small coalition written here: three orgs (gamma sent nothing), a skipped
file, a refused file, rows that break rules, and campaigns with milestones."""

from __future__ import annotations

from datetime import date

import pytest
from ingest_helpers import build_warehouse, lines

from dashboard.db import Warehouse

P = {"date_from": date(2025, 1, 1), "date_to": date(2025, 6, 30), "orgs": None, "campaign": None}

FILES = {
    "organizations.csv": lines("org_id,name", "a,Alpha", "b,Beta", "c,Gamma"),
    "campaigns.csv": lines(
        "campaign_id,name,lead_org,partner_orgs,start_date,end_date,goal_metric,goal_value,status",
        "k1,Rent,a,,2025-01-01,2025-03-31,attendance,10,won",
        "k2,Wages,b,c,2025-05-01,,people,5,active",
        "k3,Old fight,a,,2024-01-01,2024-06-30,people,5,lost",
    ),
    "milestones.csv": lines(
        "campaign_id,milestone_date,title,achieved",
        "k1,2025-03-15,Vote,no",
        "k1,2025-02-01,Hearing,yes",
        "k3,2024-03-01,Old,yes",
    ),
    "a/events.csv": lines("event_id,event_type,starts_at", "e1,rally,2025-02-01"),
    "a/attendance.csv": lines(
        "event_id,email,status",  # line 1
        "e1,ann@example.org,attended",  # 2
        "e1,bob@example.org,maybe",  # 3: unknown status
        "e1,cat@example.org,attended",  # 4
        "e1,dan@example.org,perhaps",  # 5: unknown status
        "e1,eve@example.org,walk_in",  # 6
        "e1,ann@example.org,rsvp",  # 7: a duplicate of line 2
    ),
    "a/notes.csv": lines("remark", "call back"),  # neither name nor header says what it is
    "b/shifts.csv": lines("shift_date,email", "2025-02-02,ann@example.org", "2025-02-03,x@y.org"),
    "b/actions.csv": lines("action_date,email,action_type", "2025-03-01,bob@example.org,call"),
}


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory) -> Warehouse:
    built = build_warehouse(tmp_path_factory.mktemp("data-page"), FILES)
    return Warehouse(built.path)


def run(warehouse, name: str, **params):
    return warehouse.query(f"dashboard/{name}", **(P | params)).to_dicts()


def test_files_by_org_list_coalition_files_first_then_each_orgs(warehouse):
    rows = run(warehouse, "ingest_files_by_org")
    assert [(r["org_name"], r["source_file"], r["status"]) for r in rows] == [
        ("Coalition-wide", "campaigns.csv", "loaded"),
        ("Coalition-wide", "milestones.csv", "loaded"),
        ("Coalition-wide", "organizations.csv", "loaded"),
        ("Alpha", "a/attendance.csv", "partial"),
        ("Alpha", "a/events.csv", "loaded"),
        ("Alpha", "a/notes.csv", "skipped"),
        ("Beta", "b/actions.csv", "loaded"),
        ("Beta", "b/shifts.csv", "refused"),
    ]
    attendance = rows[3]
    assert (attendance["rows_read"], attendance["rows_loaded"]) == (6, 3)
    assert (attendance["rows_rejected"], attendance["rows_deduplicated"]) == (2, 1)
    assert "hours" in rows[-1]["message"]


def test_an_org_filter_keeps_that_orgs_files_only(warehouse):
    rows = run(warehouse, "ingest_files_by_org", orgs=["b"])
    assert [r["source_file"] for r in rows] == ["b/actions.csv", "b/shifts.csv"]
    assert run(warehouse, "ingest_files_by_org", orgs=["c"]) == []  # gamma sent nothing


def test_rejected_rows_are_counted_by_file_and_reason_with_their_lines(warehouse):
    rows = run(warehouse, "rejected_reasons")
    assert [(r["source_file"], r["rows_rejected"], r["example_lines"]) for r in rows] == [
        ("a/attendance.csv", 2, "3, 5"),
        ("b/shifts.csv", 2, "2, 3"),
    ]
    assert rows[0]["reason"] == "unknown attendance status"
    assert rows[1]["reason"].startswith("file refused")
    assert "raw" not in rows[0]  # never the rows' content


def test_only_the_first_five_lines_are_given_as_examples(ingest_folder):
    bad = [f"e1,p{n}@example.org,maybe" for n in range(7)]
    built = ingest_folder(
        {
            "organizations.csv": lines("org_id,name", "a,Alpha"),
            "a/events.csv": lines("event_id,event_type,starts_at", "e1,rally,2025-02-01"),
            "a/attendance.csv": lines("event_id,email,status", *bad),
        }
    )
    (row,) = Warehouse(built.path).query("dashboard/rejected_reasons", orgs=None).to_dicts()
    assert (row["rows_rejected"], row["example_lines"]) == (7, "2, 3, 4, 5, 6, …")


def test_the_ingest_summary_adds_up_the_files(warehouse):
    (everything,) = run(warehouse, "ingest_summary")
    assert everything["files"] == 8
    assert (everything["files_partial"], everything["files_refused"]) == (1, 1)
    assert everything["files_skipped"] == 1
    assert everything["rows_rejected"] == 4 and everything["rows_deduplicated"] == 1
    assert everything["rows_read"] == (
        everything["rows_loaded"] + everything["rows_rejected"] + everything["rows_deduplicated"]
    )
    (beta,) = run(warehouse, "ingest_summary", orgs=["b"])
    assert (beta["files"], beta["rows_loaded"], beta["rows_rejected"]) == (2, 1, 2)


def test_campaign_milestones_cover_the_listed_campaigns(warehouse):
    """k3 ended before the period; k2 has no milestones (one row) and no end (drawn to the
    period's end); k1's milestones come in date order."""
    rows = run(warehouse, "campaign_milestones")
    assert [(r["campaign_id"], r["milestone_title"], r["is_achieved"]) for r in rows] == [
        ("k1", "Hearing", True),
        ("k1", "Vote", False),
        ("k2", None, None),
    ]
    assert (rows[2]["shown_start"], rows[2]["shown_end"]) == (date(2025, 5, 1), date(2025, 6, 30))
    assert rows[0]["lead_org_name"] == "Alpha"


def test_campaign_milestones_follow_the_org_and_campaign_filters(warehouse):
    """Beta leads k2; Gamma partners it; nobody else's campaign is listed for them."""
    assert {r["campaign_id"] for r in run(warehouse, "campaign_milestones", orgs=["c"])} == {"k2"}
    only_k1 = run(warehouse, "campaign_milestones", campaign="k1")
    assert {r["campaign_id"] for r in only_k1} == {"k1"}
