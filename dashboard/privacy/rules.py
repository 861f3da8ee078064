"""Which numbers of which query count people or attendance records, and how they add up:
the rules the funder view applies (metrics.md).

Each count a funder sees has its cell key beside it in the query's result, in the column
named by `key_column` (`active_people__ckey`); the SQL computes both together. Counts of
people and of attendance records are published perturbed; counts of events,
campaigns and orgs, hours, action quantities and goals are not. A query without rules
here (a new one) gets rules inferred from its columns, erring on the side of hiding:
every whole-number column is a count unless its name says it counts events, campaigns
or orgs (a count without its key column is hidden); every other fractional column but
hours and quantities is hidden; every count column adds up over the rows.

Some results are refused to funders whole: per-person data, per-event detail (an event's
title can name a person; its counts are tiny anyway) and the ingest's files and rows.
"""

from __future__ import annotations

import re

import polars as pl

from dashboard.privacy.cells import Equation, Rate
from dashboard.privacy.frames import KEY_SUFFIX, Extra, FrameRules, RateRule, key_column

PERSONAL_COLUMNS = frozenset(
    {
        "person_key",
        "person_id",
        "identity",
        "email",
        "phone",
        "first_name",
        "last_name",
        "postal_code",
        "raw",
    }
)
PER_PERSON = "Per-person data is not part of the funder view."
PER_EVENT = "Per-event detail is not part of the funder view: it shows totals only."
INGEST_DETAIL = "The ingest's files and rows are for coordinators (the Data page)."
REFUSING_COLUMNS = {"event_id": PER_EVENT, "source_file": INGEST_DETAIL, "line": INGEST_DETAIL}
FUNDER_REFUSED_QUERIES = {
    "metrics/freshness": INGEST_DETAIL,
    "dashboard/ingest_summary": INGEST_DETAIL,
    "dashboard/ingest_files_by_org": INGEST_DETAIL,
    "dashboard/rejected_reasons": INGEST_DETAIL,
}

# Whole numbers that never count people or records.
NOT_COUNTS = frozenset(
    {
        "events",
        "goal_events",
        "goal_met",
        "co_hosted_events",
        "campaigns",
        "won",
        "lost",
        "partial",
        "orgs",
        "links",
        "org_count",
        "k",
        "step",
        "turnout_goal",
        "goal_value",
        "min_cell",
        "milestones",
    }
)
# Fractional numbers that are measures, not rates: shown.
MEASURES = re.compile(r"(^|_)(hours|quantity|actions_total|goal_value|actions)($|_)")
RATES = re.compile(r"(_rate|_pct|_share|^share_.*|^reciprocity|^density)$")

TURNOUT_COUNTS = ("rsvps", "attended", "attended_with_rsvp", "walk_ins", "no_shows")
TURNOUT_TABLE = FrameRules(
    counts=TURNOUT_COUNTS,
    # attended = came with an RSVP + walk-ins; RSVPs = came with an RSVP + no-shows
    row_equations=(
        (("attended",), ("attended_with_rsvp", "walk_ins")),
        (("rsvps",), ("attended_with_rsvp", "no_shows")),
    ),
    additive=tuple((column, ()) for column in TURNOUT_COUNTS),
    rates={
        "show_rate": RateRule("attended_with_rsvp", "rsvps", depends_on=TURNOUT_COUNTS),
    },
)


def _funnel(frame: pl.DataFrame) -> Extra:
    """turnout_funnel: one row per stage. RSVPs = came + no-shows; attended = came +
    walk-ins; each share is its stage over the RSVPs."""
    row = {stage: i for i, stage in enumerate(frame["stage"].to_list())}
    cell = {stage: (i, "total") for stage, i in row.items()}
    equations = []
    for total, parts in (("rsvps", ("came", "no_shows")), ("attended", ("came", "walk_ins"))):
        if total in cell and all(p in cell for p in parts):
            equations.append(Equation((cell[total],), tuple(cell[p] for p in parts)))
    rates = {}
    if "rsvps" in cell:
        shares = frame["share_of_rsvps"].to_list()
        for stage, i in row.items():
            rates[(i, "share_of_rsvps")] = Rate(
                shares[i], cell[stage], cell["rsvps"], depends_on=(), complement=False
            )
    return Extra(equations=equations, rates=rates)


def _cohorts(frame: pl.DataFrame) -> Extra:
    """retention_cohorts: a cohort's size repeats on each of its rows and equals its
    retained count at k = 0; cohort sizes add up (to about the new people)."""
    members: dict[str, set] = {}
    for i, row in enumerate(frame.iter_rows(named=True)):
        group = members.setdefault(row["cohort"], set())
        group.add((i, "size"))
        if row["k"] == 0:
            group.add((i, "retained"))
    links = [frozenset(group) for group in members.values()]
    first_rows = [min(key for key in group if key[1] == "size") for group in members.values()]
    equations = [Equation((), tuple(first_rows))] if len(first_rows) > 1 else []
    return Extra(equations=equations, links=links)


def _share(part, whole):
    """part / whole of published numbers; None when one is hidden or the whole is 0."""
    if part is None or whole is None or whole == 0:
        return None
    return part / whole


def _goal_counts_people(row: dict) -> bool:
    return row.get("goal_metric") in ("attendance", "people")


QUERY_RULES: dict[str, FrameRules] = {
    "dashboard/campaign_outcomes_by_month": FrameRules(),
    "dashboard/campaign_milestones": FrameRules(),
    "dashboard/data_span": FrameRules(),
    "dashboard/engagement_by_month": FrameRules(
        counts=("active_people", "new_people"),
        # each person is new in one month; active people are distinct per month only
        additive=(("new_people", ()),),
    ),
    "dashboard/events_vs_goal": FrameRules(counts=("attended",)),
    "dashboard/hours_and_actions_by_month": FrameRules(counts=("volunteers",)),
    "dashboard/people_by_org_count": FrameRules(counts=("people",), additive=(("people", ()),)),
    "dashboard/turnout_by_event_type": TURNOUT_TABLE,
    "dashboard/turnout_by_month": TURNOUT_TABLE,
    "dashboard/turnout_by_org": TURNOUT_TABLE,
    "dashboard/turnout_funnel": FrameRules(counts=("total",), extra=_funnel),
    "dashboard/upcoming_rsvps_by_event": FrameRules(counts=("rsvps",)),
    "lookups/campaigns": FrameRules(),
    "lookups/coalition": FrameRules(),
    "lookups/organizations": FrameRules(),
    "metrics/actions_by_type": FrameRules(),
    "metrics/campaign_contributions": FrameRules(
        # an org's share of a campaign's progress: counted as people whatever the goal
        counts=("progress",),
        additive=(("progress", ("campaign_id",)),),
    ),
    "metrics/campaign_outcomes": FrameRules(),
    "metrics/campaigns": FrameRules(
        count_if={"progress": _goal_counts_people},
        rates={
            "progress_pct": RateRule(
                "progress",
                None,
                complement=False,
                formula=lambda row: _share(row["progress"], row["goal_value"]),
            )
        },
    ),
    "metrics/default_period_end": FrameRules(),
    "metrics/engagement": FrameRules(
        counts=(
            "active_people",
            "new_people",
            "bridge_people",
            "returning_people",
            "prior_active_people",
        ),
        rates={"returning_rate": RateRule("returning_people", "prior_active_people")},
    ),
    "metrics/freshness": FrameRules(),
    "metrics/ladder": FrameRules(counts=("people",), additive=(("people", ()),)),
    "metrics/lapsed_reactivated": FrameRules(counts=("lapsed", "reactivated")),
    "metrics/network_orgs": FrameRules(counts=("active_people",)),
    "metrics/network_pairs": FrameRules(
        counts=("shared_people", "a_to_b", "b_to_a"),
        rates={
            "reciprocity": RateRule(
                depends_on=("a_to_b", "b_to_a"),
                complement=False,
                formula=lambda row: _share(
                    min(row["a_to_b"], row["b_to_a"]), max(row["a_to_b"], row["b_to_a"])
                ),
            )
        },
    ),
    "metrics/org_scorecard": FrameRules(
        # the show rate's RSVPs and attended-with-RSVP are not columns of the scorecard;
        # the gate joins them from dashboard/turnout_by_org (COMPANIONS) and drops them
        counts=("active_people", "new_people", "attended", "_rsvps", "_attended_with_rsvp"),
        additive=(("attended", ()), ("_rsvps", ()), ("_attended_with_rsvp", ())),
        rates={
            "show_rate": RateRule(
                "_attended_with_rsvp", "_rsvps", depends_on=("attended", "_rsvps")
            )
        },
    ),
    "metrics/retention_cohorts": FrameRules(counts=("size", "retained"), extra=_cohorts),
    "metrics/returning_by_month": FrameRules(
        counts=("active_people", "previous_active_people", "returning_people"),
        rates={"returning_rate": RateRule("returning_people", "previous_active_people")},
    ),
    "metrics/rung_movement": FrameRules(
        counts=("people",),
        # rows add up to the prior period's ladder, columns to this period's
        additive=(("people", ("from_level",)), ("people", ("to_level",))),
    ),
    "metrics/turnout": FrameRules(
        counts=("rsvps", "attended", "walk_ins", "no_shows", "upcoming_rsvps"),
        # RSVPs − no-shows = came with an RSVP = attended − walk-ins
        row_equations=((("rsvps", "walk_ins"), ("attended", "no_shows")),),
        rates={
            # came with an RSVP = RSVPs − no-shows, both published
            "show_rate": RateRule(
                None,
                "rsvps",
                depends_on=("rsvps", "attended", "walk_ins", "no_shows"),
                formula=lambda row: _share(row["rsvps"] - row["no_shows"], row["rsvps"]),
            )
        },
    ),
    "metrics/volunteering": FrameRules(counts=("volunteers",)),
}


# (query, joined from, on, {column there: column here}): numbers a rule needs that the
# result does not carry.
COMPANIONS = {
    "metrics/org_scorecard": (
        "dashboard/turnout_by_org",
        ("org_id",),
        {
            "rsvps": "_rsvps",
            "attended_with_rsvp": "_attended_with_rsvp",
            key_column("rsvps"): key_column("_rsvps"),
            key_column("attended_with_rsvp"): key_column("_attended_with_rsvp"),
        },
    ),
}


def _whole(dtype) -> bool:
    return dtype.is_integer() or isinstance(dtype, pl.Decimal)


def is_count_column(name: str, dtype) -> bool:
    """A column of an unknown result that counts people or records (erring to yes)."""
    if name in NOT_COUNTS or name.endswith(("_events", "_id", KEY_SUFFIX)):
        return False
    if _whole(dtype):
        return True
    return dtype.is_float() and name in ("progress", "people")


def counts_people(name: str) -> bool:
    """Whether a figure of that name (a KPI's key, a column) counts people or attendance
    records: what the funder rule publishes perturbed. Hours, action quantities, rates and
    counts of events, campaigns or orgs are not."""
    if MEASURES.search(name) or RATES.search(name) or name.split("_")[0] == "campaigns":
        return False
    return is_count_column(name, pl.Int64)


def inferred_rules(frame: pl.DataFrame) -> FrameRules:
    counts = tuple(name for name, dtype in frame.schema.items() if is_count_column(name, dtype))
    rates = {
        name: RateRule(depends_on=None, complement=False)
        for name, dtype in frame.schema.items()
        if dtype.is_float()
        and name not in counts
        and not MEASURES.search(name)
        and not name.endswith(KEY_SUFFIX)
    }
    return FrameRules(counts=counts, rates=rates, additive=tuple((c, ()) for c in counts))


KNOWN_COUNTS = frozenset(
    column
    for rules in QUERY_RULES.values()
    for column in (*rules.counts, *rules.count_if)
    if not column.startswith("_")
)


def rules_for(query: str | None, frame: pl.DataFrame) -> FrameRules:
    """The rules of a named query, or rules inferred from the frame's columns."""
    if query in QUERY_RULES:
        return QUERY_RULES[query]
    return inferred_rules(frame)


def funder_refusal(query: str, frame: pl.DataFrame) -> str | None:
    """Why a funder may not have this result, or None."""
    if query in FUNDER_REFUSED_QUERIES:
        return FUNDER_REFUSED_QUERIES[query]
    if PERSONAL_COLUMNS & set(frame.columns):
        return PER_PERSON
    for column, reason in REFUSING_COLUMNS.items():
        if column in frame.columns:
            return reason
    return None


def rules_by_names(frame: pl.DataFrame) -> FrameRules:
    """Rules for a table whose query is not known (a page's own frame, e.g. for its CSV):
    the known count columns by name, the campaign progress by its goal, else inferred."""
    known = [c for c in frame.columns if c in KNOWN_COUNTS and c != "progress"]
    guessed = inferred_rules(frame).counts
    counts = tuple(dict.fromkeys([*known, *(c for c in guessed if c != "progress")]))
    if "progress" in frame.columns:
        if "goal_metric" in frame.columns:
            return FrameRules(counts=counts, count_if={"progress": _goal_counts_people})
        counts += ("progress",)
    return FrameRules(counts=counts)
