"""`/report`: the impact report for the signed-in viewer, in the browser, ready to print.

A Flask route beside the Dash app, behind the same gate (sign-in) and reading through the
same gated warehouse as every page (dashboard.context.current_warehouse).
"""

from __future__ import annotations

from datetime import date
from html import escape

import flask

from dashboard.access.account import REPORT_PATH
from dashboard.access.gated_warehouse import AccessRefused
from dashboard.access.viewer import current_viewer
from dashboard.components.filter_input import Choices, filters_from_url
from dashboard.context import current_warehouse
from dashboard.db import WarehouseMissing
from dashboard.report.build import report_html

TOOLBAR = """<div class="toolbar"><form method="get" action="{action}">
<strong>Impact report</strong>
<label>From <input type="date" name="from" value="{date_from}"></label>
<label>to <input type="date" name="to" value="{date_to}"></label>
{hidden}<button type="submit">Show</button>
<button type="button" id="report-print">Print or save as PDF</button>
<a href="/">Back to the dashboard</a>{problems}</form></div>
<script src="{script}" defer></script>"""
# A file, not an inline handler: the Content-Security-Policy runs no inline script.
PRINT_SCRIPT_PATH = f"{REPORT_PATH}/print.js"
PRINT_SCRIPT = """document.getElementById("report-print").addEventListener("click", function () {
  window.print();
});
"""


def _query() -> dict:
    return {
        key: values[0] if len(values) == 1 else values
        for key, values in flask.request.args.to_dict(flat=False).items()
    }


def _toolbar(filters, problems: list[str]) -> str:
    hidden = [("org", org) for org in filters.orgs or ()]
    hidden += [("type", t) for t in filters.types or ()]
    if filters.campaign:
        hidden.append(("campaign", filters.campaign))
    fields = "".join(
        f'<input type="hidden" name="{name}" value="{escape(value)}">' for name, value in hidden
    )
    notes = "".join(f'<div class="note">{escape(p)}</div>' for p in problems)
    return TOOLBAR.format(
        action=REPORT_PATH,
        script=PRINT_SCRIPT_PATH,
        date_from=filters.date_from.isoformat(),
        date_to=filters.date_to.isoformat(),
        hidden=fields,
        problems=notes,
    )


def report_page():
    try:
        warehouse = current_warehouse()
        filters, problems = filters_from_url(
            warehouse, _query(), Choices.load(warehouse), as_of=date.today()
        )
        toolbar = _toolbar(filters, problems)
        return report_html(warehouse, current_viewer(), filters, toolbar=toolbar)
    except (AccessRefused, WarehouseMissing) as error:
        return escape(str(error)), 403 if isinstance(error, AccessRefused) else 503


def print_script():
    return flask.Response(PRINT_SCRIPT, mimetype="text/javascript")


def install(server: flask.Flask) -> None:
    server.add_url_rule(REPORT_PATH, "coalition_report", report_page)
    server.add_url_rule(PRINT_SCRIPT_PATH, "coalition_report_print", print_script)
