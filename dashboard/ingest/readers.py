"""Read one member export into an all-text Arrow table, keeping physical line numbers.

Most files are read by Arrow's CSV parser straight from the bytes: a UTF-8 file whose
every line after the header is one well-formed row of the header's width (so row i is
line i + 2), with or without quoted fields. The rest, where a quoted field spans lines,
a quote is left open or lines are blank, padded or malformed, are split line by line
(a column-wise split in Arrow when there are no quotes, Python's csv module otherwise),
which tells where each record starts (contract §3 wants the physical line). A record
that spans lines is accepted only when it has the header's width; otherwise its first
line is rejected and reading resumes on the next line, so one stray quote costs one
line, never the rest of the file. Everything after the split (types, vocabularies,
rules) happens in DuckDB.
"""

from __future__ import annotations

import codecs
import csv
import functools
import re
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
    # Columns that cannot be used, by name, with why: a Parquet type with no text form,
    # or two columns of one name whose values differ. The file is refused if it reads one.
    unusable: dict[str, str] = field(default_factory=dict)

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
    columns, names, unusable = [], [], {}
    for name, column in zip(table.column_names, table.columns, strict=True):
        try:
            text = _as_text(column)
        except pa.ArrowException:
            # struct, map, list<struct> and the like have no one text form
            unusable[normalize_column(name)] = (
                f"column {name!r} is of Parquet type {column.type}, which has no text form; "
                "export it as text"
            )
            continue
        names.append(normalize_column(name))
        columns.append(text)
    lines = _numbers(1, table.num_rows)
    table, conflicts = _unique_columns(names, columns, lines)
    return ReadResult(table, encoding="parquet", unusable={**unusable, **conflicts})


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


def _is_utf8(data: bytes) -> bool:
    """Whether the bytes are UTF-8, checked a piece at a time (decoding a whole large file
    at once would hold a text copy up to four times its size)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(data)
    step = 1 << 24
    try:
        for start in range(0, len(data), step):
            decoder.decode(view[start : start + step])
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


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
    if b"\x00" in data[:4096]:
        raise FileRefused("cannot be decoded: binary content or UTF-16 (save as UTF-8 CSV)")
    split, encoding = None, "utf-8"
    if _is_utf8(data):
        end = data.find(b"\n")
        first = _first_line(data[: len(data) if end < 0 else end].decode("utf-8-sig"))
        if not first.strip():
            raise FileRefused("empty file: no header row")
        # Quotes and line breaks are single bytes in UTF-8, faster to find in the bytes.
        lone_carriage_returns = b"\r" in data and data.count(b"\r") != data.count(b"\r\n")
        if not lone_carriage_returns:
            split = _parse_arrow(data, first, _delimiter(first), quoted=b'"' in data)
    if split is None:
        split, encoding = _split_text(data)
    names, columns, lines, malformed = split
    table, conflicts = _unique_columns(names, columns, lines)
    return ReadResult(table, malformed, encoding, conflicts)


def _split_text(data: bytes):
    """A file Arrow's parser declined, decoded whole and split line by line; and the
    encoding it was read in."""
    text, encoding = _decode(data)
    first = _first_line(text)
    if not first.strip():
        raise FileRefused("empty file: no header row")
    delimiter = _delimiter(first)
    damaged = encoding == "utf-8 (damaged lines)"
    plain = (
        '"' not in text
        and not damaged
        and ("\r" not in text or text.count("\r") == text.count("\r\n"))
    )
    return (_split_plain if plain else _split_quoted)(text, delimiter, damaged), encoding


def _well_formed_pattern(delimiter: str) -> str:
    """A line that is one complete record: every field unquoted, or quoted and closed
    right before a delimiter or the line's end (a quote inside an unquoted field is
    text, as Python's csv module reads it)."""
    d = re.escape(delimiter)
    one = f'(?:"(?:[^"]|"")*"|[^{d}"\\r\\n][^{d}\\r\\n]*|)'
    return f"^{one}(?:{d}{one})*\\r?$"


def _parse_arrow(data: bytes, header: str, delimiter: str, quoted: bool = False):
    """A UTF-8 file whose every line after the header is one row of the header's width,
    through Arrow's CSV parser (many times faster than splitting); None for any other
    file, which is then split line by line.

    The parser skips empty lines and refuses rows of another width, so when it returns
    as many rows as the file has lines after the header, each line was one row and row
    i is line i + 2. With quotes, every line that has one must first be a complete,
    well-formed record by itself (no quoted field runs on to the next line, none is
    left open), which is what the csv module would make of it too.
    """
    if quoted:
        names = [normalize_column(name) for name in next(csv.reader([header], delimiter=delimiter))]
    else:
        names = [normalize_column(name) for name in header.split(delimiter)]
    width = len(names)
    if width < 2:
        return None  # a blank-looking line would be a row of one field here, not blank
    if quoted and not _quotes_well_formed(data, delimiter):
        return None
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
                delimiter=delimiter,
                quote_char='"' if quoted else False,
                double_quote=True,
                escape_char=False,
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


def _parse_plain(data: bytes, header: str, delimiter: str):
    """_parse_arrow for a file without quotes."""
    return _parse_arrow(data, header, delimiter, quoted=False)


def _quotes_well_formed(data: bytes, delimiter: str) -> bool:
    """Whether every line with a quote in it is a complete record by itself."""
    text = pa.array([data], pa.large_binary()).cast(pa.large_string())
    lines = pc.split_pattern(text, "\n").values
    lines = lines.filter(pc.match_substring(lines, '"'))
    return pc.all(pc.match_substring_regex(lines, _well_formed_pattern(delimiter))).as_py()


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


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class _PhysicalLines:
    """The text's lines, each with its line break, for csv.reader; remembers where the
    record being read began, so that a record found malformed after running over several
    lines can be read again from its second line."""

    def __init__(self, text: str):
        self.text = text
        self.position = 0
        self.number = 0  # of the last line given out
        self.record_first = 1  # line the current record starts on
        self._after_first: tuple[int, int] | None = None

    def begin_record(self) -> None:
        self.record_first = self.number + 1
        self._after_first = None

    def resume_after_first_line(self) -> None:
        self.position, self.number = self._after_first

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self.position >= len(self.text):
            raise StopIteration
        found = _LINE_BREAK.search(self.text, self.position)
        end = len(self.text) if found is None else found.end()
        line = self.text[self.position : end]
        self.position = end
        self.number += 1
        if self._after_first is None:
            self._after_first = (end, self.number)
        return line


UNCLOSED_QUOTE = "malformed line: a quote opened on this line is not closed on it"
_CHUNK_ROWS = 1 << 16  # rows kept as Python strings before they become Arrow arrays


def _split_quoted(text: str, delimiter: str, damaged: bool):
    source = _PhysicalLines(text)
    reader = csv.reader(source, delimiter=delimiter, strict=True)
    names = [normalize_column(name) for name in next(reader, [])]
    width = len(names)
    chunks: list[list[pa.Array]] = [[] for _ in names]
    line_chunks: list[pa.Array] = []
    rows: list[list[str]] = []
    lines: list[int] = []
    malformed: list[tuple[int, str]] = []

    def flush() -> None:
        for i, values in enumerate(zip(*rows, strict=True)):
            chunks[i].append(pa.array(values, type=pa.string()))
        line_chunks.append(pa.array(lines, type=pa.int64()))
        rows.clear()
        lines.clear()

    while True:
        source.begin_record()
        problem = None
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            row, problem = None, f"malformed line: {error}"
        start = source.record_first
        if row is not None:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # blank line: not a row
            if len(row) > width and not any(v.strip() for v in row[width:]):
                row = row[:width]  # spreadsheets pad rows with empty trailing fields
            if len(row) != width:
                problem = f"malformed line: expected {width} fields, found {len(row)}"
        if problem and source.number > start:
            # A quoted field ran on past its line into a record that does not fit: the
            # quote was a stray one. Only its line is rejected; the next is read afresh.
            problem = UNCLOSED_QUOTE
            source.resume_after_first_line()
        if problem:
            malformed.append((start, problem))
            continue
        if damaged and any("\udc80" <= ch <= "\udcff" for value in row for ch in value):
            malformed.append((start, "malformed line: bad encoding (not UTF-8)"))
            continue
        rows.append(row)
        lines.append(start)
        if len(rows) >= _CHUNK_ROWS:
            flush()
    flush()
    columns = [pa.chunked_array(column, type=pa.string()) for column in chunks]
    return names, columns, pa.chunked_array(line_chunks, type=pa.int64()), malformed


def _unique_columns(
    names: list[str], columns: list, lines: pa.Array
) -> tuple[pa.Table, dict[str, str]]:
    """Keep the first of duplicate column names (an empty header cell is dropped), and
    name the duplicates whose values differ: which one is meant cannot be known."""
    seen: dict[str, object] = {}
    conflicts: dict[str, str] = {}
    for name, column in zip(names, columns, strict=True):
        if not name or name == LINE:
            continue
        if name not in seen:
            seen[name] = column
        elif name not in conflicts:
            same = pc.equal(pc.fill_null(seen[name], ""), pc.fill_null(column, ""))
            if not pc.all(same).as_py():
                line = pc.filter(lines, pc.invert(same))[0].as_py()
                conflicts[name] = (
                    f"two columns named {name!r} with different values (first at line "
                    f"{line}); remove or rename one"
                )
    return pa.table({**seen, LINE: lines}), conflicts
