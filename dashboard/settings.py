"""Every setting the environment can give, in one place: its name, default and meaning,
parsed and checked together.

`load()` reads them all and raises SettingsError naming the first bad variable and its
value (`COALITION_CACHE_MB='lots': not a number of megabytes`; a secret's value is never
shown: `COALITION_KEY: shorter than 32 bytes`); the command line and the
app call it at start-up, so a typo stops the program at once instead of surfacing in the
middle of a request. Modules read what they need from `current()`, never from
`os.environ`. The README's settings table is made from SETTINGS (a test keeps it so).

Settings of the coalition itself (its name, time zone, small-cell threshold) are in the
coalition folder's `coalition.toml`, not here.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path


class SettingsError(ValueError):
    """A setting's value cannot be used; the message names the variable and the value
    (not a secret's)."""


def _switch(text: str) -> bool:
    word = text.strip().lower()
    if word in ("1", "true", "yes", "on"):
        return True
    if word in ("0", "false", "no", "off"):
        return False
    raise ValueError("not on or off (1/0, true/false, yes/no, on/off)")


def _megabytes(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError("not a number of megabytes") from None
    if not value >= 0:  # also refuses nan
        raise ValueError("not a number of megabytes (0 or more)")
    return value


def _threads(text: str) -> int:
    if not text.strip().isdigit() or int(text) < 1:
        raise ValueError("not a positive whole number of threads")
    return int(text)


_SIZE = re.compile(r"\d+(\.\d+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)", re.IGNORECASE)


def _memory(text: str) -> str:
    if not _SIZE.fullmatch(text.strip()):
        raise ValueError('not a size DuckDB reads, such as "512MB" or "2GB"')
    return text.strip()


def _header(text: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9-]+", text.strip()):
        raise ValueError("not an HTTP header name (letters, digits and -)")
    return text.strip()


def _text(text: str) -> str:
    return text


MIN_KEY_BYTES = 32  # a shorter coalition key makes person keys guessable from emails


def _key(text: str) -> str:
    if len(text.encode("utf-8")) < MIN_KEY_BYTES:
        raise ValueError(f"shorter than {MIN_KEY_BYTES} bytes")
    return text


@dataclass(frozen=True)
class Setting:
    variable: str
    field: str
    default: object  # the parsed value when the variable is unset or empty
    shown_default: str  # the default as the README writes it
    meaning: str
    parse: Callable[[str], object]
    secret: bool = False  # never echoed in an error message


SETTINGS = (
    Setting(
        "COALITION_WAREHOUSE",
        "warehouse",
        None,
        ".coalition/warehouse.duckdb",
        "The warehouse file every command and the app use, unless `--warehouse` names one.",
        Path,
    ),
    Setting(
        "COALITION_KEY",
        "key",
        None,
        "`coalition.key` beside the warehouse",
        "The coalition key behind the pseudonymous person keys, at least 32 bytes; by "
        "default a random key is created beside the warehouse on the first ingest.",
        _key,
        secret=True,
    ),
    Setting(
        "COALITION_CACHE_MB",
        "cache_mb",
        256.0,
        "256",
        "Memory for each server process's cache of query answers; 0 turns it off.",
        _megabytes,
    ),
    Setting(
        "COALITION_SHARED_RESULTS",
        "shared_results",
        True,
        "on",
        "Share answers between the server's processes as files beside the warehouse.",
        _switch,
    ),
    Setting(
        "COALITION_WARMUP",
        "warmup",
        True,
        "on",
        "Compute the preset views in the background when the server starts and after each rebuild.",
        _switch,
    ),
    Setting(
        "COALITION_DUCKDB_THREADS",
        "duckdb_threads",
        None,
        "all cores",
        "DuckDB threads per server process.",
        _threads,
    ),
    Setting(
        "COALITION_DUCKDB_MEMORY",
        "duckdb_memory",
        None,
        "DuckDB's own (80% of memory)",
        'DuckDB memory limit per server process, e.g. "2GB".',
        _memory,
    ),
    Setting(
        "COALITION_INGEST_MEMORY",
        "ingest_memory",
        "4GB",
        "4GB",
        'Memory ceiling of `coalition ingest`, e.g. "4GB": DuckDB\'s limit for the build '
        "(it spills to disk beyond it), and how many files are read at once.",
        _memory,
    ),
    Setting(
        "COALITION_SECURE_COOKIES",
        "secure_cookies",
        False,
        "off",
        "Send the session cookie over HTTPS only (turn on behind an HTTPS proxy).",
        _switch,
    ),
    Setting(
        "COALITION_TRUSTED_USER_HEADER",
        "trusted_user_header",
        None,
        "unset",
        "Behind a proxy that signs people in: the request header (e.g. "
        "`X-Forwarded-User`) whose value names the configured user.",
        _header,
    ),
    Setting(
        "COALITION_CHROMIUM",
        "chromium",
        None,
        "`chromium` on the PATH",
        "The Chromium or Chrome that prints `coalition report --out X.pdf`.",
        _text,
    ),
)


@dataclass(frozen=True)
class Settings:
    warehouse: Path | None
    key: str | None
    cache_mb: float
    shared_results: bool
    warmup: bool
    duckdb_threads: int | None
    duckdb_memory: str | None
    ingest_memory: str
    secure_cookies: bool
    trusted_user_header: str | None
    chromium: str | None


def load(environ: Mapping[str, str] | None = None) -> Settings:
    """Every setting from the environment, checked; SettingsError on the first bad one."""
    environ = os.environ if environ is None else environ
    values = {}
    for setting in SETTINGS:
        raw = environ.get(setting.variable, "")
        if not raw.strip():
            values[setting.field] = setting.default
            continue
        try:
            values[setting.field] = setting.parse(raw)
        except ValueError as error:
            shown = "" if setting.secret else f"={raw!r}"
            raise SettingsError(f"{setting.variable}{shown}: {error}") from None
    return Settings(**values)


def current() -> Settings:
    """The settings now. Read afresh on each call (a dozen lookups): the programs call it
    when they set up, not per request, and tests may change the environment."""
    return load()
