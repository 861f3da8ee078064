"""Margins that already fit a chart's labels, so the browser draws it once.

Every axis grows its margin to fit its labels (automargin), and so does a legend above the
plot. Plotly finds out only by drawing: with too small a margin it draws the whole chart,
measures, and draws it all again, which on a page of charts was half of the browser's
plotting time. Here the margins are estimated from the labels the figure carries, a
little generously (glyphs as wide as DejaVu Sans', wider than Segoe UI or San Francisco),
and automargin stays on for whatever the estimate misses. Figures this cannot read
(colour bars, tilted labels, axes above the plot) keep plotly's own fitting.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime

import plotly.graph_objects as go

# In font sizes, measured on the dashboard's charts in headless Chromium (Debian fonts).
GLYPH = 0.62  # a glyph's width (DejaVu Sans), when not one of those below
HINTING = 1.06  # glyphs drawn at whole pixels come out a little wider
GLYPHS = {" ": 0.32, ",": 0.32, ".": 0.32, ":": 0.34, "·": 0.32, "(": 0.39, ")": 0.39}
GLYPHS |= {"-": 0.36, "–": 0.5, "%": 0.95, "…": 1.0, "⇄": 0.84, "/": 0.34, "'": 0.28}
LABEL_LINE = 1.33  # a line of tick labels under the plot
LABEL_GAP = 11  # tick labels under the plot to the edge
TITLE_X = 3.0  # an x axis title with its gaps
TITLE_Y = 1.8  # a (turned) y axis title with its gaps
LEGEND_ROW = 1.47  # a row of a horizontal legend
LEGEND_PAD = 11  # a horizontal legend's padding, and 8 more to the plot
SLACK = 4  # pixels to spare under and above the plot (the ticks plotly picks vary)
BASE = 8  # the template's margin, the least on every side
WIDEST_LEFT = 0.6  # beyond this share of the chart's width, leave the fit to plotly
ESTIMATED_TRACES = frozenset({"bar", "scatter", "scattergl", "box"})
_TAG = re.compile(r"<[^>]+>")


def fit_margins(fig: go.Figure, width: float) -> go.Figure:
    """The figure with margins wide enough for its tick labels, axis titles and top
    legend, for a chart about `width` pixels wide; unchanged when it is of a kind not
    estimated here."""
    layout = fig.layout
    if _unsupported(fig):
        return fig
    size = layout.font.size or _template(layout).font.size or 12
    names = set(layout.to_plotly_json()) | {"xaxis", "yaxis"}
    axes = sorted(name for name in names if re.fullmatch(r"[xy]axis\d*", name))
    labels = {name: _tick_labels(fig, layout[name], _reference(name)) for name in axes}
    if any(found is None for found in labels.values()):
        return fig
    margin = {side: getattr(layout.margin, side) for side in "lrtb"}
    margin = {side: BASE if value is None else value for side, value in margin.items()}
    left, right, bottom = 0, 0, 0
    for name in axes:
        if name.startswith("y"):
            category = _is_category(fig, layout[name], _reference(name))
            left = max(left, _y_depth(_axis(layout, name), labels[name], size, category))
    if left > WIDEST_LEFT * width:
        return fig
    for name in axes:
        axis = _axis(layout, name)
        if not name.startswith("x") or axis["visible"] is False:
            continue
        shown = axis["showticklabels"] is not False
        widest = max((_text_width(label, size) for label in labels[name]), default=0) * shown
        right = max(right, math.ceil(widest / 2) + 4)  # the last label, centred on its tick
        length = width - max(left, margin["l"]) - max(right, margin["r"])
        ticks, category = labels[name], _is_category(fig, layout[name], _reference(name))
        if layout[name].tickvals:
            ticks, category = list(layout[name].tickvals), True  # only these are drawn
        if axis["tickangle"] not in (None, 0) or _may_tilt(ticks, widest, length, category):
            return fig
        bottom = max(bottom, _x_depth(axis, labels[name], size))
    top = margin["t"]
    if _legend_on_top(fig):
        height = layout.height or 340
        plot_height = height - top - bottom
        rows = _legend_rows(fig, size, width - left - right)
        legend = rows * LEGEND_ROW * size + LEGEND_PAD + 8 + SLACK + 0.02 * plot_height
        top = max(top, math.ceil(legend))
    fig.update_layout(
        margin={
            "l": max(margin["l"], left),
            "r": max(margin["r"], right),
            "t": top,
            "b": max(margin["b"], bottom),
        }
    )
    return fig


def _reference(axis_name: str) -> str:
    """How traces name an axis: "xaxis2" is "x2"."""
    return axis_name[0] + axis_name[5:]


def _template(layout):
    return layout.template.layout if layout.template else go.Layout()


def _axis(layout, name: str) -> dict:
    """The axis settings that size its margin, the figure's own or else the template's."""
    own, template = layout[name], _template(layout)[name[:5]]
    keys = ("visible", "showticklabels", "ticks", "ticklen", "tickangle", "tickformat")
    values = {key: own[key] if own[key] is not None else template[key] for key in keys}
    values["title"] = own.title.text
    return values


def _unsupported(fig: go.Figure) -> bool:
    layout = fig.layout
    for name in layout.to_plotly_json():
        if re.fullmatch(r"xaxis\d*", name) and layout[name].side == "top":
            return True
        if re.fullmatch(r"yaxis\d*", name) and layout[name].side == "right":
            return True
    for trace in fig.data:
        if trace.type not in ESTIMATED_TRACES:
            return True
        marker = getattr(trace, "marker", None)
        if marker is not None and marker.to_plotly_json().get("showscale"):
            return True  # a colour bar
    return False


def _text_width(label, size: float) -> float:
    """The widest line of a label, its markup left out."""
    lines = [_TAG.sub("", line) for line in str(label).split("<br>")]
    return max(sum(_glyph(c) for c in line) for line in lines) * size * HINTING


def _glyph(character: str) -> float:
    if character in GLYPHS:
        return GLYPHS[character]
    if character.isdigit():
        return 0.64
    if character.isupper():
        return 0.70
    return 0.57 if character.islower() else GLYPH


def _lines(label) -> int:
    return str(label).count("<br>") + 1


def _y_depth(axis: dict, labels: list, size: float, categories: bool) -> int:
    if axis["visible"] is False:
        return BASE
    depth = 0.0
    if axis["showticklabels"] is not False:
        depth += max((_text_width(label, size) for label in labels), default=0) + 6
        if not categories:
            depth += _glyph("0") * size  # the tick past the highest value may be longer
    if axis["ticks"] == "outside":
        depth += axis["ticklen"] or 5
    if axis["title"]:
        depth += TITLE_Y * size
    return math.ceil(depth)


def _x_depth(axis: dict, labels: list, size: float) -> int:
    if axis["visible"] is False:
        return BASE
    depth = 0.0
    if axis["showticklabels"] is not False:
        rows = max([_lines(label) for label in labels] + [1])
        rows = max(rows, (axis["tickformat"] or "").count("\n") + 1)
        depth += rows * LABEL_LINE * size + LABEL_GAP + SLACK
    if axis["ticks"] == "outside":
        depth += axis["ticklen"] or 5
    if axis["title"]:
        depth += TITLE_X * size
    return math.ceil(depth)


def _may_tilt(labels: list, widest: float, length: float, categories: bool) -> bool:
    """Labels under a plot `length` pixels wide turn when they do not fit side by side:
    every category's, or the 5 to 10 numbers plotly puts on a numeric or date axis."""
    if not labels:
        return False
    # plotly asks for 5 to 10 numbers, then rounds the step up to a round one
    ticks = len(labels) if categories else 0.7 * (min(max(length / 80, 4), 9) + 1)
    return ticks * (widest + 12) > length


def _tick_labels(fig: go.Figure, axis, reference: str) -> list | None:
    """The axis' tick labels (their text, or one as wide as the widest), or None when
    they cannot be known here."""
    if axis.ticktext:
        return list(axis.ticktext)
    if axis.categoryarray and axis.type == "category":
        return list(axis.categoryarray)
    values = _axis_values(fig, reference)
    if not values:
        return []
    if axis.type == "date" or isinstance(values[0], date | datetime):
        # a late month's day in the axis format (plotly's own format is as wide)
        label = date(2026, 12, 28).strftime(axis.tickformat or "%b %d\n%Y")
        return [label.replace("\n", "<br>")]
    if all(isinstance(v, str) for v in values):
        return list(dict.fromkeys(values)) if axis.type in (None, "-", "category") else None
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return [_number_label(axis, fig, reference, values)]
    return None


def _is_category(fig: go.Figure, axis, reference: str) -> bool:
    if axis.ticktext or axis.type == "category":
        return True
    values = _axis_values(fig, reference)
    return bool(values) and isinstance(values[0], str)


def _axis_values(fig: go.Figure, reference: str) -> list:
    """The values of the traces drawn against one axis ("x", "y2")."""
    return [
        value
        for trace in fig.data
        if _on_axis(trace, reference)
        for value in _values(trace, reference[0])
    ]


def _on_axis(trace, reference: str) -> bool:
    letter = reference[0]
    return (getattr(trace, f"{letter}axis", None) or letter) == reference


def _values(trace, letter: str) -> list:
    if trace.type == "box" and letter == "y":
        fences = [trace.lowerfence, trace.upperfence, trace.y]
        return [v for values in fences if values is not None for v in values if v is not None]
    values = getattr(trace, letter, None)
    return [] if values is None else [v for v in values if v is not None]


def _number_label(axis, fig: go.Figure, reference: str, values: list) -> str:
    top = max(abs(v) for v in values)
    if axis.range is not None and None not in axis.range:
        top = max(abs(axis.range[0]), abs(axis.range[1]))
    elif fig.layout.barmode == "stack":  # at most every bar's highest on top of each other
        letter = reference[0]
        stacked = [
            _values(trace, letter)
            for trace in fig.data
            if trace.type == "bar"
            and (getattr(trace, f"{letter}axis", None) or letter) == reference
        ]
        top = max(top, sum(max(map(abs, bars), default=0) for bars in stacked))
    fmt = axis.tickformat or ""
    if "%" in fmt:
        return f"{max(top, 1):.0%}"  # 100% at least (the goal line)
    if fmt.endswith("d") or fmt == ",":
        return f"{math.ceil(top):,}"
    return "999.9k" if top >= 1000 else f"{top:.1f}"  # plotly's own format, SI prefixes


def _legend_on_top(fig: go.Figure) -> bool:
    layout, template = fig.layout, _template(fig.layout)
    shown = [t for t in fig.data if t.showlegend is not False and t.name]
    if layout.showlegend is False or (layout.showlegend is None and len(shown) < 2):
        return False
    orientation = layout.legend.orientation or template.legend.orientation
    y = layout.legend.y if layout.legend.y is not None else template.legend.y
    return orientation == "h" and y is not None and y >= 1


def _legend_rows(fig: go.Figure, size: float, width: float) -> int:
    """Rows of a horizontal legend: its items (symbol, gap and name) wrapped to `width`."""
    rows, used = 1, 0.0
    for trace in fig.data:
        if trace.showlegend is False or not trace.name:
            continue
        item = 50 + _text_width(trace.name, size) + 10
        if used and used + item > 0.9 * width:
            rows, used = rows + 1, 0.0
        used += item
    return rows
