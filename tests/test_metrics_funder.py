"""`coalition metrics --role funder`: the metrics object with counts of people and
records published perturbed (within D of the coordinator's), every one published below k
null and listed under `suppressed`, rates from the published counts, the rest exactly
the coordinator's; and every count a funder can see has its cell key in the SQL."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta

import pytest

from dashboard.cli import main
from dashboard.db import Warehouse, load_query
from dashboard.metrics.filters import Filters
from dashboard.paths import queries_dir
from dashboard.privacy import NOISE_BOUND, key_column
from dashboard.privacy.rules import KNOWN_COUNTS, QUERY_RULES, funder_refusal

# Keys of metrics.md that count people or records, beyond the columns the rules know.
PEOPLE_KEYS = KNOWN_COUNTS | {"leader", "volunteer", "participant", "supporter", "retained"}


@pytest.fixture(scope="module")
def both(sample_warehouse_path):
    import io
    from contextlib import redirect_stdout

    def run(*extra):
        out = io.StringIO()
        with redirect_stdout(out):
            assert (
                main(
                    [
                        "metrics",
                        "--format",
                        "json",
                        "--warehouse",
                        str(sample_warehouse_path),
                        "--from",
                        "2026-01-01",
                        *extra,
                    ]
                )
                == 0
            )
        return json.loads(out.getvalue())

    return run(), run("--role", "funder")


def at(obj, path: str):
    for step in re.findall(r"[^.\[\]]+", path):
        obj = obj[int(step)] if step.isdigit() else obj[step]
    return obj


def walk(obj, path=""):
    if isinstance(obj, dict):
        for key, value in obj.items():
            yield from walk(value, f"{path}.{key}" if path else key)
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            yield from walk(value, f"{path}[{i}]")
    else:
        yield path, obj


def test_the_coordinators_object_is_unchanged(both):
    coordinator, _ = both
    assert "suppressed" not in coordinator


def test_every_suppressed_path_is_null_for_the_funder_and_a_number_for_a_coordinator(both):
    coordinator, funder = both
    assert funder["suppressed"]
    for path in funder["suppressed"]:
        assert at(funder, path) is None, path
        assert isinstance(at(coordinator, path), int | float), path


def is_count_path(path: str) -> bool:
    return re.sub(r"\[\d+\]$", "", path).rsplit(".", 1)[-1] in PEOPLE_KEYS


def is_rate_path(path: str) -> bool:
    return re.search(r"(rate|share|pct|reciprocity|density)[^.]*$", path) is not None


def test_the_funders_object_says_it_is_perturbed(both):
    coordinator, funder = both
    assert funder["perturbed"] is True
    assert "perturbed" not in coordinator


def test_counts_are_published_within_d_and_everything_else_is_the_coordinators(both):
    coordinator, funder = both
    listed = set(funder["suppressed"])
    moved = 0
    for path, value in walk(coordinator):
        if path in listed:
            continue
        shown = at(funder, path)
        if is_count_path(path) and isinstance(value, int | float):
            assert abs(shown - value) <= NOISE_BOUND, (path, shown, value)
            moved += shown != value
        elif not is_rate_path(path):
            assert shown == value, path
    assert moved > 5  # perturbation happens


def test_the_funders_rates_follow_from_the_published_counts(both):
    _, funder = both
    turnout = funder["turnout"]
    assert turnout["show_rate"] is not None
    assert turnout["show_rate"] == (turnout["rsvps"] - turnout["no_shows"]) / turnout["rsvps"]


def test_every_count_a_funder_sees_has_its_cell_key_beside_it(sample_warehouse_path):
    warehouse = Warehouse(sample_warehouse_path)
    today = date.today()
    params = Filters(today - timedelta(days=400), today, today).params()
    checked = 0
    for path in sorted(queries_dir().glob("*/*.sql")):
        name = str(path.relative_to(queries_dir()).with_suffix(""))
        if name not in QUERY_RULES or name.startswith("lookups/"):
            continue
        declared = {key: params[key] for key in load_query(name).parameters if key in params}
        frame = warehouse.query_with_cell_keys(name, **declared)
        if funder_refusal(name, frame):
            continue
        rules = QUERY_RULES[name]
        for column in (*rules.counts, *rules.count_if):
            if column in frame.columns and not column.startswith("_"):
                assert key_column(column) in frame.columns, (name, column)
                checked += 1
        # a coordinator's frames never carry them
        assert not [c for c in warehouse.query(name, **declared).columns if "__ckey" in c]
    assert checked >= 30


def test_the_funder_gets_no_count_of_people_from_1_to_10(both):
    _, funder = both
    for path, value in walk(funder):
        key = re.sub(r"\[\d+\]$", "", path).rsplit(".", 1)[-1]
        if key in PEOPLE_KEYS and isinstance(value, int | float):
            assert value == 0 or value >= 11, (path, value)


def test_the_paths_are_written_as_the_issue_says(both):
    _, funder = both
    for path in funder["suppressed"]:
        assert re.fullmatch(r"[a-z_]+(\.[a-z_]+|\[\d+\])*(\.[a-z_]+|\[\d+\])", path), path


def test_the_terminal_table_shows_less_than_k(sample_warehouse_path, capsys):
    args = ["metrics", "--role", "funder", "--warehouse", str(sample_warehouse_path)]
    assert main([*args, "--from", "2026-01-01"]) == 0
    assert "<11" in capsys.readouterr().out
