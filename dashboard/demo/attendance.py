"""An org's attendance rows: who comes to each event, in what role and status, and the
guests co-hosts bring along.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from datetime import timedelta
from itertools import accumulate

from dashboard.demo.coalition import Coalition
from dashboard.demo.events import Event
from dashboard.demo.people import OrgContacts
from dashboard.demo.population import Roster
from dashboard.demo.profiles import OrgProfile
from dashboard.demo.table import Table
from dashboard.demo.timeline import month_index
from dashboard.demo.vocabulary import format_phone

STATUSES = ("walk_in", "no_show", "rsvp", "cancelled", "attended")
WORK_EVENT_TYPES = ("canvass", "phone_bank", "text_bank")


def attendance_table(
    org: OrgProfile,
    roster: Roster,
    contacts: OrgContacts,
    events: list[Event],
    coalition: Coalition,
    rng: random.Random,
) -> Table:
    table = Table.empty("event_id", *org.identity_columns, "status", "rsvp_at", "role", "_month")
    rows = AttendanceRows(org, table, rng)
    for event in events:
        rows.start(event)
        month = month_index(event.starts_at.date())
        host = None
        if roster.leaders and event.event_type != "rally" and rng.random() < 0.7:
            host = rng.choice(roster.leaders)
            if roster.start[host] <= month < roster.end[host]:
                rows.add(contacts.identity(org, host), "host")
        members = roster.draw(rng, month, event.size, roster.keen_weights)
        members = [p for p in members if p != host]
        for position in members:
            rows.add(contacts.identity(org, position), rows.role())
        if event.co_hosts and org.identity == "email":
            # Co-hosts bring their own people, who are not in this org's people file.
            seen = {roster.person[p] for p in (*members, host) if p is not None}
            for person in _guests(event, coalition, month, seen, rng):
                email = coalition.population.email(person)
                digits = coalition.population.phone_digits(person)
                phone = None if email else format_phone(digits, org.phone_style)
                rows.add({"email": email, "phone": phone}, "attendee")
    return table


def _guests(
    event: Event, coalition: Coalition, month: int, seen: set[int], rng: random.Random
) -> list[int]:
    guests = []
    for org_id in event.co_hosts or ():
        roster = coalition.roster_of(org_id)
        for position in roster.draw(rng, month, max(1, event.size // 4), roster.keen_weights):
            person = roster.person[position]
            if person not in seen:
                seen.add(person)
                guests.append(person)
    return guests


class AttendanceRows:
    """Appends one event's attendance rows, written in the org's own words."""

    def __init__(self, org: OrgProfile, table: Table, rng: random.Random):
        self.org, self.rng, self.table = org, rng, table
        self.event: Event | None = None

    def start(self, event: Event) -> None:
        self.event = event
        self.month_label = event.starts_at.strftime("%Y-%m")
        # Shares of walk_in, no_show, rsvp (never marked: a no-show), cancelled; the rest
        # attended. Rallies draw walk-ins; some orgs' people flake more than others'.
        flaky = self.org.flakiness
        shares = (0.24 if event.event_type == "rally" else 0.08, 0.13 * flaky, 0.06 * flaky, 0.10)
        self.status_cum = list(accumulate(shares))
        self.volunteer_share = 0.35 if event.event_type in WORK_EVENT_TYPES else 0.06

    def role(self) -> str:
        return "volunteer" if self.rng.random() < self.volunteer_share else "attendee"

    def add(self, identity: dict[str, str | None], role: str) -> None:
        event, rng = self.event, self.rng
        if event.upcoming:
            status = "rsvp"
        elif role == "host" or event.event_type == "one_on_one":
            status = "attended"
        else:
            status = STATUSES[bisect_right(self.status_cum, rng.random())]
        rsvp_at = None
        if status != "walk_in" and role != "host":
            rsvp_at = event.starts_at - timedelta(minutes=rng.randrange(120, 30 * 24 * 60))
        self.table.append(
            event_id=event.event_id,
            **identity,
            status=self.org.status_words.get(status, status),
            rsvp_at=rsvp_at,
            role=self.org.role_words.get(role, role) or None,
            _month=self.month_label,
        )
