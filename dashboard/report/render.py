"""The impact report as one self-contained HTML file: inline CSS and SVG charts, no
scripts or links needed to read it, one printed page per section (CSS page breaks).

Counts of people and records are written as `<data class="count" value="…">`, and a
suppressed one as `<span class="suppressed">&lt;11</span>`, so what the reader was
shown can be checked mechanically.
"""

from __future__ import annotations

from html import escape

from dashboard import formatting
from dashboard.figures.theme import BLUE, LADDER_COLOURS, ORANGE
from dashboard.glossary import defined, description, name
from dashboard.metrics.compute import LADDER_LEVELS
from dashboard.report import svg
from dashboard.report.content import ReportContent
from dashboard.report.style import CSS

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


def _tile(key: str, value: str) -> str:
    """A number named and described as everywhere else (dashboard.glossary)."""
    return (
        f'<div class="tile"><div class="tile-label">{escape(name(key))}</div>'
        f'<div class="tile-value">{value}</div>'
        f'<div class="tile-note">{escape(description(key))}</div></div>'
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
            _tile("active_people", n.count(e["active_people"])),
            _tile("new_people", n.count(e["new_people"])),
            _tile("returning_rate", n.rate(e["returning_rate"])),
            _tile("bridge_people", n.count(e["bridge_people"])),
            _tile("events", n.plain(m["turnout"]["events"])),
            _tile("hours", n.plain(m["volunteering"]["hours"])),
            _tile("actions", n.plain(m["actions"]["total"])),
            _tile("campaigns_won", n.plain(m["campaigns"]["won"])),
        ]
    )
    frame = c.people_by_month
    chart = svg.grouped_bars(
        [_month(x) for x in frame["month"].to_list()],
        [
            (name("active_people"), frame["active_people"].to_list(), BLUE),
            (name("new_people"), frame["new_people"].to_list(), ORANGE),
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
        title=name("ladder"),
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
        name("ladder"),
        description("ladder"),
        [chart, _table([("Level", False), ("People", True)], rows)],
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
        title=name("returning_rate_by_month"),
    )
    headers = [("Cohort", False), ("People", True)] + [
        (f"Month {m}", True) for m in RETENTION_MONTHS
    ]
    tiles = _tiles(
        [
            _tile("returning_rate", n.rate(c.metrics["engagement"]["returning_rate"])),
            _tile("lapsed", n.count(c.lapsed["lapsed"])),
            _tile("reactivated", n.count(c.lapsed["reactivated"])),
        ]
    )
    return _section(
        "retention",
        "Retention",
        "Whether people come back after their first act.",
        [
            tiles,
            f"<h3>{escape(name('returning_rate_by_month'))}</h3>",
            line,
            _note(description("returning_rate_by_month")),
            f"<h3>{escape(name('cohort_retention'))}</h3>",
            _table(headers, _cohort_rows(c, n)),
            _note(description("cohort_retention")),
        ],
    )


def turnout(c: ReportContent, n: Numbers) -> str:
    t = c.metrics["turnout"]
    tiles = _tiles(
        [
            _tile("events", n.plain(t["events"])),
            _tile("rsvps", n.count(t["rsvps"])),
            _tile("attended", n.count(t["attended"])),
            _tile("show_rate", n.rate(t["show_rate"])),
            _tile("walk_ins", n.count(t["walk_ins"])),
            _tile("no_shows", n.count(t["no_shows"])),
            _tile("goal_met", f"{n.plain(t['goal_met'])} of {n.plain(t['goal_events'])}"),
            _tile("upcoming_rsvps", n.count(t["upcoming_rsvps"])),
        ]
    )
    frame = c.turnout_by_month
    months = [_month(x) for x in frame["month"].to_list()]
    rate = svg.rate_line(
        months, frame["show_rate"].to_list(), title=f"{name('show_rate')} by month"
    )
    bars = svg.grouped_bars(
        months,
        [
            ("Came with an RSVP", frame["attended_with_rsvp"].to_list(), BLUE),
            (name("walk_ins"), frame["walk_ins"].to_list(), ORANGE),
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
    headers = [("Event type", False)] + [
        (name(key), True) for key in ("events", "rsvps", "attended", "show_rate")
    ]
    return _section(
        "turnout",
        "Turnout",
        "Whether people who say they will come do come.",
        [
            tiles,
            f"<h3>{escape(name('show_rate'))} by month</h3>",
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
            _tile("campaigns_won", n.plain(summary["won"])),
            _tile("campaigns_lost", n.plain(summary["lost"])),
            _tile("campaigns_partial", n.plain(summary["partial"])),
            _tile("win_rate", n.rate(summary["win_rate"])),
            _tile("campaigns_active", n.plain(summary["active"])),
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
            _note("Progress is cumulative from each campaign's start."),
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
        (name("shared_people"), True),
        (name("co_hosted_events"), True),
        (name("crossing"), True),
        ("B → A", True),
        (name("reciprocity"), True),
    ]
    tiles = _tiles(
        [
            _tile("network_orgs", n.plain(net["orgs"])),
            _tile("links", n.plain(net["links"])),
            _tile("density", n.rate(net["density"])),
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
            _note(defined("crossing")),
        ],
    )


def contributions(c: ReportContent, n: Numbers) -> str:
    headers = [
        ("Member org", False),
        *[
            (name(key), True)
            for key in (
                "active_people",
                "new_people",
                "events",
                "attended",
                "show_rate",
                "hours",
                "actions",
            )
        ],
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
