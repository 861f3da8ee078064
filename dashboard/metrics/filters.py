"""The filters every metric takes (metrics.md, "Filters and dates"), validated.

Values come from users (CLI flags, URL query strings, callback inputs), so each one is
checked against the warehouse's own lists before it reaches a query as a parameter.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from dashboard.db import Warehouse
from dashboard.ingest.vocabulary import EVENT_TYPES

DEFAULT_PERIOD_DAYS = 365


class FilterError(ValueError):
    """A filter value the warehouse does not know, or a period that makes no sense."""


@dataclass(frozen=True)
class Filters:
    date_from: date
    date_to: date
    as_of: date
    orgs: tuple[str, ...] | None = None
    campaign: str | None = None
    types: tuple[str, ...] | None = None

    @property
    def days(self) -> int:
        return (self.date_to - self.date_from).days + 1

    def prior(self) -> Filters:
        """The same number of days ending the day before date_from."""
        return replace(
            self,
            date_from=self.date_from - timedelta(days=self.days),
            date_to=self.date_from - timedelta(days=1),
        )

    def with_orgs(self, orgs: tuple[str, ...] | None) -> Filters:
        return replace(self, orgs=orgs)

    def params(self) -> dict:
        """Query parameters; lists as Python lists, absent filters as None."""
        prior = self.prior()
        return {
            "date_from": self.date_from,
            "date_to": self.date_to,
            "prior_from": prior.date_from,
            "prior_to": prior.date_to,
            "as_of": self.as_of,
            "orgs": list(self.orgs) if self.orgs else None,
            "campaign": self.campaign,
            "types": list(self.types) if self.types else None,
        }

    def as_json(self) -> dict:
        return {
            "orgs": sorted(self.orgs) if self.orgs else None,
            "campaign": self.campaign,
            "types": sorted(self.types) if self.types else None,
        }


def default_period_end(warehouse: Warehouse, as_of: date) -> date:
    return warehouse.query("metrics/default_period_end", as_of=as_of).item(0, "date_to")


def _unknown(values, known, what: str) -> None:
    unknown = sorted(set(values) - set(known))
    if unknown:
        choices = ", ".join(sorted(known)) or "none"
        raise FilterError(f"unknown {what}: {', '.join(unknown)} (known: {choices})")


def resolve_filters(
    warehouse: Warehouse,
    *,
    date_from: date | None = None,
    date_to: date | None = None,
    as_of: date | None = None,
    orgs=None,
    campaign: str | None = None,
    types=None,
) -> Filters:
    """Fill in the defaults of metrics.md and check every value against the warehouse."""
    as_of = as_of or date.today()
    if date_to is None:
        date_to = default_period_end(warehouse, as_of)
    if date_from is None:
        date_from = date_to - timedelta(days=DEFAULT_PERIOD_DAYS - 1)
    if date_from > date_to:
        raise FilterError(f"the period starts ({date_from}) after it ends ({date_to})")

    org_ids = tuple(sorted(set(orgs))) if orgs else None
    if org_ids:
        known = warehouse.query("lookups/organizations")["org_id"].to_list()
        _unknown(org_ids, known, "org")
    if campaign:
        known = warehouse.query("lookups/campaigns")["campaign_id"].to_list()
        _unknown([campaign], known, "campaign")
    type_ids = tuple(sorted(set(types))) if types else None
    if type_ids:
        _unknown(type_ids, EVENT_TYPES, "event type")
    return Filters(date_from, date_to, as_of, org_ids, campaign or None, type_ids)
