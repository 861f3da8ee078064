"""A running dashboard serves a rebuilt warehouse without a restart (data-contract §6),
even while requests still hold cursors on the old file."""

from __future__ import annotations

import shutil

from app_fixtures import build_sample_warehouse

from dashboard.db import Warehouse

ORGS = "select count(distinct org_id) as orgs from engagement_acts"


def test_a_rebuilt_file_is_read_while_a_cursor_on_the_old_one_is_still_open(
    tmp_path, sample_warehouse_path
):
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(sample_warehouse_path, path)
    warehouse = Warehouse(path)
    before = warehouse.query("lookups/organizations").height
    in_flight = warehouse.cursor()  # a request still running on the old file
    assert in_flight.sql(ORGS).fetchall() == [(4,)]

    build_sample_warehouse(tmp_path / "smaller", path, without=("mutual", "faith"))

    # DuckDB hands out one database per path per process; the warehouse must not be
    # given the old file's instance back just because a cursor keeps it alive.
    cursor = warehouse.cursor()
    try:
        assert cursor.sql(ORGS).fetchall() == [(2,)]
    finally:
        cursor.close()
    assert in_flight.sql(ORGS).fetchall() == [(4,)]  # the old request finishes undisturbed
    in_flight.close()
    assert warehouse.query("lookups/organizations").height == before  # organizations.csv
