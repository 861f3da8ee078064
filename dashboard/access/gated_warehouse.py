"""The warehouse as one viewer may see it: the one door every layout, callback, download
and report reads through when the viewer is restricted.

It has the Warehouse's interface (`query`, `version`, `path`) and wraps a Warehouse:

- **Member orgs** (a coordinator or funder with orgs): every org parameter a query
  declares (`$orgs`, and a single `$org` / `$org_id`) is clamped to the viewer's orgs,
  whatever the caller passes; no org filter means the viewer's orgs; an org outside them
  is refused. Rows whose `org_id` / `org_a` / `org_b` is another org's are dropped from
  every result, also of queries that take no org parameter.
- **Perturbation** (a funder, or a coordinator's coalition totals): per-person, per-event
  and ingest results are refused; in every other result, counts of people and records
  are published by the cell key method from the count and its cell key column, which the
  query returns beside it and the gate drops; a published value from 1 to k − 1 becomes
  null ("<k"), and rates are recomputed from the published counts (dashboard.privacy).
  k is the warehouse's `min_cell`.

Direct cursors are refused: everything goes through named queries.
"""

from __future__ import annotations

import polars as pl

from dashboard.db import Warehouse, load_query
from dashboard.privacy import DEFAULT_MIN_CELL, funder_refusal, rules_for, suppress_frame
from dashboard.privacy.rules import COMPANIONS

ORG_LIST_PARAMETERS = ("orgs",)
ORG_PARAMETERS = ("org", "org_id")
ORG_COLUMNS = ("org_id", "org_a", "org_b")


class AccessRefused(Exception):
    """A request beyond the viewer's role or orgs; its message is said on screen."""


class GatedWarehouse:
    def __init__(
        self,
        warehouse: Warehouse,
        *,
        orgs: tuple[str, ...] | None = None,
        suppress: bool = False,
    ):
        self.warehouse = warehouse
        self.orgs = tuple(orgs) if orgs else None
        self.suppresses = suppress
        self._min_cell: int | None = None

    @property
    def path(self):
        return self.warehouse.path

    @property
    def version(self):
        return self.warehouse.version

    def cursor(self):
        raise AccessRefused("Direct warehouse access is not available to this account.")

    def min_cell(self) -> int:
        """k: counts from 1 to k − 1 are suppressed (coalition.toml `min_cell`)."""
        if self._min_cell is None:
            frame = self.warehouse.query("lookups/coalition")
            value = frame.item(0, "min_cell") if frame.height else None
            self._min_cell = int(value) if value is not None else DEFAULT_MIN_CELL
        return self._min_cell

    # --- member orgs ----------------------------------------------------------------

    def _outside(self) -> AccessRefused:
        return AccessRefused(
            f"This account covers {', '.join(self.orgs)} only: other member orgs are "
            "shown as coalition totals."
        )

    def _scoped(self, name: str, parameters: dict) -> dict:
        if self.orgs is None:
            return parameters
        declared = load_query(name).parameters
        scoped = dict(parameters)
        for key in ORG_LIST_PARAMETERS:
            if key in declared:
                asked = parameters.get(key)
                if asked is None:
                    scoped[key] = list(self.orgs)
                else:
                    if isinstance(asked, str) or not all(isinstance(o, str) for o in asked):
                        raise AccessRefused(f"The {key} parameter is not a list of org ids.")
                    scoped[key] = [org for org in asked if org in self.orgs]
                    if not scoped[key]:
                        raise self._outside()
        for key in ORG_PARAMETERS:
            if key in declared and parameters.get(key) not in self.orgs:
                raise self._outside()
        return scoped

    def _own_rows(self, frame: pl.DataFrame) -> pl.DataFrame:
        columns = [c for c in ORG_COLUMNS if c in frame.columns]
        if self.orgs is None or not columns:
            return frame
        return frame.filter(*(pl.col(c).is_in(self.orgs) for c in columns))

    # --- suppression ----------------------------------------------------------------

    def _with_companion(self, name: str, frame: pl.DataFrame, parameters: dict):
        if name not in COMPANIONS or frame.is_empty():
            return frame, []
        other, on, columns = COMPANIONS[name]
        extra = self.warehouse.query_with_cell_keys(other, **parameters).select(
            *on, *(pl.col(there).alias(here) for there, here in columns.items())
        )
        return frame.join(extra, on=list(on), how="left"), list(columns.values())

    def _suppressed(self, name: str, frame: pl.DataFrame, parameters: dict) -> pl.DataFrame:
        reason = funder_refusal(name, frame)
        if reason:
            raise AccessRefused(reason)
        frame, added = self._with_companion(name, frame, parameters)
        shown, _ = suppress_frame(frame, rules_for(name, frame), self.min_cell())
        return shown.drop([c for c in added if c in shown.columns])

    def query(self, name: str, **parameters) -> pl.DataFrame:
        parameters = self._scoped(name, parameters)
        if not self.suppresses:
            return self._own_rows(self.warehouse.query(name, **parameters))
        frame = self._own_rows(self.warehouse.query_with_cell_keys(name, **parameters))
        return self._suppressed(name, frame, parameters)


def gated(warehouse: Warehouse, viewer) -> Warehouse | GatedWarehouse:
    """What `viewer` reads through: the warehouse itself for an unrestricted coordinator."""
    if not viewer.restricted:
        return warehouse
    return GatedWarehouse(warehouse, orgs=viewer.orgs, suppress=viewer.suppresses)


def coalition_totals(warehouse: Warehouse) -> GatedWarehouse:
    """All member orgs, suppressed as for a funder: how an org-limited coordinator sees
    the coalition as a whole."""
    return GatedWarehouse(warehouse, suppress=True)
