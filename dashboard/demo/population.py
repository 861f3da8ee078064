"""Everyone in the demo and the orgs they belong to: who each person is, which orgs list
them, when they are active there and how keen they are.
"""

from __future__ import annotations

import random
from array import array
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from dashboard.demo.profiles import OrgProfile
from dashboard.demo.timeline import LAST_ACT_DAY, STAYS, UPCOMING, random_day
from dashboard.demo.vocabulary import (
    ALL_POSTAL_CODES,
    EMAIL_DOMAINS,
    FIRST_NAMES,
    LANGUAGE_WEIGHTS,
    LANGUAGES,
    LAST_NAMES,
    ascii_fold,
)

PEOPLE_PER_SCALE = 5_400
MULTI_ORG_SHARE = (0.17, 0.04)  # people in exactly one / two more orgs than their first
CROSS_CIRCLE_SHARE = 0.02  # of those extra memberships, in an org outside the home circles


def _compact(typecode: str):
    """A dataclass field holding an empty `array` of `typecode`."""
    return field(default_factory=lambda: array(typecode))


@dataclass
class Population:
    """Everyone in the demo, one entry per human, in compact arrays (540k at scale 100)."""

    first: array = _compact("H")
    last: array = _compact("H")
    # bit 0: has an email, bit 1: has a phone; bits 2-3 email style, bits 4-5 domain.
    contact: array = _compact("B")
    language: array = _compact("B")
    postal: array = _compact("B")

    def email(self, person: int) -> str | None:
        contact = self.contact[person]
        if not contact & 1:
            return None
        first = _letters(FIRST_NAMES[self.first[person]])
        last = _letters(LAST_NAMES[self.last[person]])
        local = (f"{first}.{last}", f"{first}{last}", f"{first[0]}{last}", f"{first}_{last[0]}")
        # The number is the person's own, so no two people share an address.
        return f"{local[(contact >> 2) & 3]}{person + 1}@{EMAIL_DOMAINS[(contact >> 4) % 3]}"

    def phone_digits(self, person: int) -> str | None:
        if not self.contact[person] & 2:
            return None
        # 7919 is coprime with 8,000,000: every person gets their own number.
        return f"555{2_000_000 + (person * 7_919 + 1_234_567) % 8_000_000}"


def _letters(name: str) -> str:
    """The name as it goes into an email address: lower-case ASCII letters only."""
    return "".join(ch for ch in ascii_fold(name).lower() if ch.isalpha())


@dataclass
class Roster:
    """One org's members in person-id order, with when each is active and how keen."""

    person: array = _compact("l")
    start: array = _compact("b")  # first active month
    end: array = _compact("b")  # first month no longer active
    joined: list[date] = field(default_factory=list)
    # Cumulative keenness, for events; its square, for shifts and work actions, which
    # fall to a keen few. Other actions (petitions, letters) may come from anyone.
    keen_weights: list[float] = field(default_factory=list)
    worker_weights: list[float] = field(default_factory=list)
    leaders: list[int] = field(default_factory=list)  # positions of those who host events

    def __len__(self) -> int:
        return len(self.person)

    def draw(
        self, rng: random.Random, month: int, count: int, weights: list[float] | None = None
    ) -> list[int]:
        """Up to `count` distinct members active in `month`, by `weights` (None: evenly)."""
        if count <= 0 or not self.person:
            return []
        start, end = self.start, self.end
        chosen: dict[int, None] = {}
        for _ in range(3):
            if weights is None:
                picks = [rng.randrange(len(self.person)) for _ in range(2 * count + 4)]
            else:
                picks = rng.choices(range(len(self.person)), cum_weights=weights, k=2 * count + 4)
            for position in picks:
                if start[position] <= month < end[position] and position not in chosen:
                    chosen[position] = None
                    if len(chosen) == count:
                        return list(chosen)
        return list(chosen)

    def draw_one(
        self, rng: random.Random, month: int, weights: list[float] | None = None
    ) -> int | None:
        drawn = self.draw(rng, month, 1, weights)
        return drawn[0] if drawn else None


def build_population(
    orgs: list[OrgProfile], scale: int, rng: random.Random
) -> tuple[Population, list[Roster]]:
    """Make everyone, place each person in one or more orgs, and order each org's roster."""
    population = Population()
    everywhere = list(accumulate(org.size for org in orgs))
    nearby = [_nearby_weights(org, orgs) for org in orgs]
    memberships: list[list[tuple]] = [[] for _ in orgs]
    language_weights = list(accumulate(LANGUAGE_WEIGHTS))
    for person in range(PEOPLE_PER_SCALE * scale):
        population.first.append(rng.randrange(len(FIRST_NAMES)))
        population.last.append(rng.randrange(len(LAST_NAMES)))
        # 8% are known only by a phone (bit 1); the others have an email (bit 0) and
        # often a phone as well.
        contact = 2 if rng.random() < 0.08 else 3 if rng.random() < 0.55 else 1
        contact |= rng.randrange(4) << 2 | rng.randrange(3) << 4
        population.contact.append(contact)
        population.language.append(
            rng.choices(range(len(LANGUAGES)), cum_weights=language_weights)[0]
        )
        population.postal.append(rng.randrange(len(ALL_POSTAL_CODES)))

        home = _weighted_index(rng, everywhere)
        org_indexes = [home]
        roll = rng.random()
        extra = 2 if roll < MULTI_ORG_SHARE[1] else 1 if roll < sum(MULTI_ORG_SHARE) else 0
        for _ in range(100 * extra):  # bounded: a lone org may have no neighbour left
            if len(org_indexes) > extra:
                break
            crossing = rng.random() < CROSS_CIRCLE_SHARE or not nearby[home]
            other = _weighted_index(rng, everywhere if crossing else nearby[home])
            if other not in org_indexes:
                org_indexes.append(other)
        # Heavy-tailed keenness: most people come now and then, a few come to everything;
        # people in several orgs are keener.
        keenness = min(rng.lognormvariate(0, 2.0), 200.0) * (1.6 if extra else 1.0)
        for org_index in org_indexes:
            memberships[org_index].append(_membership(rng, person, keenness))
    return population, [_roster(members) for members in memberships]


def _nearby_weights(org: OrgProfile, orgs: list[OrgProfile]) -> list[float]:
    """Cumulative weights over all orgs, zero outside the org's circles; [] for none."""
    weights = list(
        accumulate(other.size if org.shares_a_circle_with(other) else 0.0 for other in orgs)
    )
    return weights if weights[-1] > 0 else []


def _weighted_index(rng: random.Random, cum_weights: list[float]) -> int:
    return bisect_right(cum_weights, rng.random() * cum_weights[-1])


def _membership(rng: random.Random, person: int, keenness: float) -> tuple:
    if rng.random() < 0.45:  # already a member when the data starts
        start = 0
        joined = random_day(rng, date(2012, 1, 1), date(2024, 8, 31))
    else:
        start = rng.randrange(UPCOMING)
        first = date(2024 + (8 + start) // 12, (8 + start) % 12 + 1, 1)
        joined = min(random_day(rng, first, first + timedelta(days=27)), LAST_ACT_DAY)
    # A third stay to the end; the others drift away after about six months.
    end = STAYS if rng.random() < 0.35 else min(start + 1 + int(rng.expovariate(1 / 6)), STAYS)
    return (joined, person, start, end, keenness * rng.uniform(0.5, 1.5))


def _roster(members: list[tuple]) -> Roster:
    roster = Roster()
    members.sort()  # by joined_on, then person: ids are handed out as people join
    weights = []
    for joined, person, start, end, weight in members:
        roster.person.append(person)
        roster.start.append(start)
        roster.end.append(end)
        roster.joined.append(joined)
        weights.append(weight)
    roster.keen_weights = list(accumulate(weights))
    roster.worker_weights = list(accumulate(w * w for w in weights))
    by_keenness = sorted(range(len(weights)), key=lambda p: (-weights[p], p))
    roster.leaders = sorted(by_keenness[: max(3, len(weights) // 33)])
    return roster
