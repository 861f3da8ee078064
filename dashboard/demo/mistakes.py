"""Mistakes planted in the member files, as real exports carry them: rows the ingest must
reject or deduplicate, and a file whose name matches no table.
"""

from __future__ import annotations

from collections.abc import Callable

from dashboard.demo.profiles import OrgProfile
from dashboard.demo.table import Table
from dashboard.demo.writers import csv_text


def plant_mistakes(org: OrgProfile, tables: dict[str, Table]) -> None:
    """Rows a real export would carry, which the ingest must reject or deduplicate (§3).

    Rejected (13 rows):
    - eastside-tenants/shifts.csv: shift_date "next tuesday"; hours 0; hours 30.
    - eastside-tenants/attendance-2025-03.csv: event_id ETU-E99999, not in its events.
    - northgate-council/actions.csv: quantity 0.
    - mutual-aid-network/attendance.csv: status "Maybe" (2 rows).
    - riverside-legal-aid/attendance.csv: email "n/a", no phone, no person_id.
    - youth-climate-action/shifts.csv: a line with one field too many (unquoted comma).
    - st-brigid-parish/actions.csv: email without @ and a 7-digit phone.
    - st-brigid-parish/shifts.csv: hours "2,5".
    - interfaith-housing/attendance.csv: rsvp_at "TBD".
    - westside-tenants/people.csv: an empty person_id.
    Deduplicated (7 rows): exact duplicate attendance rows in
    eastside-tenants/attendance-2025-10.csv (4) and interfaith-housing/attendance.csv (2);
    a repeated shift_id in westside-tenants/shifts.csv (1, the first row is kept).
    """
    planter = MISTAKES.get(org.org_id)
    if planter:
        planter(org, tables)


def _eastside_mistakes(org: OrgProfile, tables: dict[str, Table]) -> None:
    shifts = tables["shifts"]
    template = shifts.row(len(shifts) // 3)
    changes = ({"shift_date": "next tuesday"}, {"hours": "0"}, {"hours": "30"})
    for offset, change in enumerate(changes):
        row = {**template, **change, "shift_id": f"{org.prefix}-S9{offset:04d}"}
        shifts.insert(len(shifts) // 3 + 10 * (offset + 1), row)
    attendance = tables["attendance"]
    march = attendance.columns["_month"].index("2025-03")
    _insert_copy(attendance, march + 5, source=march, event_id=f"{org.prefix}-E99999")
    october = attendance.columns["_month"].index("2025-10") + 20
    typed_twice = [attendance.row(october + k) for k in range(4)]  # a sign-in sheet
    for k, row in enumerate(typed_twice):
        attendance.insert(october + 4 + k, row)


def _northgate_mistakes(org: OrgProfile, tables: dict[str, Table]) -> None:
    actions = tables["actions"]
    _insert_copy(actions, len(actions) // 2, quantity="0")


def _mutual_aid_mistakes(org: OrgProfile, tables: dict[str, Table]) -> None:
    attendance = tables["attendance"]
    for index in (len(attendance) // 4, len(attendance) // 2):
        attendance.columns["status"][index] = "Maybe"


def _legal_aid_mistakes(org: OrgProfile, tables: dict[str, Table]) -> None:
    attendance = tables["attendance"]
    _insert_copy(attendance, len(attendance) // 3, email="n/a", phone=None)


def _youth_mistakes(org: OrgProfile, tables: dict[str, Table]) -> None:
    shifts = tables["shifts"]
    # A row with a campaign: its unquoted comma pushes the campaign into an extra field,
    # which the reader cannot mistake for harmless trailing padding.
    campaigns = shifts.columns["campaign_id"]
    index = next(i for i in range(len(campaigns) // 2, len(campaigns)) if campaigns[i])
    row = shifts.row(index)
    fields = [csv_text(org, name, row[name]) for name in shifts.columns]
    activity = list(shifts.columns).index("activity")
    fields[activity] = "setup, cleanup"  # typed by hand, never quoted
    fields[0] = f"{org.prefix}-S90000"
    shifts.raw_lines[index] = ",".join(fields)


def _st_brigid_mistakes(org: OrgProfile, tables: dict[str, Table]) -> None:
    actions = tables["actions"]
    _insert_copy(actions, len(actions) // 5, email="rosa.nunez.example.org", phone="555-0199")
    shifts = tables["shifts"]
    _insert_copy(shifts, len(shifts) // 2, hours="2,5")


def _interfaith_mistakes(org: OrgProfile, tables: dict[str, Table]) -> None:
    attendance = tables["attendance"]
    index = len(attendance) // 3
    attendance.columns["rsvp_at"][index] = "TBD"
    duplicate = 2 * len(attendance) // 3
    for _ in range(2):
        _insert_copy(attendance, duplicate + 1, source=duplicate)


def _westside_mistakes(org: OrgProfile, tables: dict[str, Table]) -> None:
    people = tables["people"]
    _insert_copy(people, len(people) - 3, person_id="")
    shifts = tables["shifts"]
    first = shifts.row(len(shifts) // 4)
    # Re-exported later with corrected hours; the ingest keeps the first row.
    shifts.insert(len(shifts) // 4 + 30, {**first, "hours": first["hours"] + 1})


def _insert_copy(table: Table, index: int, source: int | None = None, **changes: object) -> None:
    """Insert at `index` a copy of row `source` (by default the row now at `index`)."""
    row = table.row(index if source is None else source)
    table.insert(index, {**row, **changes})


MISTAKES: dict[str, Callable[[OrgProfile, dict[str, Table]], None]] = {
    "eastside-tenants": _eastside_mistakes,
    "northgate-council": _northgate_mistakes,
    "mutual-aid-network": _mutual_aid_mistakes,
    "riverside-legal-aid": _legal_aid_mistakes,
    "youth-climate-action": _youth_mistakes,
    "st-brigid-parish": _st_brigid_mistakes,
    "interfaith-housing": _interfaith_mistakes,
    "westside-tenants": _westside_mistakes,
}

# A file whose name matches no table: the ingest lists it as skipped.
EASTSIDE_NOTES = (
    ("date", "note"),
    [
        ("2025-03-02", "Sign-in sheets from the March 1 meeting typed up; two were illegible"),
        ("2025-10-16", "Oct 14 building meeting sheet entered twice by accident"),
        ("2026-01-08", "Moved to monthly attendance exports from the new database"),
    ],
)
