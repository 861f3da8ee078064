"""Small-cell suppression on a table of cells: which counts to hide, and which rates.

- A *count* (of people, or of attendance records) from 1 to k − 1 is suppressed: primary
  suppression. Zero is shown: it singles nobody out.
- An *equation* says that some counts add up to others (left = right). A side may be
  empty: its total is shown somewhere else, so it is known. When exactly one cell of an
  equation is hidden it could be recovered by subtraction, so the smallest other non-zero
  count of that equation is hidden too (complementary suppression), and so on until no
  equation has exactly one hidden cell.
- *Linked* cells hold the same number (a cohort's size repeated on each of its rows) and
  share their fate.
- A *rate* is hidden when a count it depends on is hidden, or when its numerator, its
  denominator, or (for a share of a whole) their difference is itself from 1 to k − 1.
  A numerator that is not a cell of the table is implied: rate × denominator.

Pure functions on plain values; `dashboard.privacy.frames` maps query results onto them.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field

Key = Hashable


@dataclass(frozen=True)
class Equation:
    """sum(left) == sum(right); an empty side is a total shown elsewhere."""

    left: tuple[Key, ...]
    right: tuple[Key, ...] = ()

    @property
    def cells(self) -> tuple[Key, ...]:
        return self.left + self.right


@dataclass(frozen=True)
class Rate:
    value: float | None
    numerator: Key | None = None  # a cell of the table, or None: implied
    denominator: Key | None = None
    depends_on: tuple[Key, ...] = ()
    complement: bool = True  # denominator − numerator is a count too (no-shows, lapsed)


@dataclass
class CellTable:
    values: Mapping[Key, float | int | None]  # every number the rules mention
    counts: Iterable[Key]  # the values that are counts of people or records
    equations: list[Equation] = field(default_factory=list)
    links: list[frozenset[Key]] = field(default_factory=list)
    rates: dict[Key, Rate] = field(default_factory=dict)


@dataclass(frozen=True)
class Suppression:
    counts: frozenset[Key] = frozenset()  # counts shown as "<k"
    rates: frozenset[Key] = frozenset()  # rates hidden

    def __bool__(self) -> bool:
        return bool(self.counts or self.rates)


def is_small(value, k: int) -> bool:
    """A count that would single people out: from 1 to k − 1."""
    return value is not None and 0 < value < k


def _with_links(hidden: set[Key], links: list[frozenset[Key]]) -> None:
    grew = True
    while grew:
        grew = False
        for group in links:
            if hidden & group and not group <= hidden:
                hidden |= group
                grew = True


def _complementary(table: CellTable, counts: list[Key], hidden: set[Key]) -> None:
    order = {key: position for position, key in enumerate(counts)}
    known_counts = set(counts)
    changed = True
    while changed:
        changed = False
        for equation in table.equations:
            cells = [c for c in equation.cells if c in known_counts]
            unknown = [c for c in cells if c in hidden or table.values.get(c) is None]
            if len(unknown) != 1:
                continue
            candidates = [c for c in cells if c not in unknown and table.values[c] > 0]
            if not candidates:
                continue  # the others are all 0: the hidden cell equals a total hidden too
            hidden.add(min(candidates, key=lambda c: (table.values[c], order[c])))
            _with_links(hidden, table.links)
            changed = True


def _hidden_rate(rate: Rate, values: Mapping, counts: set[Key], hidden: set[Key], k: int) -> bool:
    if rate.value is None:
        return False
    keys = {rate.numerator, rate.denominator, *rate.depends_on} - {None}
    if keys & hidden:
        return True
    # only counts can single people out: a share of hours or of a goal cannot
    denominator = values.get(rate.denominator) if rate.denominator in counts else None
    if rate.numerator is not None:
        numerator = values.get(rate.numerator) if rate.numerator in counts else None
    elif denominator is not None:
        numerator = round(rate.value * denominator)
    else:
        numerator = None
    if is_small(numerator, k) or is_small(denominator, k):
        return True
    return (
        rate.complement
        and numerator is not None
        and denominator is not None
        and is_small(denominator - numerator, k)
    )


def suppress(table: CellTable, k: int) -> Suppression:
    """The counts and rates of `table` to hide for the threshold k (min_cell)."""
    if k <= 1:
        return Suppression()
    counts = list(dict.fromkeys(table.counts))
    hidden = {key for key in counts if is_small(table.values.get(key), k)}
    _with_links(hidden, table.links)
    _complementary(table, counts, hidden)
    count_keys = set(counts)
    rates = {
        key
        for key, rate in table.rates.items()
        if _hidden_rate(rate, table.values, count_keys, hidden, k)
    }
    return Suppression(frozenset(hidden), frozenset(rates))


def count_text(value, k: int, *, suppressed: bool) -> str:
    """How a count reads: '<11' when suppressed, else with thousands separators."""
    if suppressed:
        return f"<{k}"
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"
