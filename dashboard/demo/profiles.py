"""The member orgs and the quirks of each one's exports: the ten base orgs of the bundled
demo, and the generated orgs a larger scale adds.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate

from dashboard.demo.org_kinds import ACTION_TYPES, CIRCLES, EVENT_TYPES, KIND_NAMES
from dashboard.demo.vocabulary import PHONE_STYLES, PLACES, REGIONS, slug


@dataclass(frozen=True)
class OrgProfile:
    """A member org and the quirks of its exports."""

    org_id: str
    name: str
    kind: str
    region: str
    joined_on: date
    size: float  # relative share of the coalition's people, events and acts
    prefix: str  # of its ids: ETU-00042, ETU-E0012, ...
    person_ids: str = "prefix"  # prefix | numeric | hex
    identity: str = "person_id"  # act rows name people by person_id, or by email + phone
    parquet: frozenset[str] = frozenset()  # tables written as Parquet (zstd)
    delimiter: str = ","
    encoding: str = "utf-8"  # utf-8 | utf-8-sig (with BOM) | latin-1
    newline: str = "\n"
    phone_style: str = "dash"
    timestamp_style: str = "space"  # space | T | offset | us-then-iso
    date_style: str = "iso"  # iso | us
    bool_words: tuple[str, str] = ("yes", "no")
    status_words: dict[str, str] = field(default_factory=dict)  # canonical -> as written
    role_words: dict[str, str] = field(default_factory=dict)
    capitalized_headers: bool = False
    monthly_attendance: bool = False
    list_co_hosts: bool = False  # Parquet list<string> rather than "a;b"
    with_row_ids: bool = True  # shift_id / action_id columns
    with_quantity: bool = True
    extra_event_types: dict[str, int] = field(default_factory=dict)  # not in the vocabulary
    extra_action_types: dict[str, int] = field(default_factory=dict)
    email_noise: float = 0.05  # share of emails typed with other case or stray spaces
    flakiness: float = 1.0  # scales no-shows

    def person_id(self, position: int) -> str:
        if self.person_ids == "numeric":
            return str(10_001 + position)
        if self.person_ids == "hex":  # an odd multiplier makes this one-to-one
            return f"{(position * 2_654_435_761 + 40_503) % 2**32:08x}"
        return f"{self.prefix}-{position + 1:05d}"

    def event_id(self, number: int) -> str:
        if self.person_ids == "numeric":
            return str(5_001 + number)
        return f"{self.prefix}-E{number + 1:04d}"

    @property
    def identity_columns(self) -> tuple[str, ...]:
        """The columns that name a person in the org's attendance, shifts and actions."""
        return ("person_id",) if self.identity == "person_id" else ("email", "phone")

    def event_type_mix(self) -> tuple[list[str], list[int]]:
        return _mix({**EVENT_TYPES[self.kind], **self.extra_event_types})

    def action_type_mix(self) -> tuple[list[str], list[int]]:
        return _mix({**ACTION_TYPES[self.kind], **self.extra_action_types})

    def shares_a_circle_with(self, other: OrgProfile) -> bool:
        """Whether `other` is another org of a kind in one of this org's circles."""
        return other is not self and bool(CIRCLES[self.kind] & CIRCLES[other.kind])


def _mix(weights: dict[str, int]) -> tuple[list[str], list[int]]:
    """Types in a fixed (sorted) order and their cumulative weights, for `rng.choices`."""
    types = sorted(weights)
    return types, list(accumulate(weights[t] for t in types))


BASE_ORGS = (
    OrgProfile(
        "eastside-tenants", "Eastside Tenants Union", "tenant_union", "Eastside",
        date(2019, 3, 12), 1.3, "ETU", phone_style="paren", monthly_attendance=True,
    ),
    OrgProfile(
        "hotel-workers-local-22", "Hotel & Hospitality Workers Local 22", "labour_union",
        "Downtown", date(2019, 3, 12), 1.6, "H22", person_ids="hex", identity="email",
        parquet=frozenset({"people", "events", "attendance", "shifts", "actions"}),
        phone_style="intl", list_co_hosts=True, flakiness=0.8,
    ),
    OrgProfile(
        "st-brigid-parish", "St. Brigid's Parish Social Justice Ministry", "faith_group",
        "Riverside South", date(2020, 1, 20), 0.7, "SB", identity="email", encoding="latin-1",
        bool_words=("Y", "N"), extra_event_types={"vigil": 4},
        extra_action_types={"postcard": 6}, email_noise=0.12, flakiness=0.7,
    ),
    OrgProfile(
        "northgate-council", "Northgate Neighbourhood Council", "neighbourhood_council",
        "Northgate", date(2019, 6, 4), 0.7, "NNC", delimiter=";", phone_style="dots",
        bool_words=("1", "0"), extra_event_types={"park cleanup": 8},
    ),
    OrgProfile(
        "riverside-legal-aid", "Riverside Legal Aid Project", "ngo", "Downtown",
        date(2021, 2, 15), 0.6, "RLA", identity="email", delimiter="\t", phone_style="plain",
        timestamp_style="offset", role_words={"attendee": ""},
        extra_event_types={"legal clinic": 16},
    ),
    OrgProfile(
        "mutual-aid-network", "Riverside Mutual Aid Network", "mutual_aid", "Westside",
        date(2020, 4, 1), 1.0, "MAN", identity="email", encoding="utf-8-sig",
        timestamp_style="us-then-iso", date_style="us", bool_words=("Yes", "No"),
        status_words={"rsvp": "Registered", "attended": "Checked In", "walk_in": "Walk-in",
                      "no_show": "No-Show", "cancelled": "Declined"},
        capitalized_headers=True, extra_event_types={"food distribution": 26},
        email_noise=0.15, flakiness=1.3,
    ),
    OrgProfile(
        "youth-climate-action", "Riverside Youth for Climate Justice", "youth_group",
        "Northgate", date(2022, 9, 10), 0.6, "YCJ", identity="email", newline="\r\n",
        timestamp_style="T", bool_words=("true", "false"),
        extra_event_types={"house party": 6, "teach-in": 3},
        extra_action_types={"tabling": 4, "banner drop": 1}, flakiness=1.4,
    ),
    OrgProfile(
        "westside-tenants", "Westside Tenants Association", "tenant_union", "Westside",
        date(2019, 3, 12), 1.0, "WTA", person_ids="numeric", parquet=frozenset({"attendance"}),
        phone_style="dots",
    ),
    OrgProfile(
        "interfaith-housing", "Interfaith Housing Alliance", "faith_group", "Eastside",
        date(2021, 9, 1), 0.8, "IHA",
        status_words={"rsvp": "registered", "attended": "checked in", "no_show": "no-show",
                      "cancelled": "declined"},
        role_words={"host": "Leader", "volunteer": "Crew"}, with_row_ids=False,
        with_quantity=False, flakiness=0.9,
    ),
    OrgProfile(
        "home-care-workers", "Home Care Workers United", "labour_union", "Riverside South",
        date(2023, 5, 18), 1.1, "HCW", identity="email",
        parquet=frozenset({"attendance", "actions"}), timestamp_style="T",
    ),
)  # fmt: skip


# Generated orgs write these tables as Parquet when their export style is Parquet.
GENERATED_PARQUET = frozenset({"people", "attendance", "actions"})


def coalition_orgs(scale: int, rng: random.Random) -> list[OrgProfile]:
    """The ten base orgs plus generated ones, round(10 * sqrt(scale)) in all."""
    wanted = max(len(BASE_ORGS), round(10 * math.sqrt(scale)))
    orgs = list(BASE_ORGS)
    combos = [(place, kind) for place in PLACES for kind in sorted(KIND_NAMES)]
    rng.shuffle(combos)
    for number in range(wanted - len(orgs)):
        place, kind = combos[number % len(combos)]
        name = KIND_NAMES[kind].format(place=place, number=100 + number)
        if number >= len(combos):
            name += f" ({number // len(combos) + 1})"
        # Three export styles take turns: CSV by person_id, CSV by email, Parquet by email.
        style = number % 3
        orgs.append(
            OrgProfile(
                org_id=slug(name),
                name=name,
                kind=kind,
                region=rng.choice(REGIONS),
                joined_on=date(2020, 1, 1) + timedelta(days=rng.randrange(5 * 365)),
                size=round(rng.uniform(0.4, 1.2), 2),
                prefix=f"X{number + 1:03d}",
                identity="person_id" if style == 0 else "email",
                parquet=GENERATED_PARQUET if style == 2 else frozenset(),
                phone_style=rng.choice(PHONE_STYLES),
            )
        )
    return orgs
