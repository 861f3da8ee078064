"""Small-cell suppression of a query result (a polars frame), by rules that say which of
its columns are counts, which rates, and which of its cells add up.

A cell's key is (row number, column). Suppressed counts and hidden rates become null in
the frame that is returned; `Suppression` says which they were.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal

import polars as pl

from dashboard.privacy.cells import CellTable, Equation, Rate, Suppression, suppress


@dataclass(frozen=True)
class RateRule:
    """A rate column: its numerator and denominator columns (None: implied or not in the
    table), the counts it also depends on (None: every count of its row), and whether
    denominator − numerator is a count too."""

    numerator: str | None = None
    denominator: str | None = None
    depends_on: tuple[str, ...] | None = ()
    complement: bool = True


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


def apply(frame: pl.DataFrame, hidden) -> pl.DataFrame:
    """`frame` with the cells `hidden` ((row, column) keys) set to null."""
    by_column: dict[str, list[int]] = {}
    for row, column in hidden:
        by_column.setdefault(column, []).append(row)
    if not by_column:
        return frame
    index = pl.int_range(pl.len())
    return frame.with_columns(
        pl.when(index.is_in(rows)).then(None).otherwise(pl.col(column)).alias(column)
        for column, rows in by_column.items()
    )


def suppress_frame(
    frame: pl.DataFrame, rules: FrameRules, k: int
) -> tuple[pl.DataFrame, Suppression]:
    """The frame with its small counts suppressed and the rates they give away hidden."""
    suppression = suppress(cell_table(frame, rules), k)
    return apply(frame, suppression.counts | suppression.rates), suppression


def suppressed_as_text(frame: pl.DataFrame, rules: FrameRules, k: int) -> pl.DataFrame:
    """For a CSV: the null cells of the frame's counts read "<k" (a count is never null
    unless it was suppressed); every other cell as it is."""
    rows = frame.to_dicts()
    marked = []
    for column in rules.count_columns(frame):
        texts = frame[column].cast(pl.String).to_list()
        marked.append(
            pl.Series(
                column,
                [
                    f"<{k}" if text is None and _is_count(rules, column, row) else text
                    for text, row in zip(texts, rows, strict=True)
                ],
                dtype=pl.String,
            )
        )
    return frame.with_columns(marked) if marked else frame
