"""Signing in, in a real browser: a funder sees totals with small counts as "<11" and no
Data page; a coordinator limited to one org sees that org in detail with the coalition's
totals beside it; a visitor who is not signed in sees only the sign-in page."""

from __future__ import annotations

import pytest
from access_helpers import OTHER_ORG_NAMES, PASSWORD, warehouse_with_users
from selenium.webdriver.common.by import By

from dashboard.app import create_app

pytestmark = pytest.mark.browser


@pytest.fixture
def dashboard(dash_duo, tmp_path, sample_warehouse_path):
    app = create_app(warehouse_with_users(tmp_path, sample_warehouse_path))
    dash_duo.start_server(app, navigate=False)
    return dash_duo


def sign_in(dash_duo, name: str, path: str = "/") -> None:
    dash_duo.driver.get(dash_duo.server.url + path)
    dash_duo.wait_for_element("#login-name", timeout=15)
    dash_duo.find_element("#login-name").send_keys(name)
    dash_duo.find_element("#login-password").send_keys(PASSWORD)
    dash_duo.find_element("#login-submit").click()


def nav_texts(dash_duo) -> list[str]:
    links = dash_duo.driver.find_elements(By.CSS_SELECTOR, ".navbar .nav-link")
    return [link.text for link in links if link.is_displayed()]


def test_a_visitor_who_is_not_signed_in_sees_the_sign_in_page(dashboard):
    dashboard.driver.get(dashboard.server.url + "/engagement")
    dashboard.wait_for_element("#login-name", timeout=15)
    assert "/login?next=/engagement" in dashboard.driver.current_url
    assert not dashboard.driver.find_elements(By.CSS_SELECTOR, ".kpi-value")


def test_a_funder_sees_totals_small_counts_as_less_than_11_and_no_data_page(dashboard):
    sign_in(dashboard, "fran", "/engagement?org=mutual&type=training")
    dashboard.wait_for_element("#engagement-kpis .kpi-value", timeout=20)
    dashboard.wait_for_text_to_equal("#nav-account", "fran · funder", timeout=15)
    values = [e.text for e in dashboard.driver.find_elements(By.CSS_SELECTOR, ".kpi-value")]
    assert "<11" in values
    for text in values:
        digits = text.replace(",", "")
        assert not (digits.isdigit() and 1 <= int(digits) <= 10), values
    texts = nav_texts(dashboard)
    assert "Engagement" in texts and "Data" not in texts
    assert "Sign out" in texts
    dashboard.driver.get(dashboard.server.url + "/data")
    dashboard.wait_for_element("#page-refused", timeout=15)
    assert "for coordinators only" in dashboard.find_element("#page-refused").text
    assert dashboard.get_logs() == [] or all(
        "403" in entry["message"] for entry in dashboard.get_logs()
    )


def test_a_limited_coordinator_sees_their_org_and_the_coalitions_totals(dashboard):
    sign_in(dashboard, "cora")
    dashboard.wait_for_element("#overview-kpi-active_people-value", timeout=20)
    dashboard.wait_for_text_to_equal("#nav-account", "cora · coordinator of tenants", timeout=15)
    dashboard.wait_for_element("#overview-kpi-active_people-coalition", timeout=15)
    total = dashboard.find_element("#overview-kpi-active_people-coalition").text
    assert total.startswith("Whole coalition:")
    assert "Data" in nav_texts(dashboard)
    page = dashboard.driver.page_source  # the org filter's options included
    for name in OTHER_ORG_NAMES:
        assert name not in page
    assert dashboard.get_logs() == []


def test_signing_out_returns_to_the_sign_in_page(dashboard):
    sign_in(dashboard, "fran")
    dashboard.wait_for_element("#nav-logout", timeout=20)
    cookie = dashboard.driver.get_cookie("coalition_session")["value"]
    dashboard.find_element("#nav-logout").click()  # posts the navbar's form with its token
    dashboard.wait_for_element("#login-message", timeout=15)
    dashboard.driver.get(dashboard.server.url + "/")
    dashboard.wait_for_element("#login-name", timeout=15)
    # the cookie from before signing out, put back, no longer signs anybody in
    dashboard.driver.add_cookie({"name": "coalition_session", "value": cookie})
    dashboard.driver.get(dashboard.server.url + "/engagement")
    dashboard.wait_for_element("#login-name", timeout=15)
