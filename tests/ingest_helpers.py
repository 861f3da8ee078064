"""Tiny coalition folders for the ingest tests: write the files, ingest, query the result.

A test describes its coalition as {relative path: text or bytes}; `build_warehouse`
writes it under a temporary folder, runs the real ingest with a fixed coalition key
and opens the warehouse read-only.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard.ingest import IngestResult, ingest

TEST_KEY = "test-coalition-key-of-at-least-32-bytes"

# Two member orgs, enough for most fixtures.
ORGS = "org_id,name\na,Alpha\nb,Beta\n"


def lines(*rows: str, newline: str = "\n") -> str:
    """A CSV text from its physical lines (header first)."""
    return newline.join(rows) + newline


def write_folder(root: Path, files: dict[str, str | bytes]) -> Path:
    """Write {relative path: text (UTF-8) or bytes} under `root`; return `root`."""
    root.mkdir(parents=True, exist_ok=True)
    for relative, content in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            # newline="" so a test's "\r\n" reaches the file as written.
            with path.open("w", encoding="utf-8", newline="") as handle:
                handle.write(content)
    return root


def person_key(identity: str, key: str = TEST_KEY) -> str:
    """The contract's person key, computed independently of the ingest (§4)."""
    return hmac.new(key.encode("utf-8"), identity.encode("utf-8"), hashlib.sha256).hexdigest()


@contextmanager
def coalition_key_env(key: str | None) -> Iterator[None]:
    """$COALITION_KEY set to `key` (unset when None) for the duration of the block."""
    saved = os.environ.get("COALITION_KEY")
    if key is None:
        os.environ.pop("COALITION_KEY", None)
    else:
        os.environ["COALITION_KEY"] = key
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop("COALITION_KEY", None)
        else:
            os.environ["COALITION_KEY"] = saved


@dataclass
class Warehouse:
    """A built warehouse, opened read-only, with small query helpers."""

    path: Path
    data_dir: Path
    result: IngestResult | None = None
    _con: duckdb.DuckDBPyConnection | None = field(default=None, repr=False)

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            self._con = duckdb.connect(str(self.path), read_only=True)
        return self._con

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def rows(self, sql: str, params: dict | list | None = None) -> list[tuple]:
        return self.con.execute(sql, params).fetchall()

    def dicts(self, sql: str, params: dict | list | None = None) -> list[dict]:
        cursor = self.con.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def value(self, sql: str, params: dict | list | None = None):
        row = self.con.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def file(self, source_file: str) -> dict:
        """The ingest_files row of one source file."""
        found = self.dicts("select * from ingest_files where source_file = $f", {"f": source_file})
        assert len(found) == 1, f"{source_file} not in ingest_files: {self.files()}"
        return found[0]

    def files(self) -> dict[str, str]:
        return dict(self.rows("select source_file, status from ingest_files"))

    def rejects(self, source_file: str | None = None) -> list[dict]:
        return self.dicts(
            "select * from rejected_rows where $f is null or source_file = $f order by line",
            {"f": source_file},
        )

    def reject_at(self, source_file: str, line: int) -> dict:
        found = self.dicts(
            "select * from rejected_rows where source_file = $f and line = $l",
            {"f": source_file, "l": line},
        )
        assert len(found) == 1, f"no single reject at {source_file}:{line}: {self.rejects()}"
        return found[0]


def build_warehouse(
    root: Path,
    files: dict[str, str | bytes],
    *,
    strict: bool = False,
    key: str | None = TEST_KEY,
    data: str = "data",
    warehouse: Path | None = None,
    new_key: bool = False,
) -> Warehouse:
    """Write `files` to root/<data>, ingest into `warehouse` (default root/out/...)."""
    data_dir = write_folder(root / data, files)
    warehouse = warehouse or root / "out" / "warehouse.duckdb"
    with coalition_key_env(key):
        result = ingest(data_dir, warehouse, strict=strict, new_key=new_key)
    return Warehouse(warehouse, data_dir, result)


def parquet_bytes(columns: dict[str, list] | pa.Table) -> bytes:
    """A Parquet file's bytes from {column: values} (types inferred) or an Arrow table."""
    table = columns if isinstance(columns, pa.Table) else pa.table(columns)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return sink.getvalue().to_pybytes()
