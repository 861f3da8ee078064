"""Mobilize participations (the export and the SQL mirror's `participations` table).

One row per signup. Mobilize says CANCELLED in `status` and whether the person came in
`attended`: true → attended, false → no_show, empty → still an RSVP. A signup marked
attended counts as attended even if it was cancelled first: the person came.
"""

from __future__ import annotations

from dashboard.ingest.tools.base import (
    CANONICAL_STATUSES,
    Fields,
    ImportContext,
    Imported,
    Tool,
    blank,
    both,
    epoch_as_text,
    events_from,
    filled,
    first_of,
    is_false,
    is_true,
    lookup,
    missing,
    not_boolean,
    one_of,
    people_from,
    text,
    trimmed,
    unknown,
    when,
)

SIGNED_UP = ("registered", "confirmed")
CANCELLED = ("cancelled", "canceled")


def convert(f: Fields, context: ImportContext) -> Imported:
    status, attended = f["status"], f["attended"]
    signed_up = one_of(status, SIGNED_UP)
    status_v = first_of(
        when(is_true(attended), "attended"),
        lookup(status, CANONICAL_STATUSES),
        when(one_of(status, CANCELLED), "cancelled"),
        when(both(signed_up, is_false(attended)), "no_show"),
        when(both(signed_up, blank(attended)), "rsvp"),
    )
    reject = first_of(
        when(
            not_boolean(attended),
            text("Mobilize attended '", trimmed(attended), "' is not true or false"),
        ),
        unknown("unknown Mobilize status", status, status_v),
    )
    # affiliation_id says which organization recruited the person; mapping.toml says
    # which member org each affiliation is.
    affiliation = f["recruited_by"]
    recruited_by = lookup(affiliation, context.affiliations)
    warning = when(
        both(filled(affiliation), missing(recruited_by)),
        text(
            "Mobilize affiliation_id ",
            trimmed(affiliation),
            f" is not in {context.mapping_path} [affiliations]: recruited_by left empty",
        ),
    )
    rows = {
        "event_id": f["event_id"],
        "status": status_v,
        "person_id": f["person_id"],
        "email": f["email"],
        "phone": f["phone"],
        "rsvp_at": epoch_as_text(f["rsvp_at"]),
        "recruited_by": recruited_by,
    }
    dated = Fields(
        f.num_rows, {"event_id": f["event_id"], "starts_at": epoch_as_text(f["starts_at"])}
    )
    return Imported(rows, reject, warning, (people_from(f), events_from(dated)))


MOBILIZE = Tool(
    name="mobilize",
    format="mobilize",
    title="Mobilize participations export",
    table="attendance",
    markers=(("user__email_address",), ("user__*", "event_id"), ("user_id", "timeslot_id")),
    inputs={
        "event_id": ("event_id",),
        "person_id": ("user_id",),
        "email": ("user__email_address", "email_at_signup"),
        "phone": ("user__phone_number",),
        "postal_code": ("user__postal_code",),
        "status": ("status",),
        "attended": ("attended",),
        "rsvp_at": ("created_date",),
        "starts_at": ("override_start_date",),
        "recruited_by": ("affiliation_id",),
    },
    required=(("event_id",), ("status",), ("attended",), ("email", "phone", "person_id")),
    convert=convert,
    event_hint="add it to an events file, or give the export's event date (override_start_date)",
    derives=("people", "events"),
)
