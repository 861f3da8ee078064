"""Find a coalition folder's files and tell what kind each one is (contract §1)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dashboard.ingest.vocabulary import ORG_TABLES, TOP_LEVEL_TABLES

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
PARQUET_SUFFIXES = (".parquet", ".pq")
# Configuration files, read elsewhere; they are not data and not "skipped".
CONFIG_FILES = ("coalition.toml", "mapping.toml")


@dataclass(frozen=True)
class SourceFile:
    path: Path
    source_file: str  # relative to the data folder, '/'-separated
    org_id: str | None  # None for the coalition-level files
    table_name: str | None  # None when the name matches no kind
    format: str | None  # csv | parquet | None when unsupported

    @property
    def skip_reason(self) -> str | None:
        if self.table_name is None:
            return "file name matches no table (expected a prefix such as attendance*)"
        if self.format is None:
            return "unsupported file type (expected .csv or .parquet)"
        return None


def _format_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return "csv"
    if suffix in PARQUET_SUFFIXES:
        return "parquet"
    return None


def _table_of(path: Path, candidates: tuple[str, ...]) -> str | None:
    name = path.name.lower()
    # Longest prefix first, in case one table's name starts another's.
    for table in sorted(candidates, key=len, reverse=True):
        if name.startswith(table):
            return table
    return None


def discover(data_dir: Path) -> list[SourceFile]:
    """Every file of the folder in sorted path order, with its org and table kind."""
    files: list[SourceFile] = []
    paths = (p for p in data_dir.rglob("*") if p.is_file())
    for path in sorted(paths, key=lambda p: p.relative_to(data_dir).as_posix()):
        relative = path.relative_to(data_dir)
        if path.name in CONFIG_FILES or any(part.startswith(".") for part in relative.parts):
            continue
        if len(relative.parts) == 1:
            org_id, table = None, _table_of(path, TOP_LEVEL_TABLES)
        else:
            org_id, table = relative.parts[0], _table_of(path, ORG_TABLES)
        files.append(SourceFile(path, relative.as_posix(), org_id, table, _format_of(path)))
    return files


def org_folders(data_dir: Path) -> list[str]:
    return sorted(p.name for p in data_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
