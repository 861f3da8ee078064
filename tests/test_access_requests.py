"""Sessions and requests as an attacker tries them: a copied cookie after its owner signed
out, a sign-out triggered from another site, a body of hundreds of megabytes, a period of
three centuries, and the Content-Security-Policy every page is served with."""

from __future__ import annotations

import base64
import hashlib
import io
import re
from datetime import date, timedelta

import pytest
from access_helpers import sign_out, signed_in, warehouse_with_users
from app_fixtures import CallbackClient, filter_values

from dashboard.access.gate import MAX_BODY_BYTES
from dashboard.access.sessions import sessions_path
from dashboard.app import create_app
from dashboard.db import Warehouse

COOKIE = "coalition_session"


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, sample_warehouse_path):
    return warehouse_with_users(tmp_path_factory.mktemp("requests"), sample_warehouse_path)


@pytest.fixture(scope="module")
def app(warehouse):
    return create_app(warehouse, warm=False)


def copy_of(app, client):
    """Another browser holding the same session cookie (stolen, or copied by hand)."""
    other = app.server.test_client()
    other.set_cookie(COOKIE, client.get_cookie(COOKIE).value)
    return other


# --- signing out ends the session on the server -----------------------------------------


def test_a_copied_session_cookie_stops_working_when_its_owner_signs_out(app):
    owner = signed_in(app, "chris")
    thief = copy_of(app, owner)
    assert thief.get("/_dash-layout").status_code == 200
    assert sign_out(owner).status_code == 200
    assert thief.get("/_dash-layout").status_code == 401
    assert thief.get("/").status_code == 302  # to the sign-in page


def test_signing_out_in_one_worker_ends_the_session_in_the_others(warehouse, app):
    # Each gunicorn worker builds its own app; they share only the files beside the warehouse.
    other_worker = create_app(warehouse, warm=False)
    client = signed_in(app, "fran")
    elsewhere = copy_of(other_worker, client)
    assert elsewhere.get("/_dash-layout").status_code == 200
    sign_out(client)
    assert elsewhere.get("/_dash-layout").status_code == 401
    assert oct(sessions_path(warehouse).stat().st_mode)[-3:] == "600"


def test_signing_in_again_after_signing_out_works(app):
    client = signed_in(app, "cora")
    sign_out(client)
    again = signed_in(app, "cora")
    assert again.get("/_dash-layout").status_code == 200


# --- signing out only by a form posted with its token ---------------------------------


def test_a_link_to_logout_from_another_site_signs_nobody_out(app):
    client = signed_in(app, "chris")
    page = client.get("/logout")
    assert page.status_code == 200
    assert b'id="logout-submit"' in page.data and b'method="post"' in page.data
    assert client.get("/_dash-layout").status_code == 200


def test_a_sign_out_posted_without_the_token_is_refused(app):
    client = signed_in(app, "chris")
    for data in ({}, {"csrf": "guessed"}):
        response = client.post("/logout", data=data)
        assert response.status_code == 400
        assert b"The form expired" in response.data
        assert client.get("/_dash-layout").status_code == 200


def find_props(component, **wanted) -> dict:
    """The props of the first component in a layout whose props include `wanted`."""
    stack = [component]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            props = item.get("props")
            if isinstance(props, dict) and wanted.items() <= props.items():
                return props
            stack += list(item.values())
        elif isinstance(item, list):
            stack += item
    raise AssertionError(f"no component with {wanted}")


def test_the_navbars_sign_out_is_a_form_posting_the_token(app):
    client = signed_in(app, "chris")
    form = find_props(client.get("/_dash-layout").get_json(), action="/logout")
    assert form["method"] == "post"
    token = find_props(form, name="csrf")["value"]
    assert client.post("/logout", data={"csrf": token}).status_code == 200
    assert client.get("/_dash-layout").status_code == 401


def test_get_logout_without_a_session_goes_to_sign_in(app):
    response = app.server.test_client().get("/logout")
    assert response.status_code == 302 and response.headers["Location"] == "/login"


# --- a limit on the size of a request's body ------------------------------------------


class Bottomless(io.RawIOBase):
    """A request body of `size` bytes, never held in memory, that counts what the server
    reads of it."""

    def __init__(self, size: int):
        self.size = size
        self.position = 0
        self.read_bytes = 0

    def readable(self):
        return True

    def seekable(self):
        return True

    def seek(self, offset, whence=io.SEEK_SET):
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence]
        self.position = base + offset
        return self.position

    def tell(self):
        return self.position

    def readinto(self, buffer):
        count = max(0, min(len(buffer), self.size - self.position))
        buffer[:count] = b" " * count
        self.position += count
        self.read_bytes += count
        return count


@pytest.mark.parametrize("path", ["/_dash-update-component", "/login", "/logout"])
def test_a_body_over_the_limit_is_refused_before_it_is_read(app, path):
    client = signed_in(app, "chris")
    body = Bottomless(300_000_000)
    response = client.post(path, input_stream=body, content_type="application/json")
    assert response.status_code == 413
    assert body.read_bytes == 0


def test_a_callback_just_under_the_limit_is_answered(app):
    client = signed_in(app, "chris")
    padding = "x" * (MAX_BODY_BYTES - 2_000)
    response = client.post(
        "/_dash-update-component", json={"output": "nothing.children", "pad": padding}
    )
    assert response.status_code != 413


def test_a_body_sent_in_chunks_without_a_length_is_refused(app):
    client = signed_in(app, "chris")
    response = client.post(
        "/_dash-update-component",
        data=b"{}",
        headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
    )
    assert response.status_code == 411


# --- periods bounded by the data's own span ---------------------------------------------


class SignedInCallbacks(CallbackClient):
    def __init__(self, client):
        self.client = client
        self.dependencies = client.get("/_dash-dependencies").get_json()


def goals_chart(client, **values):
    """The Turnout page's by-month chart for the filter values given."""
    callbacks = SignedInCallbacks(client)
    return callbacks.update("turnout-by-month-graph.figure", filter_values(**values), state=[None])


def test_a_period_of_centuries_is_refused_with_a_filter_message(app):
    client = signed_in(app, "fran")
    response = goals_chart(client, date_from="1900-01-01", date_to="2199-12-31")
    message = response["turnout-by-month-empty"]["children"]
    assert message.startswith("Check the filters: the start date 1900-01-01 is outside")


def test_the_bounds_follow_the_data_with_a_margin(app, warehouse):
    span = Warehouse(warehouse).query("dashboard/data_span")
    first, last = span.item(0, "first_date"), span.item(0, "last_date")
    client = signed_in(app, "chris")
    inside = goals_chart(
        client,
        date_from=(first - timedelta(days=300)).isoformat(),
        date_to=(max(last, date.today()) + timedelta(days=700)).isoformat(),
    )
    assert inside["turnout-by-month-empty"]["children"] is None
    before = goals_chart(client, date_from=(first - timedelta(days=400)).isoformat())
    assert "Check the filters: the start date" in before["turnout-by-month-empty"]["children"]
    after = goals_chart(client, date_to=(max(last, date.today()) + timedelta(days=800)).isoformat())
    assert "Check the filters: the end date" in after["turnout-by-month-empty"]["children"]


def test_a_link_with_a_period_of_centuries_is_ignored_and_says_why(app):
    client = signed_in(app, "chris")
    page = client.get("/report?from=1900-01-01&to=2199-12-31").get_data(as_text=True)
    assert "Ignored `from`: the start date 1900-01-01 is outside" in page
    assert "Ignored `to`: the end date 2199-12-31 is outside" in page


# --- the Content-Security-Policy ----------------------------------------------------------


def policy_of(response) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def inline_scripts(page: str) -> list[str]:
    page = re.sub(r"<!--.*?-->", "", page, flags=re.S)
    found = re.finditer(r"<script(?P<attrs>[^>]*)>(?P<text>.*?)</script>", page, re.S)
    return [
        m.group("text")
        for m in found
        if "src=" not in m.group("attrs") and "application/json" not in m.group("attrs")
    ]


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.mark.parametrize("path", ["/", "/turnout", "/data", "/report", "/logout", "/login"])
def test_every_html_page_carries_a_strict_policy(app, path):
    client = signed_in(app, "fran")  # /data: the refusal page is HTML too
    response = client.get(path)
    assert response.mimetype == "text/html"
    policy = policy_of(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["img-src"] == ["'self'", "data:"]
    scripts = policy["script-src"]
    assert "'unsafe-inline'" not in scripts and "*" not in scripts
    assert scripts[:2] == ["'self'", "'unsafe-eval'"]  # eval: Plotly's WebGL (regl)
    page = response.get_data(as_text=True)
    for script in inline_scripts(page):
        assert sha256(script) in scripts, script[:80]
    assert not re.search(r"\son[a-z]+=", page), "an inline event handler would not run"


def test_dashs_own_inline_scripts_are_allowed_by_hash(app):
    page = signed_in(app, "chris").get("/")
    scripts = inline_scripts(page.get_data(as_text=True))
    assert any("new DashRenderer" in s for s in scripts)
    assert len(policy_of(page)["script-src"]) == 2 + len(set(scripts))


def test_the_sign_in_page_carries_the_policy_too(app):
    response = app.server.test_client().get("/login")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_reports_print_button_is_a_script_file(app):
    client = signed_in(app, "chris")
    page = client.get("/report").get_data(as_text=True)
    assert 'id="report-print"' in page and 'src="/report/print.js"' in page
    script = client.get("/report/print.js")
    assert script.status_code == 200 and b"window.print()" in script.data
