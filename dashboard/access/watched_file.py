"""A small file beside the warehouse, parsed again only when it changes: users.json and
sessions.json are read on every request, by every worker, and rewritten by others."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")


class WatchedFile(Generic[T]):
    def __init__(self, path: Path, parse: Callable[[str], T], missing: Callable[[], T]):
        self.path = path
        self._parse = parse
        self._missing = missing  # the value when there is no file
        self._lock = threading.Lock()
        self._cached: tuple[tuple, T] | None = None

    def _stamp(self) -> tuple | None:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def read(self) -> T:
        """The parsed content; parse errors propagate to the caller."""
        stamp = self._stamp()
        if stamp is None:
            return self._missing()
        with self._lock:
            if self._cached is None or self._cached[0] != stamp:
                self._cached = (stamp, self._parse(self.path.read_text(encoding="utf-8")))
            return self._cached[1]
