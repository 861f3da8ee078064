"""Find a coalition folder's files and tell what kind each one is (contract §1).

Only what is inside the folder is read: a symbolic link (to a file or to an org folder)
is listed as refused, never followed, so no file outside the folder is read through one.
A name that is not UTF-8 is listed as refused too (it could not be shown or stored)."""

from __future__ import annotations

import os
import stat
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
    refusal: str | None = None  # why the file is not read at all (a link, its name)

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


SYMLINK = "is a symbolic link, which is not followed; copy the {what} into the data folder"
NOT_UTF8 = "its name is not valid UTF-8; rename it"


def _shown(relative: str) -> str:
    """The path as text: bytes of a name that is not UTF-8 shown as \\xNN."""
    return os.fsencode(relative).decode("utf-8", errors="backslashreplace")


def _entries(data_dir: Path):
    """(path, relative path, lstat mode) of everything under the folder, links not
    followed, hidden entries left out."""
    for folder, dirs, names in os.walk(data_dir, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in [*dirs, *names]:
            if name.startswith("."):
                continue
            path = Path(folder, name)
            try:
                mode = path.lstat().st_mode
            except OSError:
                continue  # gone since the folder was listed
            if stat.S_ISDIR(mode):
                continue  # walked into (links to folders are not directories here)
            yield path, path.relative_to(data_dir), mode


def discover(data_dir: Path) -> list[SourceFile]:
    """Every file of the folder in sorted path order, with its org and table kind."""
    files: list[SourceFile] = []
    for path, relative, mode in sorted(_entries(data_dir), key=lambda e: _shown(e[1].as_posix())):
        if path.name in CONFIG_FILES:
            continue
        shown = _shown(relative.as_posix())
        if len(relative.parts) == 1:
            org_id, table = None, _table_of(path, TOP_LEVEL_TABLES)
        else:
            org_id, table = _shown(relative.parts[0]), _table_of(path, ORG_TABLES)
        refusal = None
        if stat.S_ISLNK(mode):
            refusal = SYMLINK.format(what="folder" if path.is_dir() else "file")
        elif shown != relative.as_posix():
            refusal = NOT_UTF8
        elif not stat.S_ISREG(mode):
            refusal = "is not a regular file"
        files.append(SourceFile(path, shown, org_id, table, _format_of(path), refusal))
    return files


def org_folders(data_dir: Path) -> list[str]:
    """The member orgs' folders: real folders (not links) with UTF-8 names."""
    return sorted(
        p.name
        for p in data_dir.iterdir()
        if not p.name.startswith(".")
        and not p.is_symlink()
        and p.is_dir()
        and _shown(p.name) == p.name
    )
