"""Login rate limiting: after `limit` failed sign-ins within `window` seconds for one IP
address, or for one user name, further attempts are refused for `lockout` seconds,
whatever the password.

In-process: each gunicorn worker keeps its own counts, so with N workers an attacker gets
at most N × limit tries per window (2 workers by default). The memory is bounded: at most
`max_keys` addresses and names are tracked, the stalest forgotten first.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

LIMIT = 5
WINDOW = 15 * 60
LOCKOUT = 15 * 60


class LoginThrottle:
    def __init__(
        self,
        limit: int = LIMIT,
        window: float = WINDOW,
        lockout: float = LOCKOUT,
        clock: Callable[[], float] = time.monotonic,
        max_keys: int = 10_000,
    ):
        self.limit, self.window, self.lockout = limit, window, lockout
        self.clock = clock
        self.max_keys = max_keys
        self._lock = threading.Lock()
        # key → (recent failure times, locked until)
        self._state: OrderedDict[Hashable, tuple[list[float], float]] = OrderedDict()

    def retry_after(self, *keys: Hashable) -> int:
        """Seconds until any of `keys` may try again; 0 when all may."""
        now = self.clock()
        with self._lock:
            waits = [self._state[key][1] - now for key in keys if key in self._state]
        return max([0, *(math.ceil(w) for w in waits)])

    def failed(self, *keys: Hashable) -> None:
        now = self.clock()
        with self._lock:
            for key in keys:
                failures, locked_until = self._state.pop(key, ([], 0.0))
                failures = [t for t in failures if now - t < self.window] + [now]
                if len(failures) >= self.limit:
                    failures, locked_until = [], now + self.lockout
                self._state[key] = (failures, locked_until)
            while len(self._state) > self.max_keys:
                self._state.popitem(last=False)

    def succeeded(self, *keys: Hashable) -> None:
        with self._lock:
            for key in keys:
                self._state.pop(key, None)
