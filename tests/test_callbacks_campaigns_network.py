"""The Campaigns and Network pages through the app's HTTP callbacks: what they show is what
the metrics layer (`metrics_json`) gives for the same filters, their controls refuse what
they do not know with a readable message, and meeting mode enlarges their figures."""

from __future__ import annotations

import io

import polars as pl
import pytest
from app_fixtures import (
    EMPTY_PERIOD,
    HOSTILE,
    SAMPLE_START,
    CallbackClient,
    filter_values,
    find_by_id,
    text_of,
)

from dashboard import formatting
from dashboard.app import create_app
from dashboard.components.view_mode import PROJECTOR_FONT
from dashboard.db import Warehouse
from dashboard.metrics.compute import metrics_json
from dashboard.metrics.filters import resolve_filters
from dashboard.pages import campaigns

FILTERS = [
    {},
    {"orgs": ["tenants"]},
    {"orgs": ["faith", "mutual"]},
    {"campaign": "rent-cap"},
    {"date_from": SAMPLE_START},
]
IDS = ["default", "one-org", "two-orgs", "campaign", "all-time"]


@pytest.fixture(scope="module")
def client(sample_warehouse_path) -> CallbackClient:
    return CallbackClient(create_app(sample_warehouse_path))


@pytest.fixture(scope="module")
def warehouse(sample_warehouse_path) -> Warehouse:
    return Warehouse(sample_warehouse_path)


def kpi_texts(response: dict, page: str, keys) -> dict:
    cards = response[f"{page}-kpis"]["children"]
    return {key: text_of(find_by_id(cards, f"{page}-kpi-{key}-value")) for key in keys}


# --- campaigns ------------------------------------------------------------------------


@pytest.mark.parametrize("choice", FILTERS, ids=IDS)
def test_campaign_kpis_are_the_metrics_layer_outcomes(client, warehouse, choice):
    filters = resolve_filters(warehouse, **choice)
    expected = metrics_json(warehouse, filters)["campaigns"]
    response = client.update("campaigns-kpis.children", filter_values(filters))
    assert kpi_texts(response, "campaigns", ["active", "won", "lost", "partial", "win_rate"]) == {
        "active": formatting.count(expected["active"]),
        "won": formatting.count(expected["won"]),
        "lost": formatting.count(expected["lost"]),
        "partial": formatting.count(expected["partial"]),
        "win_rate": formatting.rate(expected["win_rate"]),
    }


@pytest.mark.parametrize("choice", FILTERS, ids=IDS)
def test_campaign_progress_is_the_metrics_layer_progress(client, warehouse, choice):
    filters = resolve_filters(warehouse, **choice)
    items = metrics_json(warehouse, filters)["campaigns"]["items"]
    response = client.update("campaigns-progress-graph.figure", filter_values(filters))
    shown = {}
    for trace in response["campaigns-progress-graph"]["figure"]["data"]:
        shown |= dict(zip(trace["y"], trace["x"], strict=True))
    assert shown == {i["campaign_id"]: i["progress_pct"] or 0 for i in items}
    grid = client.update("campaigns-list-grid.rowData", filter_values(filters))
    rows = grid["campaigns-list-grid"]["rowData"]
    assert [(r["campaign_id"], r["progress"], r["status"]) for r in rows] == [
        (i["campaign_id"], i["progress"], i["status"]) for i in items
    ]


def test_each_orgs_contribution_is_its_progress_with_the_org_filter_set_to_it(client, warehouse):
    filters = resolve_filters(warehouse, date_from=SAMPLE_START)
    response = client.update("campaigns-contributions-download.data", [1], filter_values(filters))
    table = pl.read_csv(
        io.StringIO(response["campaigns-contributions-download"]["data"]["content"])
    )
    leads = {c["campaign_id"]: c for c in campaigns.CHARTS[0].table(warehouse, filters).to_dicts()}
    checked = 0
    for row in table.iter_rows(named=True):
        campaign = leads[row["campaign_id"]]
        if row["org_id"] not in [campaign["lead_org"], *campaign["partner_orgs"]]:
            continue  # with the org filter alone, a campaign it does not lead is not listed
        alone = resolve_filters(warehouse, date_from=SAMPLE_START, orgs=[row["org_id"]])
        items = metrics_json(warehouse, alone)["campaigns"]["items"]
        progress = next(i["progress"] for i in items if i["campaign_id"] == row["campaign_id"])
        assert row["progress"] == pytest.approx(progress)
        checked += 1
    assert checked >= 4


def test_the_campaign_list_csv_writes_partner_orgs_as_the_contract_does(client, warehouse):
    response = client.update("campaigns-list-download.data", [1], filter_values())
    content = response["campaigns-list-download"]["data"]["content"]
    assert "labour;faith" in content


def test_the_timeline_shows_milestones_of_the_listed_campaigns(client, warehouse):
    filters = resolve_filters(warehouse, date_from=SAMPLE_START)
    response = client.update("campaigns-timeline-graph.figure", filter_values(filters))
    traces = {t.get("name"): t for t in response["campaigns-timeline-graph"]["figure"]["data"]}
    milestones = traces["Milestone reached"]["y"] + traces["Milestone ahead"]["y"]
    assert sorted(milestones) == ["rent-cap", "rent-cap", "wage-theft"]


# --- network --------------------------------------------------------------------------


@pytest.mark.parametrize("choice", FILTERS, ids=IDS)
def test_network_kpis_are_the_metrics_layer_network(client, warehouse, choice):
    filters = resolve_filters(warehouse, **choice)
    expected = metrics_json(warehouse, filters)
    response = client.update("network-kpis.children", filter_values(filters))
    assert kpi_texts(response, "network", ["orgs", "links", "density", "bridge_people"]) == {
        "orgs": formatting.count(expected["network"]["orgs"]),
        "links": formatting.count(expected["network"]["links"]),
        "density": formatting.rate(expected["network"]["density"]),
        "bridge_people": formatting.count(expected["engagement"]["bridge_people"]),
    }


def graph(client, values, links="all", highlight=None, view=None) -> dict:
    return client.update("network-graph-graph.figure", [*values, links, highlight], state=[view])


@pytest.mark.parametrize("choice", FILTERS, ids=IDS)
def test_the_graph_has_every_org_of_the_network_and_the_links_csv_its_pairs(
    client, warehouse, choice
):
    filters = resolve_filters(warehouse, **choice)
    expected = metrics_json(warehouse, filters)["network"]
    response = graph(client, filter_values(filters))
    traces = response["network-graph-graph"]["figure"]["data"]
    nodes = next(t for t in traces if t.get("name", "").startswith("Member org"))
    assert len(nodes["x"]) == expected["orgs"]
    assert response["network-graph-caption"]["children"].startswith(f"All {expected['links']}")

    download = client.update("network-links-download.data", [1], filter_values(filters))
    table = pl.read_csv(io.StringIO(download["network-links-download"]["data"]["content"]))
    columns = ["org_a", "org_b", "shared_people", "co_hosted_events", "a_to_b", "b_to_a"]
    assert table.select(columns).rows() == [tuple(p[c] for c in columns) for p in expected["pairs"]]


def test_showing_fewer_links_keeps_the_strongest(client, warehouse):
    filters = resolve_filters(warehouse, date_from=SAMPLE_START)
    links = metrics_json(warehouse, filters)["network"]["links"]
    assert links > 3
    response = graph(client, filter_values(filters), links="10")
    caption = response["network-graph-caption"]["children"]
    assert caption == (
        f"The 10 strongest of {links} links shown (most shared people first)."
        if links > 10
        else f"All {links} links shown."
    )


def test_highlighting_an_org_colours_it(client, warehouse):
    response = graph(client, filter_values(), highlight="faith")
    traces = response["network-graph-graph"]["figure"]["data"]
    nodes = next(t for t in traces if t.get("name", "").startswith("Member org"))
    colours = dict(zip([c[0] for c in nodes["customdata"]], nodes["marker"]["color"], strict=True))
    assert colours["Interfaith Action"] != colours["Local 42 Workers"]
    options = response["network-graph-highlight"]["options"]
    assert {"label": "Interfaith Action", "value": "faith"} in options


@pytest.mark.parametrize(
    ("links", "highlight"),
    [("7", None), (None, None), (["all"], None), ("all", "nope"), ("all", ["faith"]),
     ("all", {"$ne": 1}), ("all" * 10_000, None)],
)  # fmt: skip
def test_hostile_graph_controls_get_a_readable_message(client, links, highlight):
    response = graph(client, filter_values(), links=links, highlight=highlight)
    message = response["network-graph-empty"]["children"]
    assert message.startswith("Check the filters:") and len(message) < 300
    assert response["network-links-download-button"]["disabled"] is True


@pytest.mark.parametrize("values", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_filters_give_the_graph_a_message(client, values):
    message = graph(client, values)["network-graph-empty"]["children"]
    assert message.startswith("Check the filters:"), message


def test_an_empty_network_says_so(client):
    response = graph(client, filter_values(**EMPTY_PERIOD))
    assert "No member org had an act" in response["network-graph-empty"]["children"]


# --- meeting mode -----------------------------------------------------------------------


def test_meeting_mode_enlarges_the_figures(client):
    desk = graph(client, filter_values())["network-graph-graph"]["figure"]["layout"]
    room = graph(client, filter_values(), view={"meeting": True})
    layout = room["network-graph-graph"]["figure"]["layout"]
    assert layout["font"]["size"] == PROJECTOR_FONT and layout["height"] > desk["height"]
    chart = client.update(
        "campaigns-progress-graph.figure", filter_values(), state=[{"meeting": True}]
    )
    assert chart["campaigns-progress-graph"]["figure"]["layout"]["font"]["size"] == PROJECTOR_FONT


@pytest.mark.parametrize("view", ["meeting", {"meeting": "yes"}, [True], 1])
def test_anything_but_a_clear_meeting_flag_is_desk_mode(client, view):
    response = client.update("campaigns-progress-graph.figure", filter_values(), state=[view])
    assert "size" not in response["campaigns-progress-graph"]["figure"]["layout"].get("font", {})
