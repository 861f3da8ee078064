"""Margins estimated from a figure's labels (dashboard.figures.margins): wide enough for
what the figure carries, left to plotly where the figure is of a kind not estimated."""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import polars as pl
import pytest

from dashboard.figures import turnout
from dashboard.figures.margins import BASE, fit_margins
from dashboard.figures.theme import COUNT_AXIS, figure

WIDTH = 640


def bars(names: list[str], **layout) -> go.Figure:
    fig = figure(**({"xaxis": COUNT_AXIS} | layout))
    fig.add_bar(y=names, x=list(range(1, len(names) + 1)), orientation="h")
    return fig


def test_longer_names_get_a_wider_left_margin_and_the_numbers_below_a_line():
    short = fit_margins(bars(["Ann", "Bo"]), WIDTH).layout.margin
    long = fit_margins(bars(["Eastside Tenants Association", "Bo"]), WIDTH).layout.margin
    assert BASE < short.l < long.l
    assert long.l >= len("Eastside Tenants Association") * 15 * 0.5  # at 15 px type
    assert short.b == long.b > BASE  # one line of numbers and the ticks under the plot


def test_markup_in_a_label_is_not_measured():
    plain = fit_margins(bars(["Housing now (open)"]), WIDTH).layout.margin.l
    styled = bars(["Housing now <span style='color:#5c636a'>(open)</span>"])
    assert fit_margins(styled, WIDTH).layout.margin.l == plain


def test_a_legend_above_the_plot_gets_room_on_top():
    fig = bars(["A", "B"])
    fig.add_bar(y=["A", "B"], x=[3, 4], orientation="h", name="Other")
    fig.data[0].name = "First"
    assert fit_margins(fig, WIDTH).layout.margin.t > 3 * BASE
    assert fit_margins(bars(["A", "B"]), WIDTH).layout.margin.t == BASE


def test_a_two_line_date_axis_gets_two_lines_below():
    fig = figure(xaxis={"type": "date", "tickformat": "%b\n%Y"}, yaxis=COUNT_AXIS)
    fig.add_scatter(x=[date(2026, 1, 1), date(2026, 2, 1)], y=[10, 20_000])
    numbers = fit_margins(bars(["A"]), WIDTH).layout.margin.b
    assert fit_margins(fig, WIDTH).layout.margin.b > numbers
    assert fit_margins(fig, WIDTH).layout.margin.l >= len("20,000") * 15 * 0.6


def test_dates_given_as_text_on_a_date_axis_are_dates():
    fig = figure(xaxis={"type": "date", "tickformat": "%b\n%Y"}, yaxis=COUNT_AXIS)
    fig.add_scatter(x=["2026-01-05", "2026-02-05"], y=[10, 20])
    as_dates = figure(xaxis={"type": "date", "tickformat": "%b\n%Y"}, yaxis=COUNT_AXIS)
    as_dates.add_scatter(x=[date(2026, 1, 5), date(2026, 2, 5)], y=[10, 20])
    margin = fit_margins(fig, WIDTH).layout.margin
    assert margin.b is not None and margin == fit_margins(as_dates, WIDTH).layout.margin


def test_an_axis_title_adds_its_line():
    plain = fit_margins(bars(["A"]), WIDTH).layout.margin
    titled = fit_margins(
        bars(["A"], xaxis=COUNT_AXIS | {"title": {"text": "People"}}, yaxis_title="Org"), WIDTH
    ).layout.margin
    assert titled.b > plain.b and titled.l > plain.l


def test_the_monthly_goal_boxes_are_estimated_from_their_fences():
    many = 4_500
    frame = pl.DataFrame(
        {
            "event_date": [date(2026, 1 + i % 12, 1 + i % 28) for i in range(many)],
            "attended": [5 + i % 9 for i in range(many)],
            "turnout_goal": [10] * many,
            "goal_met": [i % 9 >= 5 for i in range(many)],
            "title": ["t"] * many,
            "org_name": ["o"] * many,
        }
    )
    fig = fit_margins(turnout.events_vs_goal(frame), WIDTH)
    assert fig.data[0].type == "box"
    assert fig.layout.margin.l > BASE and fig.layout.margin.t == 44  # the title's line kept


def test_subplots_take_the_widest_of_their_axes():
    frame = pl.DataFrame(
        {
            "month": ["2026-01", "2026-02"],
            "show_rate": [0.5, 0.75],
            "attended_with_rsvp": [120_000, 90_000],
            "walk_ins": [30_000, 10_000],
        }
    )
    fig = fit_margins(turnout.turnout_by_month(frame), WIDTH)
    margin = fig.layout.margin
    assert margin.l >= len("150,000") * 15 * 0.6  # the stacked bars' axis, not "100%"
    assert margin.b > fit_margins(bars(["A"]), WIDTH).layout.margin.b  # months on 2 lines
    assert margin.t > BASE  # its legend on top


@pytest.mark.parametrize(
    "fig",
    [
        go.Figure(go.Heatmap(z=[[1, 2], [3, 4]], x=["a", "b"], y=["c", "d"])),
        bars(["A"], xaxis=COUNT_AXIS | {"tickangle": -35}),
        bars(["A"], xaxis=COUNT_AXIS | {"side": "top"}),
    ],
    ids=["colour bar", "tilted labels", "axis on top"],
)
def test_figures_not_estimated_keep_plotly_fitting(fig):
    before = fig.layout.margin.to_plotly_json()
    assert fit_margins(fig, WIDTH).layout.margin.to_plotly_json() == before


def test_many_categories_below_the_plot_are_left_to_plotly():
    fig = figure()
    fig.add_bar(x=[f"{n} orgs" for n in range(12)], y=list(range(12)))
    assert fit_margins(fig, 400).layout.margin.b is None


def test_names_too_long_for_the_chart_are_left_to_plotly():
    fig = bars(["A member org with a name far longer than any chart could spare room for"])
    assert fit_margins(fig, 400).layout.margin.l is None
