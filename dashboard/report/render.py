"""The impact report as one self-contained HTML file: inline CSS and SVG charts, no
scripts or links needed to read it, one printed page per section (CSS page breaks).

Counts of people and records are written as `<data class="count" value="…">`, and a
suppressed one as `<span class="suppressed">&lt;11</span>`, so what the reader was
shown can be checked mechanically.
"""

from __future__ import annotations

from html import escape

from dashboard import formatting
from dashboard.metrics.compute import LADDER_LEVELS
from dashboard.report import svg
from dashboard.report.content import ReportContent
from dashboard.report.style import CSS

LADDER_COLOURS = {
    "leader": "#08306B",
    "volunteer": "#2171B5",
    "participant": "#4292C6",
    "supporter": "#9ECAE1",
}
RETENTION_MONTHS = (1, 2, 3, 6, 12)


class Numbers:
    """How each kind of number reads in the report."""

    def __init__(self, content: ReportContent):
        self.k = content.reader.k
        self.suppressing = content.reader.suppressing

    def count(self, value) -> str:
        if value is None:
            if self.suppressing:
                return f'<span class="suppressed" title="fewer than {self.k}">&lt;{self.k}</span>'
            return formatting.MISSING
        return f'<data class="count" value="{value}">{formatting.count(value)}</data>'

    @staticmethod
    def plain(value) -> str:
        """Events, campaigns, orgs, hours, actions: never suppressed."""
        return formatting.count(value)

    @staticmethod
    def rate(value) -> str:
        return formatting.rate(value)


def _tile(label: str, value: str, note: str = "") -> str:
    note_html = f'<div class="tile-note">{escape(note)}</div>' if note else ""
    return (
        f'<div class="tile"><div class="tile-label">{escape(label)}</div>'
        f'<div class="tile-value">{value}</div>{note_html}</div>'
    )


def _tiles(tiles: list[str]) -> str:
    return f'<div class="tiles">{"".join(tiles)}</div>'


def _table(headers: list[tuple[str, bool]], rows: list[list[str]], caption: str = "") -> str:
    """headers: (text, numeric?); cells are HTML already."""
    head = "".join(f'<th class="{"num" if n else ""}">{escape(h)}</th>' for h, n in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="{"num" if numeric else ""}">{cell}</td>'
            for cell, (_, numeric) in zip(row, headers, strict=True)
        )
        + "</tr>"
        for row in rows
    )
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _section(section_id: str, title: str, intro: str, parts: list[str]) -> str:
    return (
        f'<section class="report-section" id="{section_id}"><h2>{escape(title)}</h2>'
        f'<p class="intro">{escape(intro)}</p>{"".join(parts)}</section>'
    )


def _month(label: str) -> str:
    """'2025-03' → 'Mar 25'."""
    names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return f"{names[int(label[5:7]) - 1]} {label[2:4]}"


def _note(text: str) -> str:
    return f'<p class="note">{escape(text)}</p>'


def reach(c: ReportContent, n: Numbers) -> str:
    e, m = c.metrics["engagement"], c.metrics
    tiles = _tiles(
        [
            _tile("Active people", n.count(e["active_people"]), "at least one act"),
            _tile("New people", n.count(e["new_people"]), "first act ever in the period"),
            _tile("Returning rate", n.rate(e["returning_rate"]), "of the prior period's"),
            _tile("Bridge people", n.count(e["bridge_people"]), "active with 2+ orgs"),
            _tile("Events", n.plain(m["turnout"]["events"])),
            _tile("Volunteer hours", n.plain(m["volunteering"]["hours"])),
            _tile("Actions", n.plain(m["actions"]["total"]), "calls, doors, letters…"),
            _tile("Campaigns won", n.plain(m["campaigns"]["won"])),
        ]
    )
    frame = c.people_by_month
    chart = svg.grouped_bars(
        [_month(x) for x in frame["month"].to_list()],
        [
            ("Active people", frame["active_people"].to_list(), svg.BLUE),
            ("New people", frame["new_people"].to_list(), svg.ORANGE),
        ],
        title="Active and new people by month",
        k=n.k,
        suppressing=n.suppressing,
    )
    return _section(
        "reach",
        "Reach",
        "Everyone active across the member organizations, each person counted once.",
        [
            tiles,
            "<h3>Active and new people by month</h3>",
            chart,
            _note("An act is attending an event, a volunteer shift or an action."),
        ],
    )


def ladder(c: ReportContent, n: Numbers) -> str:
    levels = c.metrics["engagement"]["ladder"]
    values = [levels.get(level) for level in LADDER_LEVELS]
    total = sum(v for v in values if v is not None)
    complete = all(v is not None for v in values)
    notes = [f"({v / total:.0%})" if complete and total and v else "" for v in values]
    chart = svg.horizontal_bars(
        [formatting.label(level) for level in LADDER_LEVELS],
        values,
        title="The engagement ladder",
        k=n.k,
        suppressing=n.suppressing,
        colours=[LADDER_COLOURS[level] for level in LADDER_LEVELS],
        notes=notes,
    )
    rows = [
        [escape(formatting.label(level)), n.count(levels.get(level))] for level in LADDER_LEVELS
    ]
    return _section(
        "ladder",
        "Engagement ladder",
        "Each active person once, at the highest level they reached in the period.",
        [
            chart,
            _table([("Level", False), ("People", True)], rows),
            _note(
                "Leader: hosted an event. Volunteer: a shift, a volunteer role, a work action "
                "(call, door knock, text, one-on-one) or 3+ events. Participant: attended an "
                "event. Supporter: other actions only."
            ),
        ],
    )


def _shade(share: float) -> str:
    """A light-to-dark blue background for a share, dark enough to read on paper."""
    red = round(255 - 150 * min(max(share, 0), 1))
    return f"background:rgb({red},{min(red + 20, 255)},255)"


def _cohort_rows(c: ReportContent, n: Numbers) -> list[list[str]]:
    rows = []
    for cohort in c.metrics["retention"]["cohorts"]:
        size, retained = cohort["size"], cohort["retained"]
        cells = [escape(cohort["cohort"]), n.count(size)]
        for month in RETENTION_MONTHS:
            value = retained[month] if month < len(retained) else None
            if month >= len(retained):
                cells.append("")
            elif value is None or not size:
                cells.append(formatting.MISSING)
            else:
                share = value / size
                cells.append(f'<span class="cell" style="{_shade(share)}">{share:.0%}</span>')
        rows.append(cells)
    return rows


def retention(c: ReportContent, n: Numbers) -> str:
    frame = c.returning_by_month
    line = svg.rate_line(
        [_month(x) for x in frame["month"].to_list()],
        frame["returning_rate"].to_list(),
        title="Returning rate by month",
    )
    headers = [("Cohort", False), ("People", True)] + [
        (f"Month {m}", True) for m in RETENTION_MONTHS
    ]
    tiles = _tiles(
        [
            _tile("Returning rate", n.rate(c.metrics["engagement"]["returning_rate"])),
            _tile("Lapsed", n.count(c.lapsed["lapsed"]), "active before, not now"),
            _tile("Reactivated", n.count(c.lapsed["reactivated"]), "back after a gap"),
        ]
    )
    return _section(
        "retention",
        "Retention",
        "Whether people come back after their first act.",
        [
            tiles,
            "<h3>Returning rate by month</h3>",
            line,
            _note(
                "People active in a month and in the month before, over those of the month before."
            ),
            "<h3>Cohorts by month of first act</h3>",
            _table(headers, _cohort_rows(c, n)),
            _note("Each cell: the share of the cohort with an act that many months later."),
        ],
    )


def turnout(c: ReportContent, n: Numbers) -> str:
    t = c.metrics["turnout"]
    tiles = _tiles(
        [
            _tile("Events", n.plain(t["events"])),
            _tile("RSVPs", n.count(t["rsvps"]), "at past events"),
            _tile("Attended", n.count(t["attended"]), "walk-ins included"),
            _tile("Show rate", n.rate(t["show_rate"]), "attended ÷ RSVPs"),
            _tile("Walk-ins", n.count(t["walk_ins"])),
            _tile("No-shows", n.count(t["no_shows"])),
            _tile("Turnout goals met", f"{n.plain(t['goal_met'])} of {n.plain(t['goal_events'])}"),
            _tile("Upcoming RSVPs", n.count(t["upcoming_rsvps"])),
        ]
    )
    frame = c.turnout_by_month
    months = [_month(x) for x in frame["month"].to_list()]
    rate = svg.rate_line(months, frame["show_rate"].to_list(), title="Show rate by month")
    bars = svg.grouped_bars(
        months,
        [
            ("Came with an RSVP", frame["attended_with_rsvp"].to_list(), svg.BLUE),
            ("Walk-ins", frame["walk_ins"].to_list(), svg.ORANGE),
        ],
        title="Attendance by month",
        k=n.k,
        suppressing=n.suppressing,
    )
    by_type = [
        [
            escape(formatting.label(row["event_type"])),
            n.plain(row["events"]),
            n.count(row["rsvps"]),
            n.count(row["attended"]),
            n.rate(row["show_rate"]),
        ]
        for row in c.turnout_by_type.iter_rows(named=True)
    ]
    headers = [
        ("Event type", False),
        ("Events", True),
        ("RSVPs", True),
        ("Attended", True),
        ("Show rate", True),
    ]
    return _section(
        "turnout",
        "Turnout",
        "Whether people who say they will come do come.",
        [
            tiles,
            "<h3>Show rate by month</h3>",
            rate,
            "<h3>Attendance by month</h3>",
            bars,
            "<h3>By event type</h3>",
            _table(headers, by_type),
        ],
    )


def campaigns(c: ReportContent, n: Numbers) -> str:
    summary = c.metrics["campaigns"]
    tiles = _tiles(
        [
            _tile("Won", n.plain(summary["won"])),
            _tile("Lost", n.plain(summary["lost"])),
            _tile("Partial", n.plain(summary["partial"])),
            _tile("Win rate", n.rate(summary["win_rate"]), "won ÷ (won + lost)"),
            _tile("Active campaigns", n.plain(summary["active"])),
        ]
    )
    rows = []
    for item in summary["items"]:
        people = item["goal_metric"] in ("attendance", "people")
        progress = item["progress"]
        shown = n.count(progress) if people else n.plain(progress)
        if item["goal_metric"] == "custom":
            shown = formatting.MISSING
        pct = item["progress_pct"]
        bar = (
            f'<span class="progress"><span style="width:{min(pct, 1) * 100:.0f}%"></span></span>'
            if pct is not None
            else ""
        )
        rows.append(
            [
                escape(item["name"] or item["campaign_id"]),
                escape(item["status"] or "–"),
                escape((item["goal_metric"] or "–").replace("_", " ")),
                shown,
                n.plain(item["goal_value"]) if item["goal_value"] is not None else "–",
                f"{bar} {n.rate(pct)}",
            ]
        )
    headers = [
        ("Campaign", False),
        ("Status", False),
        ("Goal", False),
        ("Progress", True),
        ("Target", True),
        ("Of target", True),
    ]
    return _section(
        "campaigns",
        "Campaign outcomes",
        "Campaigns running in the period, their progress towards their goals, and outcomes.",
        [
            tiles,
            _table(headers, rows),
            _note(
                "Outcomes count campaigns whose outcome date is in the period. Progress is "
                "cumulative from each campaign's start."
            ),
        ],
    )


def network(c: ReportContent, n: Numbers) -> str:
    net = c.metrics["network"]
    names = c.org_names
    active = {o["org_id"]: o["active_people"] for o in c.metrics["orgs"]}
    listed = {p["org_a"] for p in net["pairs"]} | {p["org_b"] for p in net["pairs"]}
    orgs = [
        (org_id, names.get(org_id, org_id), active.get(org_id))
        for org_id in names
        if org_id in listed or active.get(org_id)
    ]
    pairs = [
        (p["org_a"], p["org_b"], p["shared_people"], p["co_hosted_events"]) for p in net["pairs"]
    ]
    diagram = svg.network(
        orgs, pairs, title="The coalition network", k=n.k, suppressing=n.suppressing
    )
    rows = [
        [
            escape(names.get(p["org_a"], p["org_a"])),
            escape(names.get(p["org_b"], p["org_b"])),
            n.count(p["shared_people"]),
            n.plain(p["co_hosted_events"]),
            n.count(p["a_to_b"]),
            n.count(p["b_to_a"]),
            n.rate(p["reciprocity"]),
        ]
        for p in net["pairs"]
    ]
    headers = [
        ("Org A", False),
        ("Org B", False),
        ("Shared people", True),
        ("Co-hosted events", True),
        ("A → B", True),
        ("B → A", True),
        ("Reciprocity", True),
    ]
    tiles = _tiles(
        [
            _tile("Member orgs", n.plain(net["orgs"]), "active in the period"),
            _tile("Links", n.plain(net["links"]), "pairs sharing people or events"),
            _tile("Density", n.rate(net["density"]), "links ÷ possible pairs"),
        ]
    )
    return _section(
        "network",
        "The coalition network",
        "Which members share people and events, and who shows up for whom.",
        [
            tiles,
            diagram,
            _table(headers, rows),
            _note("A → B: people whose first act was with A who attended B's events."),
        ],
    )


def contributions(c: ReportContent, n: Numbers) -> str:
    headers = [
        ("Member org", False),
        ("Active", True),
        ("New", True),
        ("Events", True),
        ("Attended", True),
        ("Show rate", True),
        ("Hours", True),
        ("Actions", True),
    ]
    rows = [
        [
            escape(o["name"] or o["org_id"]),
            n.count(o["active_people"]),
            n.count(o["new_people"]),
            n.plain(o["events"]),
            n.count(o["attended"]),
            n.rate(o["show_rate"]),
            n.plain(o["hours"]),
            n.plain(o["actions_total"]),
        ]
        for o in c.metrics["orgs"]
    ]
    campaign_names = {i["campaign_id"]: i["name"] for i in c.metrics["campaigns"]["items"]}
    parts = [
        [
            escape(campaign_names.get(row["campaign_id"], row["campaign_id"])),
            escape(row["org_name"] or row["org_id"]),
            n.count(row["progress"]),
        ]
        for row in c.contributions.iter_rows(named=True)
    ]
    return _section(
        "contributions",
        "Member contributions",
        "What each member organization brought to the coalition in the period.",
        [
            _table(headers, rows),
            "<h3>Contributions to campaigns</h3>",
            _table([("Campaign", False), ("Member org", False), ("Progress", True)], parts),
            _note(
                "Each org alone: its active and new people, its events and attendance, "
                "and its share of each campaign's progress."
            ),
        ],
    )


SECTIONS = (reach, ladder, retention, turnout, campaigns, network, contributions)


def render(content: ReportContent, *, toolbar: str = "") -> str:
    numbers = Numbers(content)
    f = content.filters
    period = formatting.period(f.date_from, f.date_to)
    header = (
        f'<header class="report-header"><h1>{escape(content.coalition)}: impact report</h1>'
        f'<p class="period">{escape(period)}</p>'
        f'<p class="scope" id="report-scope">{escape(content.reader.scope)}</p>'
        f'<p class="note">Generated {content.generated:%d %b %Y %H:%M}.</p></header>'
    )
    body = "".join(section(content, numbers) for section in SECTIONS)
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(content.coalition)} · impact report · {escape(period)}</title>"
        f"<style>{CSS}</style></head><body>{toolbar}<main>{header}{body}</main></body></html>"
    )
