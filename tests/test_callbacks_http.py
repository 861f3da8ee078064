"""Every callback through the app's HTTP interface, as the browser (or anybody) calls it:
the numbers match the metrics layer, downloads hold the chart's table, and hostile
input gets a readable message, never a traceback or a server error."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta

import polars as pl
import pytest
from app_fixtures import (
    EMPTY_PERIOD,
    HOSTILE,
    SAMPLE_START,
    CallbackClient,
    build_sample_warehouse,
    filter_values,
    find_by_id,
    overview_kpi_texts,
    text_of,
)

from dashboard import formatting
from dashboard.app import create_app
from dashboard.components.chart_card import csv_text
from dashboard.db import Warehouse
from dashboard.metrics.compute import change_vs_prior, headline_numbers, metrics_json
from dashboard.metrics.filters import resolve_filters
from dashboard.pages import (
    campaigns,
    engagement,
    network,
    page_modules,
    retention,
    turnout,
)

PAGES = tuple(page_modules())
CHARTS = [(page.PAGE, chart) for page in PAGES for chart in getattr(page, "CHARTS", ())]
# Charts whose table does not depend on the period: their empty state is tested elsewhere.
TIMELESS = {"turnout-upcoming", "data-freshness"}


@pytest.fixture(scope="module")
def app(sample_warehouse_path):
    return create_app(sample_warehouse_path)


@pytest.fixture(scope="module")
def client(app) -> CallbackClient:
    return CallbackClient(app)


@pytest.fixture(scope="module")
def warehouse(sample_warehouse_path) -> Warehouse:
    return Warehouse(sample_warehouse_path)


@pytest.fixture(scope="module")
def default_filters(warehouse):
    return resolve_filters(warehouse)


def kpi_texts(response: dict, page: str, keys) -> dict:
    cards = response[f"{page}-kpis"]["children"]
    return {key: text_of(find_by_id(cards, f"{page}-kpi-{key}-value")) for key in keys}


# --- numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "choice",
    [
        {},
        {"orgs": ["tenants", "faith"]},
        {"types": ["rally", "canvass"]},
        {"campaign": "rent-cap"},
        {"date_from": "2026-01-01", "date_to": "2026-03-31"},
    ],
    ids=["default", "two-orgs", "two-types", "campaign", "one-quarter"],
)
def test_overview_kpis_are_the_metrics_layer_numbers_for_the_same_filters(
    client, warehouse, choice
):
    filters = resolve_filters(
        warehouse,
        date_from=date.fromisoformat(choice["date_from"]) if "date_from" in choice else None,
        date_to=date.fromisoformat(choice["date_to"]) if "date_to" in choice else None,
        orgs=choice.get("orgs"),
        campaign=choice.get("campaign"),
        types=choice.get("types"),
    )
    response = client.update("overview-kpis.children", filter_values(filters))
    expected = overview_kpi_texts(metrics_json(warehouse, filters))
    assert kpi_texts(response, "overview", expected) == expected
    assert response["overview-status"]["children"] is None


def test_hours_and_actions_say_why_an_event_type_filter_empties_them(client, default_filters):
    from dashboard.components.kpi_card import UNTYPED_NOTE

    response = client.update(
        "overview-kpis.children", filter_values(default_filters, types=["rally"])
    )
    cards = response["overview-kpis"]["children"]
    for key in ("hours", "actions"):
        assert text_of(find_by_id(cards, f"overview-kpi-{key}-value")) == "0"
        assert UNTYPED_NOTE in text_of(find_by_id(cards, f"overview-kpi-{key}"))
    assert UNTYPED_NOTE not in text_of(find_by_id(cards, "overview-kpi-attended"))


def test_overview_changes_compare_with_the_prior_period(client, warehouse, default_filters):
    response = client.update("overview-kpis.children", filter_values(default_filters))
    now = headline_numbers(warehouse, default_filters)
    before = headline_numbers(warehouse, default_filters.prior())
    cards = response["overview-kpis"]["children"]
    active = text_of(find_by_id(cards, "overview-kpi-active_people-change"))
    show = text_of(find_by_id(cards, "overview-kpi-show_rate-change"))
    assert active == formatting.count_change(
        change_vs_prior(now["active_people"], before["active_people"])
    )
    assert show == formatting.rate_change(
        change_vs_prior(now["show_rate"], before["show_rate"], rate=True)
    )
    period = response["overview-period"]["children"]
    assert formatting.day(default_filters.date_from) in period
    assert formatting.day(default_filters.prior().date_from) in period


@pytest.mark.parametrize(
    "page", [engagement, retention, turnout, campaigns, network], ids=lambda p: p.PAGE
)
def test_page_summaries_show_their_metric_values(client, warehouse, default_filters, page):
    response = client.update(f"{page.PAGE}-kpis.children", filter_values(default_filters))
    values = page.SUMMARY.values(warehouse, default_filters)
    shown = kpi_texts(response, page.PAGE, [kpi.key for kpi in page.SUMMARY.kpis])
    for kpi in page.SUMMARY.kpis:
        format_value = formatting.rate if kpi.rate else formatting.count
        assert shown[kpi.key] == format_value(values[kpi.key]), kpi.key


@pytest.mark.parametrize(("page", "chart"), CHARTS, ids=[chart.id for _, chart in CHARTS])
def test_every_chart_draws_its_query_for_the_default_filters(
    client, warehouse, default_filters, page, chart
):
    response = client.update(f"{chart.id}-graph.figure", filter_values(default_filters))
    figure = response[f"{chart.id}-graph"]["figure"]
    assert figure["data"], f"{chart.id} drew no traces"
    assert "d-none" not in response[f"{chart.id}-graph"]["className"]
    assert "d-none" in response[f"{chart.id}-empty"]["className"]
    assert response[f"{chart.id}-download-button"]["disabled"] is False


PERIODIC = [
    (page, chart) for page, chart in CHARTS if chart.id not in TIMELESS - {"turnout-upcoming"}
]


@pytest.mark.parametrize(("page", "chart"), PERIODIC, ids=[chart.id for _, chart in PERIODIC])
def test_every_chart_has_a_clear_empty_state(client, page, chart):
    if chart.id == "turnout-upcoming":  # upcoming events do not depend on the period
        values = filter_values(types=["one_on_one"])  # no such events in the sample
    else:
        values = filter_values(**EMPTY_PERIOD)
    response = client.update(f"{chart.id}-graph.figure", values)
    assert response[f"{chart.id}-empty"]["children"] == chart.empty
    assert "d-none" not in response[f"{chart.id}-empty"]["className"]
    assert "d-none" in response[f"{chart.id}-graph"]["className"]
    assert response[f"{chart.id}-download-button"]["disabled"] is True


@pytest.mark.parametrize(("page", "chart"), CHARTS, ids=[chart.id for _, chart in CHARTS])
def test_download_sends_the_table_behind_the_chart_as_csv(
    client, warehouse, default_filters, page, chart
):
    response = client.update(f"{chart.id}-download.data", [1], state=filter_values(default_filters))
    download = response[f"{chart.id}-download"]["data"]
    expected = chart.table(warehouse, default_filters)
    if chart.frame is None:
        assert expected.equals(warehouse.query(chart.query, **default_filters.params()))
    period = f"_{default_filters.date_from}_{default_filters.date_to}" if chart.dated else ""
    assert download["filename"] == f"{chart.id}{period}.csv"
    assert download["content"] == csv_text(expected)
    assert download["base64"] is False


def test_the_csv_reads_back_as_the_same_numbers(client, warehouse, default_filters):
    response = client.update(
        "turnout-by-org-download.data", [1], state=filter_values(default_filters)
    )
    import io

    table = pl.read_csv(io.StringIO(response["turnout-by-org-download"]["data"]["content"]))
    scorecard = {o["org_id"]: o for o in metrics_json(warehouse, default_filters)["orgs"]}
    for row in table.iter_rows(named=True):
        assert row["show_rate"] == pytest.approx(scorecard[row["org_id"]]["show_rate"])


# --- the period presets -------------------------------------------------------------


def test_choosing_a_preset_writes_its_dates(client, default_filters):
    output = '{"filter":"preset","page":"turnout"}.value'
    to = default_filters.date_to
    for preset, start in (
        ("30d", to - timedelta(days=29)),
        ("90d", to - timedelta(days=89)),
        ("12m", to - timedelta(days=364)),
        ("ytd", date(to.year, 1, 1)),
    ):
        response = client.update(
            output,
            [preset, "2020-01-01", "2020-02-01"],
            changed=['{"filter":"preset","page":"turnout"}.value'],
        )
        dates = response['{"filter":"dates","page":"turnout"}']
        assert dates == {"start_date": start.isoformat(), "end_date": to.isoformat()}


def test_all_time_starts_at_the_first_date_with_data(client, warehouse, default_filters):
    first = warehouse.query("dashboard/data_span").item(0, "first_date")
    response = client.update(
        '{"filter":"preset","page":"overview"}.value',
        ["all", None, None],
        changed=['{"filter":"preset","page":"overview"}.value'],
    )
    assert response['{"filter":"dates","page":"overview"}']["start_date"] == first.isoformat()


def test_dates_matching_no_preset_make_it_a_custom_range(client, default_filters):
    output = '{"filter":"preset","page":"overview"}.value'
    changed = ['{"filter":"dates","page":"overview"}.start_date']
    custom = client.update(output, ["12m", "2026-02-03", "2026-04-05"], changed=changed)
    assert custom['{"filter":"preset","page":"overview"}'] == {"value": "custom"}
    last_year = [
        (default_filters.date_to - timedelta(days=364)).isoformat(),
        default_filters.date_to.isoformat(),
    ]
    matched = client.update(output, ["custom", *last_year], changed=changed)
    assert matched['{"filter":"preset","page":"overview"}'] == {"value": "12m"}


@pytest.mark.parametrize("preset", ["custom", "next-decade", 42, None, ["30d"]])
def test_custom_or_unknown_presets_leave_the_dates_alone(client, preset):
    response = client.update(
        '{"filter":"preset","page":"overview"}.value',
        [preset, "2026-01-01", "2026-02-01"],
        changed=['{"filter":"preset","page":"overview"}.value'],
    )
    assert response == {}  # nothing to update


# --- hostile input ------------------------------------------------------------------


@pytest.mark.parametrize("values", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_filter_values_get_a_readable_message(client, values):
    response = client.update("overview-kpis.children", values)
    status = text_of(response["overview-status"]["children"])
    assert status.startswith("Check the filters:"), status
    assert len(status) < 600
    assert "Traceback" not in status
    assert response["overview-kpis"]["children"] == []


@pytest.mark.parametrize("values", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_filter_values_give_charts_a_message_not_an_error(client, values):
    response = client.update("turnout-by-month-graph.figure", values)
    message = response["turnout-by-month-empty"]["children"]
    assert message.startswith("Check the filters:"), message
    assert response["turnout-by-month-download-button"]["disabled"] is True


@pytest.mark.parametrize("values", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_filter_values_download_nothing(client, values):
    assert client.update("engagement-ladder-download.data", [1], state=values) == {}


def test_unknown_org_message_names_the_known_ones(client):
    response = client.update("overview-kpis.children", filter_values(orgs=["nope"]))
    status = text_of(response["overview-status"]["children"])
    assert "unknown org: nope" in status
    assert "tenants" in status


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"output": "no-such-component.children", "outputs": [], "inputs": []},
        {"output": "overview-kpis.children"},
        {"output": "..overview-kpis.children...x.y..", "inputs": "not a list"},
    ],
    ids=["empty", "unknown-output", "no-inputs", "garbage-inputs"],
)
def test_malformed_callback_requests_are_refused_plainly(client, body):
    response = client.client.post("/_dash-update-component", json=body)
    assert response.status_code == 400
    assert "Traceback" not in response.get_data(as_text=True)


def test_a_request_that_is_not_json_is_refused_plainly(client):
    response = client.client.post(
        "/_dash-update-component", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400


# --- the warehouse ------------------------------------------------------------------


def test_a_rebuilt_warehouse_is_served_without_a_restart(tmp_path, sample_warehouse_path):
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(sample_warehouse_path, path)
    client = CallbackClient(create_app(path))
    values = filter_values(date_from=SAMPLE_START.isoformat(), date_to=date.today().isoformat())

    def active_people() -> str:
        response = client.update("overview-kpis.children", values)
        return kpi_texts(response, "overview", ["active_people"])["active_people"]

    before = active_people()
    build_sample_warehouse(tmp_path / "smaller", path, without=("mutual", "faith"))
    rebuilt = Warehouse(path)
    filters = resolve_filters(rebuilt, date_from=SAMPLE_START, date_to=date.today())
    expected = formatting.count(metrics_json(rebuilt, filters)["engagement"]["active_people"])
    assert expected != before
    assert active_people() == expected


def test_a_missing_warehouse_is_explained_on_the_page(tmp_path):
    client = CallbackClient(create_app(tmp_path / "nowhere.duckdb"))
    response = client.update("overview-kpis.children", filter_values())
    status = text_of(response["overview-status"]["children"])
    assert "no warehouse at" in status and "coalition ingest" in status


# --- work done per filter change ------------------------------------------------------


@pytest.fixture
def query_log(monkeypatch) -> list[str]:
    names: list[str] = []
    original = Warehouse.query

    def counting(self, name, **parameters):
        names.append(name)
        return original(self, name, **parameters)

    monkeypatch.setattr(Warehouse, "query", counting)
    return names


def test_the_overview_runs_each_query_once_per_period(client, default_filters, query_log):
    client.update("overview-kpis.children", filter_values(default_filters))
    counts = {name: query_log.count(name) for name in set(query_log)}
    for name in (
        "metrics/engagement",
        "metrics/turnout",
        "metrics/volunteering",
        "metrics/actions_by_type",
        "metrics/campaign_outcomes",
    ):
        assert counts.pop(name) == 2, name  # the period and the prior period
    for name in (
        "dashboard/engagement_by_month",
        "metrics/returning_by_month",
        "dashboard/turnout_by_month",
        "dashboard/hours_and_actions_by_month",
        "dashboard/campaign_outcomes_by_month",
    ):
        assert counts.pop(name) == 1, name
    assert set(counts) <= {
        "metrics/default_period_end",
        "lookups/organizations",
        "lookups/campaigns",
        "dashboard/data_span",  # the bounds of the filter dates, unfiltered, cached
    }


def test_a_chart_runs_its_query_once(client, default_filters, query_log):
    client.update("turnout-goals-graph.figure", filter_values(default_filters, orgs=["labour"]))
    assert query_log.count("dashboard/events_vs_goal") == 1
    lookups = ("lookups/", "dashboard/data_span")  # data_span: the bounds of the filter dates
    assert [q for q in query_log if not q.startswith(lookups)] == ["dashboard/events_vs_goal"]


def test_dependencies_name_no_external_resource(client):
    index = client.client.get("/").get_data(as_text=True)
    scripts_and_links = [
        line for line in index.splitlines() if "<script src=" in line or "<link " in line
    ]
    assert scripts_and_links
    for line in scripts_and_links:
        assert (
            "http://" not in line
            and "https://" not in line
            and "//" not in line.split("=", 1)[1][:3]
        ), line
    assert (
        json.loads(
            index.split('<script id="_dash-config" type="application/json">')[1].split("</script>")[
                0
            ]
        )["serve_locally"]
        is True
    )
