"""The funder's differencing attack (tests/attack_harness.py) recovers no hidden count:
over 200 seeded filter states of the sample coalition, each with its two paired states
(the period a day shorter; one org fewer), every published count, the equations between
them and the noise bound D known to the attacker, no "<k" cell is pinned to one value."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from attack_harness import attack, random_states

from dashboard.access.gated_warehouse import GatedWarehouse
from dashboard.db import Warehouse, load_query
from dashboard.privacy import NOISE_BOUND

STATES = 200


@pytest.fixture(scope="module")
def warehouse(sample_warehouse_path):
    return Warehouse(sample_warehouse_path)


def declared(name: str):
    return load_query(name).parameters


def test_no_hidden_count_is_recovered_within_a_view_or_across_paired_requests(warehouse):
    funder = GatedWarehouse(warehouse, suppress=True)
    k = funder.min_cell()
    today = date.today()
    orgs = sorted(warehouse.query("lookups/organizations")["org_id"])
    types = ["meeting", "canvass", "phone_bank", "rally", "training", "public_meeting"]
    states = list(
        random_states(STATES, today - timedelta(days=720), today - timedelta(days=3), orgs, types)
    )
    result = attack(warehouse, funder, declared, states, k=k, noise=NOISE_BOUND, as_of=today)
    assert result["hidden"] > 200  # the attack has something to aim at
    assert result["recovered"] == 0, result["examples"]
