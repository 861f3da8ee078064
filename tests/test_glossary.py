"""Each thing said once: every metric's name and description come from dashboard.glossary
wherever the dashboard or the report shows the metric, and every colour from
dashboard.figures.theme."""

from __future__ import annotations

import ast
import re
from html import escape, unescape
from pathlib import Path

import pytest

import dashboard
from dashboard import glossary
from dashboard.access.roles import COORDINATOR, Viewer
from dashboard.db import Warehouse
from dashboard.figures import theme
from dashboard.metrics.filters import resolve_filters
from dashboard.pages import organizations, page_modules
from dashboard.report.build import report_for

PACKAGE = Path(dashboard.__file__).parent
HEX = re.compile(r"#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b")
BY_NAME = {term.name: term for term in glossary.TERMS.values()}


def test_the_glossary_imports_nothing_from_dashboard():
    tree = ast.parse((PACKAGE / "glossary.py").read_text())
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert not [name for name in imported if name and name.startswith("dashboard")]


def test_each_metric_has_one_name_and_a_one_sentence_description():
    terms = list(glossary.TERMS.values())
    assert len({t.name for t in terms}) == len(terms)
    assert len({t.description for t in terms}) == len(terms)
    for term in terms:
        assert term.description[-1] in ".…", term.name
        assert ". " not in term.description, term.name


def test_a_page_addition_follows_the_description():
    plain = glossary.description("returning_rate")
    assert glossary.description("returning_rate", also="Trend: month on month.") == (
        f"{plain} Trend: month on month."
    )
    assert glossary.defined("lapsed").startswith("Lapsed: people active")
    assert glossary.defined("rsvps").startswith("RSVPs: RSVPs to")


def kpis() -> list:
    return [
        pytest.param(kpi, id=f"{page.PAGE}-{kpi.key}")
        for page in page_modules()
        if getattr(page, "SUMMARY", None)
        for kpi in page.SUMMARY.kpis
    ]


@pytest.mark.parametrize("kpi", kpis())
def test_every_kpi_card_takes_its_name_and_description_from_the_glossary(kpi):
    term = BY_NAME.get(kpi.label)
    assert term is not None, f"{kpi.label!r} is not a glossary name"
    assert kpi.note == term.description or kpi.note.startswith(f"{term.description} ")


def test_a_kpi_on_several_pages_has_one_name():
    labels = {}
    for param in kpis():
        (kpi,) = param.values
        labels.setdefault(kpi.key, set()).add(kpi.label)
    assert len(labels["active_people"]) == 1
    assert all(len(names) == 1 for names in labels.values()), labels


def test_the_scorecard_columns_are_named_and_described_by_the_glossary():
    (scorecard,) = organizations.TABLES
    metrics = [c for c in scorecard.columns if c["field"] not in ("name", "open")]
    assert len(metrics) == 7
    for column in metrics:
        term = BY_NAME[column["headerName"]]
        assert column["headerTooltip"] == term.description


@pytest.fixture(scope="module")
def report(sample_warehouse_path):
    warehouse = Warehouse(sample_warehouse_path)
    return report_for(warehouse, Viewer(COORDINATOR, name="chris"), resolve_filters(warehouse))


def test_the_reports_tiles_use_the_glossarys_words(report):
    tiles = re.findall(
        r'<div class="tile-label">(.*?)</div>.*?<div class="tile-note">(.*?)</div>', report
    )
    assert len(tiles) >= 20
    for label, note in tiles:
        term = BY_NAME.get(unescape(label))
        assert term is not None, f"{label!r} is not a glossary name"
        assert unescape(note) == term.description


def test_the_report_words_a_kpi_as_the_dashboard_does(report):
    overview = next(page for page in page_modules() if page.PAGE == "overview")
    for kpi in overview.SUMMARY.kpis:
        term = BY_NAME[kpi.label]
        tile = (
            f'<div class="tile-label">{escape(term.name)}</div><div class="tile-value">'
            f'.*?</div><div class="tile-note">{re.escape(escape(term.description))}</div>'
        )
        assert re.search(tile, report), kpi.key


# --- one palette ------------------------------------------------------------------------


def theme_colours() -> set[str]:
    return {c.lower() for c in HEX.findall((PACKAGE / "figures" / "theme.py").read_text())}


def test_no_module_but_the_theme_defines_a_colour_of_the_palette():
    palette = theme_colours()
    assert theme.BLUE.lower() in palette and theme.INK.lower() in palette
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == PACKAGE / "figures" / "theme.py":
            continue
        found = {c.lower() for c in HEX.findall(path.read_text())} & palette
        assert not found, f"{path.relative_to(PACKAGE)}: {sorted(found)}"


@pytest.mark.parametrize("module", ["svg.py", "style.py", "render.py"])
def test_the_report_has_no_colour_literal_of_its_own(module):
    assert not HEX.findall((PACKAGE / "report" / module).read_text())


def test_the_report_draws_a_series_in_the_dashboards_colour(report):
    assert f'fill="{theme.BLUE}"' in report and f'fill="{theme.ORANGE}"' in report
    assert theme.BLUE in report.split("<style>")[1].split("</style>")[0]
