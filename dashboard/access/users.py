"""The dashboard's users, kept beside the warehouse in `users.json` (mode 0600).

Passwords are stored as salted hashes by werkzeug.security (scrypt), never as text. The
file is read again whenever it changes, so `coalition users add/remove` takes effect in a
running dashboard at once, and a removed user or a changed password ends its sessions.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from dashboard.access.roles import ROLES, Viewer
from dashboard.access.watched_file import WatchedFile

USERS_FILE = "users.json"
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")
MIN_PASSWORD = 8
MAX_PASSWORD = 1024


class UsersError(Exception):
    """A users file that cannot be read, or a user that cannot be added."""


def users_path(warehouse: Path | str) -> Path:
    return Path(warehouse).parent / USERS_FILE


@dataclass(frozen=True)
class User:
    name: str
    role: str
    orgs: tuple[str, ...] | None
    password_hash: str

    @property
    def fingerprint(self) -> str:
        """Changes with the password: a session carries it, so a new password ends it."""
        return hashlib.sha256(self.password_hash.encode()).hexdigest()[:24]

    def viewer(self) -> Viewer:
        return Viewer(self.role, self.orgs, self.name)

    def as_json(self) -> dict:
        return {
            "name": self.name,
            "role": self.role,
            "orgs": list(self.orgs) if self.orgs else None,
            "password": self.password_hash,
        }


@cache
def _dummy_hash() -> str:
    """Checked against when the name is unknown, so a wrong name takes as long as a
    wrong password and the answer's timing does not tell which names exist."""
    return generate_password_hash(os.urandom(16).hex())


def check_name(name: str) -> str:
    if not isinstance(name, str) or not NAME.fullmatch(name):
        raise UsersError(
            f"{name!r} is not a user name: 1-64 letters, digits and . _ @ -, "
            "starting with a letter or digit"
        )
    return name


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UsersError(f"the password is too short: at least {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise UsersError(f"the password is too long: at most {MAX_PASSWORD} characters")
    return password


def _parse(text: str, path: Path) -> dict[str, User]:
    try:
        entries = json.loads(text)["users"]
        users = {}
        for entry in entries:
            orgs = entry.get("orgs")
            user = User(
                check_name(entry["name"]),
                entry["role"],
                tuple(orgs) if orgs else None,
                entry["password"],
            )
            if user.role not in ROLES:
                raise UsersError(f"unknown role {user.role!r}")
            users[user.name] = user
        return users
    except (ValueError, KeyError, TypeError, UsersError) as error:
        raise UsersError(f"{path} is not a users file this dashboard wrote: {error}") from None


class UserStore:
    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._file = WatchedFile(self.path, lambda text: _parse(text, self.path), dict)

    def users(self) -> dict[str, User]:
        """{name: User}; empty when there is no users file (open access)."""
        return self._file.read()

    def verify(self, name: str, password: str) -> User | None:
        """The user when the password is theirs, else None (in about the same time)."""
        user = self.users().get(name) if isinstance(name, str) else None
        if not isinstance(password, str) or len(password) > MAX_PASSWORD:
            password = ""
        if user is None:
            check_password_hash(_dummy_hash(), password)
            return None
        return user if check_password_hash(user.password_hash, password) else None

    def add(
        self,
        name: str,
        role: str,
        password: str,
        orgs: tuple[str, ...] | None = None,
        *,
        replace: bool = False,
    ) -> User:
        check_name(name)
        if role not in ROLES:
            raise UsersError(f"unknown role {role!r} (roles: {', '.join(ROLES)})")
        check_password(password)
        users = dict(self.users())
        if name in users and not replace:
            raise UsersError(f"user {name} exists: remove it first, or add it with --replace")
        orgs = tuple(sorted(set(orgs))) if orgs else None
        user = User(name, role, orgs, generate_password_hash(password))
        users[name] = user
        self._write(users)
        return user

    def remove(self, name: str) -> None:
        users = dict(self.users())
        if name not in users:
            raise UsersError(f"no user {name}")
        del users[name]
        self._write(users)

    def _write(self, users: dict[str, User]) -> None:
        """Atomically, readable by the owner only (0600) from the first byte."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps({"users": [users[name].as_json() for name in sorted(users)]}, indent=2)
        handle, temporary = tempfile.mkstemp(prefix=".users-", dir=self.path.parent)
        try:
            os.fchmod(handle, 0o600)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text + "\n")
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
