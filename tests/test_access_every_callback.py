"""Every registered callback (the app's own callback map, so pages added later are
covered without a change here), called over HTTP as each restricted role, with ordinary
and hostile inputs: nothing beyond the role leaves the server.

- A funder: no personal data, no count of people or records from 1 to 10 in KPI cards,
  tables or downloads, and (with the threshold raised so that every count is suppressed)
  none of the values the gate withheld anywhere in any response.
- A coordinator limited to one org: whatever the filters sent, exactly what an unlimited
  coordinator sees for that org alone, and another org's detail never.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from access_helpers import (
    OTHER_ORG_NAMES,
    callback_body,
    output_names,
    server_dependencies,
    signed_in,
    text_numbers,
    warehouse_with_users,
)
from app_fixtures import SAMPLE_START

import dashboard.access.gated_warehouse as gated_module
from dashboard.access.gated_warehouse import GatedWarehouse
from dashboard.app import create_app
from dashboard.privacy.rules import KNOWN_COUNTS

ALL_ORGS = ["faith", "labour", "mutual", "tenants"]
SCENARIOS = {
    "default": {},
    "own-org": {"orgs": ["tenants"]},
    "other-org": {"orgs": ["labour"]},
    "own-and-other": {"orgs": ["tenants", "labour"]},
    "every-org": {"orgs": ALL_ORGS},
    "narrow": {"orgs": ["mutual"], "types": ["training"], "date_from": "2026-06-01"},
    "all-time": {"date_from": SAMPLE_START.isoformat(), "date_to": date.today().isoformat()},
    "org-as-text": {"orgs": "labour"},
    "org-as-dict": {"orgs": {"$ne": None}},
    "injection": {"orgs": ["tenants'); drop table acts; --"], "campaign": "' or 1=1 --"},
    "nonsense-dates": {"date_from": "yesterday", "date_to": 20260101},
}
PATHS = [
    "/",
    "/engagement",
    "/retention",
    "/turnout",
    "/campaigns",
    "/network",
    "/organizations",
    "/data",
    "/no-such-page",
]
PERSON_KEY = re.compile(r"\b[0-9a-f]{64}\b")
# "21 Nov 2025", "(365 days)": dates and lengths of the period, not counts
DAYS = re.compile(r"\b\d{1,2} [A-Z][a-z]{2} \d{4}\b|\(\d[\d,]* days?\)")
# names with digits in them ("Local 42 Workers", "Rally 12"): names, not counts
NAMES = re.compile(r"Local 42 Workers|\b[A-Z][a-z]+(?: [A-Z][a-z]+)* \d+\b")
# Callbacks whose limited view is rightly narrower than "that org alone" for a coordinator
# of every org: the Data page's freshness compares each org with the latest date of the
# orgs it shows, so a limited coordinator's reference date is their own orgs' latest.
NARROWER = ("data-freshness-",)


@pytest.fixture(scope="module")
def app(tmp_path_factory, sample_warehouse_path):
    return create_app(warehouse_with_users(tmp_path_factory.mktemp("every"), sample_warehouse_path))


@pytest.fixture(scope="module")
def clients(app):
    return {name: signed_in(app, name) for name in ("fran", "cora", "chris")}


@pytest.fixture(scope="module")
def dependencies(app, clients):
    return server_dependencies(app, clients["chris"])


def values_for(scenario: dict, pathname: str = "/", meeting: bool = False):
    def value_for(cid, prop):
        if isinstance(cid, dict) and "filter" in cid:
            if prop == "start_date":
                return scenario.get("date_from")
            if prop == "end_date":
                return scenario.get("date_to")
            if cid["filter"] == "preset":
                return scenario.get("preset", "12m")
            return scenario.get(cid["filter"])
        return {
            "pathname": pathname,
            "search": "?org=labour&org=faith",
            "n_clicks": 1,
            "data": {"meeting": meeting},
        }.get(prop, scenario.get("other"))

    return value_for


def post(client, dependency, value_for):
    return client.post("/_dash-update-component", json=callback_body(dependency, value_for))


def requests_for(dependency):
    """(label, value_for) pairs: every scenario, and for the page router every path."""
    names = " ".join(output_names(dependency["output"]))
    if "_pages_content" in names:
        return [(path, values_for({}, pathname=path)) for path in PATHS]
    return [(label, values_for(scenario)) for label, scenario in SCENARIOS.items()]


def test_the_callback_map_is_what_the_renderer_is_told(app, dependencies):
    assert len(dependencies) >= 40  # every page's filters, summaries, charts, downloads


# --- the funder -------------------------------------------------------------------------


def kpi_count_values(payload) -> list[str]:
    """The texts of the KPI cards that count people or records."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            props = node.get("props", {})
            card = re.fullmatch(r"[a-z_]+-kpi-([a-z_]+)-value", str(props.get("id", "")))
            if card and card.group(1) in KNOWN_COUNTS:
                found.append(str(props.get("children")))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(payload)
    return found


def small_counts_in_rows(rows: list[dict]) -> list:
    return [
        (key, value)
        for row in rows
        for key, value in row.items()
        if key in KNOWN_COUNTS
        and str(value).replace(",", "").isdigit()
        and 1 <= int(str(value).replace(",", "")) <= 10
    ]


def downloads_and_grids(payload):
    """CSV downloads and grid rows anywhere in a callback response."""
    csvs, grids = [], []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("content"), str) and str(node.get("filename", "")).endswith(
                ".csv"
            ):
                csvs.append(node["content"])
            if isinstance(node.get("rowData"), list):
                grids.append(node["rowData"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(payload)
    return csvs, grids


def test_every_callback_as_the_funder_gives_no_small_count_and_no_personal_data(
    clients, dependencies
):
    funder = clients["fran"]
    checked = csv_downloads = 0
    for dependency in dependencies:
        for label, value_for in requests_for(dependency):
            response = post(funder, dependency, value_for)
            where = f"{dependency['output'][:70]} [{label}]"
            assert response.status_code in (200, 204, 400, 403), where
            text = response.get_data(as_text=True)
            assert "Traceback" not in text, where
            assert "@example.org" not in text and not PERSON_KEY.search(text), where
            if response.status_code != 200:
                continue
            payload = response.get_json()
            for value in kpi_count_values(payload):
                assert not (
                    value.replace(",", "").isdigit() and 1 <= int(value.replace(",", "")) <= 10
                ), (where, value)
            csvs, grids = downloads_and_grids(payload)
            for content in csvs:
                assert not small_counts_in_rows(list(csv.DictReader(io.StringIO(content)))), where
                # numbers stay numbers: a hidden count is an empty cell, flagged by name
                header = next(csv.reader(io.StringIO(content)))
                assert header[-1] == "suppressed" and "<11" not in content, where
                csv_downloads += 1
            for rows in grids:
                assert not small_counts_in_rows(rows), where
            checked += 1
    assert checked > 100
    assert csv_downloads > 5


@pytest.fixture
def withheld(monkeypatch):
    """Every count suppressed (k raised to a million), and a record, per request, of the
    values the gate withheld and of every number it let through."""
    record = {"withheld": set(), "released": set()}
    original = gated_module.suppress_frame

    def spy(frame, rules, k):
        shown, suppression = original(frame, rules, k)
        for row, column in suppression.counts:
            value = frame[column][row]
            record["withheld"].add(int(value))
        for column in shown.columns:
            for value in shown[column].to_list():
                if isinstance(value, int | float) and not isinstance(value, bool):
                    record["released"].add(value)
        return shown, suppression

    monkeypatch.setattr(gated_module, "suppress_frame", spy)
    monkeypatch.setattr(GatedWarehouse, "min_cell", lambda self: 1_000_000)
    return record


# Where a response holds numbers that are presentation, not data: a figure's layout, sizes.
PRESENTATION = {"layout", "marker", "line", "textfont", "style", "config", "colorscale"}
SIZES = {"height", "width", "size", "xl", "lg", "md", "sm", "xs", "opacity", "delay_show"}


def released_card(node: dict) -> bool:
    """A KPI card of hours, actions, events or campaigns: shown by design, with changes
    whose numbers can match a withheld count by chance."""
    card = re.fullmatch(r"[a-z_]+-kpi-([a-z_]+)", str(node.get("props", {}).get("id", "")))
    return bool(card) and card.group(1) not in KNOWN_COUNTS


def numbers_in(payload) -> set:
    found = set()

    def walk(node, key=None):
        if isinstance(node, bool) or node is None or key in PRESENTATION:
            return
        if isinstance(node, dict) and released_card(node):
            return
        if isinstance(node, int | float):
            if key not in SIZES:
                found.add(node)
        elif isinstance(node, str):
            found.update(text_numbers(NAMES.sub(" ", DAYS.sub(" ", node))))
        elif isinstance(node, dict):
            for name, value in node.items():
                walk(value, name)
        elif isinstance(node, list):
            for value in node:
                walk(value, key)

    walk(payload)
    return found


def test_no_response_to_the_funder_holds_a_value_the_gate_withheld(clients, dependencies, withheld):
    funder = clients["fran"]
    leaks = []
    compared = 0
    for dependency in dependencies:
        for label, value_for in requests_for(dependency)[:6]:
            withheld["withheld"].clear()
            withheld["released"].clear()
            response = post(funder, dependency, value_for)
            if response.status_code != 200:
                continue
            shown = numbers_in(response.get_json())
            # distinctive values only: not a year, not also a number shown in its own right
            secret = {
                v for v in withheld["withheld"] if 20 <= v < 1900 and v not in withheld["released"]
            }
            compared += len(secret)
            if secret & shown:
                leaks.append((dependency["output"][:60], label, sorted(secret & shown)))
    assert compared > 200
    assert not leaks, leaks


# --- a coordinator limited to one org ---------------------------------------------------


_GONE = object()


def without_coalition_totals(payload):
    """The response less the "whole coalition" lines only a limited coordinator gets."""

    def strip(node):
        if isinstance(node, dict):
            if str(node.get("props", {}).get("id", "")).endswith("-coalition"):
                return _GONE
            return {k: strip(v) for k, v in node.items()}
        if isinstance(node, list):
            return [v for v in (strip(v) for v in node) if v is not _GONE]
        return node

    return strip(payload)


def test_a_limited_coordinator_gets_exactly_their_orgs_view_whatever_the_filters_say(
    clients, dependencies
):
    cora, chris = clients["cora"], clients["chris"]
    compared = 0
    for dependency in dependencies:
        if "_pages_content" in dependency["output"]:
            continue
        if any(name in dependency["output"] for name in NARROWER):
            continue
        own = post(chris, dependency, values_for({"orgs": ["tenants"]}))
        for label in ("default", "own-org"):
            limited = post(cora, dependency, values_for(SCENARIOS[label]))
            where = f"{dependency['output'][:70]} [{label}]"
            assert limited.status_code == own.status_code, where
            if own.status_code == 200:
                assert without_coalition_totals(limited.get_json()) == own.get_json(), where
                compared += 1
    assert compared > 30


def test_a_limited_coordinator_never_gets_another_orgs_detail(clients, dependencies):
    cora = clients["cora"]
    for dependency in dependencies:
        campaign_card = "campaigns-" in dependency["output"]  # names the lead org of a campaign
        for label, value_for in requests_for(dependency):
            response = post(cora, dependency, value_for)
            where = f"{dependency['output'][:70]} [{label}]"
            assert response.status_code in (200, 204, 400, 403), where
            text = json.dumps(response.get_json(silent=True), ensure_ascii=False)
            if not campaign_card:
                for name in OTHER_ORG_NAMES:
                    assert name not in text, (where, name)
            if label in ("other-org", "own-and-other") and response.status_code == 200:
                # refused with the reason, or nothing sent at all (a download)
                assert (
                    "unknown org" in text
                    or response.get_json()["response"] == {}
                    or '"filter":"preset"' in dependency["output"]  # dates only
                    or "navbar" in dependency["output"]
                ), where
