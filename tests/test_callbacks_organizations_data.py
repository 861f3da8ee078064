"""The Organizations and Data pages, and the navbar's coalition name, through the app's
HTTP callbacks: the scorecard is the metrics layer's, its links open the other pages for
one org with the filters kept, and the Data page follows the org filter only."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from app_fixtures import (
    EMPTY_PERIOD,
    HOSTILE,
    REFUSED_FILE,
    REJECTING_FILE,
    SKIPPED_FILE,
    CallbackClient,
    build_sample_warehouse,
    filter_values,
    find_by_id,
    text_of,
)

from dashboard import formatting
from dashboard.app import create_app
from dashboard.components import table_card
from dashboard.components.navbar import TITLE
from dashboard.db import Warehouse
from dashboard.metrics.compute import metrics_json
from dashboard.metrics.filters import resolve_filters
from dashboard.pages import organizations


@pytest.fixture(scope="module")
def client(sample_warehouse_path) -> CallbackClient:
    return CallbackClient(create_app(sample_warehouse_path))


@pytest.fixture(scope="module")
def warehouse(sample_warehouse_path) -> Warehouse:
    return Warehouse(sample_warehouse_path)


def grid_rows(client, table: str, values, view=None) -> list[dict]:
    response = client.update(f"{table}-grid.rowData", values, state=[view])
    return response[f"{table}-grid"]["rowData"]


# --- organizations --------------------------------------------------------------------


@pytest.mark.parametrize(
    "choice",
    [{}, {"orgs": ["labour", "mutual"]}, {"types": ["rally"]}, {"campaign": "rent-cap"}],
    ids=["default", "two-orgs", "one-type", "campaign"],
)
def test_the_scorecard_is_the_metrics_layer_scorecard(client, warehouse, choice):
    filters = resolve_filters(warehouse, **choice)
    expected = metrics_json(warehouse, filters)["orgs"]
    rows = grid_rows(client, "organizations-scorecard", filter_values(filters))
    assert [r["org_id"] for r in rows] == [o["org_id"] for o in expected]
    for row, org in zip(rows, expected, strict=True):
        for key in ("active_people", "new_people", "events", "attended", "hours", "actions_total"):
            assert row[key] == org[key], (org["org_id"], key)
        assert row["show_rate"] == pytest.approx(org["show_rate"])


def links_of(markdown: str) -> dict[str, str]:
    """'[Turnout](/turnout?...) · ...' → {'Turnout': '/turnout?...'}."""
    parts = [part.strip() for part in markdown.split(" · ")]
    return {part[1 : part.index("]")]: part[part.index("(") + 1 : -1] for part in parts}


def test_each_row_opens_the_other_pages_for_its_org_with_the_filters(client, warehouse):
    filters = resolve_filters(warehouse, types=["rally", "canvass"])
    rows = grid_rows(client, "organizations-scorecard", filter_values(filters))
    links = links_of(next(r for r in rows if r["org_id"] == "faith")["open"])
    assert set(links) == {"Overview", "Engagement", "Retention", "Turnout", "Campaigns"}
    url = urlsplit(links["Engagement"])
    assert url.path == "/engagement"
    assert parse_qs(url.query) == {
        "from": [filters.date_from.isoformat()],
        "to": [filters.date_to.isoformat()],
        "org": ["faith"],
        "type": ["canvass", "rally"],
    }


def test_in_meeting_mode_the_links_stay_in_meeting_mode(client):
    rows = grid_rows(client, "organizations-scorecard", filter_values(), view={"meeting": True})
    url = urlsplit(links_of(rows[0]["open"])["Turnout"])
    assert parse_qs(url.query)["mode"] == ["meeting"]


def test_the_scorecard_csv_is_the_scorecard(client, warehouse):
    filters = resolve_filters(warehouse)
    response = client.update("organizations-scorecard-download.data", [1], filter_values(filters))
    expected = organizations.scorecard(warehouse, filters).write_csv()
    assert response["organizations-scorecard-download"]["data"]["content"] == expected


def test_the_organizations_page_says_its_period(client, warehouse):
    filters = resolve_filters(warehouse)
    response = client.update("organizations-period.children", filter_values(filters))
    assert response["organizations-period"]["children"] == formatting.period(
        filters.date_from, filters.date_to
    )


# --- data -----------------------------------------------------------------------------


def facts(client, values) -> dict:
    response = client.update("data-facts.children", values)
    cards = response["data-facts"]["children"]
    keys = ("files", "rows_loaded", "rows_rejected", "rows_deduplicated", "files_not_loaded")
    return {key: text_of(find_by_id(cards, f"data-fact-{key}-value")) for key in keys}


def test_the_data_facts_add_up_the_files_of_the_selected_orgs(client, warehouse):
    everything = warehouse.query("dashboard/ingest_summary", orgs=None).row(0, named=True)
    shown = facts(client, filter_values())
    assert shown["files"] == formatting.count(everything["files"])
    assert shown["rows_rejected"] == formatting.count(everything["rows_rejected"])
    assert shown["files_not_loaded"] == "2"  # the sample's skipped and refused files
    labour = facts(client, filter_values(orgs=["labour"]))
    assert labour["rows_rejected"] == "2" and labour["files_not_loaded"] == "0"


def test_the_period_campaign_and_types_do_not_change_the_data_page(client):
    usual = facts(client, filter_values())
    assert facts(client, filter_values(**EMPTY_PERIOD)) == usual
    assert facts(client, filter_values(campaign="rent-cap", types=["rally"])) == usual
    rows = grid_rows(client, "data-rejects", filter_values(date_from=EMPTY_PERIOD["date_from"]))
    assert rows == grid_rows(client, "data-rejects", filter_values())


def test_the_data_page_says_when_the_warehouse_was_built(client, warehouse):
    built = warehouse.query("lookups/coalition").item(0, "built_at")
    response = client.update("data-facts.children", filter_values())
    assert response["data-built"]["children"].startswith(
        f"This warehouse was built on {formatting.day(built.date())} at {built:%H:%M} UTC"
    )


def test_skipped_and_refused_files_are_listed_with_why(client):
    rows = grid_rows(client, "data-not-loaded", filter_values())
    assert {(r["source_file"], r["status"]) for r in rows} == {
        (SKIPPED_FILE, "skipped"),
        (REFUSED_FILE, "refused"),
    }
    assert all(r["message"] for r in rows)
    empty = client.update("data-not-loaded-grid.rowData", filter_values(orgs=["labour"]))
    assert "Every file of these orgs was loaded" in empty["data-not-loaded-empty"]["children"]


def test_rejected_rows_are_listed_by_file_and_reason_with_line_numbers(client):
    rows = grid_rows(client, "data-rejects", filter_values(orgs=["labour"]))
    assert {r["source_file"] for r in rows} == {REJECTING_FILE}
    assert sum(r["rows_rejected"] for r in rows) == 2
    assert all(r["example_lines"] and "raw" not in r for r in rows)


def test_every_file_is_listed_and_the_org_filter_narrows_the_list(client, warehouse):
    everything = grid_rows(client, "data-files", filter_values())
    assert len(everything) == warehouse.query("dashboard/ingest_summary", orgs=None).item(0, 0)
    mutual = grid_rows(client, "data-files", filter_values(orgs=["mutual"]))
    assert mutual and all(r["source_file"].startswith("mutual/") for r in mutual)


def test_freshness_has_every_selected_org_and_none_is_stale_in_the_sample(client, warehouse):
    response = client.update("data-freshness-download.data", [1], filter_values(orgs=["faith"]))
    download = response["data-freshness-download"]["data"]
    assert download["filename"] == "data-freshness.csv"  # no period: it does not apply
    lines = download["content"].splitlines()
    assert len(lines) == 2 and lines[1].startswith("faith,")
    assert lines[1].endswith(",false")


def test_an_org_that_sent_nothing_has_an_empty_freshness_chart(tmp_path):
    path = build_sample_warehouse(tmp_path / "data", tmp_path / "w.duckdb", without=("mutual",))
    client = CallbackClient(create_app(path))
    response = client.update("data-freshness-graph.figure", filter_values(orgs=["mutual"]))
    assert (
        response["data-freshness-empty"]["children"]
        == "No acts or events were loaded for these orgs."
    )


@pytest.mark.parametrize("values", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_filters_get_a_readable_message_on_the_data_page(client, values):
    response = client.update("data-facts.children", values)
    status = text_of(response["data-status"]["children"])
    assert status.startswith("Check the filters:") and "Traceback" not in status
    grid = client.update("data-files-grid.rowData", values)
    assert grid["data-files-empty"]["children"].startswith("Check the filters:")
    assert client.update("data-files-download.data", [1], state=values) == {}


@pytest.mark.parametrize("values", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_filters_get_a_readable_message_on_the_scorecard(client, values):
    response = client.update("organizations-scorecard-grid.rowData", values)
    assert response["organizations-scorecard-empty"]["children"].startswith("Check the filters:")
    assert response["organizations-scorecard-grid"]["rowData"] == []


def test_a_grid_pages_only_when_its_rows_exceed_a_page(client):
    files = client.update("data-files-grid.rowData", filter_values())["data-files-grid"]
    assert len(files["rowData"]) > table_card.PAGE_SIZE
    assert files["dashGridOptions"]["pagination"]
    assert files["dashGridOptions"]["paginationPageSize"] == table_card.PAGE_SIZE
    orgs = client.update("organizations-scorecard-grid.rowData", filter_values(), state=[None])
    scorecard = orgs["organizations-scorecard-grid"]
    assert 0 < len(scorecard["rowData"]) <= table_card.PAGE_SIZE
    assert "pagination" not in scorecard["dashGridOptions"]
    assert scorecard["dashGridOptions"]["domLayout"] == "autoHeight"


# --- the navbar -------------------------------------------------------------------------


def test_the_navbar_shows_the_coalitions_name_and_the_age_of_its_data(client, warehouse):
    response = client.update("navbar-brand.children", ["/network"])
    assert response["navbar-brand"]["children"] == "Sample Coalition"
    built = warehouse.query("lookups/coalition").item(0, "built_at")
    assert response["navbar-built"]["children"] == f"Data of {formatting.day(built.date())}"


@pytest.mark.parametrize("pathname", [None, 42, "x" * 100_000, {"a": 1}])
def test_the_navbar_ignores_what_the_location_says(client, pathname):
    response = client.update("navbar-brand.children", [pathname])
    assert response["navbar-brand"]["children"] == "Sample Coalition"


def test_without_a_warehouse_the_navbar_keeps_the_title(tmp_path):
    client = CallbackClient(create_app(tmp_path / "none.duckdb"))
    response = client.update("navbar-brand.children", ["/"])
    assert response["navbar-brand"]["children"] == TITLE
