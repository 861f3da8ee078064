"""Layouts as plain Python: what each page renders for a URL, the shell built from the
page registry, and the reading of filter values from links and callbacks."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from urllib.parse import parse_qs

import dash
import plotly
import pytest
from app_fixtures import find_by_id, text_of

from dashboard.app import create_app
from dashboard.components.filter_bar import matching_preset, preset_ranges
from dashboard.components.filter_input import (
    MAX_VALUES,
    Choices,
    filters_from_inputs,
    filters_from_url,
    parse_date,
    parse_names,
    url_search,
)
from dashboard.db import Warehouse
from dashboard.metrics.filters import FilterError, resolve_filters
from dashboard.pages import overview, page_modules, turnout

PAGES = tuple(page_modules())


@pytest.fixture(scope="module")
def app(sample_warehouse_path):
    return create_app(sample_warehouse_path)


@pytest.fixture(scope="module")
def warehouse(sample_warehouse_path) -> Warehouse:
    return Warehouse(sample_warehouse_path)


def as_json(component):
    """A component tree as the browser receives it (plain JSON all the way down)."""
    return json.loads(json.dumps(component, cls=plotly.utils.PlotlyJSONEncoder))


def served_shell(app) -> dict:
    """The shell as served: built per request, for the visitor (here: open access)."""
    with app.server.test_request_context("/"):
        layout = app.layout
        return as_json(layout() if callable(layout) else layout)


def render(app, page, **query) -> dict:
    """A page's layout for a query string, serialised."""
    with app.server.test_request_context("/"):
        return as_json(page.layout(**query))


def control(tree, page: str, name: str) -> dict:
    """The props of one filter bar control, found by its id."""

    def walk(node):
        if isinstance(node, list):
            for child in node:
                yield from walk(child)
        elif isinstance(node, dict):
            props = node.get("props", {})
            yield node
            yield from walk(props.get("children"))

    for node in walk(tree):
        if node.get("props", {}).get("id") == {"page": page, "filter": name}:
            return node["props"]
    raise AssertionError(f"no {name} control on {page}")


def all_ids(tree) -> set:
    found = set()

    def walk(node):
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict) and "props" in node:
            component_id = node["props"].get("id")
            if component_id is not None:
                found.add(
                    component_id
                    if isinstance(component_id, str)
                    else tuple(sorted(component_id.items()))
                )
            for value in node["props"].values():
                walk(value)

    walk(tree)
    return found


# --- pages --------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.PAGE)
def test_a_page_without_query_shows_the_default_period_as_last_12_months(app, warehouse, page):
    tree = render(app, page)
    default = resolve_filters(warehouse)
    dates = control(tree, page.PAGE, "dates")
    assert (dates["start_date"], dates["end_date"]) == (
        default.date_from.isoformat(),
        default.date_to.isoformat(),
    )
    assert control(tree, page.PAGE, "preset")["value"] == "12m"
    assert control(tree, page.PAGE, "orgs")["value"] == []
    assert control(tree, page.PAGE, "campaign")["value"] is None
    assert find_by_id(tree, f"{page.PAGE}-link-problems") is None


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.PAGE)
def test_a_link_reproduces_its_filters_in_the_filter_bar(app, page):
    tree = render(
        app,
        page,
        **{
            "from": "2026-02-01",
            "to": "2026-04-30",
            "org": ["tenants", "labour"],
            "campaign": "rent-cap",
            "type": ["rally", "canvass"],
        },
    )
    dates = control(tree, page.PAGE, "dates")
    assert (dates["start_date"], dates["end_date"]) == ("2026-02-01", "2026-04-30")
    assert control(tree, page.PAGE, "preset")["value"] == "custom"
    assert control(tree, page.PAGE, "orgs")["value"] == ["labour", "tenants"]
    assert control(tree, page.PAGE, "campaign")["value"] == "rent-cap"
    assert control(tree, page.PAGE, "types")["value"] == ["canvass", "rally"]
    assert find_by_id(tree, f"{page.PAGE}-link-problems") is None


def test_a_link_with_a_single_org_reads_it_as_a_one_org_filter(app):
    tree = render(app, overview, org="faith")
    assert control(tree, "overview", "orgs")["value"] == ["faith"]


@pytest.mark.parametrize(
    ("query", "says"),
    [
        ({"org": ["tenants", "nope"]}, "Ignored org 'nope' from the link"),
        ({"campaign": "'; drop table campaigns; --"}, "Ignored campaign"),
        ({"type": "picnic"}, "Ignored event type 'picnic'"),
        ({"from": "2026-02-30"}, "does not exist"),
        ({"to": "soon"}, "is not a date"),
        ({"from": "2026-05-01", "to": "2026-01-01"}, "starts (2026-05-01) after it ends"),
        ({"from": (date.today() + timedelta(days=365)).isoformat()}, "Ignored the period"),
        ({"from": "2199-01-01"}, "Ignored `from`: the start date 2199-01-01 is outside"),
        ({"from": ["2026-01-01", "2026-02-01"]}, "gives it 2 times"),
        ({"orgs": "tenants"}, "unknown link parameter 'orgs'"),
    ],
    ids=[
        "unknown-org",
        "sql-campaign",
        "unknown-type",
        "no-such-day",
        "words",
        "reversed",
        "from-after-default-end",
        "far-future",
        "repeated",
        "misspelt-key",
    ],
)
def test_a_bad_link_opens_the_page_with_a_readable_message(app, query, says):
    tree = render(app, overview, **query)
    problems = find_by_id(tree, "overview-link-problems")
    assert problems is not None
    assert says in text_of(problems)
    assert control(tree, "overview", "dates")["start_date"]  # the page still works


def test_a_bad_org_in_a_link_keeps_the_good_ones(app):
    tree = render(app, overview, org=["tenants", "nope"])
    assert control(tree, "overview", "orgs")["value"] == ["tenants"]


def test_layouts_run_no_metric_query_and_each_lookup_once(app, monkeypatch):
    names = []
    original = Warehouse.query
    monkeypatch.setattr(
        Warehouse, "query", lambda self, name, **p: names.append(name) or original(self, name, **p)
    )
    for page in PAGES:
        names.clear()
        render(app, page)
        assert sorted(names) == [
            "dashboard/data_span",
            "lookups/campaigns",
            "lookups/organizations",
            "metrics/default_period_end",
        ]


def test_a_missing_warehouse_gives_a_page_that_says_so(tmp_path):
    tree = render(create_app(tmp_path / "none.duckdb"), turnout)
    message = text_of(find_by_id(tree, "turnout-page-problem"))
    assert "no warehouse at" in message and "coalition ingest" in message


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.PAGE)
def test_every_chart_has_a_note_a_download_and_an_empty_state(app, page):
    tree = render(app, page)
    ids = all_ids(tree)
    for chart in getattr(page, "CHARTS", ()):
        assert chart.note and len(chart.note) < 220, chart.id
        for suffix in ("graph", "empty", "download", "download-button", "note"):
            assert f"{chart.id}-{suffix}" in ids, f"{chart.id}-{suffix}"
    for table in getattr(page, "TABLES", ()):
        assert table.note and len(table.note) < 220, table.id
        for suffix in ("grid", "empty", "download", "download-button", "note"):
            assert f"{table.id}-{suffix}" in ids, f"{table.id}-{suffix}"
    summary = getattr(page, "SUMMARY", None)
    for kpi in summary.kpis if summary else ():
        assert kpi.note, kpi.key


def test_every_callback_reads_and_writes_components_that_exist(app):
    """suppress_callback_exceptions is on (pages come and go), so check ids here."""
    ids = all_ids(served_shell(app))
    for page in PAGES:
        ids |= all_ids(render(app, page))
    ids.add("_pages_location")
    for callback in app.callback_map.values():
        for dependency in callback["inputs"] + callback["state"]:
            component_id = dependency["id"]
            if '["ALL"]' in component_id:  # the shell's wildcard over whichever page is open
                continue
            if component_id.startswith("{"):
                component_id = tuple(
                    sorted((k, v) for k, v in re.findall(r'"(\w+)":"([^"]*)"', component_id))
                )
            assert component_id in ids, component_id
    for output in (o for cb in app.callback_map for o in cb.strip(".").split("...")):
        component = output.rsplit(".", 1)[0]
        if not component.startswith("{"):
            assert component in ids, component


def test_component_ids_are_prefixed_by_their_page(app):
    for page in PAGES:
        for component_id in all_ids(render(app, page)):
            if isinstance(component_id, str):
                assert component_id.startswith(f"{page.PAGE}-"), component_id
            else:
                assert dict(component_id)["page"] == page.PAGE


# --- the shell ----------------------------------------------------------------------


def test_the_navbar_lists_every_registered_page_in_order(app):
    links = [(c["props"]["children"], c["props"]["href"]) for c in _nav_links(served_shell(app))]
    assert links == [(p["name"], p["relative_path"]) for p in dash.page_registry.values()]
    assert links[:4] == [
        ("Overview", "/"),
        ("Engagement", "/engagement"),
        ("Retention", "/retention"),
        ("Turnout", "/turnout"),
    ]


def _nav_links(node):
    if isinstance(node, list):
        for child in node:
            yield from _nav_links(child)
    elif isinstance(node, dict):
        if node.get("type") == "NavLink":
            yield node
        yield from _nav_links(node.get("props", {}).get("children"))


def test_creating_the_app_reads_no_data(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the app read data while starting")

    monkeypatch.setattr(Warehouse, "query", refuse)
    create_app(tmp_path / "none.duckdb")


def test_bootstrap_is_served_from_the_installed_package(app):
    client = app.server.test_client()
    css = client.get("/vendor/bootstrap/bootstrap.min.css")
    assert css.status_code == 200 and b"Bootstrap" in css.data[:200]
    assert client.get("/vendor/bootstrap/bootstrap.bundle.js").status_code == 404
    assert b"/vendor/bootstrap/bootstrap.min.css" in client.get("/").data


# --- reading filter values ------------------------------------------------------------


def test_url_search_round_trips_through_the_link_reader(warehouse):
    filters = resolve_filters(
        warehouse,
        date_from=date(2026, 1, 5),
        date_to=date(2026, 6, 7),
        orgs=["tenants", "mutual"],
        campaign="rent-cap",
        types=["rally"],
    )
    query = {
        key: values[0] if len(values) == 1 else values
        for key, values in parse_qs(url_search(filters)[1:]).items()
    }
    again, problems = filters_from_url(warehouse, query, Choices.load(warehouse))
    assert problems == []
    assert again == filters


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-03-14", date(2026, 3, 14)),
        ("2026-03-14T00:00:00", date(2026, 3, 14)),
        (None, None),
        ("", None),
    ],
)
def test_dates_are_read_with_or_without_a_time(value, expected):
    assert parse_date(value, "start") == expected


@pytest.mark.parametrize(
    "value", ["14/03/2026", "2026-3-14", 20260314, ["2026-03-14"], "1066-10-14", "2026-03-14; drop"]
)
def test_other_date_forms_are_refused(value):
    with pytest.raises(FilterError):
        parse_date(value, "start")


def test_a_list_of_ids_is_bounded():
    assert parse_names(["a"] * MAX_VALUES, "org") == ("a",) * MAX_VALUES
    with pytest.raises(FilterError, match="at most"):
        parse_names(["a"] * (MAX_VALUES + 1), "org")


def test_callback_inputs_go_through_the_metrics_validation(warehouse):
    with pytest.raises(FilterError, match="unknown org: ghost"):
        filters_from_inputs(warehouse, None, None, ["ghost"], None, None)
    filters = filters_from_inputs(warehouse, "2026-01-01", "2026-01-31", "tenants", "", [])
    assert (filters.orgs, filters.campaign, filters.types) == (("tenants",), None, None)


def test_presets_are_anchored_to_the_default_period_end():
    anchor = date(2026, 5, 20)
    ranges = preset_ranges(anchor, first=date(2024, 3, 1))
    assert ranges == {
        "30d": (date(2026, 4, 21), anchor),
        "90d": (date(2026, 2, 20), anchor),
        "12m": (anchor - timedelta(days=364), anchor),
        "ytd": (date(2026, 1, 1), anchor),
        "all": (date(2024, 3, 1), anchor),
    }
    assert matching_preset(ranges, date(2026, 1, 1), anchor) == "ytd"
    assert matching_preset(ranges, date(2026, 1, 2), anchor) == "custom"
    assert preset_ranges(anchor, first=None)["all"] == (anchor, anchor)


@pytest.mark.parametrize(
    ("orgs", "limited", "said"),
    [
        ((("a", "Alpha"), ("b", "Beta")), False, "All member orgs"),
        ((("a", "Alpha"),), True, "Alpha (your org)"),
        ((("a", "Alpha"), ("b", "Beta")), True, "Your 2 member orgs"),
    ],
)
def test_an_empty_org_filter_says_whose_orgs_it_means(orgs, limited, said):
    assert Choices(orgs, (), limited=limited).every_org == said
