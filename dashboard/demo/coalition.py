"""The plan of the whole coalition that every org's files are drawn from: its orgs,
campaigns, people and calendars. Only this plan is held for the whole run; each org's
tables are generated, written and dropped one org at a time.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from dashboard.demo.campaigns import Campaign, CampaignPicker, campaigns_for
from dashboard.demo.population import Population, Roster, build_population
from dashboard.demo.profiles import OrgProfile, coalition_orgs
from dashboard.demo.timeline import (
    FIRST_ACT_DAY,
    LAST_ACT_DAY,
    UPCOMING_FIRST_DAY,
    UPCOMING_LAST_DAY,
    Calendar,
)


@dataclass
class Coalition:
    orgs: list[OrgProfile]
    campaigns: list[Campaign]
    population: Population
    rosters: list[Roster]
    act_days: Calendar
    upcoming_days: Calendar
    campaign_pickers: dict[str, CampaignPicker]
    org_index: dict[str, int]

    def roster_of(self, org_id: str) -> Roster:
        return self.rosters[self.org_index[org_id]]


def plan_coalition(scale: int, seed: int) -> Coalition:
    orgs = coalition_orgs(scale, random.Random(f"{seed}:orgs"))
    campaigns = campaigns_for(orgs, scale, random.Random(f"{seed}:campaigns"))
    population, rosters = build_population(orgs, scale, random.Random(f"{seed}:people"))
    return Coalition(
        orgs=orgs,
        campaigns=campaigns,
        population=population,
        rosters=rosters,
        act_days=Calendar.between(FIRST_ACT_DAY, LAST_ACT_DAY),
        upcoming_days=Calendar.between(UPCOMING_FIRST_DAY, UPCOMING_LAST_DAY),
        campaign_pickers={org.org_id: CampaignPicker(org.org_id, campaigns) for org in orgs},
        org_index={org.org_id: index for index, org in enumerate(orgs)},
    )
