"""The background warm-up: the preset views are computed before anyone opens them, and
again after a rebuild; a failing or missing warehouse never stops the server."""

from __future__ import annotations

import shutil
from datetime import date

from app_fixtures import build_sample_warehouse

from dashboard import warmup
from dashboard.app import PAGE_CONTENTS, create_app
from dashboard.components.kpi_card import summary_values
from dashboard.db import Warehouse


def page_contents(tmp_path) -> dict:
    app = create_app(tmp_path / "unused.duckdb", warm=False)
    return {content.page: content for content in app.server.extensions[PAGE_CONTENTS]}


def test_every_page_with_data_hands_its_content_to_the_warm_up(tmp_path):
    pages_with_data = {"overview", "engagement", "retention", "turnout", "campaigns", "network"}
    contents = page_contents(tmp_path)
    assert pages_with_data <= set(contents)
    assert contents["overview"].summary is not None
    assert len(contents["turnout"].cards) >= 4
    assert contents["network"].extras  # the graph's layout


def test_the_presets_are_the_filter_bars_with_the_default_first(sample_warehouse_path):
    warehouse = Warehouse(sample_warehouse_path)
    today = date.today()
    presets = warmup.preset_filters(warehouse, today)
    assert len(presets) == len(warmup.PRESET_ORDER)
    assert (presets[0].date_to - presets[0].date_from).days == 364  # the default: 12 months
    assert all(f.orgs is None and f.campaign is None and f.types is None for f in presets)


def test_after_a_warm_up_the_preset_views_are_answered_from_the_cache(
    tmp_path, sample_warehouse_path
):
    contents = page_contents(tmp_path)
    warehouse = Warehouse(sample_warehouse_path)
    today = date.today()
    assert warmup.warm(warehouse, contents.values(), today) > 0
    computed = warehouse.cache.misses

    for filters in warmup.preset_filters(warehouse, today):
        summary_values(contents["overview"].summary, warehouse, filters)
        for card in contents["turnout"].cards:
            card.table(warehouse, filters)
    assert warehouse.cache.misses == computed  # nothing computed again


def test_the_served_app_warms_in_the_background_and_again_after_a_rebuild(
    tmp_path, sample_warehouse_path
):
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(sample_warehouse_path, path)
    app = create_app(path, warm=True)
    warmer = app.server.extensions[warmup.EXTENSION]
    warmer.check_seconds = 0.2
    try:
        assert warmer.done.wait(60)
        first = warmer.warmed_version
        warehouse = warmer.warehouse
        assert len(warehouse.cache) > 0

        warmer.done.clear()
        build_sample_warehouse(tmp_path / "rebuilt", path, without=("faith",))
        assert warmer.done.wait(60)
        assert warmer.warmed_version != first
        assert all(key[0] == warmer.warmed_version for key in warehouse.cache._frames)
    finally:
        warmer.stop.set()
        warmer.join(10)


def test_no_warehouse_yet_is_waited_out(tmp_path):
    app = create_app(tmp_path / "missing.duckdb", warm=True)
    warmer = app.server.extensions[warmup.EXTENSION]
    warmer.stop.set()
    warmer.join(10)
    assert not warmer.is_alive()
    assert not warmer.done.is_set()


def test_the_environment_turns_it_off(monkeypatch, tmp_path):
    monkeypatch.setenv("COALITION_WARMUP", "0")
    app = create_app(tmp_path / "missing.duckdb")
    assert warmup.EXTENSION not in app.server.extensions


def test_the_network_layout_is_computed_ahead_too(tmp_path, sample_warehouse_path):
    from dashboard.figures import graph_layout

    contents = page_contents(tmp_path)
    graph_layout._settled.cache_clear()
    warmup.warm(Warehouse(sample_warehouse_path), [contents["network"]], date.today())
    assert graph_layout._settled.cache_info().currsize > 0
