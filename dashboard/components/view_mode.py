"""Meeting mode: `?mode=meeting` beside the filters in a link shows the page for a
projector: no controls (filter bar, downloads, navbar extras), bigger numbers and charts,
the filters of the link kept.

The page root carries the CSS class `meeting-mode` (assets/dashboard.css does the rest),
and a small store tells a page's callbacks the mode, so its figures come out with
projector-sized type. The mode is read from the link, never from callback inputs beyond
that store, and anything that is not exactly `meeting` is desk mode.
"""

from __future__ import annotations

import plotly.graph_objects as go
from dash import State, dcc

MODE_KEY = "mode"
MEETING = "meeting"
MEETING_CLASS = "meeting-mode"
# Figures in meeting mode: type and height scaled for a room, not a desk.
PROJECTOR_FONT = 20
PROJECTOR_HEIGHT = 1.3


def read_mode(query: dict) -> tuple[bool, list[str]]:
    """(meeting?, problems) from a page's query string."""
    value = query.get(MODE_KEY)
    if value is None or value == "":
        return False, []
    if value == MEETING:
        return True, []
    shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
    return False, [f"Ignored `{MODE_KEY}` {shown}: the only mode is `{MEETING}`."]


def view_id(page: str) -> str:
    return f"{page}-view"


def view_store(page: str, meeting: bool) -> dcc.Store:
    return dcc.Store(id=view_id(page), data={MEETING: meeting})


def view_state(page: str) -> State:
    return State(view_id(page), "data")


def is_meeting(view) -> bool:
    """The store's value as a callback receives it (from anybody): only a clear yes."""
    return isinstance(view, dict) and view.get(MEETING) is True


def for_projector(fig: go.Figure) -> go.Figure:
    """Bigger type and a taller plot; everything else as drawn for the desk."""
    height = fig.layout.height or 340
    fig.update_layout(
        font_size=PROJECTOR_FONT,
        hoverlabel_font_size=PROJECTOR_FONT - 2,
        height=round(height * PROJECTOR_HEIGHT),
    )
    return fig
