"""An org's events: what kind, when, with which campaign and co-hosts, and how many come."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dashboard.demo.campaigns import Campaign, campaign_id_of
from dashboard.demo.coalition import Coalition
from dashboard.demo.org_kinds import TOPICS
from dashboard.demo.profiles import OrgProfile
from dashboard.demo.table import Table
from dashboard.demo.timeline import LAST_ACT_DAY
from dashboard.demo.vocabulary import REGIONS

UPCOMING_SHARE = 0.02  # of each org's events
# (smallest, largest, most likely) number of attendance rows.
EVENT_SIZES = {
    "meeting": (5, 35, 12), "canvass": (4, 40, 12), "phone_bank": (3, 20, 8),
    "text_bank": (3, 20, 8), "rally": (40, 320, 90), "training": (8, 40, 16),
    "listening_session": (8, 45, 18), "one_on_one": (1, 1, 1), "public_meeting": (25, 160, 50),
    "social": (10, 60, 24),
}  # fmt: skip
OTHER_EVENT_SIZE = (8, 50, 20)
EVENT_MINUTES = {
    "canvass": 180, "rally": 90, "training": 120, "public_meeting": 120, "phone_bank": 120,
    "text_bank": 120, "one_on_one": 60, "social": 150,
}  # fmt: skip
VIRTUAL_SHARE = {"phone_bank": 0.7, "text_bank": 0.9, "training": 0.3, "meeting": 0.2}
EVENT_TITLES = {
    "meeting": ("General meeting", "Steering committee", "Campaign planning: {topic}",
                "Building committee meeting"),
    "canvass": ("Door knocking: {topic}", "Weekend canvass in {region}"),
    "phone_bank": ("Phone bank: {topic}",),
    "text_bank": ("Text bank: {topic}",),
    "rally": ("Rally: {topic}", "March for {topic}"),
    "training": ("Know your rights training", "Organizing 101", "Canvass training",
                 "Facilitation training"),
    "listening_session": ("Listening session in {region}",),
    "one_on_one": ("One-on-one",),
    "public_meeting": ("City council hearing: {topic}", "Town hall: {topic}"),
    "social": ("Community potluck", "Summer cookout", "Movie night", "Café y conversación"),
}  # fmt: skip
EVENT_COLUMNS = (
    "event_id", "event_type", "title", "starts_at", "ends_at", "campaign_id", "co_hosts",
    "region", "turnout_goal", "is_virtual",
)  # fmt: skip


@dataclass(slots=True)
class Event:
    event_id: str
    event_type: str
    title: str
    starts_at: datetime
    ends_at: datetime | None
    campaign: Campaign | None
    co_hosts: list[str] | None
    region: str
    turnout_goal: int | None
    is_virtual: bool | None
    size: int  # attendance rows to draw

    @property
    def upcoming(self) -> bool:
        return self.starts_at.date() > LAST_ACT_DAY


def plan_events(
    org: OrgProfile, count: int, coalition: Coalition, rng: random.Random
) -> list[Event]:
    upcoming = max(1, round(count * UPCOMING_SHARE))
    days = coalition.act_days.sample(rng, count - upcoming)
    days += coalition.upcoming_days.sample(rng, upcoming)
    types, type_cum = org.event_type_mix()
    picker = coalition.campaign_pickers[org.org_id]
    # Without a campaign, an org co-hosts with orgs of its circles.
    neighbours = [other.org_id for other in coalition.orgs if org.shares_a_circle_with(other)]
    events = []
    for number, day in enumerate(days):
        event_type = rng.choices(types, cum_weights=type_cum)[0]
        starts_at = datetime.combine(day, _start_time(rng, day))
        minutes = EVENT_MINUTES.get(event_type, 90)
        ends_at = starts_at + timedelta(minutes=minutes) if rng.random() < 0.85 else None
        campaign = picker.pick(rng, day, 0.5)
        co_hosts = _co_hosts(rng, event_type, campaign, org, neighbours)
        low, high, mode = EVENT_SIZES.get(event_type, OTHER_EVENT_SIZE)
        size = round(rng.triangular(low, high, mode))
        goal = None
        if event_type in ("public_meeting", "rally", "listening_session") and rng.random() < 0.4:
            goal = max(5, round(size * 0.7 * rng.uniform(0.7, 1.3) / 5) * 5)
        virtual = rng.random() < VIRTUAL_SHARE.get(event_type, 0.02)
        events.append(
            Event(
                event_id=org.event_id(number),
                event_type=event_type,
                title=_title(rng, event_type, org, campaign),
                starts_at=starts_at,
                ends_at=ends_at,
                campaign=campaign,
                co_hosts=co_hosts,
                region=org.region if rng.random() < 0.8 else rng.choice(REGIONS),
                turnout_goal=goal,
                is_virtual=virtual,
                size=size,
            )
        )
    return events


def _start_time(rng: random.Random, day: date) -> time:
    if day.weekday() >= 5:
        return rng.choice((time(10), time(11), time(13), time(14)))
    return rng.choice((time(17, 30), time(18), time(18, 30), time(19)))


def _co_hosts(
    rng: random.Random,
    event_type: str,
    campaign: Campaign | None,
    org: OrgProfile,
    neighbours: list[str],
) -> list[str] | None:
    share = {"rally": 0.5, "public_meeting": 0.3, "canvass": 0.1}.get(event_type, 0.04)
    if rng.random() >= share:
        return None
    partners = [o for o in campaign.orgs if o != org.org_id] if campaign else []
    pool = partners or neighbours
    if not pool:
        return None
    return sorted(rng.sample(pool, min(len(pool), rng.choice((1, 1, 2, 3)))))


def _title(rng: random.Random, event_type: str, org: OrgProfile, campaign: Campaign | None) -> str:
    templates = EVENT_TITLES.get(event_type)
    if templates is None:  # a type of the org's own
        return event_type.title()
    topic = campaign.name if campaign else rng.choice(TOPICS[org.kind])
    return rng.choice(templates).format(topic=topic, region=org.region)


def events_table(events: list[Event]) -> Table:
    table = Table.empty(*EVENT_COLUMNS)
    for event in events:
        table.append(
            event_id=event.event_id,
            event_type=event.event_type,
            title=event.title,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            campaign_id=campaign_id_of(event.campaign),
            co_hosts=event.co_hosts,
            region=event.region,
            turnout_goal=event.turnout_goal,
            is_virtual=event.is_virtual,
        )
    return table
