"""Google Forms sign-in sheets: everyone who filled the form attended.

The sheet names no event (its other columns are the form's questions), so the event
comes from mapping.toml ([files.event]); Timestamp is when the person signed in.
"""

from __future__ import annotations

from dashboard.ingest.tools.base import Fields, ImportContext, Imported, Tool


def convert(f: Fields, context: ImportContext) -> Imported:
    rows = {
        "event_id": f["event_id"],
        "status": "attended",
        "email": f["email"],
        "phone": f["phone"],
        "rsvp_at": f["rsvp_at"],
    }
    return Imported(rows)


GOOGLE_FORMS = Tool(
    name="google_forms",
    format="google_forms",
    title="Google Forms sign-in sheet",
    table="attendance",
    markers=(("timestamp", "email address"),),
    inputs={
        "event_id": ("event_id", "Event"),
        "email": ("Email Address", "Email"),
        "phone": ("Phone number", "Phone", "Mobile number", "Cell phone"),
        "rsvp_at": ("Timestamp",),
    },
    required=(("event_id",), ("email", "phone")),
    convert=convert,
    event_hint="add it to an events file, or give its starts_at in mapping.toml [files.event]",
)
