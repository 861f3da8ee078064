"""The callback preamble written once: filter values resolved for the request's viewer,
failures turned into a message, leading values skipped."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.app import create_app
from dashboard.components.filtered import filtered
from dashboard.components.problems import SERVER_PROBLEM


@pytest.fixture
def request_context(sample_warehouse_path):
    app = create_app(sample_warehouse_path, warm=False)
    with app.server.test_request_context("/"):
        yield


def test_the_render_gets_the_resolved_filters_and_the_other_values(request_context):
    @filtered("test", lambda message: ("failed", message))
    def render(warehouse, filters, view):
        return filters.date_from, filters.date_to, filters.orgs, view

    assert render("2025-01-01", "2025-03-31", None, None, None, "meeting") == (
        date(2025, 1, 1),
        date(2025, 3, 31),
        None,
        "meeting",
    )


def test_a_bad_filter_becomes_the_failure_with_a_message(request_context):
    @filtered("test", lambda message: ("failed", message))
    def render(warehouse, filters):
        raise AssertionError("not reached")

    failed, message = render("not a date", None, None, None, None)
    assert failed == "failed" and message.startswith("Check the filters:")


def test_a_bug_becomes_the_server_problem_line(request_context):
    @filtered("test", lambda message: message)
    def render(warehouse, filters):
        raise ZeroDivisionError

    assert render(None, None, None, None, None) == SERVER_PROBLEM


def test_leading_values_are_skipped(request_context):
    @filtered("test", lambda message: message, skip=1)
    def render(warehouse, filters):
        return filters.date_from

    assert render(3, "2025-02-01", "2025-02-28", None, None, None) == date(2025, 2, 1)
