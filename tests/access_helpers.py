"""Helpers for the tests of users, roles and the gate: a warehouse of one's own (the
session's sample warehouse linked into a folder, so a users file beside it affects no
other test), clients signed in as a user, and callback requests built from the app's own
callback map."""

from __future__ import annotations

import json
import re
from pathlib import Path

from dashboard.access.users import UserStore, users_path

PASSWORD = "a-long-enough-password"
USERS = {
    "fran": ("funder", None),
    "cora": ("coordinator", ("tenants",)),
    "chris": ("coordinator", None),
}
OTHER_ORG_NAMES = ("Local 42 Workers", "Interfaith Action", "Mutual Aid Network")
OWN_ORG_NAME = "Eastside Tenants Union"


def warehouse_with_users(folder: Path, sample_warehouse: Path, users=USERS) -> Path:
    """A folder whose warehouse is the sample one and whose users.json holds `users`."""
    folder.mkdir(parents=True, exist_ok=True)
    warehouse = folder / "warehouse.duckdb"
    if not warehouse.exists():
        warehouse.symlink_to(sample_warehouse)
    store = UserStore(users_path(warehouse))
    for name, (role, orgs) in users.items():
        store.add(name, role, PASSWORD, orgs, replace=True)
    return warehouse


def csrf_token(client) -> str:
    page = client.get("/login").get_data(as_text=True)
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def sign_in(client, name: str, password: str = PASSWORD, next_page: str = "/", **environ):
    token = csrf_token(client)
    return client.post(
        "/login",
        data={"name": name, "password": password, "csrf": token, "next": next_page},
        **({"environ_base": environ} if environ else {}),
    )


def sign_out(client):
    """Press the navbar's Sign out: post its form with the token the page carries."""
    page = client.get("/logout").get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    return client.post("/logout", data={"csrf": token})


def signed_in(app, name: str):
    client = app.server.test_client()
    response = sign_in(client, name)
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return client


def component_id(text: str):
    return json.loads(text) if text.startswith("{") else text


def output_specs(spec: str) -> list[dict]:
    parts = spec[2:-2].split("...") if spec.startswith("..") else [spec]
    outputs = []
    for part in parts:
        component, prop = part.rsplit(".", 1)
        outputs.append({"id": component_id(component), "property": prop})
    return outputs


def output_names(spec: str) -> list[str]:
    """'..a.children...b.figure..' → ['a.children', 'b.figure'] (dict ids as JSON)."""
    return spec[2:-2].split("...") if spec.startswith("..") else [spec]


def is_wildcard(cid) -> bool:
    return isinstance(cid, dict) and any(isinstance(v, list) for v in cid.values())


def callback_body(dependency: dict, value_for) -> dict:
    """The request the renderer would send for `dependency`, each input and state given
    by `value_for(component id, property)`."""

    def bind(specs):
        bound = []
        for spec in specs:
            cid = component_id(spec["id"])
            if is_wildcard(cid):
                bound.append([])  # no component matches: as the renderer sends it
            else:
                bound.append(
                    {
                        "id": cid,
                        "property": spec["property"],
                        "value": value_for(cid, spec["property"]),
                    }
                )
        return bound

    outputs = output_specs(dependency["output"])
    inputs = bind(dependency["inputs"])
    first = next((i for i in inputs if isinstance(i, dict)), None)
    changed = []
    if first is not None:
        cid = first["id"]
        key = (
            json.dumps(cid, sort_keys=True, separators=(",", ":")) if isinstance(cid, dict) else cid
        )
        changed = [f"{key}.{first['property']}"]
    return {
        "output": dependency["output"],
        "outputs": outputs if len(outputs) > 1 else outputs[0],
        "inputs": inputs,
        "state": bind(dependency["state"]),
        "changedPropIds": changed,
    }


def server_dependencies(app, client) -> list[dict]:
    """Every callback the server runs (clientside ones have no function there)."""
    dependencies = client.get("/_dash-dependencies").get_json()
    server_side = {key for key, entry in app.callback_map.items() if "callback" in entry}
    found = [d for d in dependencies if d["output"] in server_side]
    assert len(found) == len(server_side), "a server callback is missing from the dependencies"
    return found


def text_numbers(text: str) -> list[int]:
    """Whole numbers written in a text ("1,234" → 1234), not parts of dates or decimals."""
    tokens = re.findall(
        r"(?<![\w.,\-/:#])\d{1,3}(?:,\d{3})+(?![\w.%])|(?<![\w.,\-/:#])\d+(?![\w.,%\-/:])", text
    )
    return [int(t.replace(",", "")) for t in tokens]
