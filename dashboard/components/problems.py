"""What a callback shows instead of a traceback when it cannot answer.

Filter mistakes and a missing warehouse are the user's to fix and are said plainly;
anything else is a bug, logged in full on the server and reported on screen in one line.
"""

from __future__ import annotations

import logging

import dash_bootstrap_components as dbc

from dashboard.access.gated_warehouse import AccessRefused
from dashboard.db import WarehouseMissing
from dashboard.metrics.filters import FilterError

log = logging.getLogger("dashboard")

SERVER_PROBLEM = "This could not be computed: the server ran into a problem (details in its log)."


def problem_message(error: Exception, where: str) -> str:
    if isinstance(error, FilterError):
        return f"Check the filters: {error}."
    if isinstance(error, WarehouseMissing | AccessRefused):
        return str(error)
    log.exception("%s failed", where)
    return SERVER_PROBLEM


def problem_alert(message: str, *, color: str = "warning", **props) -> dbc.Alert:
    return dbc.Alert(message, color=color, className="mb-3", **props)
