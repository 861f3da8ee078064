"""VAN / EveryAction event signups, as commonly flattened to CSV (`event_eventId`, ...).

VAN keeps invitations and call notes in the same list as RSVPs: Invited, Left Msg and
Texted say someone was asked, not that they said yes, so those rows are rejected with
that reason instead of counting as RSVPs. People without email or phone are known by
their vanId within the org (identity local:<org>:<vanId>).
"""

from __future__ import annotations

from dashboard.ingest.tools.base import (
    CANONICAL_STATUSES,
    Fields,
    ImportContext,
    Imported,
    Tool,
    events_from,
    first_of,
    lookup,
    one_of,
    text,
    trimmed,
    unknown,
    when,
)

STATUSES = {
    **CANONICAL_STATUSES,
    "completed": "attended",
    "walk in": "walk_in",
    "no show": "no_show",
    "declined": "cancelled",
    "cancelled": "cancelled",
    "canceled": "cancelled",
    "tentative": "rsvp",
    "confirmed": "rsvp",
    "conf twice": "rsvp",
    "scheduled": "rsvp",
    "sched-web": "rsvp",
}
NOT_RSVP = ("invited", "left msg", "texted")


def convert(f: Fields, context: ImportContext) -> Imported:
    status = f["status"]
    status_v = lookup(status, STATUSES)
    reject = first_of(
        when(
            one_of(status, NOT_RSVP),
            text("VAN status '", trimmed(status), "' is not an RSVP"),
        ),
        unknown("unknown VAN status", status, status_v),
    )
    rows = {
        "event_id": f["event_id"],
        "status": status_v,
        "person_id": f["person_id"],
        "email": f["email"],
        "phone": f["phone"],
        "role": f["role"],  # Host → host through the contract's role vocabulary
    }
    return Imported(rows, reject, derived=(events_from(f),))


VAN = Tool(
    name="van",
    format="van",
    title="VAN / EveryAction event signups export",
    table="attendance",
    markers=(
        ("eventsignupid",),
        ("status_name", "event_eventid"),
        ("vanid", "event_eventid"),
        ("vanid", "status_name"),
    ),
    inputs={
        "event_id": ("event_eventId",),
        "person_id": ("vanId",),
        "email": ("email",),
        "phone": ("phone",),
        "status": ("status_name",),
        "role": ("role_name",),
        "title": ("event_name",),
        "starts_at": ("event_startDate", "event_startTime", "shift_startTime", "startTime"),
        "event_type": ("event_eventType_name",),
    },
    required=(("event_id",), ("status",), ("email", "phone", "person_id")),
    convert=convert,
    event_hint=(
        "add it to an events file, or export the signups with the event's start date "
        "(event_startDate)"
    ),
    derives=("events",),
)
