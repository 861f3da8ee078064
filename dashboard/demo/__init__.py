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
- Planted mistakes the ingest must reject or deduplicate (see `mistakes.plant_mistakes`),
  and `eastside-tenants/notes.csv`, a file whose name matches no table (listed as skipped).

The package, in the order the generator uses it:

- `vocabulary`, `org_kinds`, `timeline`: fixed names, places and formats; what each kind
  of org does; the demo's dates and how busy each day is.
- `profiles`, `campaigns`, `population`, `coalition`: the plan of the whole coalition
  (member orgs and their export quirks, campaigns, everyone and their memberships).
- `people`, `events`, `attendance`, `shifts`, `actions`: one org's tables, as `Table`s
  (`table`), drawn from the plan.
- `mistakes`: what goes wrong in real exports; `writers`: CSV and Parquet as each org
  writes them.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

from dashboard.demo.actions import actions_table
from dashboard.demo.attendance import attendance_table
from dashboard.demo.campaigns import CAMPAIGN_COLUMNS, MILESTONES
from dashboard.demo.coalition import Coalition, plan_coalition
from dashboard.demo.events import events_table, plan_events
from dashboard.demo.mistakes import EASTSIDE_NOTES, plant_mistakes
from dashboard.demo.org_kinds import ACTION_FACTOR, SHIFT_FACTOR
from dashboard.demo.people import people_table
from dashboard.demo.profiles import OrgProfile
from dashboard.demo.shifts import shifts_table
from dashboard.demo.table import Table
from dashboard.demo.timeline import FIRST_ACT_DAY
from dashboard.demo.vocabulary import EMAIL_DOMAINS
from dashboard.demo.writers import write_csv, write_org_table

__all__ = ["EMAIL_DOMAINS", "generate"]

COALITION_NAME = "Riverside Housing & Labour Coalition"
TIME_ZONE = "America/New_York"
MIN_CELL = 11
# First line of coalition.toml: how generate() recognises a folder it may overwrite.
MARKER = "# Demo coalition written by dashboard.demo"

EVENTS_PER_SCALE = 2_400
SHIFTS_PER_SCALE = 6_000
ACTIONS_PER_SCALE = 16_000

# The coalition-level files are plain: UTF-8, commas, ISO dates.
PLAIN = OrgProfile("coalition", COALITION_NAME, "", "", FIRST_ACT_DAY, 0, "")


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


def write_coalition_files(out_dir: Path, coalition: Coalition, scale: int, seed: int) -> dict:
    (out_dir / "coalition.toml").write_text(
        f"{MARKER} (scale {scale}, seed {seed}).\n"
        "# Everyone in it is fictional. Ingest it with any coalition key.\n"
        f'name = "{COALITION_NAME}"\n'
        f'time_zone = "{TIME_ZONE}"\n'
        f"min_cell = {MIN_CELL}\n",
        encoding="utf-8",
    )
    orgs = Table.from_rows(
        ("org_id", "name", "kind", "region", "joined_on"),
        [(o.org_id, o.name, o.kind, o.region, o.joined_on) for o in coalition.orgs],
    )
    campaigns = Table.from_rows(
        CAMPAIGN_COLUMNS,
        [
            (c.campaign_id, c.name, c.lead_org, list(c.partner_orgs), c.start_date, c.end_date,
             c.goal_metric, c.goal_value, c.status, c.outcome_date, c.outcome_note)
            for c in coalition.campaigns
        ],
    )  # fmt: skip
    milestones = Table.from_rows(
        ("campaign_id", "milestone_date", "title", "achieved"),
        [(c, day, title, "yes" if achieved else "no") for c, day, title, achieved in MILESTONES],
    )
    tables = {"organizations": orgs, "campaigns": campaigns, "milestones": milestones}
    for name, table in tables.items():
        write_csv(out_dir / f"{name}.csv", table, PLAIN)
    return {name: len(table) for name, table in tables.items()}


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
        "events": events_table(events),
        "attendance": attendance,
        "shifts": shifts_table(org, roster, contacts, shift_count, coalition, rng("shifts")),
        "actions": actions_table(org, roster, contacts, action_count, coalition, rng("actions")),
    }
    plant_mistakes(org, tables)

    folder = out_dir / org.org_id
    folder.mkdir()
    for kind, table in tables.items():
        write_org_table(folder, kind, table, org)
    if org.org_id == "eastside-tenants":
        write_csv(folder / "notes.csv", Table.from_rows(*EASTSIDE_NOTES), org)
    return {kind: table.rows_written for kind, table in tables.items()}
