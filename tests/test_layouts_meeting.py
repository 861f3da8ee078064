"""Meeting mode and the part-2 page frames as plain Python: `?mode=meeting` marks every
page for the projector and is kept beside the filters; a bad mode is explained; the Data
page greys out the filters that mean nothing there; the navbar lists the new pages."""

from __future__ import annotations

from urllib.parse import parse_qs

import dash
import pytest
from app_fixtures import find_by_id, text_of
from test_layouts import all_ids, as_json, control, render

from dashboard.app import create_app
from dashboard.components.filter_input import Choices, filters_from_url, url_search
from dashboard.components.view_mode import MEETING_CLASS, read_mode
from dashboard.db import Warehouse
from dashboard.metrics.filters import resolve_filters
from dashboard.pages import data, organizations, page_modules
from dashboard.paths import assets_dir

PAGES = tuple(page_modules())


@pytest.fixture(scope="module")
def app(sample_warehouse_path):
    return create_app(sample_warehouse_path)


@pytest.fixture(scope="module")
def warehouse(sample_warehouse_path) -> Warehouse:
    return Warehouse(sample_warehouse_path)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.PAGE)
def test_meeting_mode_marks_the_page_root_and_tells_its_callbacks(app, page):
    tree = render(app, page, mode="meeting", org="tenants")
    root = find_by_id(tree, f"{page.PAGE}-root")
    assert MEETING_CLASS in root["props"]["className"].split()
    assert find_by_id(tree, f"{page.PAGE}-view")["props"]["data"] == {"meeting": True}
    assert find_by_id(tree, f"{page.PAGE}-link-problems") is None  # mode is a known key
    assert control(tree, page.PAGE, "orgs")["value"] == ["tenants"]  # the link's filters stay


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.PAGE)
def test_without_the_flag_a_page_is_for_the_desk(app, page):
    tree = render(app, page)
    assert MEETING_CLASS not in find_by_id(tree, f"{page.PAGE}-root")["props"]["className"]
    assert find_by_id(tree, f"{page.PAGE}-view")["props"]["data"] == {"meeting": False}


@pytest.mark.parametrize("mode", ["kiosk", ["meeting", "meeting"], "MEETING", "x" * 500])
def test_any_other_mode_is_explained_and_ignored(app, mode):
    tree = render(app, organizations, mode=mode)
    problems = text_of(find_by_id(tree, "organizations-link-problems"))
    assert "the only mode is `meeting`" in problems and len(problems) < 300
    assert MEETING_CLASS not in find_by_id(tree, "organizations-root")["props"]["className"]


def test_read_mode_takes_only_meeting():
    assert read_mode({"mode": "meeting"}) == (True, [])
    assert read_mode({}) == (False, [])
    assert read_mode({"mode": ""}) == (False, [])
    assert read_mode({"mode": "on"})[0] is False


def test_a_meeting_link_reproduces_its_filters_and_its_mode(warehouse):
    filters = resolve_filters(warehouse, orgs=["faith"], types=["rally"])
    search = url_search(filters, meeting=True)
    query = {k: v[0] if len(v) == 1 else v for k, v in parse_qs(search[1:]).items()}
    assert read_mode(query) == (True, [])
    again, problems = filters_from_url(warehouse, query, Choices.load(warehouse))
    assert (again, problems) == (filters, [])


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.PAGE)
def test_every_download_button_is_a_control_meeting_mode_hides(app, page):
    tree = render(app, page)
    for component_id in all_ids(tree):
        if isinstance(component_id, str) and component_id.endswith("download-button"):
            assert "page-control" in find_by_id(tree, component_id)["props"]["className"]


def test_the_stylesheet_hides_the_controls_in_meeting_mode():
    css = (assets_dir() / "dashboard.css").read_text()
    rule = css.split(".meeting-mode .filter-bar,")[1].split("}")[0]
    assert ".meeting-mode .page-control" in rule and ".meeting-mode .navbar-extra" in rule
    assert "display: none" in rule


def test_on_the_data_page_only_the_org_filter_can_be_changed(app):
    tree = render(app, data)
    for name in ("preset", "dates", "campaign", "types"):
        assert control(tree, "data", name)["disabled"] is True, name
    assert not control(tree, "data", "orgs").get("disabled")
    assert "period, campaign or event type" in text_of(find_by_id(tree, "data-scope"))


def test_other_pages_keep_every_filter_usable(app):
    tree = render(app, organizations)
    assert not control(tree, "organizations", "dates").get("disabled")


def shell_of(app) -> dict:
    """The shell as served (built per request when the layout is a function)."""
    with app.server.test_request_context("/"):
        layout = app.layout
        return as_json(layout() if callable(layout) else layout)


def test_the_navbar_lists_the_new_pages_and_a_meeting_mode_link(app):
    shell = shell_of(app)
    names = [p["name"] for p in dash.page_registry.values()]
    assert names[4:] == ["Campaigns", "Network", "Organizations", "Data"]
    assert find_by_id(shell, "nav-meeting")["props"]["href"].endswith("mode=meeting")
    assert find_by_id(shell, "navbar-built") is not None
    assert find_by_id(shell, "shell") is not None
