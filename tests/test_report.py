"""The impact report: one self-contained HTML file (inline CSS and SVG, no scripts, one
printed page per section), as each role may read it, and `coalition report` writing it
as HTML or, through the local headless Chromium, as PDF."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from access_helpers import OTHER_ORG_NAMES, text_numbers

import dashboard.access.gated_warehouse as gated_module
from dashboard.access.gated_warehouse import GatedWarehouse
from dashboard.access.roles import COORDINATOR, FUNDER, Viewer
from dashboard.cli import main
from dashboard.db import Warehouse
from dashboard.metrics.compute import metrics_json
from dashboard.metrics.filters import resolve_filters
from dashboard.report.build import report_for
from dashboard.report.pdf import find_browser
from dashboard.report.render import SECTIONS

SECTION_IDS = ("reach", "ladder", "retention", "turnout", "campaigns", "network", "contributions")


@pytest.fixture(scope="module")
def warehouse(sample_warehouse_path):
    return Warehouse(sample_warehouse_path)


@pytest.fixture(scope="module")
def filters(warehouse):
    return resolve_filters(warehouse)


@pytest.fixture(scope="module")
def funder_report(warehouse, filters):
    return report_for(warehouse, Viewer(FUNDER, name="fran"), filters)


@pytest.fixture(scope="module")
def coordinator_report(warehouse, filters):
    return report_for(warehouse, Viewer(COORDINATOR, name="chris"), filters)


class Counts(HTMLParser):
    """The counts a report shows: <data class="count" value=…> and suppressed spans."""

    def __init__(self):
        super().__init__()
        self.values, self.suppressed = [], 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "data" and attributes.get("class") == "count":
            self.values.append(float(attributes["value"]))
        if tag == "span" and attributes.get("class") == "suppressed":
            self.suppressed += 1


def counts_of(html: str) -> Counts:
    parser = Counts()
    parser.feed(html)
    return parser


def test_the_report_has_its_seven_sections_one_printed_page_each(coordinator_report):
    assert len(SECTIONS) == 7
    for section in SECTION_IDS:
        assert f'<section class="report-section" id="{section}">' in coordinator_report
    assert "break-after: page" in coordinator_report
    assert "@page" in coordinator_report


def test_the_report_reads_offline_charts_inline_and_nothing_fetched(coordinator_report):
    assert coordinator_report.count("<svg") >= 6
    assert "<script" not in coordinator_report
    without_svg_namespace = coordinator_report.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "http://" not in without_svg_namespace and "https://" not in without_svg_namespace
    assert "<link" not in coordinator_report and "<img" not in coordinator_report


def test_the_coordinators_report_shows_the_metrics_numbers(coordinator_report, warehouse, filters):
    metrics = metrics_json(warehouse, filters)
    shown = counts_of(coordinator_report)
    assert shown.suppressed == 0
    engagement = metrics["engagement"]
    assert f'value="{engagement["active_people"]}">' in coordinator_report
    assert f'value="{metrics["turnout"]["rsvps"]}">' in coordinator_report
    assert "Coordinator view: every member org." in coordinator_report


def test_the_funders_report_holds_no_count_from_1_to_10(funder_report):
    shown = counts_of(funder_report)
    assert shown.values, "the report shows counts"
    assert all(value == 0 or value >= 11 for value in shown.values)
    assert shown.suppressed > 0
    assert "Funder view of the whole coalition" in funder_report
    assert "@example.org" not in funder_report
    assert not re.search(r"\b[0-9a-f]{64}\b", funder_report)


def test_the_funders_report_has_no_per_event_rows(funder_report, warehouse):
    titles = warehouse.query(
        "dashboard/upcoming_rsvps_by_event", **resolve_filters(warehouse).params()
    )["title"].to_list()
    assert titles
    assert not any(f">{title}<" in funder_report for title in titles)


def test_no_withheld_count_appears_anywhere_in_the_funders_report(warehouse, filters, monkeypatch):
    withheld, released = set(), set()
    original = gated_module.suppress_frame

    def spy(frame, rules, k):
        shown, suppression = original(frame, rules, k)
        withheld.update(int(frame[c][r]) for r, c in suppression.counts)
        released.update(
            v
            for c in shown.columns
            for v in shown[c].to_list()
            if isinstance(v, int | float) and not isinstance(v, bool)
        )
        return shown, suppression

    monkeypatch.setattr(gated_module, "suppress_frame", spy)
    monkeypatch.setattr(GatedWarehouse, "min_cell", lambda self: 1_000_000)
    html = report_for(warehouse, Viewer(FUNDER), filters)
    text = re.sub(r"<[^>]+>", " ", html.split("</style>", 1)[1])
    dates = r"\b\d{1,2} [A-Z][a-z]{2} \d{4}\b|\b[A-Z][a-z]{2} \d{2}\b|\(\d[\d,]* days?\)"
    text = re.sub(dates + "|Local 42", " ", text)
    secret = {v for v in withheld if 20 <= v < 1900 and v not in released}
    assert len(secret) > 20
    assert not secret & set(text_numbers(text))


def test_a_limited_coordinators_report_holds_their_orgs_only(warehouse, filters):
    html = report_for(warehouse, Viewer(COORDINATOR, ("tenants",), "cora"), filters)
    assert "Coordinator view of tenants" in html
    assert "Eastside Tenants Union" in html
    contributions = html.split('id="contributions"')[1]
    for name in OTHER_ORG_NAMES:
        assert name not in contributions


# --- coalition report -------------------------------------------------------------------


def test_coalition_report_writes_html(tmp_path, sample_warehouse_path, capsys):
    out = tmp_path / "impact.html"
    code = main(
        ["report", "--role", "funder", "--warehouse", str(sample_warehouse_path), "--out", str(out)]
    )
    assert code == 0
    assert "Funder view" in out.read_text()
    assert "Wrote the funder report" in capsys.readouterr().out


def test_coalition_report_takes_a_period(tmp_path, sample_warehouse_path, filters):
    out = tmp_path / "q.html"
    args = ["report", "--from", "2025-01-01", "--to", "2025-03-31", "--out", str(out)]
    assert main([*args, "--warehouse", str(sample_warehouse_path)]) == 0
    assert "1 Jan 2025 – 31 Mar 2025" in out.read_text()


@pytest.mark.skipif(find_browser() is None, reason="needs chromium")
def test_coalition_report_prints_a_pdf_with_a_page_per_section(tmp_path, sample_warehouse_path):
    out = tmp_path / "impact.pdf"
    args = ["report", "--role", "funder", "--out", str(out)]
    assert main([*args, "--warehouse", str(sample_warehouse_path)]) == 0
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page[^s]", data)) >= 7


def test_without_a_browser_a_pdf_is_refused_with_what_to_do(
    tmp_path, sample_warehouse_path, monkeypatch, capsys
):
    monkeypatch.setenv("COALITION_CHROMIUM", str(tmp_path / "no-such-browser"))
    args = ["report", "--out", str(tmp_path / "x.pdf"), "--warehouse", str(sample_warehouse_path)]
    assert main(args) == 1
    error = capsys.readouterr().err
    assert "Chromium" in error and "report.html" in error


def test_the_report_must_be_html_or_pdf(tmp_path, sample_warehouse_path, capsys):
    args = ["report", "--out", str(tmp_path / "x.docx"), "--warehouse", str(sample_warehouse_path)]
    assert main(args) == 1
    assert "must end in .html or .pdf" in capsys.readouterr().err
