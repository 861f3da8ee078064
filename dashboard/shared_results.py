"""Query results shared by the server's worker processes, as Arrow files on disk.

Each gunicorn worker has its own memory cache (dashboard.result_cache); without this,
every worker would compute the same answer again (the warm-up twice, a new filter state
once per worker that meets it). A worker that misses its memory looks here; to compute,
it takes an exclusive lock on the answer's lock file, so a second worker asking for the
same answer waits and then reads the file instead of computing it too.

Files live under a folder per warehouse version (inode and mtime), so a rebuilt
warehouse never meets an old answer; the first worker to see a new version removes the
old folders. A folder holds at most MAX_FILES answers (filters nobody else asks for stay
in memory only), so arbitrary filter states cannot fill the disk. Anything that goes
wrong here (no permission, a full disk) only means computing in memory as before.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import polars as pl

MAX_FILES = 4000


def default_folder(warehouse: Path) -> Path:
    """Beside the warehouse: `.coalition/warehouse.duckdb` → `.coalition/warehouse.results`."""
    return warehouse.with_name(warehouse.name.removesuffix(".duckdb") + ".results")


class SharedResults:
    def __init__(self, root: Path):
        self.root = root
        self._current: str | None = None  # the version folder this process last used

    def _folder(self, version: tuple) -> Path | None:
        name = "-".join(str(part) for part in version)
        folder = self.root / name
        if self._current != name:
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                return None
            for old in self.root.iterdir():
                if old.name != name and old.is_dir():
                    shutil.rmtree(old, ignore_errors=True)  # a rebuilt warehouse's leftovers
            self._current = name
        return folder

    def get_or_compute(self, key: tuple, compute: Callable[[], pl.DataFrame]) -> pl.DataFrame:
        version, name, sql_digest, parameters = key
        folder = self._folder(version)
        if folder is None:
            return compute()
        # The SQL's digest: the files outlive the process, and may meet a newer version's.
        digest = hashlib.sha256(f"{name}\n{sql_digest}\n{parameters}".encode()).hexdigest()[:32]
        path = folder / f"{digest}.arrow"
        frame = _read(path)
        if frame is not None:
            return frame
        try:
            lock = (folder / f"{digest}.lock").open("a")
        except OSError:
            return compute()
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
            frame = _read(path)  # computed by another worker while this one waited
            if frame is not None:
                return frame
            frame = compute()
            _write(folder, path, frame)
            return frame


def _read(path: Path) -> pl.DataFrame | None:
    """The answer, or None when it is missing or damaged (then it is computed again)."""
    try:
        # From bytes: no memory map left pointing into a file a rebuild may delete.
        return pl.read_ipc(io.BytesIO(path.read_bytes()))
    except (OSError, pl.exceptions.PolarsError):
        return None


def _write(folder: Path, path: Path, frame: pl.DataFrame) -> None:
    with contextlib.suppress(OSError):
        if sum(1 for _ in os.scandir(folder)) >= 2 * MAX_FILES:  # answers and their locks
            return
        partial = path.with_suffix(f".{os.getpid()}.partial")
        frame.write_ipc(partial)
        os.replace(partial, path)  # readers see the whole file or none
