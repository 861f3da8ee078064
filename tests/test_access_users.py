"""Users, the session key and the login throttle, without a web server: the users file
beside the warehouse, `coalition users`, and what they promise (hashes, 0600, atomic)."""

from __future__ import annotations

import io
import json
import stat
import threading

import pytest

from dashboard.access.session_secret import secret_path, session_secret
from dashboard.access.throttle import LoginThrottle
from dashboard.access.users import UsersError, UserStore, users_path
from dashboard.cli import main


@pytest.fixture
def store(tmp_path) -> UserStore:
    return UserStore(users_path(tmp_path / "warehouse.duckdb"))


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- the users file ---------------------------------------------------------------------


def test_users_live_beside_the_warehouse_readable_by_the_owner_only(store, tmp_path):
    store.add("fran", "funder", "correct horse battery")
    assert store.path == tmp_path / "users.json"
    assert mode(store.path) == 0o600


def test_passwords_are_kept_as_salted_scrypt_hashes_never_as_text(store):
    store.add("fran", "funder", "correct horse battery")
    store.add("sam", "funder", "correct horse battery")
    text = store.path.read_text()
    assert "correct horse battery" not in text
    hashes = [u["password"] for u in json.loads(text)["users"]]
    assert all(h.startswith("scrypt:") for h in hashes)
    assert hashes[0] != hashes[1]  # salted: the same password hashes differently


def test_the_right_password_signs_in_and_nothing_else_does(store):
    store.add("cora", "coordinator", "s3cret-enough", ("tenants",))
    user = store.verify("cora", "s3cret-enough")
    assert (user.name, user.role, user.orgs) == ("cora", "coordinator", ("tenants",))
    assert store.verify("cora", "s3cret-enougH") is None
    assert store.verify("nobody", "s3cret-enough") is None
    assert store.verify("cora", "x" * 100_000) is None
    assert store.verify(None, None) is None


def test_no_users_file_means_no_users(store):
    assert store.users() == {}


def test_a_removed_user_is_gone_and_a_changed_password_changes_the_fingerprint(store):
    first = store.add("cora", "coordinator", "first password")
    second = store.add("cora", "coordinator", "second password", replace=True)
    assert first.fingerprint != second.fingerprint
    store.remove("cora")
    assert store.users() == {}
    with pytest.raises(UsersError, match="no user cora"):
        store.remove("cora")


@pytest.mark.parametrize(
    ("name", "role", "password", "message"),
    [
        ("fran", "funder", "short", "too short"),
        ("fran", "donor", "long enough", "unknown role"),
        ("fr an", "funder", "long enough", "not a user name"),
        ("../etc", "funder", "long enough", "not a user name"),
        ("", "funder", "long enough", "not a user name"),
    ],
)
def test_bad_users_are_refused_with_a_reason(store, name, role, password, message):
    with pytest.raises(UsersError, match=message):
        store.add(name, role, password)


def test_adding_a_user_twice_needs_replace(store):
    store.add("fran", "funder", "long enough")
    with pytest.raises(UsersError, match="exists"):
        store.add("fran", "coordinator", "long enough")


def test_a_damaged_users_file_is_an_error_not_an_empty_list(store):
    store.path.write_text("{not json")
    with pytest.raises(UsersError, match="not a users file"):
        store.users()


def test_a_change_by_another_process_is_read_at_once(store):
    other = UserStore(store.path)
    assert store.users() == {}
    other.add("fran", "funder", "long enough")
    assert set(store.users()) == {"fran"}


# --- the session key --------------------------------------------------------------------


def test_the_session_key_is_generated_once_kept_0600_and_reused(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    first = session_secret(warehouse)
    assert len(first) >= 64
    assert mode(secret_path(warehouse)) == 0o600
    assert session_secret(warehouse) == first


def test_workers_starting_together_agree_on_one_key(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    keys = []
    threads = [
        threading.Thread(target=lambda: keys.append(session_secret(warehouse))) for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(keys)) == 1


# --- the login throttle -----------------------------------------------------------------


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_five_failures_lock_a_key_out_for_a_while():
    clock = Clock()
    throttle = LoginThrottle(limit=5, window=900, lockout=900, clock=clock)
    for _ in range(4):
        throttle.failed(("user", "fran"))
        assert throttle.retry_after(("user", "fran")) == 0
    throttle.failed(("user", "fran"))
    assert throttle.retry_after(("user", "fran")) == 900
    clock.now += 899
    assert throttle.retry_after(("user", "fran")) == 1
    clock.now += 2
    assert throttle.retry_after(("user", "fran")) == 0


def test_failures_outside_the_window_are_forgotten():
    clock = Clock()
    throttle = LoginThrottle(limit=5, window=60, lockout=900, clock=clock)
    for _ in range(10):
        throttle.failed("ip")
        clock.now += 30  # never 5 within a minute
    assert throttle.retry_after("ip") == 0


def test_a_success_clears_the_names_failures_only():
    throttle = LoginThrottle(limit=3)
    for _ in range(2):
        throttle.failed("ip", "name")
    throttle.succeeded("name")
    throttle.failed("ip", "name")
    assert throttle.retry_after("name") == 0
    assert throttle.retry_after("ip") > 0


def test_the_throttle_remembers_a_bounded_number_of_keys():
    throttle = LoginThrottle(max_keys=100)
    for n in range(1000):
        throttle.failed(("ip", n))
    assert len(throttle._state) == 100


# --- coalition users --------------------------------------------------------------------


def run(argv, monkeypatch, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(argv)


def test_users_add_list_remove_from_the_command_line(tmp_path, monkeypatch, capsys):
    warehouse = str(tmp_path / "warehouse.duckdb")
    add = ["users", "add", "fran", "--role", "funder", "--password-stdin", "--warehouse"]
    assert run([*add, warehouse], monkeypatch, "a long password\n") == 0
    assert "Added fran (funder)" in capsys.readouterr().out
    assert run(["users", "list", "--warehouse", warehouse], monkeypatch) == 0
    listing = capsys.readouterr().out
    assert "fran" in listing and "funder" in listing
    assert UserStore(users_path(warehouse)).verify("fran", "a long password")
    assert run(["users", "remove", "fran", "--warehouse", warehouse], monkeypatch) == 0
    assert "the dashboard is open" in capsys.readouterr().out


def test_users_add_prompts_twice_and_refuses_a_mismatch(tmp_path, monkeypatch, capsys):
    answers = iter(["first password", "other password"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    warehouse = str(tmp_path / "warehouse.duckdb")
    code = main(["users", "add", "cora", "--role", "coordinator", "--warehouse", warehouse])
    assert code == 1
    assert "the two passwords differ" in capsys.readouterr().err
    assert UserStore(users_path(warehouse)).users() == {}


def test_users_add_checks_org_ids_against_the_warehouse(
    tmp_path, monkeypatch, capsys, sample_warehouse_path
):
    folder = tmp_path / "here"
    folder.mkdir()
    (folder / "warehouse.duckdb").symlink_to(sample_warehouse_path)
    warehouse = str(folder / "warehouse.duckdb")
    args = ["users", "add", "cora", "--role", "coordinator", "--password-stdin"]
    assert (
        run([*args, "--org", "nope", "--warehouse", warehouse], monkeypatch, "pw-long-enough") == 1
    )
    assert "unknown org: nope" in capsys.readouterr().err
    assert (
        run([*args, "--org", "tenants", "--warehouse", warehouse], monkeypatch, "pw-long-enough")
        == 0
    )
    assert UserStore(users_path(warehouse)).users()["cora"].orgs == ("tenants",)


def test_users_add_needs_a_role(tmp_path, monkeypatch):
    with pytest.raises(SystemExit):
        run(["users", "add", "fran", "--warehouse", str(tmp_path / "w.duckdb")], monkeypatch)
