"""One settings module: every COALITION_* variable parsed and checked at start-up, a
one-line error naming the variable and its value, and the README's table kept whole."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard import settings
from dashboard.app import create_app
from dashboard.cli import main
from dashboard.settings import SETTINGS, SettingsError

ROOT = Path(__file__).resolve().parent.parent


def test_unset_variables_give_the_defaults():
    chosen = settings.load({})
    assert chosen.cache_mb == 256
    assert chosen.shared_results is True and chosen.warmup is True
    assert chosen.secure_cookies is False
    assert chosen.warehouse is None and chosen.key is None and chosen.chromium is None
    assert chosen.duckdb_threads is None and chosen.duckdb_memory is None


def test_values_are_parsed_into_their_types():
    chosen = settings.load(
        {
            "COALITION_CACHE_MB": "64.5",
            "COALITION_WARMUP": "off",
            "COALITION_SHARED_RESULTS": "No",
            "COALITION_SECURE_COOKIES": "1",
            "COALITION_DUCKDB_THREADS": "2",
            "COALITION_DUCKDB_MEMORY": "1GB",
            "COALITION_TRUSTED_USER_HEADER": "X-Forwarded-User",
            "COALITION_WAREHOUSE": "/srv/w.duckdb",
        }
    )
    assert chosen.cache_mb == 64.5
    assert chosen.warmup is False and chosen.shared_results is False
    assert chosen.secure_cookies is True
    assert chosen.duckdb_threads == 2 and chosen.duckdb_memory == "1GB"
    assert chosen.trusted_user_header == "X-Forwarded-User"
    assert chosen.warehouse == Path("/srv/w.duckdb")


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("COALITION_CACHE_MB", "lots"),
        ("COALITION_CACHE_MB", "-1"),
        ("COALITION_WARMUP", "maybe"),
        ("COALITION_SHARED_RESULTS", "2"),
        ("COALITION_SECURE_COOKIES", "y"),
        ("COALITION_DUCKDB_THREADS", "0"),
        ("COALITION_DUCKDB_THREADS", "two"),
        ("COALITION_DUCKDB_MEMORY", "a lot"),
        ("COALITION_TRUSTED_USER_HEADER", "X User: evil"),
    ],
)
def test_a_bad_value_is_named_with_its_variable(variable, value):
    with pytest.raises(SettingsError) as raised:
        settings.load({variable: value})
    message = str(raised.value)
    assert message.startswith(f"{variable}={value!r}: ")
    assert "\n" not in message


def test_every_command_refuses_a_bad_setting_in_one_line(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("COALITION_CACHE_MB", "lots")
    code = main(["metrics", "--warehouse", str(tmp_path / "none.duckdb")])
    error = capsys.readouterr().err
    assert code == 2
    assert error == "coalition metrics: COALITION_CACHE_MB='lots': not a number of megabytes\n"


def test_the_app_refuses_a_bad_setting_at_start(monkeypatch, tmp_path):
    monkeypatch.setenv("COALITION_DUCKDB_THREADS", "many")
    with pytest.raises(SettingsError, match="COALITION_DUCKDB_THREADS='many'"):
        create_app(tmp_path / "none.duckdb", warm=False)


def test_no_module_but_settings_reads_the_environment():
    readers = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "dashboard").rglob("*.py")
        if re.search(r"os\.environ|os\.getenv|getenv\(", path.read_text(encoding="utf-8"))
    ]
    assert readers == ["dashboard/settings.py"]


def test_the_readme_lists_every_setting_with_its_default():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = {
        match[0]: match[1].strip()
        for match in re.findall(r"^\| `(COALITION_[A-Z_]+)` \| ([^|]+) \|", readme, re.M)
    }
    assert rows == {s.variable: s.shown_default for s in SETTINGS}


def test_the_wsgi_entry_point_stops_in_one_line(tmp_path):
    import os
    import subprocess
    import sys

    run = subprocess.run(
        [sys.executable, "-c", "import dashboard.wsgi"],
        env=os.environ | {"COALITION_DUCKDB_MEMORY": "huge"},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert run.stderr.strip().splitlines() == [
        "coalition dashboard: COALITION_DUCKDB_MEMORY='huge': "
        'not a size DuckDB reads, such as "512MB" or "2GB"'
    ]
