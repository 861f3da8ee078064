"""Writing a `Table` the way an org exports it: CSV in its delimiter, encoding, line ends,
date and word styles (one file, or one per month), or Parquet with fixed writer options.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from dashboard.demo.profiles import OrgProfile
from dashboard.demo.table import Table

DATE_COLUMNS = frozenset(
    ("joined_on", "shift_date", "action_date", "start_date", "end_date", "outcome_date",
     "milestone_date")
)  # fmt: skip
TIMESTAMP_COLUMNS = frozenset({"starts_at", "ends_at", "rsvp_at"})
PARQUET_TYPES = {
    "joined_on": pa.date32(), "shift_date": pa.date32(), "action_date": pa.date32(),
    "starts_at": pa.timestamp("s"), "ends_at": pa.timestamp("s"), "rsvp_at": pa.timestamp("s"),
    "hours": pa.float64(), "quantity": pa.int64(), "turnout_goal": pa.int64(),
    "is_virtual": pa.bool_(),
}  # fmt: skip
# Fixed writer options: the same rows always give the same bytes.
PARQUET_OPTIONS = {
    "compression": "zstd",
    "compression_level": 9,
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "data_page_version": "1.0",
    "row_group_size": 1_000_000,
}


def _us_timestamp(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    half = "AM" if moment.hour < 12 else "PM"
    return f"{moment.month}/{moment.day}/{moment.year} {hour}:{moment.minute:02d} {half}"


def _eastern_offset(moment: datetime) -> str:
    """US Eastern daylight time runs from March's second Sunday to November's first."""
    march, november = date(moment.year, 3, 8), date(moment.year, 11, 1)
    dst_starts = march + timedelta(days=(6 - march.weekday()) % 7)
    dst_ends = november + timedelta(days=(6 - november.weekday()) % 7)
    return "-04:00" if dst_starts <= moment.date() < dst_ends else "-05:00"


def _timestamp_formatter(style: str) -> Callable[[datetime], str]:
    if style == "T":
        return lambda moment: moment.isoformat(timespec="minutes")
    if style == "offset":
        return lambda moment: moment.isoformat() + _eastern_offset(moment)
    if style == "us-then-iso":
        # The org changed tools in July 2025: older rows keep the spreadsheet's US form.
        switch = datetime(2025, 7, 1)
        return lambda m: _us_timestamp(m) if m < switch else m.isoformat(timespec="minutes")
    return lambda moment: moment.isoformat(sep=" ")


def _text_formatter(org: OrgProfile, name: str) -> Callable[[object], str] | None:
    """How the org writes a column's values as text; None for columns already text."""
    if name in DATE_COLUMNS:
        if org.date_style == "us":
            return lambda d: f"{d.month}/{d.day}/{d.year}"
        return date.isoformat
    if name in TIMESTAMP_COLUMNS:
        return _timestamp_formatter(org.timestamp_style)
    if name == "hours":
        return lambda hours: f"{hours:g}"
    if name in ("quantity", "turnout_goal", "goal_value"):
        return str
    if name == "is_virtual":
        yes, no = org.bool_words
        return lambda flag: yes if flag else no
    if name in ("co_hosts", "partner_orgs"):
        return ";".join
    return None


def csv_text(org: OrgProfile, name: str, value: object) -> str:
    """One value of column `name` as the org writes it in a CSV file."""
    return _csv_column(org, name, [value])[0]


def _csv_column(org: OrgProfile, name: str, values: list) -> list[str]:
    formatter = _text_formatter(org, name)
    if formatter is None:
        return ["" if v is None else v for v in values]
    # Planted mistakes put text into typed columns; text is written as it is.
    return ["" if v is None else v if isinstance(v, str) else formatter(v) for v in values]


def write_csv(path: Path, table: Table, org: OrgProfile) -> None:
    _write_csv_records(
        path, _csv_header(table, org), _csv_records(table, org), table.raw_lines, org
    )


def _csv_header(table: Table, org: OrgProfile) -> list[str]:
    names = table.written_names
    return [name.capitalize() for name in names] if org.capitalized_headers else names


def _csv_records(table: Table, org: OrgProfile) -> list[tuple[str, ...]]:
    columns = [_csv_column(org, name, table.columns[name]) for name in table.written_names]
    return list(zip(*columns, strict=True))


def _write_csv_records(
    path: Path,
    header: list[str],
    records: list[tuple[str, ...]],
    raw_lines: dict[int, str],
    org: OrgProfile,
) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=org.delimiter, lineterminator=org.newline)
    writer.writerow(header)
    previous = 0
    for index in sorted(raw_lines):
        writer.writerows(records[previous:index])
        buffer.write(raw_lines[index] + org.newline)
        previous = index
    writer.writerows(records[previous:])
    path.write_bytes(buffer.getvalue().encode(org.encoding))


def write_monthly_csv(folder: Path, kind: str, table: Table, org: OrgProfile) -> None:
    """One file per month of the `_month` column, as monthly exports arrive."""
    assert not table.raw_lines, "monthly files carry no planted malformed lines"
    header, records = _csv_header(table, org), _csv_records(table, org)
    by_month: dict[str, list[tuple[str, ...]]] = {}
    for record, month in zip(records, table.columns["_month"], strict=True):
        by_month.setdefault(month, []).append(record)
    for month in sorted(by_month):
        _write_csv_records(folder / f"{kind}-{month}.csv", header, by_month[month], {}, org)


def write_parquet(path: Path, table: Table, org: OrgProfile) -> None:
    assert not table.raw_lines, "malformed lines only exist in CSV files"
    arrays, names = [], table.written_names
    for name in names:
        values = table.columns[name]
        if name == "co_hosts":
            if org.list_co_hosts:
                arrays.append(pa.array(values, type=pa.list_(pa.string())))
            else:
                arrays.append(pa.array([";".join(v) if v else None for v in values], pa.string()))
        else:
            arrays.append(pa.array(values, type=PARQUET_TYPES.get(name, pa.string())))
    pq.write_table(pa.Table.from_arrays(arrays, names=names), path, **PARQUET_OPTIONS)


def write_org_table(folder: Path, kind: str, table: Table, org: OrgProfile) -> None:
    if kind in org.parquet:
        write_parquet(folder / f"{kind}.parquet", table, org)
    elif kind == "attendance" and org.monthly_attendance:
        write_monthly_csv(folder, kind, table, org)
    else:
        write_csv(folder / f"{kind}.csv", table, org)
