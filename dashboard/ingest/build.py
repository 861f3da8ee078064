"""Build the warehouse from a coalition folder (data-contract.md §1-4, §6).

Python finds and splits the files; DuckDB applies every rule (queries/ingest/*.sql) and
writes the warehouse into a temporary file that replaces the old one only when the
build succeeded, so readers see the old warehouse or the new one, never half of one.
The temporary files of builds that were killed are removed by the next build.

One member's file never stops the build: whatever goes wrong reading it makes it a
refused file with a reason. What stops it is the build's own trouble (a full disk, a
folder it cannot write), told in one line naming the path.

Memory: COALITION_INGEST_MEMORY is DuckDB's limit for the build, less what the rows
kept in Arrow hold when the rules run; files are read in parallel only while their
reading (about four times a file's size at most) fits in half of it.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
import threading
import tomllib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import polars as pl
import pyarrow as pa

from dashboard.db import metric_macros_sql
from dashboard.ingest.contact import scrub_stored_text
from dashboard.ingest.convert import Converted
from dashboard.ingest.discover import SourceFile, discover, org_folders
from dashboard.ingest.keys import KeyRefused, coalition_key, fingerprint, hmac_pads
from dashboard.ingest.load import FileRecord, Loader, prepare
from dashboard.ingest.mapping import OrgMapping
from dashboard.ingest.readers import ReadResult
from dashboard.ingest.recognise import Plan, mapping_warnings, read_and_plan, read_mappings
from dashboard.ingest.vocabulary import vocabulary_rows
from dashboard.paths import queries_dir
from dashboard.privacy import DEFAULT_MIN_CELL
from dashboard.schema_version import SCHEMA_VERSION
from dashboard.settings import current as current_settings

STAGING_SCRIPTS = (
    "10_stage_coalition.sql",
    "20_stage_people.sql",
    "30_stage_events.sql",
    "40_stage_acts.sql",
)
READ_THREADS = min(4, os.cpu_count() or 1)

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


def coalition_settings(data_dir: Path) -> dict:
    path = data_dir / "coalition.toml"
    if path.is_symlink():
        raise IngestError(f"{path}: is a symbolic link, which is not followed")
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise IngestError(f"{path}: not valid TOML ({error})") from None


def _script(name: str) -> str:
    return (queries_dir() / "ingest" / name).read_text(encoding="utf-8")


def _sha256(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


_UNITS = {"": 1, "b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3, "tb": 1000**4}
_UNITS |= {"kib": 1024, "mib": 1024**2, "gib": 1024**3, "tib": 1024**4}
MIN_DUCKDB_MEMORY = 256 * 1000**2  # what the rules get however much Arrow holds


def memory_bytes(size: str) -> int:
    """A size as DuckDB reads it ("4GB", "512 MiB") in bytes."""
    number, unit = re.fullmatch(r"\s*([\d.]+)\s*([A-Za-z]*)\s*", size).groups()
    return int(float(number) * _UNITS[unit.lower()])


class ReadBudget:
    """How many bytes the files being read at once may take; a file waits for room,
    except when nothing else is being read (one file is always read, whatever its size)."""

    def __init__(self, limit: int):
        self.limit = limit
        self.used = 0
        self._room = threading.Condition()

    @staticmethod
    def need(path: Path) -> int:
        try:
            size = path.stat().st_size
        except OSError:
            size = 0
        return 4 * size + 16 * 1000**2

    @contextmanager
    def reserve(self, amount: int) -> Iterator[None]:
        with self._room:
            self._room.wait_for(lambda: self.used == 0 or self.used + amount <= self.limit)
            self.used += amount
        try:
            yield
        finally:
            with self._room:
                self.used -= amount
                self._room.notify_all()


def _prepare_file(
    source: SourceFile, mappings: dict[str, OrgMapping], budget: ReadBudget | None = None
) -> tuple[ReadResult | None, Plan, Converted | None, str | None]:
    """Read, plan and convert one file; touches no connection, so files run in threads.
    Whatever goes wrong makes the file refused, never the build stopped."""
    budget = budget or ReadBudget(0)
    try:
        with budget.reserve(ReadBudget.need(source.path)):
            result, plan = read_and_plan(source, mappings)
            converted = None
            if result is not None and not plan.skip:
                converted = prepare(source, result, plan)
    except Exception as error:  # noqa: BLE001 - one member's file never stops the build
        reason = str(error).strip().splitlines()[0][:300] if str(error).strip() else ""
        refusal = f"could not be read ({type(error).__name__}{': ' + reason if reason else ''})"
        return None, Plan(source.table_name, source.format, refusal=refusal), None, None
    return result, plan, converted, _sha256(source.path)


def _read_files(
    loader: Loader,
    files: list[SourceFile],
    mappings: dict[str, OrgMapping],
    progress: Progress | None,
    budget: ReadBudget,
) -> list[FileRecord]:
    records = []
    # Reading allocates and frees a lot of short-lived Arrow memory; with pyarrow's default
    # mimalloc pool half of the time went into the kernel zeroing fresh huge pages, with
    # the system allocator a fifth of that. (Each buffer returns to the pool it came from,
    # so the default can be put back afterwards.)
    default_pool = pa.default_memory_pool()
    pa.set_memory_pool(pa.system_memory_pool())
    try:
        _prepare_and_load(loader, files, mappings, progress, records, budget)
    finally:
        pa.set_memory_pool(default_pool)
    if progress:
        progress(len(files), len(files), None)
    return records


def _prepare_and_load(
    loader: Loader,
    files: list[SourceFile],
    mappings: dict[str, OrgMapping],
    progress: Progress | None,
    records: list[FileRecord],
    budget: ReadBudget,
) -> None:
    # Arrow's readers and compute functions release the GIL, so files are read and
    # converted in parallel; they are loaded one after another, in file order.
    with ThreadPoolExecutor(max_workers=READ_THREADS) as pool:
        prepared = pool.map(lambda source: _prepare_file(source, mappings, budget), files)
        for seq, (source, (result, plan, converted, sha256)) in enumerate(
            zip(files, prepared, strict=True)
        ):
            if progress:
                progress(seq, len(files), source)
            record = FileRecord(
                seq, source.source_file, source.org_id, plan.table_name, plan.format, sha256
            )
            records.append(record)
            if plan.skip:
                record.status, record.message = "skipped", plan.skip
            elif result is None:
                record.status, record.message = "refused", plan.refusal
            else:
                record.rows_read = result.rows_read
                loader.load(record, source, result, plan, converted)


def _register_files(con: duckdb.DuckDBPyConnection, records: list[FileRecord], data_dir: Path):
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
    new_key: bool = False,
    progress: Progress | None = None,
) -> IngestResult:
    """Build `warehouse` from `data_dir`; keep the old warehouse unless the build succeeds.

    With `strict`, any refused file or rejected row fails the build. A coalition key other
    than the one that built the existing warehouse fails it too, unless `new_key`
    (everyone's person key then changes).
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
    except OSError as error:
        raise IngestError(f"{warehouse}: cannot write the warehouse there ({error})") from None
    try:
        key, key_source = coalition_key(warehouse, new_key=new_key)
    except KeyRefused as error:
        raise IngestError(str(error)) from None
    inner_pad, outer_pad = hmac_pads(key)
    remove_leftovers(warehouse)
    building = warehouse.with_name(f"{warehouse.name}.building-{os.getpid()}")
    building.unlink(missing_ok=True)
    memory = memory_bytes(current_settings().ingest_memory)

    try:
        try:
            result = _build(
                data_dir,
                building,
                settings,
                key_source,
                (inner_pad, outer_pad, fingerprint(key)),
                memory,
                progress,
            )
        except (duckdb.IOException, duckdb.TransactionException, OSError) as error:
            # TransactionException: a commit that could not write its log
            raise _unwritable(warehouse, error) from None
        except duckdb.OutOfMemoryException as error:
            raise IngestError(
                f"{warehouse}: the build needs more memory than COALITION_INGEST_MEMORY "
                f"({_one_line(error)})"
            ) from None
        result.warehouse = warehouse
        if result.files.filter(pl.col("rows_loaded") > 0).height == 0:
            raise IngestError(
                f"{data_dir}: no file could be loaded; the warehouse was not changed", result
            )
        if strict and result.problems:
            raise IngestError(
                "--strict: some files were refused or had rejected rows; "
                "the warehouse was not changed",
                result,
            )
        try:
            os.replace(building, warehouse)
        except OSError as error:
            raise _unwritable(warehouse, error) from None
        result.replaced = True
        return result
    finally:
        building.unlink(missing_ok=True)
        Path(f"{building}.wal").unlink(missing_ok=True)


def _unwritable(warehouse: Path, error: Exception) -> IngestError:
    return IngestError(f"{warehouse}: cannot write the warehouse ({_one_line(error)})")


def _one_line(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0]


def _build(
    data_dir: Path,
    building: Path,
    settings: dict,
    key_source: str,
    key: tuple[bytes, bytes, str],  # the HMAC pads and the key's fingerprint
    memory: int,
    progress: Progress | None,
) -> IngestResult:
    """Build the warehouse into `building`; the caller decides whether it replaces the old."""
    con = duckdb.connect(str(building), config={"memory_limit": f"{memory}B"})
    try:
        con.execute(_script("00_macros.sql"))
        con.execute(_script("01_raw_rows.sql"))
        con.executemany("insert into vocabulary values (?, ?, ?)", vocabulary_rows())
        files = discover(data_dir)
        mappings = read_mappings(data_dir)
        loader = Loader(con)
        records = _read_files(loader, files, mappings, progress, ReadBudget(memory // 2))
        held = loader.finish()
        # The rows kept in Arrow are outside DuckDB's reckoning: the rules get the rest.
        con.execute(
            "set memory_limit = $limit", {"limit": f"{max(memory - held, MIN_DUCKDB_MEMORY)}B"}
        )
        _register_files(con, records, data_dir)
        for script in STAGING_SCRIPTS:
            con.execute(_script(script))
        loader.release()
        con.execute("set memory_limit = $limit", {"limit": f"{memory}B"})
        scrub_stored_text(con)
        con.execute(_script("50_person_keys.sql"), {"inner_pad": key[0], "outer_pad": key[1]})
        con.execute(_script("60_warehouse.sql"))
        loader.fill_reject_payloads()
        # A copy of the app's macros for analysts using the DuckDB CLI; the app
        # defines its own (dashboard.db).
        con.execute(metric_macros_sql())
        _write_coalition(con, settings, data_dir, key_source)
        con.execute(
            """
            create table warehouse_info as
            select $version::integer as schema_version, $fingerprint as key_fingerprint
            """,
            {"version": SCHEMA_VERSION, "fingerprint": key[2]},
        )
        warnings = _unlisted_org_warnings(con) + mapping_warnings(data_dir, files, mappings)
        ingest_files = con.sql("select * from ingest_files").pl()
        con.execute("checkpoint")
    finally:
        con.close()
    return IngestResult(building, ingest_files, warnings)


_BUILDING = re.compile(r"\.building-(\d+)(\.wal)?$")


def remove_leftovers(warehouse: Path) -> None:
    """Remove the temporary files of builds of this warehouse whose process is gone."""
    pattern = glob.escape(warehouse.name) + ".building-*"
    for path in warehouse.parent.glob(pattern):
        found = _BUILDING.search(path.name[len(warehouse.name) :])
        if found and not _running(int(found.group(1))):
            path.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True  # this process's: maybe a build in another thread
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
