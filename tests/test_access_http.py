"""The gate over HTTP: anonymous requests refused, signing in and out, the login rate
limit, the trusted proxy header, open access, and what each role's pages show."""

from __future__ import annotations

import json
from datetime import date

import pytest
from access_helpers import (
    OTHER_ORG_NAMES,
    PASSWORD,
    callback_body,
    output_names,
    server_dependencies,
    sign_in,
    sign_out,
    signed_in,
    warehouse_with_users,
)
from app_fixtures import text_of

from dashboard.access.session_secret import secret_path
from dashboard.access.users import UserStore, users_path
from dashboard.access.viewer import TRUSTED_HEADER
from dashboard.app import create_app


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, sample_warehouse_path):
    return warehouse_with_users(tmp_path_factory.mktemp("gate"), sample_warehouse_path)


@pytest.fixture(scope="module")
def app(warehouse):
    return create_app(warehouse)


@pytest.fixture
def anonymous(app):
    return app.server.test_client()


def filters(**values) -> dict:
    return {
        "start_date": values.get("date_from"),
        "end_date": values.get("date_to"),
        "orgs": values.get("orgs"),
        "campaign": values.get("campaign"),
        "types": values.get("types"),
    }


def update(client, app, output: str, chosen: dict | None = None, extra=None):
    """Post the callback writing `output` with the filter values in `chosen`."""
    chosen = chosen or filters()
    dependency = next(
        d for d in server_dependencies(app, client) if output in output_names(d["output"])
    )

    def value_for(cid, prop):
        if isinstance(cid, dict) and "filter" in cid:
            return chosen.get(prop if prop in ("start_date", "end_date") else cid["filter"])
        return (extra or {}).get(prop)

    return client.post("/_dash-update-component", json=callback_body(dependency, value_for))


# --- anonymous --------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/engagement?from=2026-01-01", "/data", "/report"])
def test_pages_send_an_anonymous_visitor_to_sign_in(anonymous, path):
    response = anonymous.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


@pytest.mark.parametrize(
    "path",
    ["/_dash-layout", "/_dash-dependencies", "/assets/dashboard.css", "/_favicon.ico"],
)
def test_everything_else_is_refused_to_an_anonymous_visitor(anonymous, path):
    response = anonymous.get(path)
    assert response.status_code == 401
    assert b"Sign in" in response.data


def test_callbacks_are_refused_to_an_anonymous_visitor(anonymous, app):
    body = {
        "output": "..overview-kpis.children...overview-period.children"
        "...overview-status.children..",
        "outputs": [],
        "inputs": [],
        "changedPropIds": [],
    }
    response = anonymous.post("/_dash-update-component", json=body)
    assert response.status_code == 401
    assert b"kpi" not in response.data


def test_the_sign_in_page_needs_no_sign_in(anonymous):
    page = anonymous.get("/login")
    assert page.status_code == 200 and b'id="login-name"' in page.data
    assert anonymous.get("/vendor/bootstrap/bootstrap.min.css").status_code == 200


# --- signing in and out -----------------------------------------------------------------


def test_the_right_password_signs_in_and_goes_where_the_visitor_was_going(anonymous):
    response = sign_in(anonymous, "chris", next_page="/turnout?from=2026-01-01")
    assert response.status_code == 302
    assert response.headers["Location"] == "/turnout?from=2026-01-01"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert anonymous.get("/_dash-layout").status_code == 200


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(anonymous):
    for name in ("chris", "nobody"):
        response = sign_in(anonymous, name, password="wrong password")
        assert response.status_code == 401
        assert b"Wrong user name or password." in response.data
    assert anonymous.get("/_dash-layout").status_code == 401


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "/\\evil.example"])
def test_sign_in_never_redirects_to_another_site(anonymous, target):
    response = sign_in(anonymous, "chris", next_page=target)
    assert response.headers["Location"] == "/"


def test_a_sign_in_without_the_forms_token_is_refused(anonymous):
    response = anonymous.post("/login", data={"name": "chris", "password": PASSWORD})
    assert response.status_code == 400
    assert anonymous.get("/_dash-layout").status_code == 401


def test_signing_out_ends_the_session(app):
    client = signed_in(app, "chris")
    assert client.get("/_dash-layout").status_code == 200
    response = sign_out(client)
    assert response.status_code == 200 and b"You are signed out." in response.data
    assert client.get("/_dash-layout").status_code == 401


def test_a_request_answered_after_signing_out_cannot_sign_the_browser_back_in(app):
    # A page's requests still in flight when its Sign out link is clicked are answered
    # after /logout cleared the cookie; a refreshed cookie on any of them would restore it.
    client = signed_in(app, "chris")
    for path in ("/", "/_dash-layout", "/assets/dashboard.css", "/favicon.ico"):
        response = client.get(path)
        assert response.status_code in (200, 302), path
        assert "Set-Cookie" not in response.headers, path
    assert "Set-Cookie" in sign_out(client).headers


def test_removing_a_user_or_changing_their_password_ends_their_sessions(
    tmp_path, sample_warehouse_path
):
    warehouse = warehouse_with_users(tmp_path, sample_warehouse_path)
    app = create_app(warehouse)
    store = UserStore(users_path(warehouse))
    client = signed_in(app, "chris")
    store.add("chris", "coordinator", "a brand new password", replace=True)
    assert client.get("/_dash-layout").status_code == 401
    client = signed_in(app, "fran")
    store.remove("fran")
    assert client.get("/_dash-layout").status_code == 401


def test_the_session_key_is_kept_beside_the_warehouse_not_in_the_code(app, warehouse):
    key = secret_path(warehouse)
    assert key.parent == warehouse.parent
    assert app.server.secret_key == key.read_text().strip()
    assert oct(key.stat().st_mode)[-3:] == "600"


# --- the login rate limit ---------------------------------------------------------------


def test_five_wrong_passwords_lock_the_name_even_against_the_right_one(
    tmp_path, sample_warehouse_path
):
    app = create_app(warehouse_with_users(tmp_path, sample_warehouse_path))
    client = app.server.test_client()
    for _ in range(5):
        assert sign_in(client, "chris", password="guess").status_code == 401
    locked = sign_in(client, "chris")
    assert locked.status_code == 429
    assert b"Too many failed sign-ins" in locked.data
    assert int(locked.headers["Retry-After"]) > 0
    assert client.get("/_dash-layout").status_code == 401
    # from another address, the name stays locked
    other = app.server.test_client()
    assert sign_in(other, "chris", REMOTE_ADDR="10.9.9.9").status_code == 429


def test_five_failures_from_one_address_lock_that_address_for_every_name(
    tmp_path, sample_warehouse_path
):
    app = create_app(warehouse_with_users(tmp_path, sample_warehouse_path))
    client = app.server.test_client()
    for n in range(5):
        sign_in(client, f"guess{n}", password="guess", REMOTE_ADDR="10.0.0.7")
    assert sign_in(client, "fran", REMOTE_ADDR="10.0.0.7").status_code == 429
    assert sign_in(client, "fran", REMOTE_ADDR="10.0.0.8").status_code == 302


# --- a trusted proxy header -------------------------------------------------------------


def test_a_trusted_proxy_header_names_the_user(tmp_path, sample_warehouse_path):
    app = create_app(warehouse_with_users(tmp_path, sample_warehouse_path))
    app.server.config[TRUSTED_HEADER] = "X-Forwarded-User"
    client = app.server.test_client()
    layout = client.get("/_dash-layout", headers={"X-Forwarded-User": "fran"})
    assert layout.status_code == 200
    assert "fran · funder" in json.dumps(layout.get_json(), ensure_ascii=False)
    assert client.get("/_dash-layout", headers={"X-Forwarded-User": "mallory"}).status_code == 401
    assert client.get("/_dash-layout").status_code == 401


def test_the_header_means_nothing_unless_configured(app):
    client = app.server.test_client()
    assert client.get("/_dash-layout", headers={"X-Forwarded-User": "chris"}).status_code == 401


# --- open access ------------------------------------------------------------------------


def test_without_users_the_dashboard_is_open_and_says_so(sample_warehouse_path):
    client = create_app(sample_warehouse_path).server.test_client()
    assert client.get("/").status_code == 200
    layout = client.get("/_dash-layout").get_data(as_text=True)
    assert "Open access" in layout and "no users configured" in layout
    assert "Sign out" not in layout


# --- the funder -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def funder(app):
    return signed_in(app, "fran")


def test_the_funder_gets_no_data_page_link_and_is_told_who_they_are(funder):
    layout = json.dumps(funder.get("/_dash-layout").get_json(), ensure_ascii=False)
    assert "fran · funder" in layout
    assert '"children": "Data"' not in layout
    assert '"children": "Engagement"' in layout


def test_the_data_page_is_refused_to_the_funder_on_the_server(funder, app):
    assert funder.get("/data").status_code == 403
    routed = update(funder, app, "_pages_content.children", extra={"pathname": "/data"})
    assert routed.status_code == 200
    assert "for coordinators only" in routed.get_data(as_text=True)
    assert "data-facts" not in routed.get_data(as_text=True)


def test_every_data_page_callback_is_refused_to_the_funder(funder, app):
    data_callbacks = [
        d
        for d in server_dependencies(app, funder)
        if any(n.startswith("data-") or '"page":"data"' in n for n in output_names(d["output"]))
    ]
    assert data_callbacks
    for dependency in data_callbacks:
        body = callback_body(dependency, lambda cid, prop: None)
        response = funder.post("/_dash-update-component", json=body)
        assert response.status_code == 403, dependency["output"]


def test_the_funder_sees_less_than_k_where_a_count_is_small(funder, app):
    narrow = filters(orgs=["mutual"], types=["training"])
    response = update(funder, app, "engagement-kpis.children", narrow)
    cards = response.get_json()["response"]["engagement-kpis"]["children"]
    values = [text_of(card) for card in cards]
    assert any("<11" in value for value in values), values
    assert "too few to show" in " ".join(values)


PERTURBED = "Counts are slightly perturbed to protect people; totals may not add up exactly."


@pytest.mark.parametrize("path", ["/", "/engagement", "/turnout", "/network"])
def test_each_funder_page_says_once_that_counts_are_perturbed(funder, app, path):
    routed = update(funder, app, "_pages_content.children", extra={"pathname": path})
    text = routed.get_data(as_text=True)
    assert text.count(PERTURBED) == 1
    assert "≈" not in text


def test_the_funder_can_read_the_coalition_totals(funder, app):
    response = update(funder, app, "overview-kpis.children")
    text = json.dumps(response.get_json())
    assert "overview-kpi-active_people-value" in text
    assert response.get_json()["response"]["overview-status"]["children"] is None


def test_per_event_charts_say_they_are_not_part_of_the_funder_view(funder, app):
    response = update(funder, app, "turnout-goals-graph.figure").get_json()["response"]
    assert (
        "Per-event detail is not part of the funder view"
        in response["turnout-goals-empty"]["children"]
    )


# --- a coordinator limited to one org ---------------------------------------------------


@pytest.fixture(scope="module")
def cora(app):
    return signed_in(app, "cora")


def test_a_limited_coordinator_is_offered_their_own_orgs_only(cora, app):
    routed = update(cora, app, "_pages_content.children", extra={"pathname": "/engagement"})
    text = routed.get_data(as_text=True)
    assert "Eastside Tenants Union" in text
    for name in OTHER_ORG_NAMES:
        assert name not in text
    assert "Eastside Tenants Union (your org)" in text  # what the empty org filter means
    assert "You see Eastside Tenants Union in detail" in text
    assert "All member orgs" not in text


@pytest.mark.parametrize("orgs", [["labour"], ["tenants", "labour"], ["faith", "mutual", "labour"]])
def test_a_limited_coordinator_cannot_ask_for_another_orgs_detail(cora, app, orgs):
    response = update(cora, app, "turnout-by-org-graph.figure", filters(orgs=orgs))
    body = response.get_json()["response"]
    assert "unknown org" in body["turnout-by-org-empty"]["children"]
    for name in OTHER_ORG_NAMES:
        assert name not in response.get_data(as_text=True)


def test_a_limited_coordinator_sees_their_org_in_detail_and_the_coalition_as_totals(cora, app):
    response = update(cora, app, "overview-kpis.children").get_json()["response"]
    text = json.dumps(response)
    assert "overview-kpi-active_people-coalition" in text
    assert "Whole coalition:" in text
    routed = update(cora, app, "_pages_content.children", extra={"pathname": "/"})
    assert PERTURBED in routed.get_data(as_text=True)  # the coalition figures are


def _component(tree, component_id: str):
    """The props of the component with that id in a Dash response tree."""
    if isinstance(tree, dict):
        if tree.get("props", {}).get("id") == component_id:
            return tree["props"]
        children = list(tree.values())
    elif isinstance(tree, list):
        children = tree
    else:
        return None
    return next((f for c in children if (f := _component(c, component_id)) is not None), None)


def test_the_coalition_figures_that_count_no_people_are_never_held_back(cora, app):
    # Hours, actions and campaigns won are not perturbed: the other orgs' share of them
    # singles nobody out, so it is shown whatever its size (a rest of 0 included).
    response = update(cora, app, "overview-kpis.children").get_json()["response"]
    for key in ("hours", "actions", "campaigns_won"):
        note = _component(response, f"overview-kpi-{key}-coalition")
        assert note is not None, key
        assert not text_of(note["children"]).endswith("–"), (key, text_of(note["children"]))


def test_an_unlimited_coordinator_is_not_told_of_perturbation(app):
    coordinator = signed_in(app, "chris")
    routed = update(coordinator, app, "_pages_content.children", extra={"pathname": "/"})
    assert PERTURBED not in routed.get_data(as_text=True)


def test_the_report_page_is_the_viewers_own(cora, funder):
    own = cora.get(f"/report?to={date.today().isoformat()}").get_data(as_text=True)
    assert "Coordinator view of tenants" in own
    for name in OTHER_ORG_NAMES:
        assert name not in own
    funded = funder.get("/report").get_data(as_text=True)
    assert "Funder view" in funded and "&lt;11" in funded
    assert PERTURBED in funded
