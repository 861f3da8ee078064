"""Put each file's rows into the staging tables of one build connection.

`raw_rows` gets every row as text with the contract's column names (see convert.py);
`file_rejects` gets malformed lines and the rows of refused files. The staging SQL
(queries/ingest/10..40) applies the rules from there.

The JSON that rejected_rows.raw shows of a row is made only for rows that were
rejected, after the rules ran: making it for every row cost more than all the rules.
The few files with rejects are read a second time for it (`fill_reject_payloads`).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.ingest.convert import convert, shown_columns
from dashboard.ingest.discover import SourceFile
from dashboard.ingest.readers import ReadResult, read_source
from dashboard.ingest.recognise import Plan

# Every file's rows, kept in Arrow, seen by the staging SQL as one table of the contract's
# columns (a column no file has is null).
_RAW_ROWS_VIEW = """
create temp view raw_rows as
select * from raw_rows_columns
union all by name
select * from raw_rows_arrow
"""

_INSERT_REFUSED = """
insert into file_rejects
select $source_file, $org_id, $table_name, line, $reason, payload.raw
from (select _line as line from lines) positional join
    (select to_json(shown) as raw from shown_columns as shown) as payload
"""

# Lines of each file that rejected_rows holds without their JSON yet.
_LINES_WITHOUT_PAYLOAD = """
select source_file, list(line) as lines
from rejected_rows
where raw is null
group by source_file
"""

_INSERT_PAYLOADS = """
insert into reject_payloads
select $source_file, rejected.line, payload.raw
from rejected_lines as rejected
positional join (select to_json(shown) as raw from shown_columns as shown) as payload
"""

_FILL_PAYLOADS = """
update rejected_rows
set raw = payloads.raw
from reject_payloads as payloads
where rejected_rows.source_file = payloads.source_file and rejected_rows.line = payloads.line
"""

_INSERT_REFUSED_WITHOUT_RAW = """
insert into file_rejects
select $source_file, $org_id, $table_name, _line, $reason, null from lines
"""


@dataclass
class FileRecord:
    """One row of ingest_files, filled in as the file is read."""

    file_seq: int
    source_file: str
    org_id: str | None
    table_name: str | None
    format: str | None
    sha256: str | None
    rows_read: int = 0
    status: str | None = None
    message: str | None = None


class Loader:
    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        # What reading a file again takes, by source_file, for fill_reject_payloads.
        self._loaded: dict[str, tuple[SourceFile, Plan]] = {}
        self._raw_rows: list[pa.Table] = []

    def load(self, record: FileRecord, source: SourceFile, result: ReadResult, plan: Plan):
        if plan.refusal:
            record.status, record.message = "refused", plan.refusal
            self._refused(source, result, plan)
        else:
            self._rows(record, source, result, plan)
        if result.malformed:
            self.con.executemany(
                "insert into file_rejects values (?, ?, ?, ?, ?, null)",
                [
                    (source.source_file, source.org_id, plan.table_name, line, reason)
                    for line, reason in result.malformed
                ],
            )

    def _rows(self, record: FileRecord, source: SourceFile, result: ReadResult, plan: Plan):
        converted = convert(source, result.table, plan)
        self._keep(converted.rows, record.file_seq, plan.day_first, derived=False)
        self._loaded[source.source_file] = (source, plan)
        # Rows of other tables that a tool export implies; never shown, never counted.
        for rows in converted.derived:
            self._keep(rows, record.file_seq, plan.day_first, derived=True)

    def _keep(self, rows: pa.Table, file_seq: int, day_first: bool, derived: bool) -> None:
        n = rows.num_rows
        rows = rows.append_column("file_seq", pa.array([file_seq] * n, pa.int32()))
        rows = rows.append_column("day_first", pa.array([day_first] * n, pa.bool_()))
        self._raw_rows.append(rows.append_column("derived", pa.array([derived] * n, pa.bool_())))

    def finish(self) -> None:
        """Make every kept row visible to the staging SQL as the view raw_rows."""
        if self._raw_rows:
            raw_rows = pa.concat_tables(self._raw_rows, promote_options="default")
            self._raw_rows = []
        else:
            raw_rows = pa.table({"line": pa.array([], pa.int64())})
        # The connection keeps the Arrow table alive for as long as the view needs it.
        self.con.register("raw_rows_arrow", raw_rows)
        self.con.execute(_RAW_ROWS_VIEW)

    def _refused(self, source: SourceFile, result: ReadResult, plan: Plan):
        params = {
            "source_file": source.source_file,
            "org_id": source.org_id,
            "table_name": plan.table_name,
            "reason": "file refused: " + plan.refusal,
        }
        self.con.register("lines", result.table.select(["_line"]))
        shown = shown_columns(result.table, plan)
        if shown.num_columns:
            self.con.register("shown_columns", shown)
            self.con.execute(_INSERT_REFUSED, params)
        else:
            self.con.execute(_INSERT_REFUSED_WITHOUT_RAW, params)

    def fill_reject_payloads(self) -> None:
        """Give each rejected row of a loaded file its JSON (contact fields removed)."""
        for source_file, lines in self.con.sql(_LINES_WITHOUT_PAYLOAD).fetchall():
            if source_file not in self._loaded:
                continue  # malformed lines: nothing could be split out of them
            source, plan = self._loaded[source_file]
            result = read_source(source.path, source.format)
            converted = convert(source, result.table, plan)
            rejected = pc.is_in(converted.rows.column("line"), pa.array(lines, pa.int64()))
            shown = converted.shown.filter(rejected)
            if not shown.num_columns or not shown.num_rows:
                continue
            self.con.register("shown_columns", shown)
            self.con.register("rejected_lines", converted.rows.select(["line"]).filter(rejected))
            self.con.execute(_INSERT_PAYLOADS, {"source_file": source_file})
        self.con.execute(_FILL_PAYLOADS)
