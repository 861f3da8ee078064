"""The key that signs session cookies: generated once and kept beside the warehouse in
`session.key` (mode 0600), so sessions survive restarts and every gunicorn worker signs
with the same key. Never hard-coded; delete the file to end every session."""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import tempfile
from pathlib import Path

SECRET_FILE = "session.key"
log = logging.getLogger("dashboard")


def secret_path(warehouse: Path | str) -> Path:
    return Path(warehouse).parent / SECRET_FILE


def _create(path: Path) -> None:
    """Write a new key under a temporary name and link it into place: of several workers
    starting at once, exactly one key wins and everybody reads that one."""
    handle, temporary = tempfile.mkstemp(prefix=".session-", dir=path.parent)
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "w", encoding="ascii") as out:
            out.write(secrets.token_hex(32) + "\n")
        with contextlib.suppress(FileExistsError):  # another worker's key won: read it
            os.link(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def session_secret(warehouse: Path | str) -> str:
    path = secret_path(warehouse)
    try:
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            _create(path)
        secret = path.read_text(encoding="ascii").strip()
        if len(secret) >= 32:
            return secret
        log.warning("%s is too short to sign sessions; using a key for this process only", path)
    except OSError as error:
        log.warning(
            "cannot keep the session key at %s (%s): using a key for this process only; "
            "sessions end when it stops and are not shared between workers",
            path,
            error.strerror,
        )
    return secrets.token_hex(32)
