"""Every metric's display name and its one description, said once (docs: metrics.md).

Pages' KPI cards, chart notes, the scorecard's columns and the printable report all take
their words from here, so a coordinator reads one definition wherever a number appears.
A place that needs more (e.g. how a sparkline is drawn) adds it after the description
through `also`, never as a second definition. Pure data: imports nothing from dashboard.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Term:
    name: str
    description: str  # one sentence: what is counted, as a coordinator reads it


_TERMS = {
    # Engagement
    "active_people": Term(
        "Active people",
        "Distinct people with at least one act in the period: attending or walking in to an "
        "event, a volunteer shift, or an action (an RSVP alone is not an act).",
    ),
    "new_people": Term(
        "New people",
        "Active people whose first act ever, under the same filters, is in the period.",
    ),
    "returning_rate": Term(
        "Returning rate",
        "Of the people active in the prior period, the share active again in this period.",
    ),
    "bridge_people": Term(
        "Bridge people",
        "Active people whose acts in the period were with 2 or more of the selected member orgs.",
    ),
    "ladder": Term(
        "Engagement ladder",
        "Each active person once, at the highest level reached in the period: leader (hosted "
        "an event), volunteer (shift, volunteer role, work action or 3+ events), "
        "participant (came to an event), supporter (other actions only).",
    ),
    # Retention
    "returning_rate_by_month": Term(
        "Returning rate by month",
        "People active in a month and in the month before ÷ people active in the month before.",
    ),
    "cohort_retention": Term(
        "Retention by cohort",
        "A cohort is the month of its people's first act ever; each cell is the share of the "
        "cohort with an act that many months later.",
    ),
    "lapsed": Term("Lapsed", "People active in the prior period but not in this one."),
    "reactivated": Term(
        "Reactivated",
        "People active in this period, not in the prior one, but active before it.",
    ),
    # Turnout
    "events": Term("Events", "Events dated in the period."),
    "rsvps": Term(
        "RSVPs",
        "RSVPs to past events in the period, whether or not the person came (walk-ins are not "
        "RSVPs).",
    ),
    "attended": Term(
        "Attended",
        "Who came to past events in the period, walk-ins included, counting a person once per "
        "event.",
    ),
    "show_rate": Term(
        "Show rate",
        "Of the RSVPs to past events in the period, the share who came (attended ÷ RSVPs; "
        "walk-ins left out).",
    ),
    "walk_ins": Term(
        "Walk-ins",
        "Who came to past events in the period without an RSVP, counting a person once per event.",
    ),
    "no_shows": Term(
        "No-shows",
        "RSVPs to past events in the period marked as not coming or never marked at all.",
    ),
    "goal_events": Term(
        "Events with a turnout goal", "Past events in the period that had a turnout goal."
    ),
    "goal_met": Term(
        "Turnout goals met",
        "Past events in the period whose attendance, walk-ins included, reached their goal.",
    ),
    "upcoming_rsvps": Term("Upcoming RSVPs", "RSVPs to events after today, whatever the period."),
    # Volunteering and actions
    "hours": Term("Volunteer hours", "Total hours of volunteer shifts in the period."),
    "actions": Term(
        "Actions",
        "Actions in the period, each counted by its quantity: calls, doors knocked, texts, "
        "letters…",
    ),
    # Campaigns
    "campaigns_active": Term(
        "Active campaigns",
        "Campaigns running in the period, led or partnered by the selected orgs, with status "
        "active.",
    ),
    "campaigns_won": Term(
        "Campaigns won", "Campaigns marked won whose outcome date is in the period."
    ),
    "campaigns_lost": Term(
        "Campaigns lost", "Campaigns marked lost whose outcome date is in the period."
    ),
    "campaigns_partial": Term(
        "Partial wins", "Campaigns marked partial whose outcome date is in the period."
    ),
    "win_rate": Term(
        "Win rate",
        "Campaigns won ÷ (won + lost) of outcomes dated in the period; partial wins left out.",
    ),
    # Network
    "network_orgs": Term(
        "Orgs in the network",
        "Selected member orgs with an act in the period, or hosting or co-hosting an event in it.",
    ),
    "links": Term(
        "Links",
        "Pairs of member orgs that share an active person or co-hosted an event in the period.",
    ),
    "density": Term("Density", "Links ÷ every possible pair of the orgs in the network."),
    "shared_people": Term(
        "Shared people", "People with acts of both orgs of a pair in the period."
    ),
    "co_hosted_events": Term(
        "Co-hosted events",
        "Events in the period that one org of a pair hosted with the other as co-host.",
    ),
    "crossing": Term(
        "A → B",
        "People whose home org (that of their first act ever) is A who attended or walked in "
        "to B's events in the period.",
    ),
    "reciprocity": Term(
        "Reciprocity",
        "Of a pair's two directions of people crossing (A → B, B → A), the smaller ÷ the "
        "larger; 100% is as many each way.",
    ),
}
TERMS = MappingProxyType(_TERMS)


def name(key: str) -> str:
    return TERMS[key].name


def description(key: str, also: str | None = None) -> str:
    """The description, with a place's own addition (`also`) after it when there is one."""
    text = TERMS[key].description
    return f"{text} {also}" if also else text


def defined(key: str) -> str:
    """'Name: description', for a note that explains several metrics in a row."""
    text = TERMS[key].description
    if text[1:2].islower():  # "People …" reads "people …" after the colon; "RSVPs …" stays
        text = text[0].lower() + text[1:]
    return f"{name(key)}: {text}"


def term(key: str, also: str | None = None) -> tuple[str, str]:
    """(name, description): a KPI's label and note, as in `Kpi(key, *term(key))`."""
    return name(key), description(key, also)
