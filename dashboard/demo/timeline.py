"""When things happen: the span of the demo's acts, its months, and how busy each day is."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate

FIRST_ACT_DAY = date(2024, 9, 1)
LAST_ACT_DAY = date(2026, 11, 15)
UPCOMING_FIRST_DAY = date(2026, 12, 1)
UPCOMING_LAST_DAY = date(2027, 1, 31)
# Months are indexed from September 2024 (0) to November 2026 (26); upcoming events
# fall in month UPCOMING (27), and a member who never lapses stays until STAYS.
UPCOMING = 27
STAYS = UPCOMING + 1

MONTH_FACTOR = (0, 0.85, 0.95, 1.05, 1.05, 1.0, 0.85, 0.6, 0.65, 1.1, 1.2, 1.0, 0.7)
WEEKDAY_FACTOR = (0.7, 1.0, 1.0, 1.0, 0.55, 1.3, 0.6)  # Monday first; Saturdays are busy
ELECTION_BOOSTS = ((date(2024, 11, 5), 1.6), (date(2025, 11, 4), 1.25), (date(2026, 11, 3), 1.7))


def day_weight(day: date) -> float:
    """How busy a day is: summer dip, December lull, run-ups to election day, growth."""
    weight = MONTH_FACTOR[day.month] * WEEKDAY_FACTOR[day.weekday()]
    for election_day, boost in ELECTION_BOOSTS:
        if 0 <= (election_day - day).days <= 60:
            weight *= boost
    if (day.month == 12 and day.day >= 20) or (day.month == 1 and day.day <= 3):
        weight *= 0.25
    return weight * (1 + 0.25 * (day - FIRST_ACT_DAY).days / 800)


@dataclass(frozen=True)
class Calendar:
    """The days from one date to another, each weighted by how busy it is."""

    days: tuple[date, ...]
    cum_weights: tuple[float, ...]

    @classmethod
    def between(cls, first: date, last: date) -> Calendar:
        days = tuple(first + timedelta(days=n) for n in range((last - first).days + 1))
        return cls(days, tuple(accumulate(day_weight(d) for d in days)))

    def sample(self, rng: random.Random, count: int) -> list[date]:
        return sorted(rng.choices(self.days, cum_weights=self.cum_weights, k=count))


def month_index(day: date) -> int:
    return min((day.year - FIRST_ACT_DAY.year) * 12 + day.month - FIRST_ACT_DAY.month, UPCOMING)


def random_day(rng: random.Random, first: date, last: date) -> date:
    """Any day from `first` to `last`, evenly."""
    return first + timedelta(days=rng.randrange((last - first).days + 1))
