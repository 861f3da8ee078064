"""An org's logged actions: calls, door knocks, texts and one-on-ones fall to its keenest
members; petitions, letters and the rest may come from anyone.
"""

from __future__ import annotations

import random

from dashboard.demo.campaigns import campaign_id_of
from dashboard.demo.coalition import Coalition
from dashboard.demo.people import OrgContacts
from dashboard.demo.population import Roster
from dashboard.demo.profiles import OrgProfile
from dashboard.demo.table import Table
from dashboard.demo.timeline import month_index

WORK_ACTION_TYPES = ("call", "door_knock", "text", "one_on_one")  # metrics.md's ladder
# (smallest, largest) quantity of one action row; types not listed count 1.
ACTION_QUANTITIES = {
    "door_knock": (8, 60), "call": (3, 40), "text": (10, 250), "petition": (1, 30),
    "social_post": (1, 3),
}  # fmt: skip


def actions_table(
    org: OrgProfile,
    roster: Roster,
    contacts: OrgContacts,
    count: int,
    coalition: Coalition,
    rng: random.Random,
) -> Table:
    ids = ("action_id",) if org.with_row_ids else ()
    quantity = ("quantity",) if org.with_quantity else ()
    names = (*ids, "action_date", "action_type", *quantity, *org.identity_columns, "campaign_id")
    table = Table.empty(*names)
    types, type_cum = org.action_type_mix()
    picker = coalition.campaign_pickers[org.org_id]
    for number, day in enumerate(coalition.act_days.sample(rng, count)):
        action_type = rng.choices(types, cum_weights=type_cum)[0]
        weights = roster.worker_weights if action_type in WORK_ACTION_TYPES else None
        position = roster.draw_one(rng, month_index(day), weights)
        if position is None:
            continue
        amount = None
        if org.with_quantity:
            low, high = ACTION_QUANTITIES.get(action_type, (1, 1))
            amount = rng.randint(low, high)
        campaign = picker.pick(rng, day, 0.5)
        table.append(
            action_id=f"{org.prefix}-A{number + 1:06d}",
            action_date=day,
            action_type=action_type,
            quantity=amount,
            **contacts.identity(org, position),
            campaign_id=campaign_id_of(campaign),
        )
    return table
