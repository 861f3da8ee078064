"""What a warehouse file cannot change about the app's answers: the metric macros come
from this code's queries/macros/, never from the copy stored in the warehouse; cached
answers carry a digest of the SQL that computed them; a warehouse of another schema
version is refused with a message (and rebuilt by `coalition serve`)."""

from __future__ import annotations

import argparse
import json
import shutil
from datetime import date

import duckdb
import plotly
import pytest
from app_fixtures import find_by_id, text_of

from dashboard import db
from dashboard.app import create_app
from dashboard.cli import main
from dashboard.cli import serve as serve_command
from dashboard.components.problems import problem_message
from dashboard.db import Warehouse, WarehouseMissing, WarehouseOutdated
from dashboard.metrics import metrics_json, resolve_filters
from dashboard.pages import turnout
from dashboard.schema_version import SCHEMA_VERSION, warehouse_is_current

# Wrong on purpose, as an older or tampered-with warehouse might store them.
PLANTED = """
create or replace macro scoped_acts(orgs, campaign, types) as table
    select * from engagement_acts where false;
create or replace macro event_turnout(orgs, campaign, types, date_from, date_to, as_of) as table
    select * exclude (rsvp, attended, walk_in, no_show), 0 as rsvps, 0 as attended,
        0 as attended_with_rsvp, 0 as walk_ins, 0 as no_shows
    from scoped_event_counts(orgs, campaign, types) where false;
create or replace macro month_spine(date_from, date_to) as table
    select date '1900-01-01' as month;
"""
PARAMETERS = {
    "date_from": date(2025, 1, 1),
    "date_to": date(2025, 12, 31),
    "as_of": date(2026, 1, 1),
    "orgs": None,
    "campaign": None,
    "types": None,
}


@pytest.fixture
def copy(tmp_path, sample_warehouse_path):
    path = tmp_path / "warehouse.duckdb"
    shutil.copy(sample_warehouse_path, path)
    return path


def change(path, sql: str, parameters: dict | None = None) -> None:
    with duckdb.connect(str(path)) as connection:
        connection.execute(sql, parameters)


def all_metrics(path) -> dict:
    warehouse = Warehouse(path, cache_bytes=0)
    try:
        filters = resolve_filters(warehouse, as_of=date(2026, 1, 1))
        return json.loads(json.dumps(metrics_json(warehouse, filters), default=str))
    finally:
        warehouse.close()


def test_macros_planted_in_the_warehouse_change_none_of_the_apps_numbers(copy):
    before = all_metrics(copy)
    warehouse = Warehouse(copy, cache_bytes=0)
    by_month = warehouse.query("dashboard/turnout_by_month", **PARAMETERS)
    warehouse.close()
    assert before["engagement"]["active_people"] > 0 and by_month.height == 12

    change(copy, PLANTED)
    with duckdb.connect(str(copy), read_only=True) as cli_user:  # the planted copy is live
        assert cli_user.sql("select count(*) from scoped_acts(null, null, null)").fetchall() == [
            (0,)
        ]

    assert all_metrics(copy) == before
    warehouse = Warehouse(copy, cache_bytes=0)
    assert warehouse.query("dashboard/turnout_by_month", **PARAMETERS).equals(by_month)
    warehouse.close()


def test_the_ingest_stores_a_copy_of_the_macros_and_the_schema_version(sample_warehouse_path):
    with duckdb.connect(str(sample_warehouse_path), read_only=True) as connection:
        macros = {
            name
            for (name,) in connection.sql(
                "select function_name from duckdb_functions() where function_type = 'table_macro'"
            ).fetchall()
        }
        version = connection.sql("select schema_version from warehouse_info").fetchall()
    assert {"scoped_acts", "turnout_by", "month_spine"} <= macros
    assert version == [(SCHEMA_VERSION,)]


def test_a_changed_macro_is_not_answered_from_the_files_of_an_older_version(copy, monkeypatch):
    """Answers shared through files outlive the process: a new version of a macro, on the
    same warehouse file, computes afresh instead of reading its predecessor's answer."""
    monkeypatch.setenv("COALITION_SHARED_RESULTS", "1")
    old = Warehouse(copy).query("metrics/turnout", **PARAMETERS)
    assert old.item(0, "walk_ins") > 0

    text = db._query_text
    macros = db.metric_macros_sql()
    changed = macros.replace("attended + walk_in as attended", "attended as attended")
    assert changed != macros
    monkeypatch.setattr(
        db, "_query_text", lambda name: changed if name == db.METRIC_MACROS else text(name)
    )
    db.load_query.cache_clear()
    try:
        new = Warehouse(copy).query("metrics/turnout", **PARAMETERS)  # a new process
    finally:
        db.load_query.cache_clear()
    assert new.item(0, "attended") == old.item(0, "attended") - old.item(0, "walk_ins")


@pytest.mark.parametrize(
    "outdate",
    [
        ("drop table warehouse_info", None),  # built before versions were recorded
        ("update warehouse_info set schema_version = $v", {"v": SCHEMA_VERSION - 1}),
    ],
    ids=["no version", "older version"],
)
def test_an_older_warehouse_is_refused_with_a_message(copy, outdate, capsys):
    assert warehouse_is_current(copy)
    change(copy, *outdate)
    assert not warehouse_is_current(copy)

    with pytest.raises(WarehouseOutdated) as refused:
        Warehouse(copy).query("lookups/organizations")
    message = str(refused.value)
    assert message == (
        f"the warehouse at {copy} was built by an older version of Coalition Dashboard: "
        "run `coalition ingest`"
    )
    assert isinstance(refused.value, WarehouseMissing)  # every reader's handling of it
    assert problem_message(refused.value, "test") == message

    assert main(["metrics", "--warehouse", str(copy)]) == 1
    err = capsys.readouterr().err
    assert "built by an older version" in err and "Traceback" not in err

    app = create_app(copy)
    with app.server.test_request_context("/"):
        tree = json.loads(json.dumps(turnout.layout(), cls=plotly.utils.PlotlyJSONEncoder))
    assert "built by an older version" in text_of(find_by_id(tree, "turnout-page-problem"))


def test_a_newer_warehouse_is_refused_too(copy):
    change(copy, "update warehouse_info set schema_version = $v", {"v": SCHEMA_VERSION + 1})
    assert not warehouse_is_current(copy)
    with pytest.raises(WarehouseOutdated, match="built by a newer version"):
        Warehouse(copy).query("lookups/organizations")


def test_no_file_or_not_a_warehouse_is_not_current(tmp_path):
    assert not warehouse_is_current(tmp_path / "none.duckdb")
    (tmp_path / "junk.duckdb").write_text("not a database")
    assert not warehouse_is_current(tmp_path / "junk.duckdb")


@pytest.mark.parametrize("outdated", [False, True])
def test_serve_rebuilds_an_outdated_warehouse(copy, sample_warehouse_path, monkeypatch, outdated):
    if outdated:
        change(copy, "drop table warehouse_info")
    ingests = []
    monkeypatch.setattr(serve_command, "_ingest_in_child", lambda data, path: ingests.append(path))
    monkeypatch.setattr(serve_command, "_newest_mtime", lambda folder: 0.0)  # the data is older
    monkeypatch.setattr("dashboard.server.serve", lambda *args, **kwargs: 0)
    args = argparse.Namespace(
        data=str(sample_warehouse_path.parent / "data"),
        warehouse=str(copy),
        host="127.0.0.1",
        port=0,
        workers=1,
    )
    assert serve_command.cmd_serve(args) == 0
    assert ingests == ([copy] if outdated else [])
