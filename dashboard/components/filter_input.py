"""Filter values from the outside world, checked before any query sees them.

Two doors: the URL query string a page opens with (`?from=...&to=...&org=a&org=b
&campaign=k&type=rally`), and the values a callback receives, which any client can send
as anything. Both end in `resolve_filters`, the metrics layer's own validation; this
module adds the checks that come first (types, sizes, date syntax and range) and turns
every problem into a sentence a coordinator can act on.

A period is bounded by the data's own span with a margin (a year before the first act or
event, two years after the last one or today): a period of centuries would only tie a
server process up. The command line (`coalition metrics --from/--to`) takes any dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from dashboard.db import Warehouse
from dashboard.ingest.vocabulary import EVENT_TYPES
from dashboard.metrics.filters import FilterError, Filters, resolve_filters

# `mode` is the view (dashboard.components.view_mode), read by the page, not a filter.
URL_KEYS = ("from", "to", "org", "campaign", "type", "mode")
MAX_VALUES = 200  # more org ids than any coalition has; bounds the work and the message
MAX_TEXT = 120
EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)
MARGIN_BEFORE = timedelta(days=366)  # before the first date with data
MARGIN_AFTER = timedelta(days=2 * 366)  # after the last date with data, or today
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.+\-Z]*)?")


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def parse_date(value, what: str) -> date | None:
    """'2025-03-14' (a time part is ignored) → date; None or '' → None (the default)."""
    if value is None or value == "":
        return None
    match = _DATE.fullmatch(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise FilterError(f"the {what} date {_shown(value)} is not a date (YYYY-MM-DD)")
    try:
        parsed = date.fromisoformat(match.group(1))
    except ValueError:
        raise FilterError(f"the {what} date {_shown(value)} does not exist") from None
    if not EARLIEST <= parsed <= LATEST:
        raise FilterError(f"the {what} date {parsed} is outside {EARLIEST.year}-{LATEST.year}")
    return parsed


def period_bounds(warehouse: Warehouse, as_of: date) -> tuple[date, date]:
    """(earliest, latest) date a filter may name: the data's span plus the margins."""
    span = warehouse.query("dashboard/data_span")
    first, last = span.item(0, "first_date"), span.item(0, "last_date")
    return (first or as_of) - MARGIN_BEFORE, max(last or as_of, as_of) + MARGIN_AFTER


def check_in_bounds(day: date | None, what: str, bounds: tuple[date, date]) -> None:
    earliest, latest = bounds
    if day is not None and not earliest <= day <= latest:
        raise FilterError(
            f"the {what} date {day} is outside {earliest} to {latest} "
            "(the data's dates, with a year before and two years after)"
        )


def parse_names(value, what: str) -> tuple[str, ...] | None:
    """One id or a list of ids → a tuple; None or [] → None (no filter)."""
    if value is None or value == "" or value == []:
        return None
    values = [value] if isinstance(value, str) else value
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise FilterError(f"the {what} filter must be a list of ids, not {_shown(value)}")
    if len(values) > MAX_VALUES:
        raise FilterError(f"the {what} filter has {len(values):,} values; at most {MAX_VALUES}")
    if any(len(v) > MAX_TEXT for v in values):
        raise FilterError(f"the {what} filter has a value longer than {MAX_TEXT} characters")
    return tuple(v for v in values if v) or None


def parse_name(value, what: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        raise FilterError(f"the {what} filter must be one id, not {_shown(value)}")
    return value


def filters_from_inputs(
    warehouse: Warehouse,
    date_from=None,
    date_to=None,
    orgs=None,
    campaign=None,
    types=None,
    *,
    as_of: date | None = None,
) -> Filters:
    """Callback inputs → Filters, or FilterError with a readable message."""
    start, end = parse_date(date_from, "start"), parse_date(date_to, "end")
    if start is not None or end is not None:
        bounds = period_bounds(warehouse, as_of or date.today())
        check_in_bounds(start, "start", bounds)
        check_in_bounds(end, "end", bounds)
    return resolve_filters(
        warehouse,
        date_from=start,
        date_to=end,
        as_of=as_of,
        orgs=parse_names(orgs, "org"),
        campaign=parse_name(campaign, "campaign"),
        types=parse_names(types, "event type"),
    )


@dataclass(frozen=True)
class Choices:
    """What the filter bar offers: ids with the names people know them by."""

    orgs: tuple[tuple[str, str], ...]
    campaigns: tuple[tuple[str, str], ...]
    limited: bool = False  # the viewer sees some member orgs only: `orgs` are theirs

    @classmethod
    def load(cls, warehouse: Warehouse) -> Choices:
        orgs = warehouse.query("lookups/organizations").select("org_id", "name").rows()
        campaigns = warehouse.query("lookups/campaigns").select("campaign_id", "name").rows()
        return cls(tuple(orgs), tuple(campaigns), limited=warehouse.orgs is not None)

    @property
    def every_org(self) -> str:
        """What an empty org filter means, as the filter bar says it."""
        if not self.limited:
            return "All member orgs"
        if len(self.orgs) == 1:
            return f"{self.orgs[0][1]} (your org)"
        return f"Your {len(self.orgs)} member orgs"


def _unknown(values, known, what: str) -> str:
    names = ", ".join(_shown(v) for v in values)
    listing = ", ".join(sorted(known)) or "none"
    return f"Ignored {what} {names} from the link: not in this warehouse (known: {listing})."


def filters_from_url(
    warehouse: Warehouse,
    query: dict,
    choices: Choices,
    *,
    as_of: date | None = None,
    default_to: date | None = None,
) -> tuple[Filters, list[str]]:
    """A page's query string → (Filters, problems).

    A value that cannot be used is left out (its filter takes the default) and explained
    in `problems`, so a mistyped link still opens a page that says what went wrong.
    `default_to`, when the caller already has it, saves looking up the default end.
    """
    problems: list[str] = []

    def single(key: str):
        value = query.get(key)
        if isinstance(value, list):
            problems.append(f"Ignored `{key}`: the link gives it {len(value)} times.")
            return None
        return value

    unexpected = sorted(set(query) - set(URL_KEYS))
    if unexpected:
        problems.append(
            f"Ignored unknown link parameter{'s' if len(unexpected) > 1 else ''} "
            f"{', '.join(_shown(k) for k in unexpected)} (known: {', '.join(URL_KEYS)})."
        )

    dates: dict[str, date | None] = {}
    bounds = None
    for key, what in (("from", "start"), ("to", "end")):
        try:
            dates[key] = parse_date(single(key), what)
            if dates[key] is not None:
                bounds = bounds or period_bounds(warehouse, as_of or date.today())
                check_in_bounds(dates[key], what, bounds)
        except FilterError as error:
            problems.append(f"Ignored `{key}`: {error}.")
            dates[key] = None
    if dates["from"] and dates["to"] and dates["from"] > dates["to"]:
        problems.append(
            f"Ignored the period: it starts ({dates['from']}) after it ends ({dates['to']})."
        )
        dates = {"from": None, "to": None}

    def names(key: str, what: str, known: set[str]) -> tuple[str, ...] | None:
        try:
            values = parse_names(query.get(key), what)
        except FilterError as error:
            problems.append(f"Ignored `{key}`: {error}.")
            return None
        if values is None:
            return None
        unknown = [v for v in values if v not in known]
        if unknown:
            problems.append(_unknown(unknown, known, what))
        return tuple(v for v in values if v in known) or None

    orgs = names("org", "org", {org_id for org_id, _ in choices.orgs})
    types = names("type", "event type", set(EVENT_TYPES))
    campaign = None
    try:
        campaign = parse_name(single("campaign"), "campaign")
    except FilterError as error:
        problems.append(f"Ignored `campaign`: {error}.")
    known_campaigns = {campaign_id for campaign_id, _ in choices.campaigns}
    if campaign is not None and campaign not in known_campaigns:
        problems.append(_unknown([campaign], known_campaigns, "campaign"))
        campaign = None

    others = {"as_of": as_of, "orgs": orgs, "campaign": campaign, "types": types}
    try:
        filters = resolve_filters(
            warehouse, date_from=dates["from"], date_to=dates["to"] or default_to, **others
        )
    except FilterError as error:  # e.g. `from` after the default end of the period
        problems.append(f"Ignored the period: {error}.")
        filters = resolve_filters(warehouse, date_to=default_to, **others)
    return filters, problems


def url_search(filters: Filters, *, meeting: bool = False) -> str:
    """The query string that reproduces `filters` (the dates written out in full), and
    meeting mode when asked."""
    pairs = [("from", filters.date_from.isoformat()), ("to", filters.date_to.isoformat())]
    pairs += [("org", org) for org in filters.orgs or ()]
    if filters.campaign:
        pairs.append(("campaign", filters.campaign))
    pairs += [("type", event_type) for event_type in filters.types or ()]
    if meeting:
        pairs.append(("mode", "meeting"))
    return "?" + urlencode(pairs)
