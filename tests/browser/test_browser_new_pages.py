"""What only a browser shows on the Campaigns, Network, Organizations and Data pages and in
meeting mode: they load without console errors, the network graph is drawn, a scorecard
row opens a page filtered to its org, and meeting mode hides the controls but keeps the
filters, in the address bar and in the navbar's links."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from selenium.webdriver.common.by import By

from dashboard import formatting
from dashboard.app import create_app
from dashboard.db import Warehouse
from dashboard.metrics.compute import metrics_json
from dashboard.metrics.filters import resolve_filters

pytestmark = pytest.mark.browser

PAGES = {
    "/campaigns": ("#campaigns-kpis .kpi-value", "#campaigns-progress-graph .main-svg"),
    "/network": ("#network-kpis .kpi-value", "#network-graph-graph .main-svg"),
    "/organizations": ("#organizations-period", "#organizations-scorecard-grid .ag-row"),
    "/data": ("#data-facts .kpi-value", "#data-rejects-grid .ag-row"),
}


@pytest.fixture
def warehouse(sample_warehouse_path) -> Warehouse:
    return Warehouse(sample_warehouse_path)


@pytest.fixture
def dashboard(dash_duo, sample_warehouse_path):
    dash_duo.start_server(create_app(sample_warehouse_path))
    dash_duo.wait_for_element("#overview-kpis .kpi-value", timeout=15)
    return dash_duo


def open_page(dash_duo, path: str) -> None:
    dash_duo.driver.get(dash_duo.server_url + path)


def query_of(url: str) -> dict:
    return parse_qs(urlsplit(url).query)


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.strip("/"))
def test_each_new_page_loads_without_console_errors(dashboard, path):
    open_page(dashboard, path)
    for selector in PAGES[path]:
        dashboard.wait_for_element(selector, timeout=15)
    assert dashboard.find_element(".navbar .nav-link.active").text == path.strip("/").title()
    assert dashboard.get_logs() == []


def test_the_network_page_draws_every_org_of_the_network(dashboard, warehouse):
    orgs = metrics_json(warehouse, resolve_filters(warehouse))["network"]["orgs"]
    open_page(dashboard, "/network")
    dashboard.wait_for_element("#network-graph-graph .main-svg", timeout=15)
    nodes = dashboard.driver.execute_script(
        """
        const plot = document.querySelector('#network-graph-graph .js-plotly-plot');
        const trace = plot.data.find((t) => (t.name || '').startsWith('Member org'));
        return trace.x.length;
        """
    )
    assert nodes == orgs
    dashboard.wait_for_text_to_equal("#network-kpis #network-kpi-orgs-value", str(orgs))
    assert dashboard.get_logs() == []


def test_a_scorecard_row_opens_a_page_filtered_to_its_org(dashboard, warehouse):
    open_page(dashboard, "/organizations?type=rally")
    dashboard.wait_for_element("#organizations-scorecard-grid .ag-row a", timeout=15)
    # The first row's links (its name sits in a pinned copy of the row, without links).
    dashboard.driver.find_element(
        By.XPATH, "(//*[@id='organizations-scorecard-grid']//a[text()='Turnout'])[1]"
    ).click()
    dashboard.wait_for_element("#turnout-kpis .kpi-value", timeout=15)
    query = query_of(dashboard.driver.current_url)
    assert urlsplit(dashboard.driver.current_url).path == "/turnout"
    assert query["type"] == ["rally"] and len(query["org"]) == 1
    filters = resolve_filters(warehouse, orgs=query["org"], types=["rally"])
    expected = metrics_json(warehouse, filters)["turnout"]
    dashboard.wait_for_text_to_equal(
        "#turnout-kpi-rsvps-value", formatting.count(expected["rsvps"]), timeout=15
    )
    assert dashboard.get_logs() == []


def test_meeting_mode_hides_the_controls_and_keeps_the_filters(dashboard, warehouse):
    open_page(dashboard, "/campaigns?mode=meeting&org=tenants&org=labour")
    dashboard.wait_for_element("#campaigns-progress-graph .main-svg", timeout=15)
    expected = metrics_json(warehouse, resolve_filters(warehouse, orgs=["labour", "tenants"]))
    dashboard.wait_for_text_to_equal(
        "#campaigns-kpi-active-value", formatting.count(expected["campaigns"]["active"])
    )
    for selector in ("#campaigns-filters", "#campaigns-progress-download-button"):
        assert not dashboard.find_element(selector).is_displayed(), selector
    assert not dashboard.find_element("#navbar-built").is_displayed()
    assert dashboard.find_element("#nav-meeting").text == "Leave meeting mode"

    query = query_of(dashboard.driver.current_url)  # the URL sync kept the mode
    assert query["mode"] == ["meeting"] and query["org"] == ["labour", "tenants"]
    network = dashboard.find_element("#nav-network")
    assert query_of(network.get_attribute("href"))["mode"] == ["meeting"]
    network.click()
    dashboard.wait_for_element("#network-graph-graph .main-svg", timeout=15)
    assert not dashboard.find_element("#network-filters").is_displayed()
    assert not dashboard.find_element("#network-graph-links").is_displayed()
    assert "meeting-mode" in dashboard.find_element("#network-root").get_attribute("class")
    assert dashboard.get_logs() == []


def test_leaving_meeting_mode_brings_the_controls_back(dashboard):
    open_page(dashboard, "/network?mode=meeting&org=faith&org=mutual")
    dashboard.wait_for_element("#network-graph-graph .main-svg", timeout=15)
    dashboard.find_element("#nav-meeting").click()
    dashboard.wait_for_element("#network-filters", timeout=15)
    dashboard.wait_for_text_to_equal("#nav-meeting", "Meeting mode", timeout=15)
    assert dashboard.find_element("#network-filters").is_displayed()
    query = query_of(dashboard.driver.current_url)
    assert "mode" not in query and query["org"] == ["faith", "mutual"]
    assert dashboard.get_logs() == []
