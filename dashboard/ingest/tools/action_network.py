"""Action Network: event attendance (an RSVP list) and activist reports (people).

Action Network writes ids as `action_network:<uuid>` in some exports and as the bare
uuid in others (the activist report's `uuid`); they are read without the prefix so an
attendance row finds its activist. Attendance carries no check-in, so every row is an
RSVP, unless mapping.toml maps a status value to another status.
"""

from __future__ import annotations

from dashboard.ingest.tools.base import (
    CANONICAL_STATUSES,
    Fields,
    ImportContext,
    Imported,
    Tool,
    first_of,
    lookup,
    people_from,
    without_prefix,
)

PREFIX = "action_network:"


def convert_attendance(f: Fields, context: ImportContext) -> Imported:
    rows = {
        "event_id": without_prefix(f["event_id"], PREFIX),
        "status": first_of(lookup(f["status"], CANONICAL_STATUSES), "rsvp"),
        "person_id": without_prefix(f["person_id"], PREFIX),
        "email": f["email"],
        "phone": f["phone"],
        "rsvp_at": f["rsvp_at"],
    }
    return Imported(rows)


def convert_activists(f: Fields, context: ImportContext) -> Imported:
    person = people_from(f, without_prefix(f["person_id"], PREFIX))
    return Imported({**person.rows, "language": f["language"], "joined_on": f["joined_on"]})


ACTION_NETWORK_ATTENDANCE = Tool(
    name="action_network_attendance",
    format="action_network",
    title="Action Network attendance export",
    table="attendance",
    markers=(("action_network:event_id",), ("action_network:person_id",)),
    inputs={
        "event_id": ("action_network:event_id",),
        "person_id": ("action_network:person_id",),
        "email": ("email", "email_address"),
        "phone": ("phone", "can2_phone"),
        "status": ("status",),
        "rsvp_at": ("created_date", "created_at"),
    },
    required=(("event_id",), ("email", "phone", "person_id")),
    convert=convert_attendance,
    event_hint="add it to an events file",
)

ACTION_NETWORK_ACTIVISTS = Tool(
    name="action_network_activists",
    format="action_network",
    title="Action Network activist report",
    table="people",
    markers=(("can2_*",),),
    inputs={
        "person_id": ("uuid",),
        "email": ("email",),
        "phone": ("can2_phone", "phone", "can2_cell_phone"),
        "postal_code": ("zip_code", "zip", "postal_code"),
        "language": ("language",),
        "joined_on": ("created_date", "created_at"),
    },
    required=(("person_id", "email"),),
    convert=convert_activists,
)
