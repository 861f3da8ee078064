"""Turn a read file into rows of `raw_rows`, following its Plan.

A contract file passes through as written; a mapped spreadsheet gets its columns,
values and fixed fields from mapping.toml; a tool export goes through its importer.
All three end as the same canonical columns, so one set of staging rules applies.
Whole columns at a time (Arrow), never a loop over rows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pyarrow as pa

from dashboard.ingest.discover import SourceFile
from dashboard.ingest.readers import LINE
from dashboard.ingest.recognise import Plan, table_inputs
from dashboard.ingest.tools import Fields, ImportContext, Imported
from dashboard.ingest.tools.base import Column, Derived, blank, first_of, lookup, when
from dashboard.ingest.vocabulary import CONTACT_COLUMNS, CONTACT_FIELDS

TEXT = pa.string()
FIXED_EVENT_HINT = "add it to an events file, or give its starts_at in {mapping} [files.event]"


@dataclass(frozen=True)
class Converted:
    rows: pa.Table  # the file's own rows, raw_rows columns, one per row read
    shown: pa.Table  # what rejected_rows.raw may show of each row (no contact fields)
    derived: tuple[pa.Table, ...] = ()  # rows of other tables the file implies


def _squashed(column: str) -> str:
    """A column name without spaces or punctuation: "Phone Number" and phone_number meet."""
    return re.sub(r"[^a-z0-9]", "", column.lower())


_CONTACT_SQUASHED = frozenset(_squashed(c) for c in CONTACT_COLUMNS)


def is_contact(column: str, table_name: str | None) -> bool:
    person_table = table_name in ("people", "attendance", "shifts", "actions")
    squashed = _squashed(column)
    return squashed in _CONTACT_SQUASHED or (person_table and squashed == "name")


def shown_columns(table: pa.Table, plan: Plan) -> pa.Table:
    """The columns rejected_rows.raw may keep: those the plan reads for a field of the
    contract, never a contact field (contract §3).

    Whatever the format, any other column (notes, free-text questions, addresses, dates
    of birth) is left out. A refused file whose plan found no column keeps the columns
    named as the contract's own of its table (its header may be a data row). Values are
    scrubbed of emails and phones where the payload is made (contact.scrub_table), for
    the rejected rows only.
    """
    if plan.columns:
        keep = [c for f, c in plan.columns.items() if f not in CONTACT_FIELDS]
    elif plan.table_name:
        inputs = table_inputs(plan.table_name)
        keep = [c for c in table.column_names if c in inputs and c not in CONTACT_FIELDS]
    else:
        keep = []
    keep = [c for c in dict.fromkeys(keep) if c != LINE and c in table.column_names]
    return table.select([c for c in keep if not is_contact(c, plan.table_name)])


def convert(source: SourceFile, table: pa.Table, plan: Plan) -> Converted:
    lines = table.column(LINE)
    fields = _fields(table, plan)
    if plan.tool is not None:
        context = ImportContext(plan.affiliations, plan.mapping_path)
        imported = plan.tool.convert(Fields(table.num_rows, fields), context)
    else:
        imported = Imported(fields)
    rows = _raw_table(plan.table_name, source, lines, imported.rows)
    rows = _with_import_columns(rows, imported, _event_hint(plan))
    derived = [_derived(source, lines, d) for d in imported.derived]
    if plan.entry and plan.entry.event and plan.entry.event.starts_at:
        derived.append(_fixed_event(source, plan))
    return Converted(rows, shown_columns(table, plan), tuple(derived))


def _fields(table: pa.Table, plan: Plan) -> dict[str, Column]:
    """field → column, with mapping.toml's value synonyms and fixed values applied."""
    fields = {name: table.column(column) for name, column in plan.columns.items()}
    entry = plan.entry
    if entry is None:
        return fields
    for name, synonyms in entry.values.items():
        if name in fields:
            fields[name] = first_of(lookup(fields[name], synonyms), fields[name])
    fixed = dict(entry.fixed)
    if entry.event:
        fixed.setdefault("event_id", entry.event.event_id)
    for name, value in fixed.items():
        current = fields.get(name, pa.nulls(table.num_rows, TEXT))
        fields[name] = when(blank(current), value, current)
    return fields


def _raw_table(
    table_name: str, source: SourceFile, lines: Column, rows: Mapping[str, object]
) -> pa.Table:
    """raw_rows columns for `table_name`: the contract's columns that the rows have (the
    view raw_<table> shows the others as nulls)."""
    n = len(lines)
    columns: dict[str, object] = {
        "table_name": _constant(table_name, n),
        "source_file": _constant(source.source_file, n),
        # Only organizations.csv names its rows' org; elsewhere it is the file's folder.
        "org_id": (
            rows.get("org_id", pa.nulls(n, TEXT))
            if table_name == "organizations"
            else _constant(source.org_id, n)
        ),
        "line": lines,
    }
    for name in table_inputs(table_name):
        if name == "org_id" and table_name == "organizations":
            continue
        value = rows.get(name)
        if value is None:
            continue
        if isinstance(value, str):
            value = pa.repeat(pa.scalar(value, TEXT), n)
        columns[name] = value
    return pa.table(columns)


def _constant(value: str, n: int) -> pa.DictionaryArray:
    """One text value on every row, stored once (DuckDB reads it as VARCHAR)."""
    return pa.DictionaryArray.from_arrays(
        pa.repeat(pa.scalar(0, pa.int8()), n), pa.array([value], TEXT)
    )


def _with_import_columns(rows: pa.Table, imported: Imported, hint: str | None) -> pa.Table:
    n = rows.num_rows
    extra = {
        "import_reject": imported.reject,
        "import_warning": imported.warning,
        "missing_event_hint": pa.repeat(pa.scalar(hint, TEXT), n) if hint else None,
    }
    for name, column in extra.items():
        if column is not None:
            rows = rows.append_column(name, column)
    return rows


def _event_hint(plan: Plan) -> str | None:
    if plan.tool is not None and plan.tool.event_hint:
        return plan.tool.event_hint
    if plan.entry and plan.entry.event:
        return FIXED_EVENT_HINT.format(mapping=plan.mapping_path)
    return None


def _derived(source: SourceFile, lines: Column, derived: Derived) -> pa.Table:
    rows = _raw_table(derived.table, source, lines, derived.rows)
    return rows.filter(derived.keep)


def _fixed_event(source: SourceFile, plan: Plan) -> pa.Table:
    event = plan.entry.event
    rows = {
        "event_id": event.event_id,
        "starts_at": event.starts_at,
        "event_type": event.event_type or "other",
        "title": event.title,
    }
    rows = {k: pa.array([v], TEXT) for k, v in rows.items()}
    return _raw_table("events", source, pa.array([0], pa.int64()), rows)
