"""A funder's differencing attack on the funder view, as the issue describes it.

The attacker knows the method and its noise bound D (0 for exact figures). For a filter
state and two paired states (the period a day shorter; the same orgs less one) they
collect every published count of the funder's views, and write down what they know:

- a published value p means a true value in p − D … p + D, 0 means 0, "<k" means
  1 … k − 1 + D (any positive value when D is 0: complementary suppression hides cells
  of any size);
- the equations between cells: a turnout row's attended = came with an RSVP + walk-ins
  and RSVPs = came + no-shows, rows add up to the totals, the funnel's stages are the
  totals, the ladder's rungs add up to active people, prior active = returning + lapsed;
- across states: a shorter period never has more; without org X the totals drop by
  exactly X's row (records) or by at most X's people; every other org's row is the same.

For each hidden cell it solves (integer programming, scipy's milp) for the smallest and
largest true value consistent with all of it. A cell is *recovered* when that range is a
single value. Used by tests/test_attack.py; self-contained so it can run against older
code too (the gate only needs `query`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

TURNOUT = ("rsvps", "attended", "attended_with_rsvp", "walk_ins", "no_shows")
TOTALS = ("rsvps", "attended", "walk_ins", "no_shows")
# query: (row key columns, count columns)
# (the turnout KPI cards are the funnel's stages: the same records, so the same cells)
VIEWS = {
    "dashboard/turnout_by_org": (("org_id",), TURNOUT),
    "dashboard/turnout_by_event_type": (("event_type",), TURNOUT),
    "dashboard/turnout_funnel": (("stage",), ("total",)),
    "metrics/engagement": (
        (),
        ("active_people", "new_people", "bridge_people", "returning_people", "prior_active_people"),
    ),
    "metrics/ladder": (("level",), ("people",)),
    "metrics/lapsed_reactivated": ((), ("lapsed", "reactivated")),
    "metrics/network_orgs": (("org_id",), ("active_people",)),
}
LARGE = 1_000_000


@dataclass
class Model:
    """The attacker's integer program over the true values of the cells it names."""

    index: dict = field(default_factory=dict)  # cell → variable
    truth: list = field(default_factory=list)
    lower: list = field(default_factory=list)
    upper: list = field(default_factory=list)
    hidden: list = field(default_factory=list)
    rows: list = field(default_factory=list)  # (coefficients {var: c}, low, high)

    def add_cell(self, cell, true_value: int, shown, k: int, noise: int) -> None:
        self.index[cell] = len(self.truth)
        self.truth.append(true_value)
        if shown is None:
            self.lower.append(1)
            self.upper.append(k - 1 + noise if noise else LARGE)
            self.hidden.append(self.index[cell])
        elif shown == 0:
            self.lower.append(0)
            self.upper.append(0)
        else:
            self.lower.append(max(shown - noise, 0))
            self.upper.append(shown + noise)

    def relation(self, terms, low=0, high=0) -> None:
        """low <= sum(coefficient × cell) <= high, when every cell was published."""
        if all(cell in self.index for _, cell in terms):
            coefficients: dict[int, int] = {}
            for c, cell in terms:
                coefficients[self.index[cell]] = coefficients.get(self.index[cell], 0) + c
            self.rows.append((coefficients, low, high))

    def truth_satisfies(self) -> bool:
        within = all(
            lo <= t <= hi for t, lo, hi in zip(self.truth, self.lower, self.upper, strict=True)
        )
        holds = all(
            low <= sum(c * self.truth[v] for v, c in coefficients.items()) <= high
            for coefficients, low, high in self.rows
        )
        return within and holds

    def recovered(self) -> list[int]:
        """The hidden variables whose value every solution shares."""
        if not self.hidden:
            return []
        return self._reduced()._recovered()

    def _reduced(self) -> Model:
        """The part of the model connected to a hidden cell: the rest cannot narrow it."""
        linked: dict[int, set[int]] = {}
        for coefficients, _, _ in self.rows:
            for v in coefficients:
                linked.setdefault(v, set()).update(coefficients)
        keep, todo = set(), list(self.hidden)
        while todo:
            v = todo.pop()
            if v not in keep:
                keep.add(v)
                todo += linked.get(v, ())
        order = sorted(keep)
        new = {v: i for i, v in enumerate(order)}
        return Model(
            index={cell: new[v] for cell, v in self.index.items() if v in new},
            truth=[self.truth[v] for v in order],
            lower=[self.lower[v] for v in order],
            upper=[self.upper[v] for v in order],
            hidden=[new[v] for v in self.hidden],
            rows=[
                ({new[v]: c for v, c in coefficients.items()}, low, high)
                for coefficients, low, high in self.rows
                if set(coefficients) <= keep
            ],
        )

    def _recovered(self) -> list[int]:
        n = len(self.truth)
        matrix = np.zeros((max(len(self.rows), 1), n))
        low = np.zeros(max(len(self.rows), 1))
        high = np.zeros(max(len(self.rows), 1))
        for r, (coefficients, lo, hi) in enumerate(self.rows):
            for v, c in coefficients.items():
                matrix[r, v] = c
            low[r], high[r] = lo, hi
        constraints = LinearConstraint(matrix, low, high)
        bounds = Bounds(np.array(self.lower, float), np.array(self.upper, float))
        integrality = np.ones(n)

        def solve(objective):
            result = milp(
                objective, constraints=constraints, bounds=bounds, integrality=integrality
            )
            assert result.success, result.message  # the true values are a solution
            return np.round(result.x).astype(int)

        open_cells = set(self.hidden)
        for sign in (1, -1):  # push every hidden cell down, then up, at once
            if not open_cells:
                break
            objective = np.zeros(n)
            for v in open_cells:
                objective[v] = sign
            x = solve(objective)
            open_cells = {v for v in open_cells if x[v] == self.truth[v]}
        for v in sorted(open_cells):  # then one by one
            for sign in (1, -1):
                objective = np.zeros(n)
                objective[v] = sign
                if solve(objective)[v] != self.truth[v]:
                    open_cells.discard(v)
                    break
        return sorted(open_cells)

    def cell_of(self, variable: int):
        return next(cell for cell, v in self.index.items() if v == variable)


def _params(filters: dict) -> dict:
    prior_to = filters["date_from"] - timedelta(days=1)
    days = (filters["date_to"] - filters["date_from"]).days + 1
    return filters | {"prior_from": prior_to - timedelta(days=days - 1), "prior_to": prior_to}


def _frames(source, declared, filters: dict) -> dict:
    params = _params(filters)
    frames = {}
    for name in VIEWS:
        wanted = {key: params[key] for key in declared(name) if key in params}
        frames[name] = source.query(name, **wanted)
    return frames


def _cells(frames: dict):
    for name, (keys, columns) in VIEWS.items():
        for row in frames[name].iter_rows(named=True):
            row_key = tuple(row[key] for key in keys)
            for column in columns:
                yield (name, row_key, column), row[column]


def add_state(model: Model, label: str, truth: dict, shown: dict, k: int, noise: int) -> None:
    published = dict(_cells(shown))
    for cell, value in _cells(truth):
        model.add_cell((label, *cell), int(value), published[cell], k, noise)
    c = lambda *cell: (label, *cell)  # noqa: E731
    funnel = "dashboard/turnout_funnel"
    stage = lambda name: c(funnel, (name,), "total")  # noqa: E731
    model.relation([(1, stage("rsvps")), (-1, stage("came")), (-1, stage("no_shows"))])
    model.relation([(1, stage("attended")), (-1, stage("came")), (-1, stage("walk_ins"))])
    for table in ("dashboard/turnout_by_org", "dashboard/turnout_by_event_type"):
        keys = [
            row_key for (name, row_key, column) in published if name == table and column == "rsvps"
        ]
        for key in keys:
            row = lambda column: c(table, key, column)  # noqa: E731,B023
            model.relation(
                [(1, row("attended")), (-1, row("attended_with_rsvp")), (-1, row("walk_ins"))]
            )
            model.relation(
                [(1, row("rsvps")), (-1, row("attended_with_rsvp")), (-1, row("no_shows"))]
            )
        for total in TOTALS:
            model.relation([*((1, c(table, key, total)) for key in keys), (-1, stage(total))])
        model.relation(
            [*((1, c(table, key, "attended_with_rsvp")) for key in keys), (-1, stage("came"))]
        )
    engagement = lambda column: c("metrics/engagement", (), column)  # noqa: E731
    levels = [key for (name, key, _) in published if name == "metrics/ladder"]
    model.relation(
        [
            *((1, c("metrics/ladder", key, "people")) for key in levels),
            (-1, engagement("active_people")),
        ]
    )
    model.relation(
        [
            (1, engagement("prior_active_people")),
            (-1, engagement("returning_people")),
            (-1, c("metrics/lapsed_reactivated", (), "lapsed")),
        ]
    )
    for part in ("new_people", "bridge_people", "returning_people"):
        model.relation([(1, engagement(part)), (-1, engagement("active_people"))], -LARGE, 0)
    orgs = [key for (name, key, _) in published if name == "metrics/network_orgs"]
    for key in orgs:
        model.relation(
            [
                (1, c("metrics/network_orgs", key, "active_people")),
                (-1, engagement("active_people")),
            ],
            -LARGE,
            0,
        )
    model.relation(
        [
            *((1, c("metrics/network_orgs", key, "active_people")) for key in orgs),
            (-1, engagement("active_people")),
        ],
        0,
        LARGE,
    )


def add_pairs(model: Model, base: str, shorter: str, without: str, dropped: str) -> None:
    cells = [cell for cell in model.index if cell[0] == base]
    for _, name, row_key, column in cells:
        one_org_row = name in ("dashboard/turnout_by_org", "metrics/network_orgs")
        if name in (
            "dashboard/turnout_funnel",
            "dashboard/turnout_by_org",
            "metrics/network_orgs",
        ) or (name == "metrics/engagement" and column == "active_people"):
            # a day less of the period: never more
            model.relation(
                [(1, (shorter, name, row_key, column)), (-1, (base, name, row_key, column))],
                -LARGE,
                0,
            )
        if one_org_row and row_key != (dropped,):
            model.relation(
                [(1, (without, name, row_key, column)), (-1, (base, name, row_key, column))]
            )
    for total in TOTALS:
        model.relation(
            [
                (1, (base, "dashboard/turnout_funnel", (total,), "total")),
                (-1, (without, "dashboard/turnout_funnel", (total,), "total")),
                (-1, (base, "dashboard/turnout_by_org", (dropped,), total)),
            ]
        )
    active = "metrics/engagement", (), "active_people"
    model.relation(
        [
            (1, (base, *active)),
            (-1, (without, *active)),
            (-1, (base, "metrics/network_orgs", (dropped,), "active_people")),
        ],
        -LARGE,
        0,
    )
    model.relation([(1, (base, *active)), (-1, (without, *active))], 0, LARGE)


def random_states(count: int, first: date, last: date, orgs, types, seed: int = 15):
    """`count` seeded filter states: a period of 2 to 60 days within the data, some orgs
    (or all), some event types (or all), and the org the third state leaves out."""
    rng = random.Random(seed)
    for _ in range(count):
        days = rng.choice([2, 3, 7, 14, 14, 30, 30, 60])
        start = first + timedelta(days=rng.randrange(max((last - first).days - days, 1)))
        chosen = (
            None
            if rng.random() < 0.4
            else tuple(sorted(rng.sample(orgs, rng.randint(2, len(orgs)))))
        )
        kinds = None if rng.random() < 0.6 else sorted(rng.sample(types, rng.randint(1, 3)))
        dropped = rng.choice(chosen or orgs)
        yield (
            {
                "date_from": start,
                "date_to": start + timedelta(days=days - 1),
                "orgs": list(chosen) if chosen else None,
                "campaign": None,
                "types": kinds,
            },
            dropped,
        )


def attack(warehouse, gate, declared, states, *, k: int, noise: int, as_of: date) -> dict:
    """Run the attack over `states`; `warehouse` gives the true values, `gate` what the
    funder sees. Returns counts: hidden cells, recovered ones, and examples."""
    hidden = recovered = 0
    examples = []
    for filters, dropped in states:
        filters = filters | {"as_of": as_of}
        shorter = filters | {"date_from": filters["date_from"] + timedelta(days=1)}
        orgs = filters["orgs"] or sorted(warehouse.query("lookups/organizations")["org_id"])
        without = filters | {"orgs": [o for o in orgs if o != dropped]}
        model = Model()
        for label, state in (("base", filters), ("shorter", shorter), ("without", without)):
            add_state(
                model,
                label,
                _frames(warehouse, declared, state),
                _frames(gate, declared, state),
                k,
                noise,
            )
        add_pairs(model, "base", "shorter", "without", dropped)
        assert model.truth_satisfies(), filters
        hidden += len(model.hidden)
        reduced = model._reduced()
        found = reduced._recovered() if reduced.hidden else []
        recovered += len(found)
        examples += [(filters, reduced.cell_of(v), reduced.truth[v]) for v in found[:2]]
    return {"hidden": hidden, "recovered": recovered, "examples": examples[:10]}
