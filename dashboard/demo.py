"""The demo coalition: a made-up coalition folder in the data-contract format.

`generate(out_dir, scale, seed)` writes it; `coalition demo-data` calls it. The output
is a pure function of (scale, seed): the same arguments give byte-identical files
(fixed dates, seeded `random.Random` per org and table, fixed Parquet writer options,
no "now"). Everyone in it is fictional: names come from small built-in lists, emails
use only example.org / example.com / example.net, phones use area code 555.

What scale 1 (seed 7, the bundled `data/demo/`) contains:

- `coalition.toml` (Riverside Housing & Labour Coalition, America/New_York,
  min_cell 11), `organizations.csv`, `campaigns.csv` (10 campaigns: won, lost,
  partial, active, planned, ended; goals on attendance, people, hours,
  actions:door_knock and custom), `milestones.csv`.
- 10 member orgs of 7 kinds (tenant unions, labour unions, faith groups, a
  neighbourhood council, an NGO, a mutual-aid network, a youth group). At scale N
  people, events, shifts and actions multiply by N and there are round(10 * sqrt(N))
  orgs; the extra orgs get generated names.
- ~5,400 people (~6,800 rows of people files), about a fifth of them in 2+ orgs,
  mostly orgs of the same circle (housing, labour, neighbourhood): the same email in
  several people files, sometimes with other case or stray spaces; 8% known only by a
  phone, written as `(555) 123-4567`, `555.123.4567`, `+1 555 123 4567`, ...
- Acts from 2024-09-01 to 2026-11-15 with seasons (summer dip, December lull,
  election-autumn peaks in 2024 and 2026) and people who join and lapse; upcoming
  events in Dec 2026 / Jan 2027 carry RSVPs only. ~63k attendance rows at ~2,400
  events (some co-hosted, some of non-vocabulary types such as "house party"), ~6k
  shifts and ~17k actions (a few of unknown types such as "tabling"). Keenness is
  heavy-tailed: many come once or twice, a keen few do most shifts and work actions.
- File variety: Parquet (zstd) for the biggest orgs' tables, CSV with commas,
  semicolons or tabs, UTF-8 with a BOM, CRLF line ends, Latin-1, capitalised headers,
  US dates (`3/14/2025 7:00 PM`) mixed with ISO ones, dates with UTC offsets,
  status and role synonyms, monthly attendance files (`attendance-2025-03.csv`).
- Planted mistakes the ingest must reject or deduplicate (see `_plant_mistakes`), and
  `eastside-tenants/notes.csv`, a file whose name matches no table (listed as skipped).
"""

from __future__ import annotations

import csv
import io
import math
import random
import shutil
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from itertools import accumulate
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

COALITION_NAME = "Riverside Housing & Labour Coalition"
TIME_ZONE = "America/New_York"
MIN_CELL = 11
# First line of coalition.toml: how generate() recognises a folder it may overwrite.
MARKER = "# Demo coalition written by dashboard.demo"

FIRST_ACT_DAY = date(2024, 9, 1)
LAST_ACT_DAY = date(2026, 11, 15)
UPCOMING_FIRST_DAY = date(2026, 12, 1)
UPCOMING_LAST_DAY = date(2027, 1, 31)
# Months are indexed from September 2024 (0) to November 2026 (26); upcoming events
# fall in month UPCOMING (27), and a member who never lapses stays until STAYS.
UPCOMING = 27
STAYS = UPCOMING + 1

PEOPLE_PER_SCALE = 5_400
EVENTS_PER_SCALE = 2_400
SHIFTS_PER_SCALE = 6_000
ACTIONS_PER_SCALE = 16_000
UPCOMING_SHARE = 0.02  # of each org's events
MULTI_ORG_SHARE = (0.17, 0.04)  # people in exactly one / two more orgs than their first

# --- Names, places and words ---------------------------------------------------------

# Latin-1 characters only: one org's files are Latin-1 encoded.
FIRST_NAMES = (
    "José", "María", "Ana", "Luis", "Carmen", "Jesús", "Sofía", "Mateo", "Lucía", "Diego",
    "Guadalupe", "Ángel", "Raúl", "Inés", "Ramón", "Linh", "Minh", "Huong", "Wei", "Mei",
    "Jun", "Ahmed", "Fatima", "Omar", "Amina", "Yusuf", "Hodan", "Abdi", "Jean", "Wesline",
    "Marie-Claire", "James", "Mary", "Michael", "Jennifer", "David", "Sarah", "Robert",
    "Linda", "Emily", "Daniel", "Aisha", "Jamal", "Keisha", "DeShawn", "Tyrone", "Jürgen",
    "Zoë", "François", "Björn", "Søren", "Chloé", "Noé", "Renée", "Agnès", "Priya", "Ravi",
    "Grace", "Samuel", "Rosa", "Tomás", "Olga", "Patrick", "Bridget", "Kwame", "Ngozi",
)  # fmt: skip
LAST_NAMES = (
    "García", "Hernández", "Müller", "Nguyen", "Smith", "Johnson", "Williams", "Brown",
    "Jones", "López", "Martínez", "Rodríguez", "Pérez", "Gómez", "Díaz", "Cruz", "Chen",
    "Wang", "Li", "Kim", "Park", "Tran", "Pham", "Ali", "Hassan", "Mohamed", "Ibrahim",
    "Jean-Baptiste", "Pierre", "O'Brien", "Murphy", "Kowalski", "Novak", "Schäfer", "Weiß",
    "Olsen", "Jørgensen", "Thompson", "Washington", "Jackson", "Robinson", "Lewis", "Walker",
    "Okafor", "Adeyemi", "Mensah", "Santos", "Silva", "Gonçalves", "Fernández", "Núñez",
    "Peña", "Ortiz", "Reyes", "Castillo", "Rossi", "Dubois", "Lefèvre", "Patel", "Shah",
)  # fmt: skip
EMAIL_DOMAINS = ("example.org", "example.com", "example.net")
LANGUAGES = ("en", "es", "zh", "vi", "ht", "so", "ar", "pt")
LANGUAGE_WEIGHTS = (62, 22, 4, 4, 2, 2, 2, 2)
# Boston-style ZIP codes: the leading zero is a trap for tools that guess numbers.
POSTAL_CODES = {
    "Eastside": ("02128", "02129", "02150"),
    "Westside": ("02134", "02135", "02163"),
    "Northgate": ("02143", "02144", "02145"),
    "Downtown": ("02108", "02109", "02111"),
    "Riverside South": ("02119", "02121", "02124", "02125"),
}
REGIONS = tuple(POSTAL_CODES)
ALL_POSTAL_CODES = tuple(code for codes in POSTAL_CODES.values() for code in codes)

# --- What each kind of org does -------------------------------------------------------

EVENT_TYPES = {
    "tenant_union": {
        "meeting": 30, "canvass": 14, "training": 10, "public_meeting": 9, "rally": 4,
        "one_on_one": 12, "social": 6, "listening_session": 6, "phone_bank": 6,
    },
    "labour_union": {
        "meeting": 25, "rally": 8, "phone_bank": 14, "training": 14, "canvass": 10,
        "one_on_one": 16, "public_meeting": 5, "social": 6, "text_bank": 4,
    },
    "faith_group": {
        "meeting": 22, "listening_session": 20, "public_meeting": 10, "social": 16,
        "training": 10, "rally": 4, "phone_bank": 4,
    },
    "neighbourhood_council": {
        "public_meeting": 36, "meeting": 26, "listening_session": 14, "social": 10, "canvass": 5,
    },
    "ngo": {
        "training": 30, "meeting": 20, "public_meeting": 10, "phone_bank": 10,
        "listening_session": 10, "one_on_one": 6,
    },
    "mutual_aid": {
        "meeting": 22, "social": 18, "training": 10, "phone_bank": 10, "canvass": 8,
        "text_bank": 6,
    },
    "youth_group": {
        "meeting": 24, "rally": 12, "text_bank": 14, "canvass": 16, "training": 10, "social": 6,
    },
}  # fmt: skip
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
TOPICS = {
    "tenant_union": ("repairs now", "rent control", "eviction defense"),
    "labour_union": ("a fair contract", "safe staffing", "a living wage"),
    "faith_group": ("housing justice", "welcoming neighbours"),
    "neighbourhood_council": ("safer streets", "the new library", "park upkeep"),
    "ngo": ("right to counsel", "language access"),
    "mutual_aid": ("food security", "heat relief"),
    "youth_group": ("climate justice", "fare-free buses", "the youth vote"),
}
ACTION_TYPES = {
    "tenant_union": {"door_knock": 30, "call": 20, "text": 10, "one_on_one": 15, "petition": 15,
                     "letter": 5, "testimony": 5},
    "labour_union": {"one_on_one": 25, "call": 25, "door_knock": 15, "text": 15, "petition": 10,
                     "testimony": 5, "social_post": 5},
    "faith_group": {"letter": 25, "call": 20, "testimony": 15, "petition": 15, "one_on_one": 15,
                    "social_post": 10},
    "neighbourhood_council": {"testimony": 30, "letter": 25, "petition": 25, "social_post": 10,
                              "call": 10},
    "ngo": {"call": 30, "letter": 20, "testimony": 20, "text": 10, "social_post": 20},
    "mutual_aid": {"call": 35, "text": 35, "social_post": 20, "one_on_one": 10},
    "youth_group": {"text": 30, "social_post": 25, "door_knock": 20, "petition": 15, "call": 10},
}  # fmt: skip
# (smallest, largest) quantity of one action row; types not listed count 1.
ACTION_QUANTITIES = {
    "door_knock": (8, 60), "call": (3, 40), "text": (10, 250), "petition": (1, 30),
    "social_post": (1, 3),
}  # fmt: skip
SHIFT_ACTIVITIES = {
    "tenant_union": ("canvass", "phone bank", "tenant hotline", "data entry"),
    "labour_union": ("picket line", "phone bank", "member outreach"),
    "faith_group": ("meal service", "childcare", "setup"),
    "neighbourhood_council": ("park cleanup", "setup", "newsletter"),
    "ngo": ("clinic intake", "hotline", "translation"),
    "mutual_aid": ("food distribution", "grocery delivery", "intake", "warehouse sorting"),
    "youth_group": ("canvass", "art build", "text bank"),
}
SHIFT_HOURS = (1, 1.5, 2, 2, 2, 2.5, 3, 3, 3, 4, 4, 5, 6, 8)
# How much volunteering and how many actions a kind of org logs, relative to the rest.
SHIFT_FACTOR = {
    "tenant_union": 0.8, "labour_union": 0.7, "faith_group": 1.0, "neighbourhood_council": 0.6,
    "ngo": 1.5, "mutual_aid": 2.6, "youth_group": 1.0,
}  # fmt: skip
ACTION_FACTOR = {
    "tenant_union": 1.2, "labour_union": 1.4, "faith_group": 0.7, "neighbourhood_council": 0.6,
    "ngo": 0.8, "mutual_aid": 0.5, "youth_group": 1.3,
}  # fmt: skip
KIND_NAMES = {
    "tenant_union": "{place} Tenants Union",
    "labour_union": "{place} Workers Local {number}",
    "faith_group": "{place} Interfaith Council",
    "neighbourhood_council": "{place} Neighbourhood Council",
    "ngo": "{place} Community Law Project",
    "mutual_aid": "{place} Mutual Aid",
    "youth_group": "{place} Youth Organizing Collective",
}
PLACES = (
    "Hillcrest", "Maple Park", "Harbor View", "Cedar Heights", "Mill Valley", "Lincoln Square",
    "Oak Grove", "Brookside", "Fairmount", "Union Point", "Kingsley", "Elm Terrace",
    "Ashmont", "Bayside", "Clover Hill", "Dorchester Bay", "Fort Hill", "Granite Falls",
    "Highland", "Ironbound", "Jasper Court", "Lakeview", "Mission Hill", "Northbridge",
)  # fmt: skip


# --- Member orgs and how each one exports ----------------------------------------------


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
                org_id=_slug(name),
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


def _slug(text: str) -> str:
    folded = _ascii(text).lower().replace("&", " and ")
    return "-".join("".join(ch if ch.isalnum() else " " for ch in folded).split())


def _ascii(text: str) -> str:
    text = text.replace("ß", "ss").replace("ø", "o").replace("Ø", "O")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


# --- Campaigns ---------------------------------------------------------------------------


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


# --- The calendar ----------------------------------------------------------------------

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


def _random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randrange((last - first).days + 1))


# --- People --------------------------------------------------------------------------

PHONE_STYLES = ("paren", "dots", "intl", "dash", "plain")


def format_phone(digits: str, style: str) -> str:
    """`digits` is 10 digits (area code 555)."""
    area, exchange, line = digits[:3], digits[3:6], digits[6:]
    if style == "paren":
        return f"({area}) {exchange}-{line}"
    if style == "dots":
        return f"{area}.{exchange}.{line}"
    if style == "intl":
        return f"+1 {area} {exchange} {line}"
    if style == "plain":
        return digits
    return f"{area}-{exchange}-{line}"


@dataclass
class Population:
    """Everyone in the demo, one entry per human, in compact arrays (540k at scale 100)."""

    first: array = field(default_factory=lambda: array("H"))
    last: array = field(default_factory=lambda: array("H"))
    # bit 0: has an email, bit 1: has a phone; bits 2-3 email style, bits 4-5 domain.
    contact: array = field(default_factory=lambda: array("B"))
    language: array = field(default_factory=lambda: array("B"))
    postal: array = field(default_factory=lambda: array("B"))

    def email(self, person: int) -> str | None:
        contact = self.contact[person]
        if not contact & 1:
            return None
        first = _ascii(FIRST_NAMES[self.first[person]]).lower()
        last = "".join(ch for ch in _ascii(LAST_NAMES[self.last[person]]).lower() if ch.isalpha())
        first = "".join(ch for ch in first if ch.isalpha())
        local = (f"{first}.{last}", f"{first}{last}", f"{first[0]}{last}", f"{first}_{last[0]}")
        # The number is the person's own, so no two people share an address.
        return f"{local[(contact >> 2) & 3]}{person + 1}@{EMAIL_DOMAINS[(contact >> 4) % 3]}"

    def phone_digits(self, person: int) -> str | None:
        if not self.contact[person] & 2:
            return None
        # 7919 is coprime with 8,000,000: every person gets their own number.
        return f"555{2_000_000 + (person * 7_919 + 1_234_567) % 8_000_000}"


@dataclass
class Roster:
    """One org's members in person-id order, with when each is active and how keen."""

    person: array = field(default_factory=lambda: array("l"))
    start: array = field(default_factory=lambda: array("b"))  # first active month
    end: array = field(default_factory=lambda: array("b"))  # first month no longer active
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


# Orgs of kinds that share a circle share members; a few people cross circles.
CIRCLES = {
    "tenant_union": {"housing"},
    "ngo": {"housing"},
    "neighbourhood_council": {"housing", "neighbourhood"},
    "faith_group": {"housing", "labour"},
    "labour_union": {"labour"},
    "mutual_aid": {"neighbourhood"},
    "youth_group": {"neighbourhood"},
}
CROSS_CIRCLE_SHARE = 0.02


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
        accumulate(
            other.size if other is not org and CIRCLES[org.kind] & CIRCLES[other.kind] else 0.0
            for other in orgs
        )
    )
    return weights if weights[-1] > 0 else []


def _weighted_index(rng: random.Random, cum_weights: list[float]) -> int:
    return bisect_right(cum_weights, rng.random() * cum_weights[-1])


def _membership(rng: random.Random, person: int, keenness: float) -> tuple:
    if rng.random() < 0.45:  # already a member when the data starts
        start = 0
        joined = _random_day(rng, date(2012, 1, 1), date(2024, 8, 31))
    else:
        start = rng.randrange(UPCOMING)
        first = date(2024 + (8 + start) // 12, (8 + start) % 12 + 1, 1)
        joined = min(_random_day(rng, first, first + timedelta(days=27)), LAST_ACT_DAY)
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


# --- Tables --------------------------------------------------------------------------


class Table:
    """The columns of one file, plus lines planted verbatim (malformed on purpose).

    Columns whose name starts with "_" steer the writer and are not written.
    """

    def __init__(self, columns: dict[str, list]):
        self.columns = columns
        self.raw_lines: dict[int, str] = {}  # row index -> text written before that row

    def __len__(self) -> int:
        return len(next(iter(self.columns.values())))

    @property
    def rows_written(self) -> int:
        return len(self) + len(self.raw_lines)

    def row(self, index: int) -> dict:
        return {name: values[index] for name, values in self.columns.items()}

    def insert(self, index: int, values: dict) -> None:
        for name, column in self.columns.items():
            column.insert(index, values.get(name))


def _columns(*names: str) -> dict[str, list]:
    return {name: [] for name in names}


def _identity_columns(org: OrgProfile) -> tuple[str, ...]:
    return ("person_id",) if org.identity == "person_id" else ("email", "phone")


@dataclass
class OrgContacts:
    """How one org writes each member: person_id, email and phone as in its files."""

    person_id: list[str]
    email: list[str | None]
    phone: list[str | None]

    def identity(self, org: OrgProfile, position: int) -> tuple:
        if org.identity == "person_id":
            return (self.person_id[position],)
        return (self.email[position], self.phone[position])


def _typed_email(rng: random.Random, email: str, noise: float) -> str:
    """Emails as people type them: case and stray spaces vary (the ingest trims/lowers)."""
    if rng.random() >= noise:
        return email
    return rng.choice((email.capitalize(), email.title(), email.upper(), email + " ", " " + email))


PEOPLE_COLUMNS = (
    "person_id", "email", "phone", "first_name", "last_name", "postal_code", "language",
    "joined_on",
)  # fmt: skip


def people_table(
    org: OrgProfile, roster: Roster, population: Population, rng: random.Random
) -> tuple[Table, OrgContacts]:
    table = Table(_columns(*PEOPLE_COLUMNS))
    contacts = OrgContacts([], [], [])
    columns = table.columns
    for position, person in enumerate(roster.person):
        person_id = org.person_id(position)
        email = population.email(person)
        digits = population.phone_digits(person)
        email = _typed_email(rng, email, org.email_noise) if email else None
        phone = format_phone(digits, org.phone_style) if digits else None
        if org.identity == "person_id" and rng.random() < 0.03:
            email = phone = None  # signed a sheet with a name only: a local identity
        postal = ALL_POSTAL_CODES[population.postal[person]]
        if rng.random() < 0.02:
            postal += f"-{rng.randrange(1000, 10000)}"  # ZIP+4
        contacts.person_id.append(person_id)
        contacts.email.append(email)
        contacts.phone.append(phone)
        columns["person_id"].append(person_id)
        columns["email"].append(email)
        columns["phone"].append(phone)
        columns["first_name"].append(FIRST_NAMES[population.first[person]])
        columns["last_name"].append(LAST_NAMES[population.last[person]])
        columns["postal_code"].append(postal)
        columns["language"].append(LANGUAGES[population.language[person]])
        columns["joined_on"].append(roster.joined[position])
    return table, contacts


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
    type_weights = {**EVENT_TYPES[org.kind], **org.extra_event_types}
    types = sorted(type_weights)
    type_cum = list(accumulate(type_weights[t] for t in types))
    picker = coalition.campaign_pickers[org.org_id]
    # Without a campaign, an org co-hosts with orgs of its circles.
    neighbours = [
        o.org_id for o in coalition.orgs if o is not org and CIRCLES[o.kind] & CIRCLES[org.kind]
    ]
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


EVENT_COLUMNS = (
    "event_id", "event_type", "title", "starts_at", "ends_at", "campaign_id", "co_hosts",
    "region", "turnout_goal", "is_virtual",
)  # fmt: skip


def events_table(org: OrgProfile, events: list[Event]) -> Table:
    table = Table(_columns(*EVENT_COLUMNS))
    columns = table.columns
    for event in events:
        columns["event_id"].append(event.event_id)
        columns["event_type"].append(event.event_type)
        columns["title"].append(event.title)
        columns["starts_at"].append(event.starts_at)
        columns["ends_at"].append(event.ends_at)
        columns["campaign_id"].append(event.campaign.campaign_id if event.campaign else None)
        columns["co_hosts"].append(event.co_hosts)
        columns["region"].append(event.region)
        columns["turnout_goal"].append(event.turnout_goal)
        columns["is_virtual"].append(event.is_virtual)
    return table


def attendance_table(
    org: OrgProfile,
    roster: Roster,
    contacts: OrgContacts,
    events: list[Event],
    coalition: Coalition,
    rng: random.Random,
) -> Table:
    identity_names = _identity_columns(org)
    table = Table(_columns("event_id", *identity_names, "status", "rsvp_at", "role", "_month"))
    rows = AttendanceRows(org, table, rng)
    for event in events:
        rows.start(event)
        month = month_index(event.starts_at.date())
        host = None
        if roster.leaders and event.event_type != "rally" and rng.random() < 0.7:
            host = rng.choice(roster.leaders)
            if roster.start[host] <= month < roster.end[host]:
                rows.add(contacts.identity(org, host), "host")
        members = roster.draw(rng, month, event.size, roster.keen_weights)
        members = [p for p in members if p != host]
        for position in members:
            rows.add(contacts.identity(org, position), rows.role())
        if event.co_hosts and org.identity == "email":
            # Co-hosts bring their own people, who are not in this org's people file.
            seen = {roster.person[p] for p in (*members, host) if p is not None}
            for person in _guests(event, coalition, month, seen, rng):
                email = coalition.population.email(person)
                digits = coalition.population.phone_digits(person)
                identity = (email, None if email else format_phone(digits, org.phone_style))
                rows.add(identity, "attendee")
    return table


def _guests(
    event: Event, coalition: Coalition, month: int, seen: set[int], rng: random.Random
) -> list[int]:
    guests = []
    for org_id in event.co_hosts or ():
        roster = coalition.rosters[coalition.org_index[org_id]]
        for position in roster.draw(rng, month, max(1, event.size // 4), roster.keen_weights):
            person = roster.person[position]
            if person not in seen:
                seen.add(person)
                guests.append(person)
    return guests


STATUSES = ("walk_in", "no_show", "rsvp", "cancelled", "attended")
WORK_EVENT_TYPES = ("canvass", "phone_bank", "text_bank")
WORK_ACTION_TYPES = ("call", "door_knock", "text", "one_on_one")  # metrics.md's ladder


class AttendanceRows:
    """Appends one event's attendance rows, written in the org's own words."""

    def __init__(self, org: OrgProfile, table: Table, rng: random.Random):
        self.org, self.rng, self.columns = org, rng, table.columns
        self.identity_columns = [table.columns[n] for n in _identity_columns(org)]
        self.event: Event | None = None

    def start(self, event: Event) -> None:
        self.event = event
        self.month_label = event.starts_at.strftime("%Y-%m")
        # Shares of walk_in, no_show, rsvp (never marked: a no-show), cancelled; the rest
        # attended. Rallies draw walk-ins; some orgs' people flake more than others'.
        flaky = self.org.flakiness
        shares = (0.24 if event.event_type == "rally" else 0.08, 0.13 * flaky, 0.06 * flaky, 0.10)
        self.status_cum = list(accumulate(shares))
        self.volunteer_share = 0.35 if event.event_type in WORK_EVENT_TYPES else 0.06

    def role(self) -> str:
        return "volunteer" if self.rng.random() < self.volunteer_share else "attendee"

    def add(self, identity: tuple, role: str) -> None:
        event, rng = self.event, self.rng
        if event.upcoming:
            status = "rsvp"
        elif role == "host" or event.event_type == "one_on_one":
            status = "attended"
        else:
            status = STATUSES[bisect_right(self.status_cum, rng.random())]
        rsvp_at = None
        if status != "walk_in" and role != "host":
            rsvp_at = event.starts_at - timedelta(minutes=rng.randrange(120, 30 * 24 * 60))
        columns = self.columns
        columns["event_id"].append(event.event_id)
        for column, value in zip(self.identity_columns, identity, strict=True):
            column.append(value)
        columns["status"].append(self.org.status_words.get(status, status))
        columns["rsvp_at"].append(rsvp_at)
        columns["role"].append(self.org.role_words.get(role, role) or None)
        columns["_month"].append(self.month_label)


def shifts_table(
    org: OrgProfile,
    roster: Roster,
    contacts: OrgContacts,
    count: int,
    coalition: Coalition,
    rng: random.Random,
) -> Table:
    ids = ("shift_id",) if org.with_row_ids else ()
    table = Table(
        _columns(*ids, "shift_date", "hours", *_identity_columns(org), "activity", "campaign_id")
    )
    columns = table.columns
    identity_columns = [columns[n] for n in _identity_columns(org)]
    activities = SHIFT_ACTIVITIES[org.kind]
    picker = coalition.campaign_pickers[org.org_id]
    for number, day in enumerate(coalition.act_days.sample(rng, count)):
        position = roster.draw_one(rng, month_index(day), roster.worker_weights)
        if position is None:
            continue
        if ids:
            columns["shift_id"].append(f"{org.prefix}-S{number + 1:05d}")
        columns["shift_date"].append(day)
        columns["hours"].append(float(rng.choice(SHIFT_HOURS)))
        for column, value in zip(identity_columns, contacts.identity(org, position), strict=True):
            column.append(value)
        columns["activity"].append(rng.choice(activities))
        campaign = picker.pick(rng, day, 0.4)
        columns["campaign_id"].append(campaign.campaign_id if campaign else None)
    return table


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
    names = (*ids, "action_date", "action_type", *quantity, *_identity_columns(org), "campaign_id")
    table = Table(_columns(*names))
    columns = table.columns
    identity_columns = [columns[n] for n in _identity_columns(org)]
    type_weights = {**ACTION_TYPES[org.kind], **org.extra_action_types}
    types = sorted(type_weights)
    type_cum = list(accumulate(type_weights[t] for t in types))
    picker = coalition.campaign_pickers[org.org_id]
    for number, day in enumerate(coalition.act_days.sample(rng, count)):
        action_type = rng.choices(types, cum_weights=type_cum)[0]
        weights = roster.worker_weights if action_type in WORK_ACTION_TYPES else None
        position = roster.draw_one(rng, month_index(day), weights)
        if position is None:
            continue
        if ids:
            columns["action_id"].append(f"{org.prefix}-A{number + 1:06d}")
        columns["action_date"].append(day)
        columns["action_type"].append(action_type)
        if quantity:
            low, high = ACTION_QUANTITIES.get(action_type, (1, 1))
            columns["quantity"].append(rng.randint(low, high))
        for column, value in zip(identity_columns, contacts.identity(org, position), strict=True):
            column.append(value)
        campaign = picker.pick(rng, day, 0.5)
        columns["campaign_id"].append(campaign.campaign_id if campaign else None)
    return table


# --- Planted mistakes ------------------------------------------------------------------


def _plant_mistakes(org: OrgProfile, tables: dict[str, Table]) -> None:
    """Rows a real export would carry, which the ingest must reject or deduplicate (§3).

    Rejected (13 rows):
    - eastside-tenants/shifts.csv: shift_date "next tuesday"; hours 0; hours 30.
    - eastside-tenants/attendance-2025-03.csv: event_id ETU-E99999, not in its events.
    - northgate-council/actions.csv: quantity 0.
    - mutual-aid-network/attendance.csv: status "Maybe" (2 rows).
    - riverside-legal-aid/attendance.csv: email "n/a", no phone, no person_id.
    - youth-climate-action/shifts.csv: a line with one field too many (unquoted comma).
    - st-brigid-parish/actions.csv: email without @ and a 7-digit phone.
    - st-brigid-parish/shifts.csv: hours "2,5".
    - interfaith-housing/attendance.csv: rsvp_at "TBD".
    - westside-tenants/people.csv: an empty person_id.
    Deduplicated (7 rows): exact duplicate attendance rows in
    eastside-tenants/attendance-2025-10.csv (4) and interfaith-housing/attendance.csv (2);
    a repeated shift_id in westside-tenants/shifts.csv (1, the first row is kept).
    """
    planter = MISTAKES.get(org.org_id)
    if planter:
        planter(org, tables)


def _eastside_mistakes(org: OrgProfile, tables: dict[str, Table]) -> None:
    shifts = tables["shifts"]
    template = shifts.row(len(shifts) // 3)
    changes = ({"shift_date": "next tuesday"}, {"hours": "0"}, {"hours": "30"})
    for offset, change in enumerate(changes):
        row = {**template, **change, "shift_id": f"{org.prefix}-S9{offset:04d}"}
        shifts.insert(len(shifts) // 3 + 10 * (offset + 1), row)
    attendance = tables["attendance"]
    march = attendance.columns["_month"].index("2025-03")
    attendance.insert(march + 5, {**attendance.row(march), "event_id": f"{org.prefix}-E99999"})
    october = attendance.columns["_month"].index("2025-10") + 20
    typed_twice = [attendance.row(october + k) for k in range(4)]  # a sign-in sheet
    for k, row in enumerate(typed_twice):
        attendance.insert(october + 4 + k, row)


def _northgate_mistakes(org: OrgProfile, tables: dict[str, Table]) -> None:
    actions = tables["actions"]
    actions.insert(len(actions) // 2, {**actions.row(len(actions) // 2), "quantity": "0"})


def _mutual_aid_mistakes(org: OrgProfile, tables: dict[str, Table]) -> None:
    attendance = tables["attendance"]
    for index in (len(attendance) // 4, len(attendance) // 2):
        attendance.columns["status"][index] = "Maybe"


def _legal_aid_mistakes(org: OrgProfile, tables: dict[str, Table]) -> None:
    attendance = tables["attendance"]
    index = len(attendance) // 3
    attendance.insert(index, {**attendance.row(index), "email": "n/a", "phone": None})


def _youth_mistakes(org: OrgProfile, tables: dict[str, Table]) -> None:
    shifts = tables["shifts"]
    # A row with a campaign: its unquoted comma pushes the campaign into an extra field,
    # which the reader cannot mistake for harmless trailing padding.
    campaigns = shifts.columns["campaign_id"]
    index = next(i for i in range(len(campaigns) // 2, len(campaigns)) if campaigns[i])
    row = shifts.row(index)
    fields = [_csv_text(org, name, row[name]) for name in shifts.columns]
    activity = list(shifts.columns).index("activity")
    fields[activity] = "setup, cleanup"  # typed by hand, never quoted
    fields[0] = f"{org.prefix}-S90000"
    shifts.raw_lines[index] = ",".join(fields)


def _st_brigid_mistakes(org: OrgProfile, tables: dict[str, Table]) -> None:
    actions = tables["actions"]
    index = len(actions) // 5
    no_identity = {"email": "rosa.nunez.example.org", "phone": "555-0199"}
    actions.insert(index, {**actions.row(index), **no_identity})
    shifts = tables["shifts"]
    shifts.insert(len(shifts) // 2, {**shifts.row(len(shifts) // 2), "hours": "2,5"})


def _interfaith_mistakes(org: OrgProfile, tables: dict[str, Table]) -> None:
    attendance = tables["attendance"]
    index = len(attendance) // 3
    attendance.columns["rsvp_at"][index] = "TBD"
    duplicate = 2 * len(attendance) // 3
    for _ in range(2):
        attendance.insert(duplicate + 1, attendance.row(duplicate))


def _westside_mistakes(org: OrgProfile, tables: dict[str, Table]) -> None:
    people = tables["people"]
    people.insert(len(people) - 3, {**people.row(len(people) - 3), "person_id": ""})
    shifts = tables["shifts"]
    first = shifts.row(len(shifts) // 4)
    # Re-exported later with corrected hours; the ingest keeps the first row.
    shifts.insert(len(shifts) // 4 + 30, {**first, "hours": first["hours"] + 1})


MISTAKES: dict[str, Callable[[OrgProfile, dict[str, Table]], None]] = {
    "eastside-tenants": _eastside_mistakes,
    "northgate-council": _northgate_mistakes,
    "mutual-aid-network": _mutual_aid_mistakes,
    "riverside-legal-aid": _legal_aid_mistakes,
    "youth-climate-action": _youth_mistakes,
    "st-brigid-parish": _st_brigid_mistakes,
    "interfaith-housing": _interfaith_mistakes,
    "westside-tenants": _westside_mistakes,
}

# A file whose name matches no table: the ingest lists it as skipped.
EASTSIDE_NOTES = (
    ("date", "note"),
    [
        ("2025-03-02", "Sign-in sheets from the March 1 meeting typed up; two were illegible"),
        ("2025-10-16", "Oct 14 building meeting sheet entered twice by accident"),
        ("2026-01-08", "Moved to monthly attendance exports from the new database"),
    ],
)


# --- Writing files ---------------------------------------------------------------------

DATE_COLUMNS = frozenset(
    ("joined_on", "shift_date", "action_date", "start_date", "end_date", "outcome_date",
     "milestone_date")
)  # fmt: skip
TIMESTAMP_COLUMNS = frozenset({"starts_at", "ends_at", "rsvp_at"})
PARQUET_TYPES = {
    "joined_on": pa.date32(), "shift_date": pa.date32(), "action_date": pa.date32(),
    "starts_at": pa.timestamp("s"), "ends_at": pa.timestamp("s"), "rsvp_at": pa.timestamp("s"),
    "hours": pa.float64(), "quantity": pa.int64(), "turnout_goal": pa.int64(),
    "is_virtual": pa.bool_(),
}  # fmt: skip
# Fixed writer options: the same rows always give the same bytes.
PARQUET_OPTIONS = {
    "compression": "zstd",
    "compression_level": 9,
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "data_page_version": "1.0",
    "row_group_size": 1_000_000,
}


def _us_timestamp(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    half = "AM" if moment.hour < 12 else "PM"
    return f"{moment.month}/{moment.day}/{moment.year} {hour}:{moment.minute:02d} {half}"


def _eastern_offset(moment: datetime) -> str:
    """US Eastern daylight time runs from March's second Sunday to November's first."""
    march, november = date(moment.year, 3, 8), date(moment.year, 11, 1)
    dst_starts = march + timedelta(days=(6 - march.weekday()) % 7)
    dst_ends = november + timedelta(days=(6 - november.weekday()) % 7)
    return "-04:00" if dst_starts <= moment.date() < dst_ends else "-05:00"


def _timestamp_formatter(style: str) -> Callable[[datetime], str]:
    if style == "T":
        return lambda moment: moment.isoformat(timespec="minutes")
    if style == "offset":
        return lambda moment: moment.isoformat() + _eastern_offset(moment)
    if style == "us-then-iso":
        # The org changed tools in July 2025: older rows keep the spreadsheet's US form.
        switch = datetime(2025, 7, 1)
        return lambda m: _us_timestamp(m) if m < switch else m.isoformat(timespec="minutes")
    return lambda moment: moment.isoformat(sep=" ")


def _text_formatter(org: OrgProfile, name: str) -> Callable[[object], str] | None:
    """How the org writes a column's values as text; None for columns already text."""
    if name in DATE_COLUMNS:
        if org.date_style == "us":
            return lambda d: f"{d.month}/{d.day}/{d.year}"
        return date.isoformat
    if name in TIMESTAMP_COLUMNS:
        return _timestamp_formatter(org.timestamp_style)
    if name == "hours":
        return lambda hours: f"{hours:g}"
    if name in ("quantity", "turnout_goal", "goal_value"):
        return str
    if name == "is_virtual":
        yes, no = org.bool_words
        return lambda flag: yes if flag else no
    if name in ("co_hosts", "partner_orgs"):
        return ";".join
    return None


def _csv_text(org: OrgProfile, name: str, value: object) -> str:
    if value is None:
        return ""
    formatter = _text_formatter(org, name)
    return value if formatter is None or isinstance(value, str) else formatter(value)


def _csv_column(org: OrgProfile, name: str, values: list) -> list[str]:
    formatter = _text_formatter(org, name)
    if formatter is None:
        return ["" if v is None else v for v in values]
    # Planted mistakes put text into typed columns; text is written as it is.
    return ["" if v is None else v if isinstance(v, str) else formatter(v) for v in values]


def write_csv(path: Path, table: Table, org: OrgProfile) -> None:
    _write_csv_records(
        path, _csv_header(table, org), _csv_records(table, org), table.raw_lines, org
    )


def _csv_header(table: Table, org: OrgProfile) -> list[str]:
    names = [name for name in table.columns if not name.startswith("_")]
    return [name.capitalize() for name in names] if org.capitalized_headers else names


def _csv_records(table: Table, org: OrgProfile) -> list[tuple[str, ...]]:
    names = [name for name in table.columns if not name.startswith("_")]
    columns = [_csv_column(org, name, table.columns[name]) for name in names]
    return list(zip(*columns, strict=True))


def _write_csv_records(
    path: Path,
    header: list[str],
    records: list[tuple[str, ...]],
    raw_lines: dict[int, str],
    org: OrgProfile,
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=org.delimiter, lineterminator=org.newline)
    writer.writerow(header)
    previous = 0
    for index in sorted(raw_lines):
        writer.writerows(records[previous:index])
        buffer.write(raw_lines[index] + org.newline)
        previous = index
    writer.writerows(records[previous:])
    path.write_bytes(buffer.getvalue().encode(org.encoding))


def write_monthly_csv(folder: Path, kind: str, table: Table, org: OrgProfile) -> None:
    """One file per month of the `_month` column, as monthly exports arrive."""
    assert not table.raw_lines, "monthly files carry no planted malformed lines"
    header, records = _csv_header(table, org), _csv_records(table, org)
    by_month: dict[str, list[tuple[str, ...]]] = {}
    for record, month in zip(records, table.columns["_month"], strict=True):
        by_month.setdefault(month, []).append(record)
    for month in sorted(by_month):
        _write_csv_records(folder / f"{kind}-{month}.csv", header, by_month[month], {}, org)


def write_parquet(path: Path, table: Table, org: OrgProfile) -> None:
    assert not table.raw_lines, "malformed lines only exist in CSV files"
    arrays, names = [], []
    for name, values in table.columns.items():
        if name.startswith("_"):
            continue
        if name == "co_hosts":
            if org.list_co_hosts:
                arrays.append(pa.array(values, type=pa.list_(pa.string())))
            else:
                arrays.append(pa.array([";".join(v) if v else None for v in values], pa.string()))
        else:
            arrays.append(pa.array(values, type=PARQUET_TYPES.get(name, pa.string())))
        names.append(name)
    pq.write_table(pa.Table.from_arrays(arrays, names=names), path, **PARQUET_OPTIONS)


def write_org_table(folder: Path, kind: str, table: Table, org: OrgProfile) -> None:
    if kind in org.parquet:
        write_parquet(folder / f"{kind}.parquet", table, org)
    elif kind == "attendance" and org.monthly_attendance:
        write_monthly_csv(folder, kind, table, org)
    else:
        write_csv(folder / f"{kind}.csv", table, org)


# --- The coalition -----------------------------------------------------------------------


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


# The coalition-level files are plain: UTF-8, commas, ISO dates.
PLAIN = OrgProfile("coalition", COALITION_NAME, "", "", FIRST_ACT_DAY, 0, "")


def table_of_rows(names: tuple[str, ...], rows: list[tuple]) -> Table:
    return Table({name: [row[i] for row in rows] for i, name in enumerate(names)})


def write_coalition_files(out_dir: Path, coalition: Coalition, scale: int, seed: int) -> dict:
    (out_dir / "coalition.toml").write_text(
        f"{MARKER} (scale {scale}, seed {seed}).\n"
        "# Everyone in it is fictional. Ingest it with any coalition key.\n"
        f'name = "{COALITION_NAME}"\n'
        f'time_zone = "{TIME_ZONE}"\n'
        f"min_cell = {MIN_CELL}\n",
        encoding="utf-8",
    )
    orgs = table_of_rows(
        ("org_id", "name", "kind", "region", "joined_on"),
        [(o.org_id, o.name, o.kind, o.region, o.joined_on) for o in coalition.orgs],
    )
    campaigns = table_of_rows(
        CAMPAIGN_COLUMNS,
        [
            (c.campaign_id, c.name, c.lead_org, list(c.partner_orgs), c.start_date, c.end_date,
             c.goal_metric, c.goal_value, c.status, c.outcome_date, c.outcome_note)
            for c in coalition.campaigns
        ],
    )  # fmt: skip
    milestones = table_of_rows(
        ("campaign_id", "milestone_date", "title", "achieved"),
        [(c, day, title, "yes" if achieved else "no") for c, day, title, achieved in MILESTONES],
    )
    tables = {"organizations": orgs, "campaigns": campaigns, "milestones": milestones}
    for name, table in tables.items():
        write_csv(out_dir / f"{name}.csv", table, PLAIN)
    return {name: len(table) for name, table in tables.items()}


CAMPAIGN_COLUMNS = (
    "campaign_id", "name", "lead_org", "partner_orgs", "start_date", "end_date", "goal_metric",
    "goal_value", "status", "outcome_date", "outcome_note",
)  # fmt: skip


def write_org(out_dir: Path, org_index: int, coalition: Coalition, scale: int, seed: int) -> dict:
    """Generate one org's files and write them; nothing of it is kept afterwards."""
    org = coalition.orgs[org_index]
    roster = coalition.rosters[org_index]
    share = org.size / sum(o.size for o in coalition.orgs) * scale
    event_count = round(EVENTS_PER_SCALE * share)
    shift_count = round(SHIFTS_PER_SCALE * share * SHIFT_FACTOR[org.kind])
    action_count = round(ACTIONS_PER_SCALE * share * ACTION_FACTOR[org.kind])

    def rng(part: str) -> random.Random:
        # One stream per table, so that changing one table leaves the others as they were.
        return random.Random(f"{seed}:{org.org_id}:{part}")

    people, contacts = people_table(org, roster, coalition.population, rng("people"))
    events = plan_events(org, event_count, coalition, rng("events"))
    attendance = attendance_table(org, roster, contacts, events, coalition, rng("attendance"))
    tables = {
        "people": people,
        "events": events_table(org, events),
        "attendance": attendance,
        "shifts": shifts_table(org, roster, contacts, shift_count, coalition, rng("shifts")),
        "actions": actions_table(org, roster, contacts, action_count, coalition, rng("actions")),
    }
    _plant_mistakes(org, tables)

    folder = out_dir / org.org_id
    folder.mkdir()
    for kind, table in tables.items():
        write_org_table(folder, kind, table, org)
    if org.org_id == "eastside-tenants":
        write_csv(folder / "notes.csv", table_of_rows(*EASTSIDE_NOTES), org)
    return {kind: table.rows_written for kind, table in tables.items()}


def _prepare(out_dir: Path) -> None:
    """An empty folder to write into; only a previous demo is ever overwritten."""
    if out_dir.exists() and any(out_dir.iterdir()):
        toml = out_dir / "coalition.toml"
        if not (toml.is_file() and toml.read_text(encoding="utf-8").startswith(MARKER)):
            raise FileExistsError(
                f"{out_dir} is not empty and holds no earlier demo; choose an empty folder"
            )
        for child in sorted(out_dir.iterdir()):
            if child.is_dir():
                shutil.rmtree(child)
            else:
                child.unlink()
    out_dir.mkdir(parents=True, exist_ok=True)


def generate(out_dir: Path, scale: int = 1, seed: int = 7) -> dict[str, int]:
    """Write a demo coalition folder in the data-contract format.

    Returns the number of rows written per table (planted mistakes included).
    """
    if scale < 1:
        raise ValueError("scale must be a positive whole number")
    out_dir = Path(out_dir)
    _prepare(out_dir)
    coalition = plan_coalition(scale, seed)
    counts = write_coalition_files(out_dir, coalition, scale, seed)
    for kind in ("people", "events", "attendance", "shifts", "actions"):
        counts[kind] = 0
    for org_index in range(len(coalition.orgs)):
        for kind, rows in write_org(out_dir, org_index, coalition, scale, seed).items():
            counts[kind] += rows
    return counts
