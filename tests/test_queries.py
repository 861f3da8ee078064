"""The contract of queries/: every file says what it returns, its grain and its
parameters; every declared parameter is bound (and only those); every file is used; the
macros of queries/macros/ are each used, and shared SQL is said only there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.db import load_query
from dashboard.paths import PACKAGE_DIR, queries_dir

QUERY_FILES = sorted(queries_dir().rglob("*.sql"))
NAMED_QUERIES = [p for p in QUERY_FILES if p.parent.name not in ("ingest", "macros")]
MACRO_FILES = [p for p in QUERY_FILES if p.parent.name == "macros"]
PARAMETER = re.compile(r"\$([a-z_]+)")
MACRO = re.compile(r"^create macro ([a-z_]+)\(", re.MULTILINE)


def query_name(path: Path) -> str:
    return path.relative_to(queries_dir()).with_suffix("").as_posix()


def header(path: Path) -> str:
    lines = path.read_text().splitlines()
    taken = []
    for line in lines:
        if not line.startswith("--"):
            break
        taken.append(line)
    return "\n".join(taken)


def package_source() -> str:
    return "\n".join(p.read_text() for p in PACKAGE_DIR.rglob("*.py"))


@pytest.mark.parametrize("path", QUERY_FILES, ids=query_name)
def test_every_query_file_starts_with_a_header_comment(path):
    text = header(path)
    assert text, f"{path} has no header comment"
    assert "Parameters" in text or "parameters" in text, f"{path}: header names no parameters"


@pytest.mark.parametrize("path", NAMED_QUERIES, ids=query_name)
def test_declared_parameters_are_exactly_those_the_query_uses(path):
    declared = set(PARAMETER.findall(header(path)))
    assert declared == set(load_query(query_name(path)).parameters)


@pytest.mark.parametrize("path", QUERY_FILES, ids=query_name)
def test_every_query_file_is_used_by_the_package(path):
    source = package_source()
    reference = path.name if path.parent.name == "ingest" else f'"{query_name(path)}"'
    assert reference in source, f"{path} is not used anywhere in dashboard/"


def macro_names() -> list[str]:
    return [name for path in MACRO_FILES for name in MACRO.findall(path.read_text())]


def test_the_metric_macros_are_found():
    assert {"scoped_acts", "event_turnout", "turnout_by", "month_spine"} <= set(macro_names())


# Macros no query needs, kept for analysts using the DuckDB CLI on the warehouse's copy.
FOR_ANALYSTS = {"scoped_attendance"}


@pytest.mark.parametrize("macro", sorted(set(macro_names()) - FOR_ANALYSTS))
def test_every_macro_is_used_by_a_query_or_another_macro(macro):
    calls = re.compile(rf"\b{macro}\(")
    users = [
        path
        for path in QUERY_FILES
        if len(calls.findall(path.read_text())) > (path in MACRO_FILES)  # its definition
    ]
    assert users, f"macro {macro} is used nowhere in queries/"


@pytest.mark.parametrize("path", NAMED_QUERIES, ids=query_name)
def test_queries_say_no_shared_sql_of_their_own(path):
    """Macros live in queries/macros/ (the app defines them from there); a month list or
    the turnout sums written out in a query would drift from the others."""
    body = load_query(query_name(path)).sql
    assert "create macro" not in body.lower()
    assert "generate_series(" not in body, "use month_spine($date_from, $date_to)"


@pytest.mark.parametrize(
    "name",
    [
        "dashboard/turnout_by_event_type",
        "dashboard/turnout_by_org",
        "dashboard/turnout_by_month",
        "metrics/org_scorecard",
    ],
)
def test_turnout_per_group_is_summed_by_one_macro(name):
    body = load_query(name).sql
    assert "turnout_by(" in body
    assert "sum(attended_with_rsvp)" not in body and "sum(rsvps)" not in body


def test_the_runner_refuses_to_run_a_query_without_all_its_parameters(tmp_path):
    from dashboard.db import Warehouse

    with pytest.raises(TypeError, match="needs parameters"):
        Warehouse(tmp_path / "unused.duckdb").query("metrics/volunteering", date_from=None)


def test_query_names_cannot_escape_the_queries_folder():
    with pytest.raises(ValueError):
        load_query("../pyproject")
