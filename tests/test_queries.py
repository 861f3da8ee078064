"""The contract of queries/: every file says what it returns, its grain and its
parameters; every declared parameter is bound (and only those); every file is used."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.db import load_query
from dashboard.paths import PACKAGE_DIR, queries_dir

QUERY_FILES = sorted(queries_dir().rglob("*.sql"))
NAMED_QUERIES = [p for p in QUERY_FILES if p.parent.name != "ingest"]
PARAMETER = re.compile(r"\$([a-z_]+)")


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


def test_the_runner_refuses_to_run_a_query_without_all_its_parameters(tmp_path):
    from dashboard.db import Warehouse

    with pytest.raises(TypeError, match="needs parameters"):
        Warehouse(tmp_path / "unused.duckdb").query("metrics/volunteering", date_from=None)


def test_query_names_cannot_escape_the_queries_folder():
    with pytest.raises(ValueError):
        load_query("../pyproject")
