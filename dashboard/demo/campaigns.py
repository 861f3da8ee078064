"""The coalition's campaigns and milestones, and how acts get tagged with a campaign."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from dashboard.demo.profiles import BASE_ORGS, OrgProfile
from dashboard.demo.timeline import UPCOMING_LAST_DAY


@dataclass(frozen=True)
class Campaign:
    campaign_id: str
    name: str
    lead_org: str
    partner_orgs: tuple[str, ...]
    start_date: date
    end_date: date | None
    goal_metric: str
    goal_value: int | None
    status: str
    outcome_date: date | None = None
    outcome_note: str = ""
    tail_days: int = 0  # acts still tagged with the campaign after its end_date

    @property
    def orgs(self) -> tuple[str, ...]:
        return (self.lead_org, *self.partner_orgs)


CAMPAIGNS = (
    Campaign(
        "rent-stabilization", "Rent Stabilization Ordinance", "eastside-tenants",
        ("westside-tenants", "interfaith-housing", "northgate-council", "riverside-legal-aid"),
        date(2024, 9, 15), date(2025, 6, 30), "attendance", 3_000, "won", date(2025, 6, 24),
        "Council passed a 3% annual cap, 7-2", tail_days=60,
    ),
    Campaign(
        "living-wage", "Living Wage for City Contractors", "hotel-workers-local-22",
        ("home-care-workers", "interfaith-housing", "st-brigid-parish"),
        date(2024, 10, 1), date(2025, 11, 30), "actions:door_knock", 10_000, "lost",
        date(2025, 11, 18), "Ordinance failed 4-5 at final reading",
    ),
    Campaign(
        "safe-routes", "Safe Routes to School", "northgate-council",
        ("youth-climate-action", "mutual-aid-network"), date(2025, 2, 1), date(2025, 10, 31),
        "people", 600, "partial", date(2025, 10, 15), "Crosswalks funded at 6 of 11 schools",
    ),
    Campaign(
        "measure-h", "Yes on Measure H (2024)", "westside-tenants",
        ("eastside-tenants", "youth-climate-action"), date(2024, 9, 1), date(2024, 11, 5),
        "actions:door_knock", 2_000, "won", date(2024, 11, 5), "Passed with 58%",
    ),
    Campaign(
        "park-cleanups", "Riverside Park Cleanup Series", "northgate-council", (),
        date(2024, 9, 1), date(2024, 12, 15), "custom", None, "ended",
    ),
    Campaign(
        "right-to-counsel", "Right to Counsel in Eviction Court", "riverside-legal-aid",
        ("eastside-tenants", "westside-tenants", "interfaith-housing"), date(2025, 9, 1), None,
        "hours", 2_500, "active",
    ),
    Campaign(
        "heat-relief", "Cooling Centers & Heat Relief", "mutual-aid-network",
        ("youth-climate-action", "st-brigid-parish", "home-care-workers"), date(2025, 5, 15),
        date(2026, 10, 31), "hours", 2_500, "active",
    ),
    Campaign(
        "care-workers-bill", "Home Care Workers' Bill of Rights", "home-care-workers",
        ("hotel-workers-local-22", "st-brigid-parish"), date(2026, 1, 15), None,
        "attendance", 3_500, "active",
    ),
    Campaign(
        "gotv-2026", "Get Out the Vote 2026", "youth-climate-action",
        ("hotel-workers-local-22", "home-care-workers", "eastside-tenants", "westside-tenants",
         "mutual-aid-network"), date(2026, 8, 1), date(2026, 11, 3), "actions:door_knock",
        5_000, "active", tail_days=12,
    ),
    Campaign(
        "fare-free-buses", "Fare-Free Buses", "youth-climate-action", ("northgate-council",),
        date(2027, 1, 15), None, "custom", None, "planned",
    ),
)  # fmt: skip

MILESTONES = (
    ("rent-stabilization", date(2024, 11, 20), "1,000 petition signatures delivered", True),
    ("rent-stabilization", date(2025, 3, 11), "Housing committee hearing", True),
    ("rent-stabilization", date(2025, 6, 24), "Council vote", True),
    ("living-wage", date(2024, 12, 5), "Coalition endorsement", True),
    ("living-wage", date(2025, 9, 10), "Committee vote", True),
    ("living-wage", date(2025, 11, 18), "Final reading", False),
    ("safe-routes", date(2025, 4, 30), "Walk audits at 11 schools", True),
    ("safe-routes", date(2025, 10, 15), "Budget amendment for all 11 schools", False),
    ("measure-h", date(2024, 10, 1), "Endorsed by the city council", True),
    ("measure-h", date(2024, 11, 5), "Election day", True),
    ("right-to-counsel", date(2026, 2, 3), "Pilot in housing court", True),
    ("right-to-counsel", date(2026, 12, 9), "Council budget vote", False),
    ("heat-relief", date(2025, 7, 1), "Five cooling centers open", True),
    ("heat-relief", date(2026, 7, 1), "Ten cooling centers open", False),
    ("care-workers-bill", date(2026, 6, 16), "Bill filed", True),
    ("care-workers-bill", date(2027, 2, 10), "Committee hearing", False),
    ("gotv-2026", date(2026, 10, 1), "Every precinct has a captain", True),
    ("gotv-2026", date(2026, 11, 3), "Election day", True),
    ("fare-free-buses", date(2027, 3, 1), "Launch rally", False),
)


CAMPAIGN_COLUMNS = (
    "campaign_id", "name", "lead_org", "partner_orgs", "start_date", "end_date", "goal_metric",
    "goal_value", "status", "outcome_date", "outcome_note",
)  # fmt: skip


def campaigns_for(orgs: list[OrgProfile], scale: int, rng: random.Random) -> list[Campaign]:
    """The campaigns, with each generated org joining one or two that are under way.

    Goals grow with the scale, as the acts that count towards them do.
    """
    campaigns = [
        replace(c, goal_value=c.goal_value * scale if c.goal_value else None) for c in CAMPAIGNS
    ]
    joinable = [i for i, c in enumerate(campaigns) if c.status != "planned"]
    for org in orgs[len(BASE_ORGS) :]:
        for index in sorted(rng.sample(joinable, rng.choice((1, 1, 2)))):
            campaign = campaigns[index]
            campaigns[index] = replace(campaign, partner_orgs=(*campaign.partner_orgs, org.org_id))
    return campaigns


class CampaignPicker:
    """Tags an org's events and acts with one of its campaigns running on that day."""

    def __init__(self, org_id: str, campaigns: list[Campaign]):
        self.windows = []
        for campaign in campaigns:
            if org_id not in campaign.orgs:
                continue
            last = campaign.end_date or UPCOMING_LAST_DAY
            last += timedelta(days=campaign.tail_days)
            weight = 2.0 if campaign.lead_org == org_id else 1.0
            self.windows.append((campaign.start_date, last, weight, campaign))

    def pick(self, rng: random.Random, day: date, share: float) -> Campaign | None:
        if rng.random() >= share:
            return None
        running = [(w, c) for first, last, w, c in self.windows if first <= day <= last]
        if not running:
            return None
        return rng.choices([c for _, c in running], weights=[w for w, _ in running])[0]


def campaign_id_of(campaign: Campaign | None) -> str | None:
    return campaign.campaign_id if campaign else None
