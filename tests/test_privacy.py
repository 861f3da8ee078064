"""Small-cell suppression (dashboard.privacy), as plain functions on hand-made tables:
primary and complementary suppression, linked cells, rates, frames, CSV text, JSON paths,
and the rules every query of queries/ gets."""

from __future__ import annotations

from decimal import Decimal

import polars as pl
import pytest

from dashboard.paths import queries_dir
from dashboard.privacy import (
    count_text,
    is_small,
    rules_by_names,
    rules_for,
    suppress,
    suppress_frame,
    suppressed_as_text,
    suppressed_paths,
)
from dashboard.privacy.cells import CellTable, Equation, Rate
from dashboard.privacy.frames import FrameRules, RateRule
from dashboard.privacy.rules import QUERY_RULES, funder_refusal, inferred_rules

K = 11


def table(values: dict, counts=None, **parts) -> CellTable:
    return CellTable(values, list(values) if counts is None else counts, **parts)


# --- the threshold ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "small"), [(0, False), (1, True), (10, True), (11, False), (None, False)]
)
def test_counts_from_1_to_k_minus_1_are_small(value, small):
    assert is_small(value, K) is small


def test_primary_suppression_hides_small_counts_only():
    result = suppress(table({"a": 0, "b": 3, "c": 10, "d": 11, "e": 500}), K)
    assert result.counts == {"b", "c"}


def test_a_threshold_of_one_suppresses_nothing():
    assert not suppress(table({"a": 1, "b": 2}), 1)


def test_values_that_are_not_counts_are_never_suppressed():
    result = suppress(table({"events": 3, "people": 4}, counts=["people"]), K)
    assert result.counts == {"people"}


# --- complementary suppression ----------------------------------------------------------


def test_one_hidden_cell_of_a_shown_total_takes_the_next_smallest_with_it():
    # total 100 = 60 + 30 + 7 + 3: hiding 3 alone, 100 − 60 − 30 − 7 gives it back
    cells = {"total": 100, "a": 60, "b": 30, "c": 7, "d": 3}
    result = suppress(table(cells, equations=[Equation(("total",), ("a", "b", "c", "d"))]), K)
    assert result.counts == {"c", "d"}


def test_a_lone_small_cell_takes_the_smallest_other_even_when_that_one_is_large():
    cells = {"total": 100, "a": 60, "b": 35, "c": 5}
    result = suppress(table(cells, equations=[Equation(("total",), ("a", "b", "c"))]), K)
    assert result.counts == {"c", "b"}
    assert "total" not in result.counts


def test_a_total_shown_elsewhere_protects_its_parts_too():
    # the ladder: its levels add up to active people, which another table shows
    cells = {"leader": 51, "volunteer": 78, "participant": 20, "supporter": 2}
    result = suppress(table(cells, equations=[Equation((), tuple(cells))]), K)
    assert result.counts == {"supporter", "participant"}


def test_two_hidden_cells_of_an_equation_need_nothing_more():
    cells = {"a": 50, "b": 4, "c": 6}
    result = suppress(table(cells, equations=[Equation((), ("a", "b", "c"))]), K)
    assert result.counts == {"b", "c"}


def test_zeros_are_known_and_never_chosen_to_hide_a_cell():
    cells = {"a": 0, "b": 0, "c": 40, "d": 4}
    result = suppress(table(cells, equations=[Equation((), ("a", "b", "c", "d"))]), K)
    assert result.counts == {"c", "d"}


def test_complementary_suppression_runs_until_no_equation_gives_a_cell_back():
    # rows and columns of a 2 × 2 table with shown margins
    cells = {"r1c1": 3, "r1c2": 40, "r2c1": 50, "r2c2": 60}
    equations = [
        Equation((), ("r1c1", "r1c2")),
        Equation((), ("r2c1", "r2c2")),
        Equation((), ("r1c1", "r2c1")),
        Equation((), ("r1c2", "r2c2")),
    ]
    result = suppress(table(cells, equations=equations), K)
    for equation in equations:
        hidden = [c for c in equation.cells if c in result.counts]
        assert len(hidden) != 1, equation
    assert result.counts == {"r1c1", "r1c2", "r2c1", "r2c2"}


def test_a_balance_between_two_sides_is_an_equation_too():
    # metrics/turnout: RSVPs + walk-ins = attended + no-shows
    cells = {"rsvps": 40, "walk_ins": 5, "attended": 30, "no_shows": 15}
    equation = Equation(("rsvps", "walk_ins"), ("attended", "no_shows"))
    result = suppress(table(cells, equations=[equation]), K)
    assert result.counts == {"walk_ins", "no_shows"}


def test_linked_cells_share_their_fate():
    cells = {"size_row1": 8, "size_row2": 8, "retained_k0": 8, "other": 50}
    links = [frozenset({"size_row1", "size_row2", "retained_k0"})]
    assert suppress(table(cells, links=links), K).counts == {
        "size_row1",
        "size_row2",
        "retained_k0",
    }


# --- rates ------------------------------------------------------------------------------


def test_a_rate_over_a_hidden_count_is_hidden():
    cells = {"returning": 5, "prior": 100}
    rates = {"rate": Rate(0.05, "returning", "prior")}
    assert suppress(table(cells, rates=rates), K).rates == {"rate"}


def test_a_rate_whose_complement_is_small_is_hidden():
    # 95 of 100 returned: 5 lapsed, a small count the rate would give away
    cells = {"returning": 95, "prior": 100}
    rates = {"rate": Rate(0.95, "returning", "prior")}
    assert suppress(table(cells, rates=rates), K).rates == {"rate"}


def test_an_implied_numerator_is_checked():
    # show rate 0.04 of 200 RSVPs: 8 came
    rates = {"show_rate": Rate(0.04, None, "rsvps")}
    assert suppress(table({"rsvps": 200}, rates=rates), K).rates == {"show_rate"}


def test_a_rate_of_large_counts_is_shown():
    cells = {"returning": 60, "prior": 107}
    rates = {"rate": Rate(60 / 107, "returning", "prior")}
    assert not suppress(table(cells, rates=rates), K).rates


def test_a_null_rate_stays_as_it_is():
    assert not suppress(table({"prior": 0}, rates={"rate": Rate(None, None, "prior")}), K)


# --- frames -----------------------------------------------------------------------------


TURNOUT = pl.DataFrame(
    {
        "month": ["2026-01", "2026-02", "2026-03"],
        "events": [4, 3, 5],
        "rsvps": [46, 40, 60],
        "attended": [36, 30, 52],
        "attended_with_rsvp": [30, 29, 44],
        "walk_ins": [6, 1, 8],
        "no_shows": [16, 11, 16],
        "show_rate": [30 / 46, 29 / 40, 44 / 60],
    }
)


def test_a_frame_keeps_its_shape_and_types_with_suppressed_cells_null():
    shown, suppression = suppress_frame(
        TURNOUT, rules_for("dashboard/turnout_by_month", TURNOUT), K
    )
    assert shown.schema == TURNOUT.schema
    assert shown.height == TURNOUT.height
    assert suppression.counts
    assert shown["walk_ins"].to_list() == [None, None, None]
    assert shown["events"].to_list() == [4, 3, 5]  # events are never suppressed


def test_no_suppressed_turnout_cell_can_be_recovered_from_its_row():
    shown, _ = suppress_frame(TURNOUT, rules_for("dashboard/turnout_by_month", TURNOUT), K)
    for row in shown.iter_rows(named=True):
        for total, parts in (
            ("attended", ("attended_with_rsvp", "walk_ins")),
            ("rsvps", ("attended_with_rsvp", "no_shows")),
        ):
            cells = [row[total], *(row[p] for p in parts)]
            assert cells.count(None) != 1, row
        values = [v for k, v in row.items() if k not in ("month", "events", "show_rate")]
        assert not any(is_small(v, K) for v in values)
        if row["walk_ins"] is None or row["rsvps"] is None:
            assert row["show_rate"] is None


def test_decimal_counts_are_suppressed_like_integers():
    frame = pl.DataFrame(
        {"people": [Decimal(3), Decimal(40)]}, schema={"people": pl.Decimal(38, 0)}
    )
    shown, _ = suppress_frame(frame, FrameRules(counts=("people",)), K)
    assert shown["people"].to_list()[0] is None


def test_a_count_that_is_not_a_number_is_never_shown_unchecked():
    frame = pl.DataFrame({"people": ["3", "40"]})
    shown, _ = suppress_frame(frame, FrameRules(counts=("people",)), K)
    assert shown["people"].to_list() == [None, None]


def test_the_funnel_protects_its_stages_against_each_other():
    frame = pl.DataFrame(
        {
            "stage": ["rsvps", "came", "no_shows", "walk_ins", "attended"],
            "total": [50, 45, 5, 20, 65],
            "share_of_rsvps": [1.0, 0.9, 0.1, 0.4, 1.3],
        }
    )
    shown, _ = suppress_frame(frame, rules_for("dashboard/turnout_funnel", frame), K)
    totals = dict(zip(shown["stage"], shown["total"], strict=True))
    assert totals["no_shows"] is None
    # RSVPs = came + no-shows: one more of them hidden, and attended = came + walk-ins too
    assert [totals["rsvps"], totals["came"]].count(None) >= 1
    shares = dict(zip(shown["stage"], shown["share_of_rsvps"], strict=True))
    assert shares["no_shows"] is None


def test_a_cohort_hides_its_size_on_every_row_and_its_month_zero():
    frame = pl.DataFrame(
        {
            "cohort": ["2026-01"] * 3 + ["2026-02"] * 2,
            "size": [8, 8, 8, 40, 40],
            "k": [0, 1, 2, 0, 1],
            "retained": [8, 5, 4, 40, 22],
        }
    )
    shown, _ = suppress_frame(frame, rules_for("metrics/retention_cohorts", frame), K)
    first = shown.filter(pl.col("cohort") == "2026-01")
    assert first["size"].to_list() == [None, None, None]
    assert first["retained"].to_list() == [None, None, None]


def test_campaign_progress_is_a_count_only_for_people_and_attendance_goals():
    frame = pl.DataFrame(
        {
            "campaign_id": ["a", "b", "c"],
            "goal_metric": ["people", "hours", "custom"],
            "goal_value": [60.0, 200.0, None],
            "progress": [7.0, 7.0, None],
            "progress_pct": [7 / 60, 7 / 200, None],
        }
    )
    shown, _ = suppress_frame(frame, rules_for("metrics/campaigns", frame), K)
    assert shown["progress"].to_list() == [None, 7.0, None]
    assert shown["progress_pct"].to_list() == [None, 7 / 200, None]
    text = suppressed_as_text(shown, rules_by_names(shown), K)
    assert text["progress"].to_list() == ["<11", "7.0", None]  # custom: no progress at all


def test_csv_text_writes_less_than_k_in_suppressed_count_cells():
    frame = pl.DataFrame({"month": ["a", "b"], "people": [None, 40], "events": [3, 4]})
    text = suppressed_as_text(frame, rules_by_names(frame), K).write_csv()
    assert text.splitlines() == ["month,people,events", "a,<11,3", "b,40,4"]


# --- rules ------------------------------------------------------------------------------


def test_unknown_results_err_on_the_side_of_hiding():
    frame = pl.DataFrame(
        {
            "org_id": ["a"],
            "events": [3],
            "volunteers_seen": [4],
            "avg_per_event": [1.3],
            "hours": [5.0],
        }
    )
    rules = inferred_rules(frame)
    assert rules.counts == ("volunteers_seen",)
    assert "avg_per_event" in rules.rates and "hours" not in rules.rates
    shown, _ = suppress_frame(frame, rules, K)
    assert shown.row(0, named=True) == {
        "org_id": "a",
        "events": 3,
        "volunteers_seen": None,
        "avg_per_event": None,
        "hours": 5.0,
    }


@pytest.mark.parametrize(
    ("columns", "refused"),
    [
        (["person_key", "people"], True),
        (["email"], True),
        (["event_id", "title", "attended"], True),
        (["source_file", "rows_rejected"], True),
        (["org_id", "name", "active_people"], False),
    ],
)
def test_funders_never_get_per_person_per_event_or_ingest_rows(columns, refused):
    frame = pl.DataFrame({c: [] for c in columns})
    assert (funder_refusal("dashboard/something_new", frame) is not None) is refused


def test_the_data_page_queries_are_refused_to_funders_by_name():
    assert funder_refusal("metrics/freshness", pl.DataFrame({"org_id": []}))


def test_every_known_query_file_has_rules_or_gets_them_inferred():
    names = {
        str(path.relative_to(queries_dir()).with_suffix(""))
        for folder in ("dashboard", "metrics", "lookups")
        for path in (queries_dir() / folder).glob("*.sql")
    }
    stale = set(QUERY_RULES) - names
    assert not stale, f"rules for queries that no longer exist: {sorted(stale)}"


# --- showing and listing ----------------------------------------------------------------


def test_a_suppressed_count_reads_less_than_k():
    assert count_text(None, 11, suppressed=True) == "<11"
    assert count_text(1234, 11, suppressed=False) == "1,234"
    assert count_text(None, 11, suppressed=False) == "–"


def test_suppressed_paths_name_every_number_that_became_null():
    full = {"a": {"b": 3, "c": 40}, "orgs": [{"x": 1}, {"x": 2, "y": None}], "rate": 0.5}
    shown = {"a": {"b": None, "c": 40}, "orgs": [{"x": 1}, {"x": None, "y": None}], "rate": None}
    assert suppressed_paths(full, shown) == ["a.b", "orgs[1].x", "rate"]


def test_rate_rules_name_their_parts():
    rule = RateRule("returning_people", "prior_active_people")
    assert (rule.numerator, rule.denominator, rule.complement) == (
        "returning_people",
        "prior_active_people",
        True,
    )
