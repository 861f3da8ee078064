"""An org's volunteer shifts: mostly worked by its keenest members."""

from __future__ import annotations

import random

from dashboard.demo.campaigns import campaign_id_of
from dashboard.demo.coalition import Coalition
from dashboard.demo.org_kinds import SHIFT_ACTIVITIES
from dashboard.demo.people import OrgContacts
from dashboard.demo.population import Roster
from dashboard.demo.profiles import OrgProfile
from dashboard.demo.table import Table
from dashboard.demo.timeline import month_index

SHIFT_HOURS = (1, 1.5, 2, 2, 2, 2.5, 3, 3, 3, 4, 4, 5, 6, 8)


def shifts_table(
    org: OrgProfile,
    roster: Roster,
    contacts: OrgContacts,
    count: int,
    coalition: Coalition,
    rng: random.Random,
) -> Table:
    ids = ("shift_id",) if org.with_row_ids else ()
    names = (*ids, "shift_date", "hours", *org.identity_columns, "activity", "campaign_id")
    table = Table.empty(*names)
    activities = SHIFT_ACTIVITIES[org.kind]
    picker = coalition.campaign_pickers[org.org_id]
    for number, day in enumerate(coalition.act_days.sample(rng, count)):
        position = roster.draw_one(rng, month_index(day), roster.worker_weights)
        if position is None:
            continue
        hours = float(rng.choice(SHIFT_HOURS))
        activity = rng.choice(activities)
        campaign = picker.pick(rng, day, 0.4)
        table.append(
            shift_id=f"{org.prefix}-S{number + 1:05d}",
            shift_date=day,
            hours=hours,
            **contacts.identity(org, position),
            activity=activity,
            campaign_id=campaign_id_of(campaign),
        )
    return table
