"""Read one member export into an all-text Arrow table, keeping physical line numbers.

A CSV file with quotes is split with Python's C csv parser because only it tells us
where each record starts (contract §3 wants the physical line). Without quotes every
line is one record: Arrow's CSV parser reads such a file when each line after the
header is a well-formed row (so row i is line i + 2), and a column-wise split in Arrow
handles the rest (blank, padded or malformed lines). Everything after the split (types,
vocabularies, rules) happens in DuckDB.
"""

from __future__ import annotations

import csv
import functools
import io
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
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
    lines = _numbers(1, table.num_rows)
    return ReadResult(_unique_columns(names, columns, lines), encoding="parquet")


def _numbers(first: int, count: int) -> pa.Array:
    """first, first + 1, ... (count of them) as int64."""
    if count == 0:
        return pa.array([], pa.int64())
    return pc.add(pc.cumulative_sum(pa.repeat(pa.scalar(1, pa.int64()), count)), first - 1)


def _as_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    kind = column.type
    if pa.types.is_timestamp(kind):
        # An event's date is the date as written: a zoned column's wall-clock time in
        # its own zone (a plain cast would give the UTC time, shifting the date).
        if kind.tz is not None:
            column = pa.compute.local_timestamp(column)
        column = column.cast(pa.timestamp("us"))
        return _formatted(column, "%Y-%m-%d %H:%M:%S")
    if pa.types.is_date(kind):
        return _formatted(column, "%Y-%m-%d")
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return column.cast(pa.string())
    if pa.types.is_list(kind) or pa.types.is_large_list(kind):
        return pa.compute.binary_join(column.cast(pa.list_(pa.string())), ";")
    return column.cast(pa.string())


def _formatted(column: pa.ChunkedArray, strftime_format: str) -> pa.ChunkedArray:
    """The column as strftime(`strftime_format`) writes it (with microseconds for a
    timestamp). Arrow's cast to text writes the same and is ten times faster, but only
    for years 0-9999: values it cannot write go through strftime."""
    text = column.cast(pa.string())
    outside = pc.starts_with(text, "<")
    if pc.any(outside).as_py():
        text = pc.if_else(outside, pc.strftime(column, format=strftime_format), text)
    return text


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


def _first_line(text: str) -> str:
    """The text before the first line break (\\n, \\r\\n or \\r)."""
    end = text.find("\n")
    end = len(text) if end < 0 else end
    carriage = text.find("\r", 0, end)
    return text[: end if carriage < 0 else carriage]


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=lambda d: (counts[d], d == ","))


def read_csv(path: Path) -> ReadResult:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise FileRefused(f"cannot be read ({error.strerror})") from None
    text, encoding = _decode(data)
    first = _first_line(text)
    if not first.strip():
        raise FileRefused("empty file: no header row")
    delimiter = _delimiter(first)
    damaged = encoding == "utf-8 (damaged lines)"
    # Without quotes no record spans lines, so whole columns can be split at once in
    # Arrow (fast); otherwise Python's csv module walks the records. (Counted in the bytes:
    # quotes and line breaks are the same bytes in UTF-8 and Latin-1, and faster to find.)
    plain = (
        b'"' not in data
        and not damaged
        and (b"\r" not in data or data.count(b"\r") == data.count(b"\r\n"))
    )
    split = None
    if plain and encoding == "utf-8":
        split = _parse_plain(data, text, delimiter)
    if split is None:
        split = (_split_plain if plain else _split_quoted)(text, delimiter, damaged)
    names, columns, lines, malformed = split
    return ReadResult(_unique_columns(names, columns, lines), malformed, encoding)


def _parse_plain(data: bytes, text: str, delimiter: str):
    """A quote-free UTF-8 file whose every line after the header is a row of the header's
    width, through Arrow's CSV parser (many times faster than splitting); None for any
    other file, which then goes to _split_plain.

    The parser skips empty lines and refuses rows of another width, so when it returns
    as many rows as the file has lines after the header, each line was one row and row
    i is line i + 2, exactly what _split_plain would give.
    """
    end = text.find("\n")
    header = (text if end < 0 else text[:end]).rstrip("\r")
    names = [normalize_column(name) for name in header.split(delimiter)]
    width = len(names)
    if width < 2:
        return None  # a blank-looking line would be a row of one field here, not blank
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(data),
            read_options=pa_csv.ReadOptions(
                column_names=[f"f{i}" for i in range(width)],
                skip_rows=1,
                use_threads=False,
                block_size=1 << 24,
            ),
            parse_options=pa_csv.ParseOptions(
                delimiter=delimiter, quote_char=False, escape_char=False
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types=[(f"f{i}", pa.string()) for i in range(width)],
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:
        return None  # a row of another width, or a line longer than a block
    lines_after_header = data.count(b"\n") - (1 if data.endswith(b"\n") else 0)
    if table.num_rows != lines_after_header:
        return None  # an empty line, somewhere
    if delimiter.isspace() and table.num_rows:
        # A line of tabs and spaces is blank to _split_plain, a row of empty fields here.
        blank = [pc.equal(pc.utf8_length(pc.utf8_trim_whitespace(c)), 0) for c in table.columns]
        if pc.any(functools.reduce(pc.and_, blank)).as_py():
            return None
    return names, table.columns, _numbers(2, table.num_rows), []


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
