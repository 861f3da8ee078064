"""The funder view of a query result (a polars frame), by rules that say which of its
columns are counts, which rates, and which of its cells add up (the equations are what an
attacker knows: the attack test reads them through `cell_table`).

A cell's key is (row number, column). Hidden counts and rates become null in the frame
that is returned; `Suppression` says which they were.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

import polars as pl

from dashboard.db import CELL_KEY_SUFFIX as KEY_SUFFIX
from dashboard.privacy.cells import CellTable, Equation, Rate, Suppression
from dashboard.privacy.ptable import published

SUPPRESSED_COLUMN = "suppressed"


def key_column(count_column: str) -> str:
    return count_column + KEY_SUFFIX


def _ratio(numerator, denominator):
    if numerator is None or denominator is None or denominator == 0:
        return None
    return numerator / denominator


@dataclass(frozen=True)
class RateRule:
    """A rate column: its numerator and denominator columns (None: implied or not in the
    table), the counts it also depends on (None: every count of its row), and whether
    denominator − numerator is a count too."""

    numerator: str | None = None
    denominator: str | None = None
    depends_on: tuple[str, ...] | None = ()
    complement: bool = True
    # how the rate follows from a row's published numbers, when not numerator / denominator
    formula: Callable[[dict], float | None] | None = None

    def value_from(self, row: dict) -> float | None:
        """The rate recomputed from the row's published counts; None when one of them is
        hidden, or when the rate does not follow from the row's counts."""
        if self.formula is not None:
            try:
                return self.formula(row)
            except TypeError:  # a hidden (None) count
                return None
        if self.numerator is None or self.denominator is None:
            return None
        return _ratio(row.get(self.numerator), row.get(self.denominator))


@dataclass(frozen=True)
class Extra:
    """Constraints across rows that columns alone cannot say (long tables)."""

    equations: list[Equation] = field(default_factory=list)
    links: list[frozenset] = field(default_factory=list)
    rates: dict = field(default_factory=dict)  # key → Rate


@dataclass(frozen=True)
class FrameRules:
    counts: tuple[str, ...] = ()
    # column → predicate on the row: the column is a count only in the rows it accepts
    count_if: Mapping[str, Callable[[dict], bool]] = field(default_factory=dict)
    rates: Mapping[str, RateRule] = field(default_factory=dict)
    # within each row: sum(left columns) == sum(right columns)
    row_equations: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    # (column, group-by columns): its cells in each group add up to a total shown elsewhere
    additive: tuple[tuple[str, tuple[str, ...]], ...] = ()
    extra: Callable[[pl.DataFrame], Extra] | None = None

    def count_columns(self, frame: pl.DataFrame) -> list[str]:
        names = [*self.counts, *self.count_if]
        return [name for name in dict.fromkeys(names) if name in frame.columns]


def _number(value):
    """Numbers as int or float (DuckDB sums arrive as Decimal); anything else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value if isinstance(value, int | float) else None


def _is_count(rules: FrameRules, column: str, row: dict) -> bool:
    if column in rules.count_if:
        return bool(rules.count_if[column](row))
    return column in rules.counts


def cell_table(frame: pl.DataFrame, rules: FrameRules) -> CellTable:
    rows = frame.to_dicts()
    columns = rules.count_columns(frame)
    values: dict = {}
    counts: list = []
    for i, row in enumerate(rows):
        row_counts = [c for c in columns if _is_count(rules, c, row)]
        for column in frame.columns:
            value = _number(row[column])
            if value is not None:
                values[(i, column)] = value
            elif row[column] is not None and column in row_counts:
                values[(i, column)] = 1  # a count that is not a number is never shown
        counts += [(i, c) for c in row_counts]
    count_keys = set(counts)
    equations = []
    for i in range(len(rows)):
        for left, right in rules.row_equations:
            if all(c in frame.columns for c in left + right):
                equations.append(
                    Equation(tuple((i, c) for c in left), tuple((i, c) for c in right))
                )
    for column, by in rules.additive:
        if column not in frame.columns or len(rows) < 2:
            continue
        groups: dict[tuple, list] = {}
        for i, row in enumerate(rows):
            if (i, column) in count_keys:
                groups.setdefault(tuple(row.get(b) for b in by), []).append((i, column))
        equations += [Equation((), tuple(cells)) for cells in groups.values() if len(cells) > 1]
    rates = {}
    for column, rule in rules.rates.items():
        if column not in frame.columns:
            continue
        for i, row in enumerate(rows):
            if rule.depends_on is None:
                depends = tuple(key for key in counts if key[0] == i)
            else:
                depends = tuple((i, c) for c in rule.depends_on)
            rates[(i, column)] = Rate(
                row[column],
                numerator=(i, rule.numerator) if rule.numerator else None,
                denominator=(i, rule.denominator) if rule.denominator else None,
                depends_on=depends,
                complement=rule.complement,
            )
    table = CellTable(values, counts, equations, [], rates)
    if rules.extra is not None:
        extra = rules.extra(frame)
        table.equations += extra.equations
        table.links += extra.links
        table.rates |= extra.rates
    return table


def _published_column(frame: pl.DataFrame, column: str, values: list) -> pl.Series:
    return pl.Series(column, values, dtype=frame.schema[column], strict=False)


def suppress_frame(
    frame: pl.DataFrame, rules: FrameRules, k: int
) -> tuple[pl.DataFrame, Suppression]:
    """The frame as a funder sees it (the cell key method, dashboard.privacy.ptable):
    each count replaced by its published value from the count and its cell key (the
    companion column `<count>__ckey`), null when that is below k or when the count has
    no key; every rate recomputed from the published counts (null when one of them is);
    the key columns dropped. `Suppression` names the counts and rates that became null."""
    rows = frame.to_dicts()
    shown = [dict(row) for row in rows]
    columns = rules.count_columns(frame)
    hidden_counts = set()
    for i, row in enumerate(rows):
        for column in columns:
            if row[column] is None or not _is_count(rules, column, row):
                continue
            count = _number(row[column])
            key = _number(row.get(key_column(column)))
            value = None if count is None or key is None else published(count, key, k)
            if value is None:
                hidden_counts.add((i, column))
            shown[i][column] = value
    hidden_rates = set()
    for column, rule in rules.rates.items():
        if column not in frame.columns:
            continue
        for i, row in enumerate(shown):
            value = rule.value_from(row)
            if value is None and rows[i][column] is not None:
                hidden_rates.add((i, column))
            shown[i][column] = value
    if rules.extra is not None:
        values = {(i, c): v for i, row in enumerate(shown) for c, v in row.items()}
        for (i, column), rate in rules.extra(frame).rates.items():
            value = _ratio(values.get(rate.numerator), values.get(rate.denominator))
            if value is None and rows[i][column] is not None:
                hidden_rates.add((i, column))
            shown[i][column] = value
    changed = [*columns, *rules.rates, *(c for _, c in hidden_rates)]
    result = frame.with_columns(
        _published_column(frame, column, [row[column] for row in shown])
        for column in dict.fromkeys(changed)
        if column in frame.columns
    )
    result = result.drop([c for c in frame.columns if c.endswith(KEY_SUFFIX)])
    return result, Suppression(frozenset(hidden_counts), frozenset(hidden_rates))


def suppressed_flags(frame: pl.DataFrame, rules: FrameRules) -> pl.DataFrame:
    """For a CSV: the frame as it is (numbers stay numbers), with a `suppressed` column
    naming the counts of each row that read "<k" (a count is never null unless it was
    suppressed), empty (null) when none."""
    rows = frame.to_dicts()
    columns = rules.count_columns(frame)
    flags = [
        "; ".join(c for c in columns if row[c] is None and _is_count(rules, c, row)) or None
        for row in rows
    ]
    return frame.with_columns(pl.Series(SUPPRESSED_COLUMN, flags, dtype=pl.String))
