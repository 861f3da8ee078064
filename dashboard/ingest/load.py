"""Put each file's rows into the staging tables of one build connection.

Each canonical table's rows, as text with the contract's column names (see convert.py),
are seen by the staging SQL (queries/ingest/10..40) as the view `raw_<table>`;
`file_rejects` gets malformed lines and the rows of refused files. The staging SQL
applies the rules from there.

Reading and converting a file (`prepare`) touches no connection, so files are prepared
in parallel threads (Arrow releases the GIL); `load` then takes them in file order.

The JSON that rejected_rows.raw shows of a row is made only for rows that were
rejected, after the rules ran: making it for every row cost more than all the rules.
The few files with rejects are read a second time for it (`fill_reject_payloads`).
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.ingest.contact import scrub_table
from dashboard.ingest.convert import Converted, convert, shown_columns
from dashboard.ingest.discover import SourceFile
from dashboard.ingest.limits import without_over_long
from dashboard.ingest.readers import ReadResult, read_source
from dashboard.ingest.recognise import Plan
from dashboard.ingest.vocabulary import TABLES

# One table's rows, kept in Arrow, seen by the staging SQL with every column of
# raw_rows_columns (a column no file has is null), one scan per table.
_RAW_VIEW = """
create temp view raw_{table} as
select * from raw_rows_columns
union all by name
select * from raw_{table}_arrow
"""

_EMPTY_RAW_VIEW = "create temp view raw_{table} as select * from raw_rows_columns"

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


def prepare(source: SourceFile, result: ReadResult, plan: Plan) -> Converted | None:
    """The file's rows as raw_rows columns, when the file is to be loaded (thread-safe)."""
    if plan.refusal:
        return None
    return convert(source, result.table, plan)


class Loader:
    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con
        # What reading a file again takes, by source_file, for fill_reject_payloads.
        self._loaded: dict[str, tuple[SourceFile, Plan]] = {}
        self._raw_rows: dict[str, list[pa.Table]] = {}
        self._registered: list[str] = []

    def load(
        self,
        record: FileRecord,
        source: SourceFile,
        result: ReadResult,
        plan: Plan,
        converted: Converted | None,
    ):
        if plan.refusal:
            record.status, record.message = "refused", plan.refusal
            self._refused(source, result, plan)
        else:
            self._rows(record, source, plan, converted)
        if result.malformed:
            self.con.executemany(
                "insert into file_rejects values (?, ?, ?, ?, ?, null)",
                [
                    (source.source_file, source.org_id, plan.table_name, line, reason)
                    for line, reason in result.malformed
                ],
            )

    def _rows(self, record: FileRecord, source: SourceFile, plan: Plan, converted: Converted):
        self._keep(plan.table_name, converted.rows, record.file_seq, plan.day_first, False)
        self._loaded[source.source_file] = (source, plan)
        # Rows of other tables that a tool export implies; never shown, never counted.
        for rows in converted.derived:
            table_name = rows.column("table_name")[0].as_py() if rows.num_rows else None
            self._keep(table_name, rows, record.file_seq, plan.day_first, True)

    def _keep(
        self, table_name: str | None, rows: pa.Table, file_seq: int, day_first: bool, derived: bool
    ) -> None:
        n = rows.num_rows
        if n == 0:
            return
        rows = rows.append_column("file_seq", pa.repeat(pa.scalar(file_seq, pa.int32()), n))
        rows = rows.append_column("day_first", pa.repeat(pa.scalar(day_first, pa.bool_()), n))
        rows = rows.append_column("derived", pa.repeat(pa.scalar(derived, pa.bool_()), n))
        self._raw_rows.setdefault(table_name, []).append(rows)

    def finish(self) -> int:
        """Make every kept row visible to the staging SQL as the views raw_<table>; the
        bytes they hold."""
        held = 0
        for table_name in TABLES:
            kept = self._raw_rows.pop(table_name, None)
            if kept:
                # The connection keeps the Arrow table alive for as long as the view needs it.
                rows = pa.concat_tables(kept, promote_options="default")
                held += rows.nbytes
                self.con.register(f"raw_{table_name}_arrow", rows)
                self._registered.append(f"raw_{table_name}_arrow")
                self.con.execute(_RAW_VIEW.format(table=table_name))
            else:
                self.con.execute(_EMPTY_RAW_VIEW.format(table=table_name))
        self._raw_rows = {}
        return held

    def release(self) -> None:
        """Drop the raw rows once the staging tables hold them, freeing their memory."""
        for table_name in TABLES:
            self.con.execute(f"drop view raw_{table_name}")
        for name in self._registered:
            self.con.unregister(name)
        self._registered = []

    def _refused(self, source: SourceFile, result: ReadResult, plan: Plan):
        params = {
            "source_file": source.source_file,
            "org_id": source.org_id,
            "table_name": plan.table_name,
            "reason": "file refused: " + plan.refusal,
        }
        self.con.register("lines", result.table.select(["_line"]))
        shown = scrub_table(shown_columns(result.table, plan))
        if shown.num_columns:
            self.con.register("shown_columns", shown)
            self.con.execute(_INSERT_REFUSED, params)
        else:
            self.con.execute(_INSERT_REFUSED_WITHOUT_RAW, params)

    def fill_reject_payloads(self) -> None:
        """Give each rejected row of a loaded file its JSON (contact fields and values removed)."""
        for source_file, lines in self.con.sql(_LINES_WITHOUT_PAYLOAD).fetchall():
            if source_file not in self._loaded:
                continue  # malformed lines: nothing could be split out of them
            source, plan = self._loaded[source_file]
            # The same rows as the first reading: without those with an over-long value.
            result = without_over_long(read_source(source.path, source.format), plan.columns)
            converted = convert(source, result.table, plan)
            rejected = pc.is_in(converted.rows.column("line"), pa.array(lines, pa.int64()))
            shown = converted.shown.filter(rejected)
            if not shown.num_columns or not shown.num_rows:
                continue
            shown = scrub_table(shown)
            self.con.register("shown_columns", shown)
            self.con.register("rejected_lines", converted.rows.select(["line"]).filter(rejected))
            self.con.execute(_INSERT_PAYLOADS, {"source_file": source_file})
        self.con.execute(_FILL_PAYLOADS)
