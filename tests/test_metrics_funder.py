"""`coalition metrics --role funder`: the metrics object with every small count of people
or records null and listed under `suppressed`, the rest exactly the coordinator's."""

from __future__ import annotations

import json
import re

import pytest

from dashboard.cli import main
from dashboard.privacy.rules import KNOWN_COUNTS

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


def test_everything_not_suppressed_is_the_coordinators_number(both):
    coordinator, funder = both
    listed = set(funder["suppressed"])
    for path, value in walk(coordinator):
        if path not in listed:
            assert at(funder, path) == value, path


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
