"""The preamble every filtered callback shares, written once: the five filter values
from the browser are checked and resolved for the request's viewer, and any failure
becomes a message on the page (dashboard.components.problems), never a traceback."""

from __future__ import annotations

from collections.abc import Callable

from dashboard.components.filter_input import filters_from_inputs
from dashboard.components.problems import problem_message
from dashboard.context import current_warehouse

FILTER_VALUES = 5  # date_from, date_to, orgs, campaign, types (filter_bar.FILTER_PROPS)


def filtered(where: str, failed: Callable[[str], object], *, skip: int = 0):
    """Turn `render(warehouse, filters, *rest)` into a callback of
    `(*skipped, date_from, date_to, orgs, campaign, types, *rest)`.

    `where` names the callback in the server's log; `failed(message)` is what the
    callback returns when it cannot answer; `skip`: leading values before the filters
    (a download button's clicks), not passed on.
    """

    def decorate(render: Callable):
        def callback(*values):
            filter_values = values[skip : skip + FILTER_VALUES]
            rest = values[skip + FILTER_VALUES :]
            try:
                warehouse = current_warehouse()
                filters = filters_from_inputs(warehouse, *filter_values)
                return render(warehouse, filters, *rest)
            except Exception as error:  # noqa: BLE001 - every failure becomes a message
                return failed(problem_message(error, where))

        callback.__name__ = render.__name__
        return callback

    return decorate
