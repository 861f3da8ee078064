"""A table of cells as the privacy rules see it: which values are counts (of people, or
of attendance records), which are rates of which counts, and the equations between them.

- An *equation* says that some counts add up to others (left = right). A side may be
  empty: its total is shown somewhere else. Perturbation (dashboard.privacy.ptable) does
  not need them; they are what an attacker knows, and the attack test reads them.
- *Linked* cells hold the same number (a cohort's size repeated on each of its rows): the
  same people, so the same cell key and the same published value.
- A *rate* is recomputed from the published counts.

Plain values; `dashboard.privacy.frames` maps query results onto them.
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


def count_text(value, k: int, *, suppressed: bool) -> str:
    """How a count reads: '<11' when suppressed, else with thousands separators."""
    if suppressed:
        return f"<{k}"
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"
