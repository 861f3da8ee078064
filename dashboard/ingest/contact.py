"""Contact details found by value: emails and phone numbers wherever they are written.

Contact columns are dropped by their names (vocabulary.CONTACT_COLUMNS). This catches
what names cannot: an email used as a person_id, a phone number in an event title or
in the value a reject reason quotes. Each one found is replaced by REMOVED.

A careful pattern rather than a phone library: the contract's own rule (§4) is that 10
or more digits written with phone characters make a phone, whatever the country, and
a library would need each org's region to read national forms such as 07700 900123.
The pattern runs on whole Arrow columns first (RE2), so only the few values that may
hold a contact reach Python.
"""

from __future__ import annotations

import re

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

REMOVED = "[removed]"

# Every value that may hold an email or a phone (a superset, for RE2 in Arrow and DuckDB):
# an @, or 10 characters from a digit to a digit with only phone characters between.
MAYBE_CONTACT = r"@|\d[\d\s().\-]{8,}\d"

_EMAIL = re.compile(r"[^\s@<>()\[\]{},;:\"'`]+@[^\s@<>()\[\]{},;:\"'`]+")
# Dates, times and uuids are read first and kept, so that 2025-03-14 18:00 or an Action
# Network id is never taken for a phone; a number glued to letters is part of a word.
_UUID = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
_DATE = (
    r"\d{4}-\d{1,2}-\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
    r"|\d{1,2}[./-]\d{1,2}[./-]\d{2,4}(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?"
)
_PHONE = r"\+?\(?\d[\d\s().\-]*\d"
_NUMBERS = re.compile(
    rf"(?<!\w)(?:(?P<kept>{_UUID}|{_DATE})(?![./\-]?\d)|(?P<phone>{_PHONE}))(?!\d)"
)
PHONE_DIGITS = 10


def scrub(text: str, *, ids: bool = False) -> str:
    """`text` with each email and phone number replaced by REMOVED.

    With `ids`, digits alone are left as they are: a tool's ids are long numbers
    (an Eventbrite event id has 12 digits), so there only a number written like a phone
    (with a +, spaces, dots, dashes or brackets) counts as one.
    """
    if "@" in text:
        text = _EMAIL.sub(REMOVED, text)

    def phone(found: re.Match) -> str:
        number = found.group("phone")
        if number is None or sum(ch.isdigit() for ch in number) < PHONE_DIGITS:
            return found.group(0)
        if ids and number.isdigit():
            return number
        return REMOVED

    return _NUMBERS.sub(phone, text)


def scrub_column(column: pa.Array | pa.ChunkedArray, *, ids: bool = False) -> pa.Array:
    """A text column with its emails and phone numbers removed."""
    if not (pa.types.is_string(column.type) or pa.types.is_large_string(column.type)):
        column = column.cast(pa.string())
    maybe = pc.fill_null(pc.match_substring_regex(column, MAYBE_CONTACT), False)
    if not pc.any(maybe).as_py():
        return column
    return pa.array(
        [
            scrub(value, ids=ids) if flagged else value
            for value, flagged in zip(column.to_pylist(), maybe.to_pylist(), strict=True)
        ],
        pa.string(),
    )


def scrub_table(table: pa.Table) -> pa.Table:
    """Every column of `table` scrubbed, ids included: what rejected_rows.raw shows."""
    return pa.table({name: scrub_column(table.column(name)) for name in table.column_names})


# Text the warehouse keeps: the staging tables, the reasons of malformed lines and
# refused files, and the files' own messages.
# Not scrubbed: what never reaches the warehouse (identity, person_id, shift_id,
# action_id, raw, which is scrubbed where it is made), the coordinator's own names
# (org_id: the org's folder; source_file: the file's path) and values the vocabularies
# give (status, role, event_type, action_type, goal_metric: the value as written stays
# in *_raw or the warning, which are scrubbed).
_NOT_SCRUBBED = frozenset(
    {
        "identity",
        "person_id",
        "shift_id",
        "action_id",
        "raw",
        "org_id",
        "source_file",
        "status",
        "role",
        "event_type",
        "action_type",
        "goal_metric",
    }
)
# Columns that hold ids or quote them (reasons, warnings): digits alone stay.
_ID_COLUMNS = frozenset(
    {
        "event_id",
        "campaign_id",
        "lead_org",
        "partner_orgs",
        "co_hosts",
        "recruited_by",
        "reject_reason",
        "warning",
        "reason",
        "message",
    }
)

_STORED_TEXT_COLUMNS = """
select table_name, column_name, data_type
from duckdb_columns()
where database_name = 'temp'
    and (
        table_name like 'stage\\_%' escape '\\'
        or (table_name = 'file_rejects' and column_name = 'reason')
        or (table_name = 'files' and column_name = 'message')
    )
    and data_type in ('VARCHAR', 'VARCHAR[]')
order by table_name, column_name
"""

# One branch per stored text column; all run as one query.
_CANDIDATES = """
select distinct {position} as position, value
from (select {value} as value from {table})
where contains(value, '@') or (length(value) >= 10 and regexp_matches(value, $maybe))
"""

_REPLACE_TEXT = """
update {table}
set {column} = map_extract_value($scrubbed::map(varchar, varchar), {column})
where map_contains($scrubbed::map(varchar, varchar), {column})
"""

_REPLACE_LIST = """
update {table}
set {column} = list_transform(
    {column}, lambda v: coalesce(map_extract_value($scrubbed::map(varchar, varchar), v), v)
)
where list_has_any({column}, $found)
"""


def scrub_stored_text(con: duckdb.DuckDBPyConnection) -> None:
    """Remove emails and phones from every text the warehouse will keep of the staged rows.

    Run after the staging rules (they read the values as written) and before the
    warehouse tables are made from the staging tables. Each distinct value that may hold
    a contact is scrubbed once; updates touch only the rows that had one.
    """
    columns = [
        (table, column, data_type.endswith("[]"))
        for table, column, data_type in con.sql(_STORED_TEXT_COLUMNS).fetchall()
        if column not in _NOT_SCRUBBED
    ]
    # Identifiers come from duckdb_columns() of the ingest's own temp tables.
    branches = [
        _CANDIDATES.format(
            position=position,
            value=f'unnest("{column}")' if is_list else f'"{column}"',
            table=f'"{table}"',
        )
        for position, (table, column, is_list) in enumerate(columns)
    ]
    found: dict[int, list[str]] = {}
    for position, value in con.execute(
        " union all ".join(branches), {"maybe": MAYBE_CONTACT}
    ).fetchall():
        found.setdefault(position, []).append(value)
    for position, values in found.items():
        table, column, is_list = columns[position]
        scrubbed = {v: scrub(v, ids=column in _ID_COLUMNS) for v in values}
        scrubbed = {old: new for old, new in scrubbed.items() if new != old}
        if not scrubbed:
            continue
        replace = _REPLACE_LIST if is_list else _REPLACE_TEXT
        con.execute(
            replace.format(table=f'"{table}"', column=f'"{column}"'),
            {"scrubbed": {"key": list(scrubbed), "value": list(scrubbed.values())}}
            | ({"found": list(scrubbed)} if is_list else {}),
        )
