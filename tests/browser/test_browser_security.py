"""The Content-Security-Policy in a real browser: every page, the sign-in page and the
report run with zero violations (Dash's inline scripts by their hashes), and the Turnout
page's WebGL chart is drawn under it."""

from __future__ import annotations

import pytest
from access_helpers import PASSWORD, warehouse_with_users

from dashboard.app import create_app
from dashboard.figures import turnout as turnout_figures

pytestmark = pytest.mark.browser

# Injected before any of a page's own scripts: every violation, of scripts or anything else.
RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " blocked " + e.blockedURI + " at " +
                    e.sourceFile + ":" + e.lineNumber);
});
"""
PAGES = {
    "/": "#overview-kpis .kpi-value",
    "/engagement": "#engagement-by-month-graph .main-svg",
    "/retention": "#retention-cohorts-graph .main-svg",
    "/turnout": "#turnout-goals-graph .main-svg",
    "/campaigns": "#campaigns-progress-graph .main-svg",
    "/network": "#network-graph-graph .main-svg",
    "/organizations": "#organizations-scorecard-grid .ag-row",
    "/data": "#data-rejects-grid .ag-row",
    "/report": "#report-print",
}


@pytest.fixture
def dashboard(dash_duo, tmp_path, sample_warehouse_path, monkeypatch):
    # The goals chart switches to WebGL (scattergl) above this many events; the sample has
    # fewer, so every chart of it is drawn with WebGL here.
    monkeypatch.setattr(turnout_figures, "WEBGL_POINTS", 0)
    app = create_app(warehouse_with_users(tmp_path, sample_warehouse_path), warm=False)
    dash_duo.start_server(app, navigate=False)
    dash_duo.driver.execute_cdp_cmd(
        "Page.addScriptToEvaluateOnNewDocument", {"source": RECORD_VIOLATIONS}
    )
    return dash_duo


def violations(dash_duo) -> list[str]:
    recorded = dash_duo.driver.execute_script("return window.__csp || null")
    assert recorded is not None, "the violation recorder was not installed"
    logged = [
        entry["message"]
        for entry in dash_duo.get_logs() or []
        if "Content Security Policy" in entry["message"] or "Refused to" in entry["message"]
    ]
    return recorded + logged


def test_no_page_violates_the_policy_and_the_webgl_chart_is_drawn(dashboard):
    driver = dashboard.driver
    driver.get(dashboard.server.url + "/login")
    dashboard.wait_for_element("#login-name", timeout=15)
    assert violations(dashboard) == []
    dashboard.find_element("#login-name").send_keys("chris")
    dashboard.find_element("#login-password").send_keys(PASSWORD)
    dashboard.find_element("#login-submit").click()
    dashboard.wait_for_element("#nav-logout", timeout=20)
    for path, ready in PAGES.items():
        driver.get(dashboard.server.url + path)
        dashboard.wait_for_element(ready, timeout=60)
        if path == "/turnout":
            # scattergl draws on a WebGL canvas; plotly says so when WebGL is refused
            dashboard.wait_for_element("#turnout-goals-graph canvas.gl-canvas-context", timeout=20)
            traces = driver.execute_script(
                "return document.querySelector('#turnout-goals-graph .js-plotly-plot')"
                "._fullData.map(function (t) { return t.type; })"
            )
            assert "scattergl" in traces
            assert "WebGL" not in dashboard.find_element("#turnout-goals-graph").text
        assert violations(dashboard) == [], path
    driver.get(dashboard.server.url + "/logout")
    dashboard.wait_for_element("#logout-submit", timeout=15)
    assert violations(dashboard) == []
    # and the recorder does see a violation: a script injected into the page is refused
    driver.execute_script(
        "var s = document.createElement('script'); s.textContent = 'window.injected = 1';"
        "document.body.appendChild(s);"
    )
    assert driver.execute_script("return window.injected") is None
    assert any("script-src" in v for v in violations(dashboard))
