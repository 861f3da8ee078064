"""A small but lively coalition for the dashboard tests, and helpers to drive the app.

`write_sample_coalition` writes a deterministic coalition folder (four member orgs, about
two hundred people, two years of events, shifts and actions, five campaigns and a few
upcoming events) whose dates are laid out relative to `today`, so the dashboard's default
period (ending at the latest act on or before today) always has data in it and in its
prior period. The numbers are never hard-coded in the tests: they compare what the app
shows with what the metrics layer (`metrics_json`) gives for the same filters.
"""

from __future__ import annotations

import csv
import io
import json
import random
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

SAMPLE_KEY = "dashboard-tests-key-of-at-least-32-bytes"

ORGS = [
    ("tenants", "Eastside Tenants Union", "tenant_union", "east"),
    ("labour", "Local 42 Workers", "labour", "north"),
    ("faith", "Interfaith Action", "faith", "south"),
    ("mutual", "Mutual Aid Network", "mutual_aid", "west"),
]
EVENT_TYPES = ["meeting", "canvass", "phone_bank", "rally", "training", "public_meeting"]
ACTION_TYPES = ["call", "door_knock", "text", "petition", "letter", "testimony"]


def _csv(header: Iterable[str], rows: Iterable[Iterable]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return out.getvalue()


# The sample's data starts no earlier than this (see sample_coalition_files: it ends 3 days
# before today and spans 730 days). Filters accept dates from a year before the data.
SAMPLE_START = date.today() - timedelta(days=733)
# A period with no data in it that filters still accept: the months before the data.
EMPTY_PERIOD = {
    "date_from": (SAMPLE_START - timedelta(days=300)).isoformat(),
    "date_to": (SAMPLE_START - timedelta(days=1)).isoformat(),
}


def sample_coalition_files(today: date, seed: int = 7) -> dict[str, str]:
    """{relative path: CSV text} of the sample coalition; data ends 3 days before today."""
    rng = random.Random(seed)
    end = today - timedelta(days=3)
    start = end - timedelta(days=730)
    org_ids = [org[0] for org in ORGS]

    # Each person has a home org (one in five also acts with a second org) and one or two
    # stretches of activity, so there are new, returning, lapsed and reactivated people.
    members: dict[str, list[str]] = {org: [] for org in org_ids}
    windows: dict[str, list[tuple[date, date]]] = {}
    for number in range(1, 201):
        email = f"person{number:03d}@example.org"
        home = org_ids[number % len(org_ids)]
        members[home].append(email)
        if rng.random() < 0.2:
            members[rng.choice([o for o in org_ids if o != home])].append(email)
        joined = start + timedelta(days=rng.randrange(700))
        stretch = [(joined, joined + timedelta(days=rng.choice([45, 120, 300, 800])))]
        if rng.random() < 0.2:
            back = stretch[0][1] + timedelta(days=rng.randrange(60, 400))
            stretch.append((back, back + timedelta(days=rng.choice([30, 200]))))
        windows[email] = stretch

    def active_on(people: list[str], day: date) -> list[str]:
        return [p for p in people if any(a <= day <= b for a, b in windows[p])]

    campaigns = [
        (
            "rent-cap",
            "Cap the rent",
            "tenants",
            "labour;faith",
            start + timedelta(days=200),
            None,
            "attendance",
            400,
            "active",
            None,
            None,
        ),
        (
            "wage-theft",
            "Stop wage theft",
            "labour",
            "tenants",
            start + timedelta(days=100),
            end - timedelta(days=90),
            "people",
            60,
            "won",
            end - timedelta(days=80),
            "Ordinance",
        ),
        (
            "bus-lines",
            "Save the bus lines",
            "faith",
            "mutual",
            start + timedelta(days=50),
            end - timedelta(days=420),
            "hours",
            200,
            "lost",
            end - timedelta(days=410),
            None,
        ),
        (
            "food-bank",
            "Open the food bank",
            "mutual",
            None,
            start + timedelta(days=300),
            end - timedelta(days=30),
            "actions:door_knock",
            300,
            "partial",
            end - timedelta(days=25),
            None,
        ),
        (
            "listening",
            "Listening tour",
            "faith",
            "tenants;labour",
            start + timedelta(days=500),
            None,
            "custom",
            None,
            "active",
            None,
            None,
        ),
    ]
    campaign_ids = [c[0] for c in campaigns]

    files: dict[str, str] = {
        "coalition.toml": 'name = "Sample Coalition"\nmin_cell = 11\n',
        "organizations.csv": _csv(("org_id", "name", "kind", "region"), ORGS),
        "campaigns.csv": _csv(
            (
                "campaign_id",
                "name",
                "lead_org",
                "partner_orgs",
                "start_date",
                "end_date",
                "goal_metric",
                "goal_value",
                "status",
                "outcome_date",
                "outcome_note",
            ),
            campaigns,
        ),
    }
    for org in org_ids:
        events, attendance, shifts, actions = [], [], [], []
        people = members[org]
        day = start + timedelta(days=rng.randrange(10))
        number = 0
        while day <= end + timedelta(days=45):
            number += 1
            event_id = f"{org[:3]}-e{number:03d}"
            event_type = rng.choice(EVENT_TYPES)
            campaign = rng.choice(campaign_ids + [None, None])
            co_hosts = rng.choice([o for o in org_ids if o != org]) if rng.random() < 0.2 else ""
            goal = rng.choice([None, 8, 12, 15]) if event_type != "training" else None
            events.append(
                (
                    event_id,
                    event_type,
                    f"{day.isoformat()} 18:00",
                    f"{event_type.replace('_', ' ').title()} {number}",
                    campaign,
                    co_hosts,
                    goal,
                )
            )
            upcoming = day > today
            pool = active_on(people, min(day, end))
            for position, email in enumerate(rng.sample(pool, min(len(pool), 14))):
                if upcoming:
                    status = "rsvp" if rng.random() < 0.8 else "cancelled"
                else:
                    status = rng.choices(
                        ["attended", "no_show", "rsvp", "walk_in", "cancelled"],
                        weights=[55, 15, 8, 12, 5],
                    )[0]
                role = "host" if position == 0 else ("volunteer" if position < 3 else "")
                attendance.append((event_id, email, status, role))
            day += timedelta(days=rng.randrange(9, 20))
        for _ in range(140):
            when = start + timedelta(days=rng.randrange(731))
            pool = active_on(people, when)
            if not pool:
                continue
            if rng.random() < 0.4:
                shifts.append(
                    (
                        when.isoformat(),
                        rng.choice(pool),
                        rng.choice([1.5, 2, 3, 4]),
                        rng.choice(campaign_ids + [None]),
                    )
                )
            else:
                actions.append(
                    (
                        when.isoformat(),
                        rng.choice(pool),
                        rng.choice(ACTION_TYPES),
                        rng.randrange(1, 12),
                        rng.choice(campaign_ids + [None]),
                    )
                )
        files[f"{org}/events.csv"] = _csv(
            (
                "event_id",
                "event_type",
                "starts_at",
                "title",
                "campaign_id",
                "co_hosts",
                "turnout_goal",
            ),
            events,
        )
        files[f"{org}/attendance.csv"] = _csv(("event_id", "email", "status", "role"), attendance)
        files[f"{org}/shifts.csv"] = _csv(("shift_date", "email", "hours", "campaign_id"), shifts)
        files[f"{org}/actions.csv"] = _csv(
            ("action_date", "email", "action_type", "quantity", "campaign_id"), actions
        )
    files.update(ingest_problems(files, today))
    return files


# What the Data page and the campaign timeline show: milestones, a file nobody can read as
# a table (skipped), one without a required column (refused), and rows that break rules.
SKIPPED_FILE = "tenants/notes.csv"
REFUSED_FILE = "faith/attendance-extra.csv"
REJECTING_FILE = "labour/shifts.csv"


def ingest_problems(files: dict[str, str], today: date) -> dict[str, str]:
    end = today - timedelta(days=3)
    shifts = files[REJECTING_FILE]
    bad_lines = "not-a-date,person002@example.org,2,\n" + f"{end},person006@example.org,30,\n"
    return {
        "milestones.csv": _csv(
            ("campaign_id", "milestone_date", "title", "achieved"),
            [
                ("rent-cap", end - timedelta(days=200), "Council hearing", "yes"),
                ("rent-cap", end + timedelta(days=60), "Final vote", "no"),
                ("wage-theft", end - timedelta(days=150), "Ordinance drafted", "yes"),
            ],
        ),
        SKIPPED_FILE: "note,author\ncall the council,sam\n",
        REFUSED_FILE: "event_id,email\nfai-e001,person003@example.org\n",
        REJECTING_FILE: shifts + bad_lines,
    }


def write_sample_coalition(root: Path, today: date | None = None, seed: int = 7) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for relative, text in sample_coalition_files(today or date.today(), seed).items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def build_sample_warehouse(
    folder: Path, warehouse: Path, seed: int = 7, without: tuple[str, ...] = ()
) -> Path:
    """Write the sample coalition (less the org folders in `without`) under `folder` and
    ingest it into `warehouse`, replacing any warehouse there."""
    import os
    import shutil

    from dashboard.ingest import ingest

    write_sample_coalition(folder, seed=seed)
    for org in without:
        shutil.rmtree(folder / org)
    saved = os.environ.get("COALITION_KEY")
    os.environ["COALITION_KEY"] = SAMPLE_KEY
    try:
        ingest(folder, warehouse)
    finally:
        if saved is None:
            os.environ.pop("COALITION_KEY", None)
        else:
            os.environ["COALITION_KEY"] = saved
    return warehouse


# --- driving callbacks over HTTP ------------------------------------------------------

FILTER_NAMES = ("date_from", "date_to", "orgs", "campaign", "types")


def _component_id(text: str):
    return json.loads(text) if text.startswith("{") else text


def _outputs(spec: str) -> list[dict]:
    """'..a.children...b.figure..' → [{'id': 'a', 'property': 'children'}, ...]."""
    parts = spec[2:-2].split("...") if spec.startswith("..") else [spec]
    outputs = []
    for part in parts:
        component, prop = part.rsplit(".", 1)
        outputs.append({"id": _component_id(component), "property": prop})
    return outputs


class CallbackClient:
    """Posts to /_dash-update-component exactly as the Dash renderer does."""

    def __init__(self, app):
        self.app = app
        self.client = app.server.test_client()
        self.dependencies = self.client.get("/_dash-dependencies").get_json()

    def dependency(self, output: str) -> dict:
        """The callback that writes `output` ('component-id.property')."""
        found = [d for d in self.dependencies if output in d["output"]]
        assert len(found) == 1, f"{len(found)} callbacks write {output}"
        return found[0]

    def post(self, output: str, inputs: list, state: list | None = None, changed=None):
        """`state` None: every State null (e.g. a page's view store: desk mode)."""
        dependency = self.dependency(output)
        outputs = _outputs(dependency["output"])
        if state is None:
            state = [None] * len(dependency["state"])

        def bind(specs, values):
            assert len(specs) == len(values), f"{output}: {len(specs)} values expected"
            return [
                {"id": _component_id(s["id"]), "property": s["property"], "value": v}
                for s, v in zip(specs, values, strict=True)
            ]

        bound_inputs = bind(dependency["inputs"], inputs)
        body = {
            "output": dependency["output"],
            "outputs": outputs if len(outputs) > 1 else outputs[0],
            "inputs": bound_inputs,
            "state": bind(dependency["state"], state),
            "changedPropIds": changed
            if changed is not None
            else [
                f"{json.dumps(i['id'], sort_keys=True, separators=(',', ':'))}.{i['property']}"
                if isinstance(i["id"], dict)
                else f"{i['id']}.{i['property']}"
                for i in bound_inputs[:1]
            ],
        }
        return self.client.post("/_dash-update-component", json=body)

    def update(self, output: str, inputs: list, state: list | None = None, changed=None) -> dict:
        """The callback's new props as {component id (JSON for dicts): {prop: value}}."""
        response = self.post(output, inputs, state, changed)
        assert response.status_code == 200, response.get_data(as_text=True)[:500]
        return response.get_json()["response"]


def filter_values(filters=None, **values) -> list:
    """The five filter inputs in callback order, from a Filters or keyword values."""
    if filters is not None:
        values = {
            "date_from": filters.date_from.isoformat(),
            "date_to": filters.date_to.isoformat(),
            "orgs": list(filters.orgs or []),
            "campaign": filters.campaign,
            "types": list(filters.types or []),
        } | values
    return [values.get(name) for name in FILTER_NAMES]


# Filter values nobody should send, and what any client can: each must get a readable
# message from every callback, never a traceback or a server error.
HOSTILE = {
    "unknown-org": filter_values(orgs=["no-such-org"]),
    "sql-in-org": filter_values(orgs=["tenants'); drop table acts; --"]),
    "sql-in-campaign": filter_values(campaign="' or 1=1 --"),
    "unknown-type": filter_values(types=["picnic"]),
    "reversed-dates": filter_values(date_from="2026-05-01", date_to="2026-01-01"),
    "malformed-date": filter_values(date_from="2026-13-45"),
    "words-for-a-date": filter_values(date_to="yesterday"),
    "number-for-a-date": filter_values(date_from=20260101),
    "ancient-date": filter_values(date_from="0001-01-01"),
    "dict-for-orgs": filter_values(orgs={"$ne": 1}),
    "numbers-for-orgs": filter_values(orgs=[1, 2, 3]),
    "nested-orgs": filter_values(orgs=[["tenants"]]),
    "huge-org-list": filter_values(orgs=[f"org-{n}" for n in range(10_000)]),
    "huge-string": filter_values(campaign="x" * 100_000),
    "list-for-campaign": filter_values(campaign=["rent-cap"]),
    "bool-for-types": filter_values(types=True),
}


def text_of(component) -> str:
    """All the text inside a serialised Dash component tree."""
    if component is None:
        return ""
    if isinstance(component, str | int | float):
        return str(component)
    if isinstance(component, list):
        return " ".join(text_of(c) for c in component)
    if isinstance(component, dict):
        return text_of(component.get("props", {}).get("children"))
    return ""


def find_by_id(component, component_id: str):
    """The serialised component with this id inside a tree, or None."""
    if isinstance(component, list):
        for child in component:
            found = find_by_id(child, component_id)
            if found is not None:
                return found
    elif isinstance(component, dict):
        props = component.get("props", {})
        if props.get("id") == component_id:
            return component
        return find_by_id(props.get("children"), component_id)
    return None


def overview_kpi_texts(metrics: dict) -> dict:
    """What the Overview's KPI cards should read, from `metrics_json` for the same filters."""
    from dashboard import formatting

    return {
        "active_people": formatting.count(metrics["engagement"]["active_people"]),
        "new_people": formatting.count(metrics["engagement"]["new_people"]),
        "returning_rate": formatting.rate(metrics["engagement"]["returning_rate"]),
        "attended": formatting.count(metrics["turnout"]["attended"]),
        "show_rate": formatting.rate(metrics["turnout"]["show_rate"]),
        "hours": formatting.count(metrics["volunteering"]["hours"]),
        "actions": formatting.count(metrics["actions"]["total"]),
        "campaigns_won": formatting.count(metrics["campaigns"]["won"]),
    }
