"""Sessions that signing out ends on the server, not only in the browser that signed out.

Each user has a session generation, kept beside the warehouse in `sessions.json` (mode
0600). Signing in writes the current generation into the signed cookie; every request
compares it with the file's; signing out adds one to it, so every cookie issued before,
copied or not, stops working at once, in every gunicorn worker (the file is the shared
state, read again only when it changes, as users.json is).

Signing out ends the user's sessions in every browser: an account shared by several
people signs them all out. A separate file from users.json, so a sign-out in the
dashboard never races `coalition users add` writing the users.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

from dashboard.access.watched_file import WatchedFile

SESSIONS_FILE = "sessions.json"


def sessions_path(warehouse: Path | str) -> Path:
    return Path(warehouse).parent / SESSIONS_FILE


def _parse_generations(text: str) -> dict[str, int]:
    entries = json.loads(text)["generations"]
    return {str(name): int(value) for name, value in entries.items()}


class SessionGenerations:
    """{user name: generation}; a user who never signed out is at generation 0."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._file = WatchedFile(self.path, _parse_generations, dict)

    def _read(self) -> dict[str, int]:
        return self._file.read()

    def current(self, name: str) -> int:
        """Raises OSError or ValueError when the file cannot be read: the caller refuses."""
        return self._read().get(name, 0)

    def end_sessions(self, name: str) -> int:
        """Every session of `name` issued so far stops working; returns the new generation."""
        with self._exclusive():
            generations = dict(self._read())
            generations[name] = generations.get(name, 0) + 1
            self._write(generations)
            return generations[name]

    @contextmanager
    def _exclusive(self):
        """One writer at a time across processes: two workers signing out at once both
        count (a lost update would revive a session)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = os.open(self.path.with_name(f".{SESSIONS_FILE}.lock"), os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield
        finally:
            os.close(lock)

    def _write(self, generations: dict[str, int]) -> None:
        text = json.dumps({"generations": dict(sorted(generations.items()))}, indent=2)
        handle, temporary = tempfile.mkstemp(prefix=".sessions-", dir=self.path.parent)
        try:
            os.fchmod(handle, 0o600)
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text + "\n")
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
