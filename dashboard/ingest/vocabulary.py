"""The data contract's tables, columns and vocabularies, as data.

Everything the ingest needs to know about names lives here, so SQL identifiers always
come from this fixed allow-list and never from a file's header.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TableSpec:
    name: str
    required: tuple[str, ...]
    optional: tuple[str, ...]
    # Tables whose rows name a person need one of these columns (contract §2).
    identity: tuple[str, ...] = ()
    top_level: bool = False

    @property
    def columns(self) -> tuple[str, ...]:
        return self.required + self.identity + self.optional


IDENTITY_COLUMNS = ("person_id", "email", "phone")

TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
            "organizations", ("org_id", "name"), ("kind", "region", "joined_on"), top_level=True
        ),
        TableSpec(
            "campaigns",
            ("campaign_id", "name"),
            (
                "lead_org",
                "partner_orgs",
                "start_date",
                "end_date",
                "goal_metric",
                "goal_value",
                "status",
                "outcome_date",
                "outcome_note",
            ),
            top_level=True,
        ),
        TableSpec(
            "milestones",
            ("campaign_id", "milestone_date", "title"),
            ("achieved",),
            top_level=True,
        ),
        TableSpec(
            "people",
            ("person_id",),
            ("email", "phone", "first_name", "last_name", "postal_code", "language", "joined_on"),
        ),
        TableSpec(
            "events",
            ("event_id", "event_type", "starts_at"),
            (
                "title",
                "ends_at",
                "campaign_id",
                "co_hosts",
                "region",
                "turnout_goal",
                "is_virtual",
            ),
        ),
        TableSpec("attendance", ("event_id", "status"), ("rsvp_at", "role"), IDENTITY_COLUMNS),
        TableSpec(
            "shifts",
            ("shift_date", "hours"),
            ("shift_id", "activity", "campaign_id"),
            IDENTITY_COLUMNS,
        ),
        TableSpec(
            "actions",
            ("action_date", "action_type"),
            ("action_id", "quantity", "campaign_id"),
            IDENTITY_COLUMNS,
        ),
    )
}

ORG_TABLES = tuple(name for name, spec in TABLES.items() if not spec.top_level)
TOP_LEVEL_TABLES = tuple(name for name, spec in TABLES.items() if spec.top_level)

# Column names that hold contact details: never stored, not even in rejected_rows.raw.
CONTACT_COLUMNS = frozenset(
    {
        "email",
        "e-mail",
        "email_address",
        "phone",
        "phone_number",
        "mobile",
        "cell",
        "first_name",
        "last_name",
        "full_name",
        "given_name",
        "family_name",
        "surname",
        "firstname",
        "lastname",
        # As the organizing tools publish them (contract §5); matched without spaces or
        # punctuation, so "Email Address", "First Name" and "user__email_address" all count.
        "user__email_address",
        "user__given_name",
        "user__family_name",
        "user__phone_number",
        "email_at_signup",
        "can2_phone",
        "can2_cell_phone",
        "mobile_phone",
        "cell_phone",
        "home_phone",
        "work_phone",
        "phone_1",
        "buyer_email",
        "buyer_first_name",
        "buyer_last_name",
        "buyer_surname",
    }
)

# Canonical fields that hold contact details: read for identity only, never stored.
CONTACT_FIELDS = ("email", "phone", "first_name", "last_name")

ATTENDANCE_STATUSES = ("rsvp", "attended", "walk_in", "no_show", "cancelled")
ATTENDANCE_STATUS_SYNONYMS = {
    "registered": "rsvp",
    "confirmed": "rsvp",
    "tentative": "rsvp",
    "sched-web": "rsvp",
    "scheduled": "rsvp",
    "completed": "attended",
    "checked in": "attended",
    "checked_in": "attended",
    "walk in": "walk_in",
    "walk-in": "walk_in",
    "no show": "no_show",
    "no-show": "no_show",
    "declined": "cancelled",
    "canceled": "cancelled",
}

ROLES = ("attendee", "volunteer", "host")
ROLE_SYNONYMS = {
    "leader": "host",
    "organizer": "host",
    "lead": "host",
    "co-host": "host",
    "staff": "volunteer",
    "crew": "volunteer",
}

EVENT_TYPES = (
    "meeting",
    "canvass",
    "phone_bank",
    "text_bank",
    "rally",
    "training",
    "listening_session",
    "one_on_one",
    "public_meeting",
    "social",
    "other",
)
ACTION_TYPES = (
    "call",
    "door_knock",
    "text",
    "one_on_one",
    "petition",
    "letter",
    "testimony",
    "social_post",
    "other",
)
WORK_ACTION_TYPES = ("call", "door_knock", "text", "one_on_one")
CAMPAIGN_STATUSES = ("planned", "active", "won", "lost", "partial", "ended")
GOAL_METRICS = ("attendance", "people", "hours", "custom") + tuple(
    f"actions:{t}" for t in ACTION_TYPES
)


def vocabulary_rows() -> list[tuple[str, str, str]]:
    """(field, value as written, canonical value): the lookup table the staging SQL joins."""
    rows: list[tuple[str, str, str]] = []
    for status in ATTENDANCE_STATUSES:
        rows.append(("attendance.status", status, status))
    rows += [("attendance.status", k, v) for k, v in ATTENDANCE_STATUS_SYNONYMS.items()]
    for role in ROLES:
        rows.append(("attendance.role", role, role))
    rows += [("attendance.role", k, v) for k, v in ROLE_SYNONYMS.items()]
    rows += [("events.event_type", t, t) for t in EVENT_TYPES]
    rows += [("actions.action_type", t, t) for t in ACTION_TYPES]
    rows += [("campaigns.status", s, s) for s in CAMPAIGN_STATUSES]
    rows += [("campaigns.goal_metric", g, g) for g in GOAL_METRICS]
    return rows
