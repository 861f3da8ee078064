"""Answers for the views people open first, computed before anyone asks.

`create_app` hands over what each page computes for a view (its summary, charts, tables
and other work: `dashboard.components.page.PageContent`). A server process runs them, in
the background, for the
filter bar's presets with no other filter (the default period first): the views a
coordinator lands on and a meeting clicks through. The answers go to the warehouse's
result cache (dashboard.result_cache), so the first visitor is served from memory; the
warm-up runs again whenever the warehouse is rebuilt. Filters nobody chose yet are
computed on demand as before, and the cache keeps them from then on.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Iterable
from datetime import date

from dashboard.components.filter_bar import period_anchor, preset_ranges
from dashboard.components.page import PageContent
from dashboard.db import Warehouse, WarehouseMissing
from dashboard.metrics.filters import Filters, resolve_filters

log = logging.getLogger(__name__)

# The filter bar's preset keys, the default period first.
PRESET_ORDER = ("12m", "90d", "30d", "ytd", "all")
CHECK_SECONDS = 30.0
EXTENSION = "coalition.warmer"  # the app's Warmer, in flask's extensions
WARMED = "coalition: cache warmed for the preset views"


def preset_filters(warehouse: Warehouse, today: date) -> list[Filters]:
    """The presets as the filter bar computes them, with no org, campaign or type."""
    ranges = preset_ranges(*period_anchor(warehouse, today))
    return [
        resolve_filters(warehouse, date_from=start, date_to=end, as_of=today)
        for start, end in (ranges[key] for key in PRESET_ORDER)
    ]


def warm(
    warehouse: Warehouse,
    pages: Iterable[PageContent],
    today: date | None = None,
    stop: threading.Event | None = None,
) -> int:
    """Compute every page's content for every preset; returns how many pieces ran."""
    pages = tuple(pages)
    ran = 0
    for filters in preset_filters(warehouse, today or date.today()):
        for page in pages:
            for work in page.work():
                if stop is not None and stop.is_set():
                    return ran
                work(warehouse, filters)
                ran += 1
    return ran


class Warmer(threading.Thread):
    """Warms the cache at start and after every rebuild; a daemon, so it never holds up
    a shutdown."""

    def __init__(
        self,
        warehouse: Warehouse,
        pages: Iterable[PageContent],
        check_seconds: float = CHECK_SECONDS,
    ):
        super().__init__(name="coalition-warmup", daemon=True)
        self.warehouse = warehouse
        self.pages = tuple(pages)
        self.check_seconds = check_seconds
        self.stop = threading.Event()
        self.warmed_version = None
        self.done = threading.Event()  # set after each completed warm-up

    def run(self) -> None:
        while not self.stop.is_set():
            version = None
            try:
                version = self.warehouse.version
                if version != self.warmed_version and self.warehouse.cache.max_bytes > 0:
                    started = time.perf_counter()
                    sections = warm(self.warehouse, self.pages, stop=self.stop)
                    self.warmed_version = version
                    self.done.set()
                    # One line per process in the server's log (the benchmark waits for it).
                    print(
                        f"{WARMED} (process {os.getpid()}): {sections} sections "
                        f"in {time.perf_counter() - started:.1f} s",
                        file=sys.stderr,
                        flush=True,
                    )
            except WarehouseMissing:
                pass  # nothing to warm until the first ingest
            except Exception:  # noqa: BLE001 - a failed warm-up must not stop the server
                log.exception("warming the dashboard's cache failed; pages compute on demand")
                self.warmed_version = version  # not again until the next rebuild
            self.stop.wait(self.check_seconds)
