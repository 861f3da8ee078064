"""The funder view's numbers (dashboard.privacy), as plain functions on hand-made tables:
the cell key method's perturbation table, frames (published counts, rates from them, key
columns dropped), the CSV flag column, JSON paths, and the rules every query gets."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import polars as pl
import pytest

from dashboard.paths import queries_dir
from dashboard.privacy import (
    count_text,
    is_small,
    key_column,
    rules_by_names,
    rules_for,
    suppress_frame,
    suppressed_flags,
    suppressed_paths,
)
from dashboard.privacy.frames import FrameRules, RateRule
from dashboard.privacy.ptable import (
    CELL_KEY_MODULUS,
    NOISE_BOUND,
    noise,
    possible_counts,
    published,
)
from dashboard.privacy.rules import QUERY_RULES, funder_refusal, inferred_rules

K = 11


# --- the threshold ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "small"), [(0, False), (1, True), (10, True), (11, False), (None, False)]
)
def test_counts_from_1_to_k_minus_1_are_small(value, small):
    assert is_small(value, K) is small


# --- the perturbation table -------------------------------------------------------------

KEYS = range(0, CELL_KEY_MODULUS, CELL_KEY_MODULUS // 4099)  # spread over the key space


def test_zero_stays_zero_whatever_the_key():
    assert {published(0, key, K) for key in KEYS} == {0}


@pytest.mark.parametrize("count", [1, 5, 8, 10, 11, 12, 14, 40, 1234])
def test_noise_is_bounded_by_d_and_every_value_within_d_occurs(count):
    noises = Counter(noise(count, key) for key in KEYS)
    assert set(noises) == set(range(-NOISE_BOUND, NOISE_BOUND + 1))
    # symmetric and mostly small: a published figure is close to the true one
    assert abs(sum(n * c for n, c in noises.items())) / len(KEYS) < 0.05
    assert noises[0] > noises[NOISE_BOUND] * 50


@pytest.mark.parametrize("count", range(1, 40))
def test_no_published_count_is_from_1_to_k_minus_1(count):
    for key in KEYS:
        value = published(count, key, K)
        assert value is None or value >= K
        assert value is None or abs(value - count) <= NOISE_BOUND


@pytest.mark.parametrize("count", range(1, K))
def test_a_small_true_count_never_publishes_as_its_value(count):
    values = {published(count, key, K) for key in KEYS}
    assert count not in values
    if count < K - NOISE_BOUND:
        assert values == {None}  # always "<k"


def test_the_same_count_and_key_always_publish_the_same_value():
    assert published(57, 123_456_789, K) == published(57, 123_456_789, K)
    assert published(57, 123_456_789 + CELL_KEY_MODULUS, K) == published(57, 123_456_789, K)


def test_different_keys_move_the_same_count_differently():
    assert len({published(200, key, K) for key in KEYS}) == 2 * NOISE_BOUND + 1


def test_what_an_attacker_can_tell_from_a_published_value():
    assert list(possible_counts(0, K)) == [0]
    assert list(possible_counts(None, K)) == list(range(1, K + NOISE_BOUND))
    assert list(possible_counts(20, K)) == list(range(20 - NOISE_BOUND, 21 + NOISE_BOUND))
    for count in range(0, 60):
        for key in KEYS[::50]:
            assert count in possible_counts(published(count, key, K), K)


# --- frames ------------------------------------------------------------------------------


def keyed(frame: pl.DataFrame, columns, seed: int = 1) -> pl.DataFrame:
    """`frame` with a cell key column beside each count column (fixed, made-up keys)."""
    return frame.with_columns(
        pl.Series(
            key_column(c),
            [
                (seed * 7_919 + i * 104_729 + j * 15_485_863) % CELL_KEY_MODULUS
                for i in range(frame.height)
            ],
            dtype=pl.Int64,
        )
        for j, c in enumerate(columns)
    )


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
TURNOUT_COUNTS = ("rsvps", "attended", "attended_with_rsvp", "walk_ins", "no_shows")


def test_a_frame_keeps_its_shape_and_types_with_counts_published_and_keys_dropped():
    frame = keyed(TURNOUT, TURNOUT_COUNTS)
    shown, suppression = suppress_frame(frame, rules_for("dashboard/turnout_by_month", frame), K)
    assert shown.schema == TURNOUT.schema  # the key columns are gone
    assert shown["walk_ins"].to_list() == [None, None, None]
    assert {(i, "walk_ins") for i in range(3)} <= suppression.counts
    assert shown["events"].to_list() == [4, 3, 5]  # events are never perturbed
    for column in ("rsvps", "attended", "attended_with_rsvp"):
        for true, shown_value in zip(TURNOUT[column], shown[column], strict=True):
            assert shown_value is None or (
                shown_value >= K and abs(shown_value - true) <= NOISE_BOUND
            )


def test_rates_are_computed_from_the_published_counts():
    frame = keyed(TURNOUT, TURNOUT_COUNTS)
    shown, _ = suppress_frame(frame, rules_for("dashboard/turnout_by_month", frame), K)
    for row in shown.iter_rows(named=True):
        if row["attended_with_rsvp"] is None or row["rsvps"] is None:
            assert row["show_rate"] is None
        else:
            assert row["show_rate"] == row["attended_with_rsvp"] / row["rsvps"]


def test_the_kpi_show_rate_follows_from_published_rsvps_and_no_shows():
    frame = keyed(
        pl.DataFrame(
            {
                "rsvps": [120],
                "attended": [100],
                "walk_ins": [20],
                "no_shows": [40],
                "show_rate": [80 / 120],
                "upcoming_rsvps": [0],
            }
        ),
        ("rsvps", "attended", "walk_ins", "no_shows", "upcoming_rsvps"),
    )
    shown, _ = suppress_frame(frame, rules_for("metrics/turnout", frame), K)
    row = shown.row(0, named=True)
    assert row["show_rate"] == (row["rsvps"] - row["no_shows"]) / row["rsvps"]
    assert row["upcoming_rsvps"] == 0


def test_the_same_cell_key_gives_the_same_value_in_every_table():
    one = keyed(pl.DataFrame({"people": [57]}), ("people",), seed=3)
    other = one.rename({"people": "active_people", "people__ckey": "active_people__ckey"})
    shown_one, _ = suppress_frame(one, FrameRules(counts=("people",)), K)
    shown_other, _ = suppress_frame(other, FrameRules(counts=("active_people",)), K)
    assert shown_one["people"][0] == shown_other["active_people"][0]


def test_a_count_without_its_key_is_hidden():
    frame = pl.DataFrame({"people": [3, 400]})
    shown, suppression = suppress_frame(frame, FrameRules(counts=("people",)), K)
    assert shown["people"].to_list() == [None, None]
    assert suppression.counts == {(0, "people"), (1, "people")}


def test_decimal_counts_are_published_like_integers():
    frame = keyed(
        pl.DataFrame({"people": [Decimal(3), Decimal(400)]}, schema={"people": pl.Decimal(38, 0)}),
        ("people",),
    )
    shown, _ = suppress_frame(frame, FrameRules(counts=("people",)), K)
    assert shown["people"].dtype == pl.Decimal(38, 0)
    assert shown["people"][0] is None
    assert abs(shown["people"][1] - 400) <= NOISE_BOUND


def test_a_count_that_is_not_a_number_is_never_shown():
    frame = keyed(pl.DataFrame({"people": ["3", "40"]}), ("people",))
    shown, _ = suppress_frame(frame, FrameRules(counts=("people",)), K)
    assert shown["people"].to_list() == [None, None]


def test_the_funnel_shares_come_from_the_published_stages():
    frame = keyed(
        pl.DataFrame(
            {
                "stage": ["rsvps", "came", "no_shows", "walk_ins", "attended"],
                "total": [50, 45, 5, 20, 65],
                "share_of_rsvps": [1.0, 0.9, 0.1, 0.4, 1.3],
            }
        ),
        ("total",),
    )
    shown, _ = suppress_frame(frame, rules_for("dashboard/turnout_funnel", frame), K)
    totals = dict(zip(shown["stage"], shown["total"], strict=True))
    shares = dict(zip(shown["stage"], shown["share_of_rsvps"], strict=True))
    assert totals["no_shows"] is None and shares["no_shows"] is None
    assert shares["came"] == totals["came"] / totals["rsvps"]


def test_campaign_progress_is_a_count_only_for_people_and_attendance_goals():
    frame = keyed(
        pl.DataFrame(
            {
                "campaign_id": ["a", "b", "c"],
                "goal_metric": ["people", "hours", "custom"],
                "goal_value": [60.0, 200.0, None],
                "progress": [7.0, 7.0, None],
                "progress_pct": [7 / 60, 7 / 200, None],
            }
        ),
        ("progress",),
    )
    shown, _ = suppress_frame(frame, rules_for("metrics/campaigns", frame), K)
    assert shown["progress"].to_list() == [None, 7.0, None]
    assert shown["progress_pct"].to_list() == [None, 7 / 200, None]
    flagged = suppressed_flags(shown, rules_by_names(shown))
    assert flagged["suppressed"].to_list() == ["progress", None, None]


def test_the_csv_keeps_numbers_numeric_and_flags_suppressed_counts():
    frame = pl.DataFrame({"month": ["a", "b"], "people": [None, 40], "events": [3, 4]})
    flagged = suppressed_flags(frame, rules_by_names(frame))
    assert flagged["people"].dtype == frame["people"].dtype
    assert flagged.write_csv().splitlines() == [
        "month,people,events,suppressed",
        "a,,3,people",
        "b,40,4,",
    ]


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
    shown, _ = suppress_frame(keyed(frame, ("volunteers_seen",)), rules, K)
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


def test_the_figures_counting_people_are_told_by_name():
    from dashboard.privacy.rules import counts_people

    people = ("active_people", "new_people", "attended", "rsvps", "walk_ins", "no_shows")
    assert all(counts_people(name) for name in people)
    others = ("hours", "actions", "campaigns_won", "events", "goal_met", "show_rate")
    assert not any(counts_people(name) for name in others)
