"""The coalition key behind pseudonymous person keys (contract §4).

A weak key makes every person key guessable from a list of emails, and a changed key
gives everyone new person keys, so the key is checked before anything is built: it
must be at least 32 bytes, and it must be the key that built the existing warehouse
(whose fingerprint the warehouse records) unless the caller asks to re-key.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import tempfile
from pathlib import Path

import duckdb

from dashboard import settings

KEY_FILE_NAME = "coalition.key"
MIN_KEY_BYTES = settings.MIN_KEY_BYTES
_BLOCK = 64  # SHA-256 block size, for the HMAC pads
_FINGERPRINT_MESSAGE = b"coalition-dashboard key fingerprint"


class KeyRefused(Exception):
    """The coalition key cannot be used; the one-line message says why and what to do."""


def key_file(warehouse: Path) -> Path:
    return Path(warehouse).parent / KEY_FILE_NAME


def fingerprint(key: bytes) -> str:
    """What the warehouse records of its key: names the key without revealing it."""
    return hmac.new(key, _FINGERPRINT_MESSAGE, hashlib.sha256).hexdigest()


def coalition_key(warehouse: Path, *, new_key: bool = False) -> tuple[bytes, str]:
    """The key's bytes and where they came from, checked; KeyRefused otherwise.

    $COALITION_KEY (its UTF-8 bytes) wins; otherwise `coalition.key` beside the warehouse,
    created on first use with 32 random bytes in hex and mode 0600. The file's text is
    the key, so `COALITION_KEY=$(cat coalition.key)` gives the same person keys.

    Unless `new_key`, a key other than the one that built the existing warehouse is
    refused, and so is a missing key file beside an existing warehouse (a new one would
    differ).
    """
    warehouse = Path(warehouse)
    if text := settings.current().key:  # at least 32 bytes: settings checked it
        key, source = text.encode("utf-8"), "$COALITION_KEY"
    else:
        path = key_file(warehouse)
        if not path.exists() and not path.is_symlink():
            if warehouse.exists() and not new_key:
                raise KeyRefused(_differs(warehouse, f"{path} is missing"))
            _create(path)
        key, source = _read(path), str(path)
    if not new_key and _recorded_fingerprint(warehouse) not in (None, fingerprint(key)):
        raise KeyRefused(_differs(warehouse, f"the key from {source}"))
    return key, source


def _differs(warehouse: Path, which: str) -> str:
    return (
        f"the coalition key differs from the one that built {warehouse} ({which}): "
        "person keys would all change; restore the key, or pass --new-key to re-key everyone"
    )


def _create(path: Path) -> None:
    """Write a new key under a temporary name, flush it to disk, then link it into place.

    The link is exclusive, so of several ingests starting at once exactly one key wins
    and everybody reads that one; a write that fails (full disk, file-size limit, kill)
    leaves no key file at all, never an empty or partial one.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{KEY_FILE_NAME}-", dir=path.parent)
    except OSError as error:
        raise KeyRefused(f"{path}: cannot create the coalition key ({error.strerror})") from None
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "wb") as out:
            out.write(secrets.token_hex(MIN_KEY_BYTES).encode("ascii"))
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(FileExistsError):  # another ingest's key won: read it
            os.link(temporary, path)
        _sync_folder(path.parent)
    except OSError as error:
        raise KeyRefused(f"{path}: cannot create the coalition key ({error.strerror})") from None
    finally:
        Path(temporary).unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make the new name durable too, so a crash cannot lose a key a warehouse was built with."""
    with contextlib.suppress(OSError):  # best effort: some file systems cannot sync folders
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _read(path: Path) -> bytes:
    try:
        key = path.read_bytes().strip()
    except OSError as error:
        raise KeyRefused(f"{path}: cannot read the coalition key ({error.strerror})") from None
    if len(key) < MIN_KEY_BYTES:
        problem = "empty" if not key else f"shorter than {MIN_KEY_BYTES} bytes"
        raise KeyRefused(
            f"{path}: the coalition key is {problem}; restore it, or delete the file to "
            "have a new one made (with --new-key if a warehouse was built with the old one)"
        )
    return key


def _recorded_fingerprint(warehouse: Path) -> str | None:
    """The fingerprint the existing warehouse recorded; None when there is no warehouse
    or it records none (built before fingerprints were, or not a warehouse at all)."""
    if not warehouse.is_file():
        return None
    try:
        with duckdb.connect(":memory:", config={"threads": "1"}) as connection:
            connection.execute("attach $path as warehouse (read_only)", {"path": str(warehouse)})
            rows = connection.sql(
                "select max(key_fingerprint) from warehouse.warehouse_info"
            ).fetchall()
    except duckdb.Error:
        return None
    return rows[0][0]


def hmac_pads(key: bytes) -> tuple[bytes, bytes]:
    """HMAC-SHA256's inner and outer pads (RFC 2104), so SQL can finish the HMAC."""
    if len(key) > _BLOCK:
        key = hashlib.sha256(key).digest()
    key = key.ljust(_BLOCK, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)
