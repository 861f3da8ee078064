"""What only a browser shows: pages load without console errors, a filter change updates
the numbers and the address bar without rendering the page again, and a link reproduces
its view."""

from __future__ import annotations

import json
import time
from datetime import date, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from app_fixtures import overview_kpi_texts
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from dashboard import formatting
from dashboard.app import create_app
from dashboard.db import Warehouse
from dashboard.metrics.compute import metrics_json
from dashboard.metrics.filters import resolve_filters
from dashboard.pages import engagement, overview, retention, turnout

pytestmark = pytest.mark.browser

PAGES = {
    "/": ("overview", "overview-kpi-active_people-value"),
    "/engagement": ("engagement", "engagement-by-month-graph"),
    "/retention": ("retention", "retention-cohorts-graph"),
    "/turnout": ("turnout", "turnout-by-month-graph"),
}


@pytest.fixture
def warehouse(sample_warehouse_path) -> Warehouse:
    return Warehouse(sample_warehouse_path)


@pytest.fixture
def dashboard(dash_duo, sample_warehouse_path):
    """The app in a browser, its first page (the start page dash_duo opens) fully drawn."""
    dash_duo.start_server(create_app(sample_warehouse_path))
    dash_duo.wait_for_element("#overview-kpis .kpi-value", timeout=15)
    return dash_duo


@pytest.fixture
def log(monkeypatch, dashboard) -> dict:
    """Counts, in the app's own thread, layout renders per page and queries by name,
    from the moment the start page is drawn."""
    seen = {"layouts": [], "queries": []}
    original_query = Warehouse.query

    def query(self, name, **parameters):
        seen["queries"].append(name)
        return original_query(self, name, **parameters)

    monkeypatch.setattr(Warehouse, "query", query)
    for page in (overview, engagement, retention, turnout):
        original_layout = page.page_layout

        def counting(page_name, *args, _original=original_layout, **kwargs):
            seen["layouts"].append(page_name)
            return _original(page_name, *args, **kwargs)

        monkeypatch.setattr(page, "page_layout", counting)
    return seen


def element_id(component_id) -> str:
    if isinstance(component_id, dict):
        return json.dumps(component_id, sort_keys=True, separators=(",", ":"))
    return component_id


def find(dash_duo, component_id):
    return dash_duo.driver.find_element(By.XPATH, f"//*[@id='{element_id(component_id)}']")


def wait_for_text(dash_duo, component_id: str, text: str, timeout: float = 15) -> None:
    dash_duo.wait_for_text_to_equal(f"#{component_id}", text, timeout=timeout)


def open_page(dash_duo, path: str) -> None:
    dash_duo.driver.get(dash_duo.server_url + path)


def query_of(url: str) -> dict:
    return parse_qs(urlsplit(url).query)


def settle(log: dict, seconds: float = 1.0) -> None:
    """Wait until no query has run for `seconds` (callbacks have finished)."""
    count = -1
    while count != len(log["queries"]):
        count = len(log["queries"])
        time.sleep(seconds)


def expected_kpis(warehouse, **filters) -> dict:
    return overview_kpi_texts(metrics_json(warehouse, resolve_filters(warehouse, **filters)))


def wait_for_kpis(dash_duo, expected: dict) -> None:
    for key, text in expected.items():
        wait_for_text(dash_duo, f"overview-kpi-{key}-value", text)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: PAGES[p][0])
def test_each_page_loads_without_console_errors(dashboard, path):
    page, ready = PAGES[path]
    open_page(dashboard, path)
    dashboard.wait_for_element(f"#{ready}", timeout=15)
    dashboard.wait_for_element(f"#{page}-kpis .kpi-value", timeout=15)
    if page != "overview":
        dashboard.wait_for_element(f"#{ready} .main-svg", timeout=15)
    assert (
        dashboard.find_element(".navbar .nav-link.active").text
        == dashboard.driver.title.split(" · ")[0]
    )
    assert dashboard.get_logs() == []


def test_changing_a_filter_updates_the_kpis_and_the_url_without_rendering_again(
    dashboard, warehouse, log
):
    before, after = expected_kpis(warehouse), expected_kpis(warehouse, orgs=["tenants"])
    open_page(dashboard, "/")
    wait_for_kpis(dashboard, before)
    settle(log)
    assert log["layouts"] == ["overview"]
    log["queries"].clear()

    dashboard.select_dcc_dropdown(
        find(dashboard, {"page": "overview", "filter": "orgs"}), value="Eastside Tenants Union"
    )
    wait_for_kpis(dashboard, after)
    settle(log)

    assert query_of(dashboard.driver.current_url)["org"] == ["tenants"]
    assert log["layouts"] == ["overview"], "the page layout ran again"
    for name in ("metrics/engagement", "metrics/turnout", "metrics/campaign_outcomes"):
        assert log["queries"].count(name) == 2, " ".join(log["queries"])  # period and prior
    for name in ("dashboard/engagement_by_month", "dashboard/turnout_by_month"):
        assert log["queries"].count(name) == 1, name
    assert dashboard.get_logs() == []


def test_a_preset_writes_explicit_dates_to_the_url(dashboard, warehouse, log):
    open_page(dashboard, "/")
    wait_for_kpis(dashboard, expected_kpis(warehouse))
    to = resolve_filters(warehouse).date_to
    Select(find(dashboard, {"page": "overview", "filter": "preset"})).select_by_value("90d")
    start = to - timedelta(days=89)
    wait_for_kpis(dashboard, expected_kpis(warehouse, date_from=start, date_to=to))
    query = query_of(dashboard.driver.current_url)
    assert (query["from"], query["to"]) == ([start.isoformat()], [to.isoformat()])
    assert log["layouts"] == ["overview"]
    assert dashboard.get_logs() == []


def test_a_link_reproduces_the_view_and_the_navbar_carries_it(dashboard, warehouse, log):
    search = "?from=2026-01-01&to=2026-03-31&org=labour&org=tenants&type=rally"
    open_page(dashboard, "/" + search)
    filters = {
        "date_from": date(2026, 1, 1),
        "date_to": date(2026, 3, 31),
        "orgs": ["labour", "tenants"],
        "types": ["rally"],
    }
    wait_for_kpis(dashboard, expected_kpis(warehouse, **filters))
    assert urlsplit(dashboard.driver.current_url).query == search[1:]

    turnout_link = dashboard.find_element("#nav-turnout")
    assert turnout_link.get_attribute("href").endswith("/turnout" + search)
    turnout_link.click()
    expected = metrics_json(warehouse, resolve_filters(warehouse, **filters))["turnout"]
    wait_for_text(dashboard, "turnout-kpi-rsvps-value", formatting.count(expected["rsvps"]))
    wait_for_text(dashboard, "turnout-kpi-show_rate-value", formatting.rate(expected["show_rate"]))
    assert urlsplit(dashboard.driver.current_url).query == search[1:]
    assert dashboard.find_element(".navbar .nav-link.active").text == "Turnout"
    assert log["layouts"] == ["overview", "turnout"], log["layouts"]
    assert dashboard.get_logs() == []


def test_a_bad_link_says_what_is_wrong(dashboard):
    open_page(dashboard, "/retention?org=nope&from=2026-02-30")
    dashboard.wait_for_contains_text("#retention-link-problems", "Ignored org 'nope'", timeout=15)
    dashboard.wait_for_contains_text("#retention-link-problems", "does not exist")
    dashboard.wait_for_element("#retention-kpis .kpi-value", timeout=15)
    assert dashboard.get_logs() == []
