"""Build the warehouse from a coalition folder (data-contract.md §1-4, §6).

Python finds and splits the files; DuckDB applies every rule (queries/ingest/*.sql) and
writes the warehouse into a temporary file that replaces the old one only when the
build succeeded, so readers see the old warehouse or the new one, never half of one.
"""

from __future__ import annotations

import hashlib
import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa

from dashboard.ingest.discover import SourceFile, discover, org_folders
from dashboard.ingest.keys import coalition_key, hmac_pads
from dashboard.ingest.readers import LINE, FileRefused, ReadResult, read_source
from dashboard.ingest.vocabulary import CONTACT_COLUMNS, TABLES, vocabulary_rows
from dashboard.paths import queries_dir

STAGING_SCRIPTS = (
    "10_stage_coalition.sql",
    "20_stage_people.sql",
    "30_stage_events.sql",
    "40_stage_acts.sql",
)
DEFAULT_MIN_CELL = 11

Progress = Callable[[int, int, SourceFile], None]


class IngestError(Exception):
    """The ingest cannot run or its result was refused; the message says why."""

    def __init__(self, message: str, result: IngestResult | None = None):
        super().__init__(message)
        self.result = result


@dataclass
class IngestResult:
    warehouse: Path
    files: pl.DataFrame  # the ingest_files table
    warnings: list[str] = field(default_factory=list)
    replaced: bool = False  # whether the warehouse was (re)built

    @property
    def problems(self) -> bool:
        return bool(self.files.filter(pl.col("status").is_in(["refused", "partial"])).height)


@dataclass
class _FileRecord:
    file_seq: int
    source_file: str
    org_id: str | None
    table_name: str | None
    format: str | None
    sha256: str | None
    rows_read: int = 0
    status: str | None = None
    message: str | None = None


def coalition_settings(data_dir: Path) -> dict:
    path = data_dir / "coalition.toml"
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise IngestError(f"{path}: not valid TOML ({error})") from None


def _script(name: str) -> str:
    return (queries_dir() / "ingest" / name).read_text(encoding="utf-8")


def _squashed(column: str) -> str:
    """A column name without spaces or punctuation: "Phone Number" and phone_number meet."""
    return re.sub(r"[^a-z0-9]", "", column.lower())


_CONTACT_SQUASHED = frozenset(_squashed(c) for c in CONTACT_COLUMNS)


def _private_columns(table_name: str, columns: list[str]) -> list[str]:
    person_table = table_name in ("people", "attendance", "shifts", "actions")
    return [
        c
        for c in columns
        if _squashed(c) in _CONTACT_SQUASHED or (person_table and _squashed(c) == "name")
    ]


def _raw_columns(source: SourceFile, table: pa.Table) -> pa.Table:
    """The file's rows with exactly the contract's columns (absent ones as nulls)."""
    spec = TABLES[source.table_name]
    n = table.num_rows
    wanted = list(spec.columns) + (["recruited_by"] if spec.name == "attendance" else [])
    if spec.top_level and spec.name == "organizations":
        wanted.remove("org_id")
    columns: dict[str, pa.Array] = {
        "table_name": pa.array([spec.name] * n, pa.string()),
        "source_file": pa.array([source.source_file] * n, pa.string()),
        "org_id": (
            table.column("org_id")
            if spec.name == "organizations"
            else pa.array([source.org_id] * n, pa.string())
        ),
        "line": table.column(LINE),
    }
    for name in wanted:
        columns[name] = (
            table.column(name) if name in table.column_names else pa.nulls(n, pa.string())
        )
    return pa.table(columns)


def _missing_columns(source: SourceFile, table: pa.Table) -> list[str]:
    spec = TABLES[source.table_name]
    missing = [c for c in spec.required if c not in table.column_names]
    if spec.identity and not any(c in table.column_names for c in spec.identity):
        missing.append(" or ".join(spec.identity))
    return missing


_INSERT_RAW = """
insert into raw_rows by name
select canon.*, $file_seq as file_seq, $day_first as day_first, payload.raw
from canon
positional join (select to_json(shown) as raw from shown_columns as shown) as payload
"""

_INSERT_REFUSED = """
insert into file_rejects
select $source_file, $org_id, $table_name, line, $reason, payload.raw
from (select _line as line from lines) positional join
    (select to_json(shown) as raw from shown_columns as shown) as payload
"""


class _Loader:
    """Puts each file's rows into the staging tables of one build connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.con = con

    def _register_shown(self, source: SourceFile, table: pa.Table, refused: bool) -> None:
        hidden = _private_columns(source.table_name, table.column_names) + [LINE]
        if refused:
            # A header without the required columns may be a data row (a file exported
            # without its header), so its names could be contacts: show only the
            # contract's own columns.
            known = TABLES[source.table_name].columns
            hidden += [c for c in table.column_names if c not in known and c not in hidden]
        shown = table.drop_columns(hidden)
        if shown.num_columns == 0:
            shown = pa.table({"_": pa.nulls(table.num_rows, pa.string())})
        self.con.register("shown_columns", shown)

    def load(self, record: _FileRecord, source: SourceFile, result: ReadResult) -> None:
        table = result.table
        missing = _missing_columns(source, table)
        self._register_shown(source, table, refused=bool(missing))
        if missing:
            record.status = "refused"
            record.message = "missing required column: " + ", ".join(missing)
            self.con.register("lines", table.select([LINE]))
            self.con.execute(
                _INSERT_REFUSED,
                {
                    "source_file": source.source_file,
                    "org_id": source.org_id,
                    "table_name": source.table_name,
                    "reason": "file refused: " + record.message,
                },
            )
        else:
            self.con.register("canon", _raw_columns(source, table))
            self.con.execute(_INSERT_RAW, {"file_seq": record.file_seq, "day_first": False})
        if result.malformed:
            self.con.executemany(
                "insert into file_rejects values (?, ?, ?, ?, ?, null)",
                [
                    (source.source_file, source.org_id, source.table_name, line, reason)
                    for line, reason in result.malformed
                ],
            )


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.file_digest(path.open("rb"), "sha256").hexdigest()
    except OSError:
        return None


def _read_files(
    con: duckdb.DuckDBPyConnection, files: list[SourceFile], progress: Progress | None
) -> list[_FileRecord]:
    loader = _Loader(con)
    records = []
    for seq, source in enumerate(files):
        if progress:
            progress(seq, len(files), source)
        record = _FileRecord(
            seq,
            source.source_file,
            source.org_id,
            source.table_name,
            source.format,
            _sha256(source.path),
        )
        records.append(record)
        if source.skip_reason:
            record.status, record.message = "skipped", source.skip_reason
            continue
        try:
            result = read_source(source.path, source.format)
        except FileRefused as refusal:
            record.status, record.message = "refused", str(refusal)
            continue
        record.rows_read = result.rows_read
        loader.load(record, source, result)
    if progress:
        progress(len(files), len(files), None)
    return records


def _register_files(con: duckdb.DuckDBPyConnection, records: list[_FileRecord], data_dir: Path):
    files = pa.table(
        {
            "file_seq": pa.array([r.file_seq for r in records], pa.int32()),
            "source_file": pa.array([r.source_file for r in records], pa.string()),
            "org_id": pa.array([r.org_id for r in records], pa.string()),
            "table_name": pa.array([r.table_name for r in records], pa.string()),
            "format": pa.array([r.format for r in records], pa.string()),
            "rows_read": pa.array([r.rows_read for r in records], pa.int64()),
            "sha256": pa.array([r.sha256 for r in records], pa.string()),
            "status": pa.array([r.status for r in records], pa.string()),
            "message": pa.array([r.message for r in records], pa.string()),
        }
    )
    con.register("files_arrow", files)
    con.execute("create temp table files as select * from files_arrow")
    folders = pa.table({"org_id": pa.array(org_folders(data_dir), pa.string())})
    con.register("org_folders_arrow", folders)
    con.execute("create temp table org_folders as select * from org_folders_arrow")


def _write_coalition(con, settings: dict, data_dir: Path, key_source: str) -> None:
    con.execute(
        """
        create table coalition as
        select $name as name, $time_zone as time_zone, $min_cell::bigint as min_cell,
            $built_at::timestamp as built_at, $data_dir as data_dir, $key_source as key_source
        """,
        {
            "name": str(settings.get("name") or data_dir.resolve().name),
            "time_zone": settings.get("time_zone") or settings.get("timezone"),
            "min_cell": int(settings.get("min_cell", DEFAULT_MIN_CELL)),
            "built_at": datetime.now(UTC).replace(tzinfo=None),
            "data_dir": str(data_dir.resolve()),
            "key_source": key_source,
        },
    )


def _unlisted_org_warnings(con) -> list[str]:
    rows = con.sql(
        """
        select org_id from org_folders
        where org_id not in (
            select org_id from stage_organizations where reject_reason is null
        )
        order by org_id
        """
    ).fetchall()
    return [
        f"organization folder {org!r} is not listed in organizations.csv; "
        "loaded with its id as its name"
        for (org,) in rows
    ]


def ingest(
    data_dir: Path,
    warehouse: Path,
    *,
    strict: bool = False,
    progress: Progress | None = None,
) -> IngestResult:
    """Build `warehouse` from `data_dir`; keep the old warehouse unless the build succeeds.

    With `strict`, any refused file or rejected row fails the build.
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise IngestError(f"{data_dir}: no such data folder")
    settings = coalition_settings(data_dir)
    warehouse = Path(warehouse)
    if warehouse.is_dir():
        raise IngestError(f"{warehouse}: is a folder; give the warehouse file's path")
    try:
        warehouse.parent.mkdir(parents=True, exist_ok=True)
        key, key_source = coalition_key(warehouse)
    except OSError as error:
        raise IngestError(f"{warehouse}: cannot write the warehouse there ({error})") from None
    inner_pad, outer_pad = hmac_pads(key)
    building = warehouse.with_name(f"{warehouse.name}.building-{os.getpid()}")
    building.unlink(missing_ok=True)

    try:
        con = duckdb.connect(str(building))
        try:
            con.execute(_script("00_macros.sql"))
            con.execute(_script("01_raw_rows.sql"))
            con.executemany("insert into vocabulary values (?, ?, ?)", vocabulary_rows())
            records = _read_files(con, discover(data_dir), progress)
            _register_files(con, records, data_dir)
            for script in STAGING_SCRIPTS:
                con.execute(_script(script))
            con.execute(
                _script("50_person_keys.sql"), {"inner_pad": inner_pad, "outer_pad": outer_pad}
            )
            con.execute(_script("60_warehouse.sql"))
            con.execute(_script("70_metric_macros.sql"))
            _write_coalition(con, settings, data_dir, key_source)
            warnings = _unlisted_org_warnings(con)
            files = con.sql("select * from ingest_files").pl()
            con.execute("checkpoint")
        finally:
            con.close()
        result = IngestResult(warehouse, files, warnings)
        if files.filter(pl.col("rows_loaded") > 0).height == 0:
            raise IngestError(
                f"{data_dir}: no file could be loaded; the warehouse was not changed", result
            )
        if strict and result.problems:
            raise IngestError(
                "--strict: some files were refused or had rejected rows; "
                "the warehouse was not changed",
                result,
            )
        os.replace(building, warehouse)
        result.replaced = True
        return result
    finally:
        building.unlink(missing_ok=True)
        Path(f"{building}.wal").unlink(missing_ok=True)
