"""The network's node positions as plain Python: the same orgs and links always give the
same picture, whatever order they come in, and linked orgs sit closer than unlinked ones."""

from __future__ import annotations

import math
import random

import pytest

from dashboard.figures.graph_layout import SPRING_LIMIT, circle_layout, spring_layout

IDS = [f"org-{n:02d}" for n in range(12)]
# Two tight groups of six with one weak bridge between them.
LINKS = [(a, b, 20.0) for g in (IDS[:6], IDS[6:]) for a in g for b in g if a < b] + [
    ("org-00", "org-06", 1.0)
]


def distance(positions, a, b) -> float:
    return math.dist(positions[a], positions[b])


def test_the_circle_is_ordered_by_id_and_starts_at_the_top():
    positions = circle_layout(["c", "a", "b", "d"])
    assert positions["a"] == pytest.approx((0.0, 1.0))
    assert positions["b"] == pytest.approx((1.0, 0.0))
    assert positions["c"] == pytest.approx((0.0, -1.0))
    assert circle_layout(["only"]) == {"only": (0.0, 0.0)}


def test_the_spring_layout_is_the_same_on_every_run():
    assert spring_layout(IDS, LINKS) == spring_layout(IDS, LINKS)


def test_the_spring_layout_ignores_the_order_of_orgs_and_links():
    shuffled_ids, shuffled_links = IDS[:], LINKS[:]
    random.Random(3).shuffle(shuffled_ids)
    random.Random(4).shuffle(shuffled_links)
    flipped = [(b, a, w) for a, b, w in shuffled_links]
    assert spring_layout(shuffled_ids, flipped) == spring_layout(IDS, LINKS)


def test_linked_orgs_end_up_closer_than_orgs_of_the_other_group():
    positions = spring_layout(IDS, LINKS)
    within = max(distance(positions, a, b) for a in IDS[:6] for b in IDS[:6])
    across = min(distance(positions, a, b) for a in IDS[:6] for b in IDS[6:])
    assert within < across


def test_positions_fit_the_unit_circle_and_stay_apart():
    positions = spring_layout(IDS, LINKS)
    assert max(math.hypot(*p) for p in positions.values()) == pytest.approx(1.0)
    assert min(distance(positions, a, b) for a in IDS for b in IDS if a < b) > 0.05


def test_links_to_unknown_orgs_or_without_weight_change_nothing():
    noisy = LINKS + [("org-00", "ghost", 50.0), ("org-01", "org-07", 0.0)]
    assert spring_layout(IDS, noisy) == spring_layout(IDS, LINKS)


def test_a_hundred_orgs_are_laid_out_deterministically_and_quickly():
    import time

    ids = [f"org-{n:03d}" for n in range(100)]
    rng = random.Random(5)
    links = [(a, b, rng.randint(1, 40)) for a in ids for b in ids if a < b and rng.random() < 0.08]
    started = time.perf_counter()
    first = spring_layout(ids, links)
    assert time.perf_counter() - started < 2.0
    assert first == spring_layout(ids, links)
    assert len(first) == 100


def test_tiny_and_huge_networks_fall_back_to_the_circle():
    assert spring_layout(["a", "b"], [("a", "b", 3)]) == circle_layout(["a", "b"])
    many = [f"o{n:04d}" for n in range(SPRING_LIMIT + 1)]
    assert spring_layout(many, []) == circle_layout(many)
