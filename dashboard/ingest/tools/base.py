"""What a tool importer is made of (contract §5), and the Arrow helpers importers share.

A tool is described as data: the columns it publishes, how its header is recognised,
which of its fields are required. Its `convert` function turns the file's fields into
the contract's canonical rows with whole-column Arrow operations (no loop over rows);
the staging SQL then applies every rule of the contract to them, as for any file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

import pyarrow as pa
import pyarrow.compute as pc

from dashboard.ingest.vocabulary import ATTENDANCE_STATUSES

Column = pa.Array | pa.ChunkedArray
Value = Column | pa.Scalar | str | None

TEXT = pa.string()


@dataclass(frozen=True)
class ImportContext:
    """What an importer may need beyond the file: the org's mapping.toml settings."""

    affiliations: Mapping[str, str] = field(default_factory=dict)  # Mobilize id → org_id
    mapping_path: str = "mapping.toml"  # for messages


class Fields:
    """A file's rows by field name: the column each field was read from, as text.

    A field the file does not have reads as nulls, so importers need no special cases.
    """

    def __init__(self, num_rows: int, columns: Mapping[str, Column]):
        self.num_rows = num_rows
        self._columns = dict(columns)

    def __getitem__(self, name: str) -> Column:
        column = self._columns.get(name)
        return column if column is not None else pa.nulls(self.num_rows, TEXT)

    def has(self, name: str) -> bool:
        return name in self._columns


@dataclass(frozen=True)
class Derived:
    """Rows of another canonical table implied by the file (people, events).

    They are not the file's own rows: they never count in its accounting and are never
    listed as rejected; rows from the org's own files win over them.
    """

    table: str
    rows: Mapping[str, Value]
    keep: Column  # boolean: which rows are worth deriving


@dataclass(frozen=True)
class Imported:
    rows: Mapping[str, Value]  # canonical field → column (or one value for every row)
    reject: Column | None = None  # why the row is rejected, checked before any other rule
    warning: Column | None = None  # kept in ingest_files.message, the row still loads
    derived: tuple[Derived, ...] = ()


@dataclass(frozen=True)
class Tool:
    name: str  # unique, e.g. action_network_activists
    format: str  # ingest_files.format and mapping.toml `tool = ...`, e.g. action_network
    title: str  # "Mobilize participations export", for messages
    table: str  # the canonical table its rows become
    # Header globs: the file looks like this tool when every glob of one set matches a
    # column. Looser than `required`, so an incomplete export is refused, not skipped.
    markers: tuple[tuple[str, ...], ...]
    # field → the column names the tool publishes for it, first present wins.
    inputs: Mapping[str, tuple[str, ...]]
    # Each group needs one of its fields (from a column, or fixed in mapping.toml).
    required: tuple[tuple[str, ...], ...]
    convert: Callable[[Fields, ImportContext], Imported]
    # Completes "event_id 123 not found in this organization's events: ..."
    event_hint: str | None = None
    derives: tuple[str, ...] = ()  # tables it also fills, for --explain

    @property
    def a_title(self) -> str:
        return ("an " if self.title[0] in "AEIOU" else "a ") + self.title

    def looks_like(self, header: list[str]) -> bool:
        return any(
            all(any(fnmatchcase(column, glob.lower()) for column in header) for glob in marker)
            for marker in self.markers
        )


# --- Arrow helpers ------------------------------------------------------------------


def _operand(value: Value) -> Column | pa.Scalar:
    return pa.scalar(value, TEXT) if isinstance(value, str) or value is None else value


def folded(values: Column) -> Column:
    """Lower-cased and trimmed: how values are compared (contract §1)."""
    return pc.utf8_lower(pc.utf8_trim_whitespace(values))


def trimmed(values: Column) -> Column:
    return pc.utf8_trim_whitespace(values)


def blank(values: Column) -> Column:
    return pc.fill_null(pc.equal(pc.utf8_trim_whitespace(values), ""), True)


def filled(values: Column) -> Column:
    return pc.invert(blank(values))


def lookup(values: Column, table: Mapping[str, str]) -> Column:
    """Each value's entry in `table` (keys compared folded); null when not listed."""
    keys = pa.array([k.strip().lower() for k in table], TEXT)
    targets = pa.array(list(table.values()), TEXT)
    return pc.take(targets, pc.index_in(folded(values), value_set=keys))


def one_of(values: Column, words: tuple[str, ...]) -> Column:
    return pc.fill_null(pc.is_in(folded(values), value_set=pa.array(words, TEXT)), False)


def when(condition: Column, then: Value, otherwise: Value = None) -> Column:
    """`then` where the condition holds (null counts as false), else `otherwise`."""
    condition = pc.fill_null(condition, False)
    return pc.if_else(condition, _operand(then), _operand(otherwise))


def first_of(*columns: Column) -> Column:
    return pc.coalesce(*columns)


def or_default(values: Column, default: str) -> Column:
    return when(blank(values), default, values)


def text(*parts: Value) -> Column:
    """Parts joined into one text per row (null where any part is null): for messages."""
    return pc.binary_join_element_wise(*parts, "")


def both(a: Column, b: Column) -> Column:
    return pc.and_kleene(pc.fill_null(a, False), pc.fill_null(b, False))


def without_prefix(values: Column, prefix: str) -> Column:
    return pc.replace_substring_regex(trimmed(values), "^" + re.escape(prefix), "")


def epoch_as_text(values: Column) -> Column:
    """Unix timestamps (seconds, as some exports write dates) as ISO text; others as is."""
    is_epoch = pc.fill_null(pc.match_substring_regex(trimmed(values), r"^\d{9,10}$"), False)
    if not pc.any(is_epoch).as_py():
        return values
    seconds = pc.cast(when(is_epoch, trimmed(values)), pa.int64())
    iso = pc.strftime(pc.cast(seconds, pa.timestamp("s")), format="%Y-%m-%d %H:%M:%S")
    return when(is_epoch, iso, values)


TRUE_WORDS = ("true", "t", "yes", "y", "1")
FALSE_WORDS = ("false", "f", "no", "n", "0")


def is_true(values: Column) -> Column:
    return one_of(values, TRUE_WORDS)


def is_false(values: Column) -> Column:
    return one_of(values, FALSE_WORDS)


def not_boolean(values: Column) -> Column:
    """Filled, but neither a true nor a false word."""
    return both(filled(values), pc.invert(one_of(values, TRUE_WORDS + FALSE_WORDS)))


def missing(values: Column) -> Column:
    return pc.is_null(values)


# Every importer accepts the contract's own statuses as written, so mapping.toml can
# turn any value of a tool into one of them ([files.values] status = {...}).
CANONICAL_STATUSES = {status: status for status in ATTENDANCE_STATUSES}


def unknown(label: str, values: Column, known: Column) -> Column:
    """The reason for a filled value that matched nothing: "unknown VAN status 'X'"."""
    return when(both(filled(values), pc.is_null(known)), text(label, " '", trimmed(values), "'"))


# --- rows other tables get from an export -----------------------------------------


def people_from(f: Fields, person_id: Column | None = None) -> Derived:
    """The export's people, for the people table: identity fields and postal code."""
    person_id = person_id if person_id is not None else f["person_id"]
    # The person_id only links rows within the org; without one, the email or phone
    # (the identity anyway) stands in.
    person_id = first_of(
        when(filled(person_id), person_id), when(filled(f["email"]), f["email"]), f["phone"]
    )
    rows = {
        "person_id": person_id,
        "email": f["email"],
        "phone": f["phone"],
        "postal_code": f["postal_code"],
    }
    return Derived("people", rows, filled(person_id))


def events_from(f: Fields, event_id: Column | None = None) -> Derived:
    """Events the export dates itself: rows with an event id and a start date."""
    event_id = event_id if event_id is not None else f["event_id"]
    rows = {
        "event_id": event_id,
        "starts_at": f["starts_at"],
        "title": f["title"],
        "event_type": or_default(f["event_type"], "other"),
    }
    return Derived("events", rows, both(filled(event_id), filled(f["starts_at"])))
