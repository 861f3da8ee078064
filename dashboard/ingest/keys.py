"""The coalition key behind pseudonymous person keys (contract §4)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from dashboard import settings

KEY_FILE_NAME = "coalition.key"
_BLOCK = 64  # SHA-256 block size, for the HMAC pads


def coalition_key(warehouse: Path) -> tuple[bytes, str]:
    """The key's bytes and where they came from.

    $COALITION_KEY (its UTF-8 bytes) wins; otherwise `coalition.key` beside the warehouse,
    created on first use with 32 random bytes in hex and mode 0600. The file's text is
    the key, so `COALITION_KEY=$(cat coalition.key)` gives the same person keys.
    """
    if key := settings.current().key:
        return key.encode("utf-8"), "$COALITION_KEY"
    path = warehouse.parent / KEY_FILE_NAME
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip().encode("utf-8"), str(path)


def hmac_pads(key: bytes) -> tuple[bytes, bytes]:
    """HMAC-SHA256's inner and outer pads (RFC 2104), so SQL can finish the HMAC."""
    if len(key) > _BLOCK:
        import hashlib

        key = hashlib.sha256(key).digest()
    key = key.ljust(_BLOCK, b"\0")
    return bytes(b ^ 0x36 for b in key), bytes(b ^ 0x5C for b in key)
