"""A member org's `mapping.toml`: how to read the exports its file names and headers
do not explain (contract §5).

It says which file pattern is which canonical table or tool, which column is which
field, value synonyms, day-first dates, Mobilize affiliations and the event of a
sign-in sheet. A problem is reported as a message naming the mapping file: a broken
file refuses every file of the org, a broken [[files]] entry refuses the files it
matches, and the ingest loads everything else (README, "Exports from organizing tools").
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time
from fnmatch import fnmatchcase
from pathlib import Path

from dashboard.ingest.tools import TOOL_FORMATS
from dashboard.ingest.vocabulary import ATTENDANCE_STATUSES, ORG_TABLES

MAPPING_FILE = "mapping.toml"
SETTINGS = ("day_first", "affiliations", "files")
ENTRY_SETTINGS = ("pattern", "table", "tool", "columns", "values", "fixed", "event", "day_first")
EVENT_SETTINGS = ("event_id", "starts_at", "event_type", "title")


class _Invalid(Exception):
    """One problem in the mapping file; the message says what to fix."""


@dataclass(frozen=True)
class FixedEvent:
    """The one event of a sign-in sheet or single-event report."""

    event_id: str
    starts_at: str | None = None  # with it, the event is created when no events file has it
    event_type: str | None = None
    title: str | None = None


@dataclass(frozen=True)
class FileEntry:
    """One [[files]] table: settings for the files whose name matches `pattern`."""

    number: int  # 1-based position in the file, for messages
    pattern: str
    table: str | None = None
    tool: str | None = None
    columns: Mapping[str, str] = field(default_factory=dict)  # field → column header
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # field → synonyms
    fixed: Mapping[str, str] = field(default_factory=dict)  # field → value for empty cells
    event: FixedEvent | None = None
    day_first: bool | None = None
    error: str | None = None  # why the entry cannot be used: its files are refused

    @property
    def label(self) -> str:
        return f"[[files]] #{self.number} (pattern {self.pattern!r})"

    def matches(self, path_in_org: str) -> bool:
        """Glob on the file name, case-insensitive; a pattern with '/' sees subfolders."""
        name = path_in_org if "/" in self.pattern else path_in_org.rsplit("/", 1)[-1]
        return fnmatchcase(name.lower(), self.pattern.lower())


@dataclass(frozen=True)
class OrgMapping:
    path: str  # e.g. "tenants/mapping.toml", relative to the data folder
    day_first: bool = False
    affiliations: Mapping[str, str] = field(default_factory=dict)  # Mobilize id → org_id
    entries: tuple[FileEntry, ...] = ()
    error: str | None = None  # the whole file is unusable: every file of the org is refused

    def entry_for(self, path_in_org: str) -> FileEntry | None:
        """The first [[files]] entry whose pattern matches the file."""
        return next((e for e in self.entries if e.matches(path_in_org)), None)


def read_mapping(data_dir: Path, org_id: str) -> OrgMapping | None:
    """The org's mapping.toml, parsed and checked; None when the org has none."""
    path = data_dir / org_id / MAPPING_FILE
    name = f"{org_id}/{MAPPING_FILE}"
    if path.is_symlink():
        return OrgMapping(name, error=f"{name}: is a symbolic link, which is not followed")
    if not path.is_file():
        return None
    try:
        settings = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as error:
        return OrgMapping(name, error=f"{name}: not a valid TOML file ({error})")
    try:
        return _org_mapping(name, settings)
    except _Invalid as problem:
        return OrgMapping(name, error=f"{name}: {problem}")


def _org_mapping(name: str, settings: dict) -> OrgMapping:
    _known_keys(settings, SETTINGS, "setting")
    files = settings.get("files", [])
    if not isinstance(files, list) or not all(isinstance(f, dict) for f in files):
        raise _Invalid("`files` must be a list of [[files]] tables")
    entries = []
    for number, entry in enumerate(files, start=1):
        pattern = entry.get("pattern")
        if not isinstance(pattern, str) or not pattern.strip():
            raise _Invalid(f"[[files]] #{number} has no pattern (a glob on the file name)")
        try:
            entries.append(_entry(number, pattern.strip(), entry))
        except _Invalid as problem:
            label = f"[[files]] #{number} (pattern {pattern.strip()!r})"
            entries.append(FileEntry(number, pattern.strip(), error=f"{name} {label}: {problem}"))
    return OrgMapping(
        name,
        day_first=_flag(settings, "day_first") or False,
        affiliations=_text_table(settings.get("affiliations", {}), "affiliations"),
        entries=tuple(entries),
    )


def _entry(number: int, pattern: str, entry: dict) -> FileEntry:
    _known_keys(entry, ENTRY_SETTINGS, "setting")
    table, tool = entry.get("table"), entry.get("tool")
    if table is not None and tool is not None:
        raise _Invalid("give `table` or `tool`, not both")
    if table is not None and table not in ORG_TABLES:
        raise _Invalid(f"unknown table {table!r} (tables: {', '.join(ORG_TABLES)})")
    if tool is not None and tool not in TOOL_FORMATS:
        raise _Invalid(f"unknown tool {tool!r} (tools: {', '.join(TOOL_FORMATS)})")
    values = entry.get("values", {})
    if not isinstance(values, dict):
        raise _Invalid("`values` must be a table of field = { written = value } tables")
    synonyms = {f: _synonyms(f, written) for f, written in values.items()}
    return FileEntry(
        number,
        pattern,
        table=table,
        tool=tool,
        columns=_text_table(entry.get("columns", {}), "columns"),
        values=synonyms,
        fixed=_text_table(entry.get("fixed", {}), "fixed"),
        event=_event(entry.get("event")),
        day_first=_flag(entry, "day_first"),
    )


def _synonyms(field_name: str, written: object) -> dict[str, str]:
    synonyms = _text_table(written, f"values.{field_name}")
    folded = {k.strip().lower(): v.strip() for k, v in synonyms.items()}
    if field_name == "status":
        # A status must end as one of the contract's, or every row would be rejected.
        wrong = [v for v in folded.values() if v.lower() not in ATTENDANCE_STATUSES]
        if wrong:
            raise _Invalid(
                f"values.status maps to {wrong[0]!r}, which is not a status "
                f"({', '.join(ATTENDANCE_STATUSES)})"
            )
        folded = {k: v.lower() for k, v in folded.items()}
    return folded


def _event(value: object) -> FixedEvent | None:
    if value is None:
        return None
    if isinstance(value, str | int):
        value = {"event_id": value}
    if not isinstance(value, dict):
        raise _Invalid("`event` must be an event id or a table with event_id, starts_at, ...")
    _known_keys(value, EVENT_SETTINGS, "event setting")
    texts = {k: _as_text(v, f"event.{k}") for k, v in value.items()}
    if not texts.get("event_id", "").strip():
        raise _Invalid("`event` needs an event_id")
    return FixedEvent(**{k: v.strip() for k, v in texts.items()})


def _known_keys(table: dict, known: tuple[str, ...], what: str) -> None:
    for key in table:
        if key not in known:
            raise _Invalid(f"unknown {what} {key!r} (expected: {', '.join(known)})")


def _flag(table: dict, key: str) -> bool | None:
    value = table.get(key)
    if value is not None and not isinstance(value, bool):
        raise _Invalid(f"`{key}` must be true or false")
    return value


def _as_text(value: object, what: str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    raise _Invalid(f"`{what}` must be a text, a number or a date")


def _text_table(value: object, what: str) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _Invalid(f"`{what}` must be a table of name = value")
    return {str(k): _as_text(v, f"{what}.{k}") for k, v in value.items()}
