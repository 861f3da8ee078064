"""A bounded, per-process cache of query results, keyed by warehouse version, query name,
bound parameters and a digest of the SQL text (the query's and the macros').

A warehouse is read-only between ingests, so a (query, parameters) pair always gives the
same frame until the file is rebuilt; the version (inode, mtime) in every key retires
old answers. Coordinators click through the same presets and orgs, a meeting reopens the
same pages, and each page's callbacks share queries, so most requests are answered from
here. Concurrent requests for the same key wait for the one computing it (no stampede
when twenty browsers open the same page).
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

import polars as pl

from dashboard.shared_results import SharedResults


def cache_key(version: Hashable, name: str, parameters: dict, digest: str = "") -> tuple:
    """`digest`: of the SQL that computes the answer (dashboard.db.Query.digest), so a new
    version of a query or macro never meets an old version's answers."""
    # Parameters are JSON-like (strings, dates, numbers, lists, None): a canonical JSON
    # text makes lists hashable and ["a", "b"] distinct from "a,b".
    return (version, name, digest, json.dumps(parameters, sort_keys=True, default=str))


class ResultCache:
    """Least-recently-used frames up to `max_bytes` (polars' estimated size)."""

    def __init__(self, max_bytes: int, shared: SharedResults | None = None):
        self.max_bytes = max_bytes
        self.shared = shared  # answers other processes computed (dashboard.shared_results)
        self._frames: OrderedDict[tuple, pl.DataFrame] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._computing: dict[tuple, threading.Event] = {}
        self.hits = 0
        self.misses = 0

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._frames)

    def get_or_compute(self, key: tuple, compute: Callable[[], pl.DataFrame]) -> pl.DataFrame:
        if self.max_bytes <= 0:
            return compute()
        while True:
            with self._lock:
                frame = self._frames.get(key)
                if frame is not None:
                    self._frames.move_to_end(key)
                    self.hits += 1
                    # A clone shares the columns (copy on write): a caller that adds a
                    # column in place cannot change what the next caller gets.
                    return frame.clone()
                pending = self._computing.get(key)
                if pending is None:
                    self._computing[key] = threading.Event()
                    self.misses += 1
                    break
            pending.wait()  # another request is computing it; then look again
        try:
            frame = compute() if self.shared is None else self.shared.get_or_compute(key, compute)
            self._store(key, frame)
            return frame.clone()
        finally:
            with self._lock:
                self._computing.pop(key).set()

    def _store(self, key: tuple, frame: pl.DataFrame) -> None:
        size = frame.estimated_size()
        if size > self.max_bytes // 4:
            return  # one huge answer would push out everything else
        with self._lock:
            version = key[0]
            stale = [k for k in self._frames if k[0] != version]
            for old in stale:  # a rebuilt warehouse: the old answers are garbage
                self._bytes -= self._frames.pop(old).estimated_size()
            self._frames[key] = frame
            self._bytes += size
            while self._bytes > self.max_bytes and self._frames:
                _, evicted = self._frames.popitem(last=False)
                self._bytes -= evicted.estimated_size()

    def clear(self) -> None:
        with self._lock:
            self._frames.clear()
            self._bytes = 0
