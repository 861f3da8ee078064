"""The organizing tools whose exports the ingest recognises by header (contract §5).

Each module describes one tool as data plus a small `convert`; this registry is the
fixed list they are looked up in, in the order headers are tried.
"""

from __future__ import annotations

from dashboard.ingest.tools.action_network import (
    ACTION_NETWORK_ACTIVISTS,
    ACTION_NETWORK_ATTENDANCE,
)
from dashboard.ingest.tools.base import Fields, ImportContext, Imported, Tool
from dashboard.ingest.tools.eventbrite import EVENTBRITE
from dashboard.ingest.tools.google_forms import GOOGLE_FORMS
from dashboard.ingest.tools.mobilize import MOBILIZE
from dashboard.ingest.tools.van import VAN

# Most distinctive headers first: a Google Forms sheet is only "Timestamp, Email Address".
TOOLS: tuple[Tool, ...] = (
    MOBILIZE,
    VAN,
    ACTION_NETWORK_ATTENDANCE,
    ACTION_NETWORK_ACTIVISTS,
    EVENTBRITE,
    GOOGLE_FORMS,
)
TOOL_FORMATS: tuple[str, ...] = tuple(dict.fromkeys(tool.format for tool in TOOLS))


def tool_for_header(header: list[str]) -> Tool | None:
    """The first tool whose export this header looks like."""
    return next((tool for tool in TOOLS if tool.looks_like(header)), None)


def tools_of_format(name: str) -> tuple[Tool, ...]:
    return tuple(tool for tool in TOOLS if tool.format == name)


__all__ = [
    "TOOLS",
    "TOOL_FORMATS",
    "Fields",
    "ImportContext",
    "Imported",
    "Tool",
    "tool_for_header",
    "tools_of_format",
]
