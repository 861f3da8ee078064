"""Eventbrite attendee reports (US and UK column names).

`Attending` is an RSVP; a filled check-in column (yes, true or a check-in time) makes
the row attended. Not Attending, Refunded, Cancelled, Deleted and Transferred tickets
are cancelled RSVPs; any other status is rejected as unknown. The event comes from an
Event ID (else Event Name) column, or, for a single-event report, from mapping.toml.
"""

from __future__ import annotations

import pyarrow.compute as pc

from dashboard.ingest.tools.base import (
    CANONICAL_STATUSES,
    Fields,
    ImportContext,
    Imported,
    Tool,
    both,
    events_from,
    filled,
    first_of,
    is_false,
    lookup,
    people_from,
    unknown,
    when,
)

STATUSES = {
    **CANONICAL_STATUSES,
    "attending": "rsvp",
    "checked in": "attended",
    "not attending": "cancelled",
    "refunded": "cancelled",
    "cancelled": "cancelled",
    "canceled": "cancelled",
    "deleted": "cancelled",
    "transferred": "cancelled",
}


def convert(f: Fields, context: ImportContext) -> Imported:
    checked_in = both(filled(f["checked_in"]), pc.invert(is_false(f["checked_in"])))
    status_v = first_of(when(checked_in, "attended"), lookup(f["status"], STATUSES))
    rows = {
        "event_id": f["event_id"],
        "status": status_v,
        "person_id": f["person_id"],
        "email": f["email"],
        "phone": f["phone"],
        "rsvp_at": f["rsvp_at"],
    }
    reject = unknown("unknown Eventbrite attendee status", f["status"], status_v)
    return Imported(rows, reject, derived=(people_from(f), events_from(f)))


EVENTBRITE = Tool(
    name="eventbrite",
    format="eventbrite",
    title="Eventbrite attendee report",
    table="attendance",
    markers=(
        ("order #", "attendee status"),
        ("order no.", "attendee status"),
        ("order #", "attendee #"),
        ("order no.", "attendee no."),
        ("order no.", "surname"),
    ),
    inputs={
        "event_id": ("Event ID", "Event Name"),
        "title": ("Event Name",),
        "starts_at": ("Event Date", "Event Start Date", "Event Start", "Event Start Time"),
        "person_id": ("Attendee #", "Attendee no.", "Attendee No"),
        "email": ("Email", "Email Address", "Attendee Email"),
        "phone": ("Cell Phone", "Mobile Phone", "Phone", "Home Phone", "Work Phone"),
        "postal_code": ("Home Zip", "Zip", "Zip Code", "Postcode", "Home Postcode"),
        "status": ("Attendee Status",),
        "checked_in": (
            "Checked In",
            "Check-In",
            "Check-In Date",
            "Checked In Date",
            "Check In Date",
            "Checked In At",
        ),
        "rsvp_at": ("Order Date", "Order date"),
    },
    required=(("event_id",), ("status", "checked_in"), ("email", "phone", "person_id")),
    convert=convert,
    event_hint=(
        "add it to an events file, or give the report an Event Date column, or name the "
        "event with its starts_at in mapping.toml [files.event]"
    ),
    derives=("people", "events"),
)
