"""Read one member export into an all-text Arrow table, keeping physical line numbers.

CSV is split with Python's C csv parser because only it tells us where each record
starts (contract §3 wants the physical line); everything after the split (types,
vocabularies, rules) happens in DuckDB.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

LINE = "_line"
csv.field_size_limit(10_000_000)


class FileRefused(Exception):
    """The whole file cannot be read; the message says why."""


@dataclass
class ReadResult:
    table: pa.Table  # normalized column names, string columns, plus LINE (int64)
    malformed: list[tuple[int, str]] = field(default_factory=list)  # (line, reason)
    encoding: str = "utf-8"

    @property
    def rows_read(self) -> int:
        return self.table.num_rows + len(self.malformed)


def normalize_column(name: str) -> str:
    return name.strip().lstrip("\ufeff").strip().lower()


def read_source(path: Path, fmt: str) -> ReadResult:
    if fmt == "parquet":
        return read_parquet(path)
    return read_csv(path)


def read_parquet(path: Path) -> ReadResult:
    try:
        table = pq.read_table(path)
    except Exception as error:  # pyarrow raises many types for a damaged file
        raise FileRefused(f"not a readable Parquet file ({error})") from None
    columns, names = [], []
    for name, column in zip(table.column_names, table.columns, strict=True):
        names.append(normalize_column(name))
        columns.append(_as_text(column))
    lines = pa.array(range(1, table.num_rows + 1), type=pa.int64())
    return ReadResult(_unique_columns(names, columns, lines), encoding="parquet")


def _as_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    kind = column.type
    if pa.types.is_timestamp(kind):
        # An event's date is the date as written: a zoned column's wall-clock time in
        # its own zone (a plain cast would give the UTC time, shifting the date).
        if kind.tz is not None:
            column = pa.compute.local_timestamp(column)
        column = column.cast(pa.timestamp("us"))
        return pa.compute.strftime(column, format="%Y-%m-%d %H:%M:%S")
    if pa.types.is_date(kind):
        return pa.compute.strftime(column, format="%Y-%m-%d")
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return column.cast(pa.string())
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        return pa.compute.binary_join(column.cast(pa.list_(pa.string())), ";")
    return column.cast(pa.string())


def _decode(data: bytes) -> tuple[str, str]:
    """Text of the file and the encoding used: UTF-8 (with or without BOM), else Latin-1."""
    if b"\x00" in data[:4096]:
        raise FileRefused("cannot be decoded: binary content or UTF-16 (save as UTF-8 CSV)")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8-sig", errors="surrogateescape")
    # A file with valid multi-byte UTF-8 is UTF-8 with a few damaged lines; otherwise
    # it is a Latin-1 (spreadsheet) export and decodes whole.
    if any(ord(ch) > 0x7F and not 0xDC80 <= ord(ch) <= 0xDCFF for ch in text):
        return text, "utf-8 (damaged lines)"
    return data.decode("latin-1"), "latin-1"


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def read_csv(path: Path) -> ReadResult:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FileRefused(f"cannot be read ({error.strerror})") from None
    text, encoding = _decode(data)
    first = io.StringIO(text, newline="").readline()
    if not first.strip():
        raise FileRefused("empty file: no header row")
    delimiter = _delimiter(first)
    damaged = encoding == "utf-8 (damaged lines)"
    # Without quotes no record spans lines, so whole columns can be split at once in
    # Arrow (fast); otherwise Python's csv module walks the records.
    plain = '"' not in text and not damaged and text.count("\r") == text.count("\r\n")
    split = _split_plain if plain else _split_quoted
    names, columns, lines, malformed = split(text, delimiter, damaged)
    return ReadResult(_unique_columns(names, columns, lines), malformed, encoding)


def _split_plain(text: str, delimiter: str, damaged: bool = False):
    # large_string holds a file of any size; each line fits a plain string.
    lines = pc.split_pattern(pa.array([text], pa.large_string()), "\n").values
    lines = pc.utf8_rtrim(lines, characters="\r").cast(pa.string())
    names = [normalize_column(name) for name in lines[0].as_py().split(delimiter)]
    width = len(names)
    body = lines.slice(1)
    numbers = pa.array(range(2, len(lines) + 1), pa.int64())
    # A blank line is not a row.
    nonblank = pc.greater(pc.utf8_length(pc.utf8_trim_whitespace(body)), 0)
    body, numbers = body.filter(nonblank), numbers.filter(nonblank)
    fields = pc.split_pattern(body, delimiter)
    counts = pc.list_value_length(fields)
    good = pc.equal(counts, width)
    longer = pc.greater(counts, width)
    if pc.any(longer).as_py():
        # Spreadsheets often pad rows with empty trailing fields; those are harmless.
        extra = pc.binary_join(pc.list_slice(fields, width), "")
        padded = pc.and_(longer, pc.equal(pc.utf8_length(pc.fill_null(extra, "")), 0))
        good = pc.or_(good, padded)
    malformed = []
    if not pc.all(good).as_py():
        bad = pc.invert(good)
        malformed = [
            (line, f"malformed line: expected {width} fields, found {count}")
            for line, count in zip(
                numbers.filter(bad).to_pylist(), counts.filter(bad).to_pylist(), strict=True
            )
        ]
        fields, numbers = fields.filter(good), numbers.filter(good)
    columns = [pc.list_element(fields, i) for i in range(width)]
    return names, columns, numbers, malformed


def _split_quoted(text: str, delimiter: str, damaged: bool):
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    names = [normalize_column(name) for name in next(reader)]
    width = len(names)
    rows: list[list[str]] = []
    lines: list[int] = []
    malformed: list[tuple[int, str]] = []
    previous_end = reader.line_num
    while True:
        start = previous_end + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            malformed.append((start, f"malformed line: {error}"))
            previous_end = reader.line_num
            continue
        previous_end = reader.line_num
        if not row or (len(row) == 1 and not row[0].strip()):
            continue  # blank line: not a row
        if len(row) != width:
            if len(row) > width and not any(v.strip() for v in row[width:]):
                row = row[:width]
            else:
                reason = f"malformed line: expected {width} fields, found {len(row)}"
                malformed.append((start, reason))
                continue
        if damaged and any("\udc80" <= ch <= "\udcff" for value in row for ch in value):
            malformed.append((start, "malformed line: bad encoding (not UTF-8)"))
            continue
        rows.append(row)
        lines.append(start)

    columns = [pa.array(list(values), type=pa.string()) for values in zip(*rows, strict=True)]
    if not rows:
        columns = [pa.array([], type=pa.string()) for _ in names]
    return names, columns, pa.array(lines, type=pa.int64()), malformed


def _unique_columns(names: list[str], columns: list, lines: pa.Array) -> pa.Table:
    """Keep the first of duplicate column names; an empty header cell is dropped."""
    seen: dict[str, object] = {}
    for name, column in zip(names, columns, strict=True):
        if name and name not in seen and name != LINE:
            seen[name] = column
    return pa.table({**seen, LINE: lines})
