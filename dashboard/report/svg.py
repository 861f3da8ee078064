"""Charts for the printable report as inline SVG: no browser, no network, no JavaScript,
so the report reads the same offline, in an email and on paper.

Each chart labels its own values (no numbered axes): a suppressed count (None while
suppressing) reads "<k" where its bar would be. Colours are the dashboard's
(dashboard.figures.theme), so a series looks the same on paper as on screen; patterns are
not needed since every bar carries its label.
"""

from __future__ import annotations

import math
from html import escape

from dashboard.figures.theme import BLUE, GREY, GRID, INK, LINK, WHITE
from dashboard.privacy import count_text

FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif"


def _text(x, y, text, *, size=11, anchor="middle", colour=INK, weight="normal", cls="") -> str:
    klass = f' class="{cls}"' if cls else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{colour}" font-weight="{weight}"{klass}>{escape(str(text))}</text>'
    )


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-label="{escape(title)}" style="{FONT};max-width:'
        f'{width}px"><title>{escape(title)}</title>' + "".join(body) + "</svg>"
    )


def _legend(series, x: float, y: float) -> list[str]:
    parts = []
    for name, _values, colour in series:
        parts.append(f'<rect x="{x:.1f}" y="{y - 9:.1f}" width="10" height="10" fill="{colour}"/>')
        parts.append(_text(x + 14, y, name, anchor="start"))
        x += 24 + 7 * len(name)
    return parts


def _value_label(value, k: int, suppressing: bool, rate: bool = False) -> str:
    if rate:
        return "–" if value is None else f"{value:.0%}"
    return count_text(value, k, suppressed=suppressing and value is None)


def grouped_bars(
    labels: list[str],
    series: list[tuple[str, list, str]],
    *,
    title: str,
    k: int,
    suppressing: bool,
    width: int = 720,
    height: int = 250,
) -> str:
    """Vertical bars per label (months), one per series, each with its value on top."""
    top, bottom, left = 34, 34, 8
    plot_h = height - top - bottom
    peak = max((v for _, values, _ in series for v in values if v is not None), default=0)
    group_w = (width - 2 * left) / max(len(labels), 1)
    bar_w = group_w * 0.8 / max(len(series), 1)
    body = _legend(series, left, 14)
    body.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - left}" y2="{top + plot_h}" '
        f'stroke="{GREY}"/>'
    )
    small = len(labels) * len(series) > 30
    for i, label in enumerate(labels):
        x0 = left + i * group_w + group_w * 0.1
        for j, (_, values, colour) in enumerate(series):
            value = values[i]
            x = x0 + j * bar_w
            h = plot_h * value / peak if value and peak else 0
            y = top + plot_h - h
            if value is not None:
                body.append(
                    f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w * 0.92:.1f}" '
                    f'height="{h:.1f}" fill="{colour}"/>'
                )
            body.append(
                _text(
                    x + bar_w * 0.46,
                    y - 3,
                    _value_label(value, k, suppressing),
                    size=8 if small else 10,
                    colour=GREY if value is None else INK,
                )
            )
        body.append(_text(left + (i + 0.5) * group_w, height - bottom + 14, label, size=10))
    return _svg(width, height, body, title)


def horizontal_bars(
    labels: list[str],
    values: list,
    *,
    title: str,
    k: int,
    suppressing: bool,
    colours: list[str] | None = None,
    notes: list[str] | None = None,
    width: int = 720,
) -> str:
    """One bar per label, longest value first as given, each labelled with its value."""
    row_h, label_w, right = 30, 190, 120
    height = row_h * len(labels) + 10
    peak = max((v for v in values if v is not None), default=0)
    plot_w = width - label_w - right
    body = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = 5 + i * row_h
        w = plot_w * value / peak if value and peak else 0
        colour = colours[i] if colours else BLUE
        body.append(_text(label_w - 8, y + row_h / 2 + 4, label, anchor="end"))
        if value is not None:
            body.append(
                f'<rect x="{label_w}" y="{y + 5}" width="{w:.1f}" height="{row_h - 10}" '
                f'fill="{colour}"/>'
            )
        text = _value_label(value, k, suppressing)
        if notes and notes[i]:
            text += f"  {notes[i]}"
        body.append(
            _text(
                label_w + w + 6,
                y + row_h / 2 + 4,
                text,
                anchor="start",
                colour=GREY if value is None else INK,
            )
        )
    return _svg(width, height, body, title)


def rate_line(
    labels: list[str], values: list, *, title: str, width: int = 720, height: int = 200
) -> str:
    """A rate by month on a 0–100% scale, each point labelled; gaps where it is hidden."""
    top, bottom, left, right = 16, 30, 44, 16
    plot_h, plot_w = height - top - bottom, width - left - right
    step = plot_w / max(len(labels) - 1, 1)
    body = []
    for share in (0, 0.5, 1):
        y = top + plot_h * (1 - share)
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}"/>'
        )
        body.append(_text(left - 6, y + 4, f"{share:.0%}", anchor="end", size=10, colour=GREY))
    points = []
    for i, value in enumerate(values):
        x = left + i * step
        if value is None:
            points.append(None)
            continue
        y = top + plot_h * (1 - min(max(value, 0), 1))
        points.append((x, y))
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{BLUE}"/>')
        body.append(_text(x, y - 7, f"{value:.0%}", size=9))
    run: list[tuple[float, float]] = []
    for point in [*points, None]:
        if point is None:
            if len(run) > 1:
                path = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                body.append(
                    f'<polyline points="{path}" fill="none" stroke="{BLUE}" stroke-width="2"/>'
                )
            run = []
        else:
            run.append(point)
    for i, label in enumerate(labels):
        body.append(_text(left + i * step, height - 10, label, size=10))
    return _svg(width, height, body, title)


def network(
    orgs: list[tuple[str, str, int | None]],
    pairs: list[tuple[str, str, int | None, int]],
    *,
    title: str,
    k: int,
    suppressing: bool,
    size: int = 520,
) -> str:
    """Member orgs on a circle, sized by active people; a line for each linked pair,
    as thick as the people they share (dashed when that count is suppressed)."""
    centre, radius = size / 2, size / 2 - 90
    position = {}
    for i, (org_id, _name, _active) in enumerate(orgs):
        angle = 2 * math.pi * i / max(len(orgs), 1) - math.pi / 2
        position[org_id] = (centre + radius * math.cos(angle), centre + radius * math.sin(angle))
    peak_shared = max((s for _, _, s, _ in pairs if s), default=1)
    peak_active = max((a for _, _, a in orgs if a), default=1)
    body = []
    for a, b, shared, _co_hosted in pairs:
        if a not in position or b not in position:
            continue
        (x1, y1), (x2, y2) = position[a], position[b]
        if shared is None:
            style = f'stroke="{GREY}" stroke-width="1.5" stroke-dasharray="4 3"'
        else:
            thickness = 1 + 7 * math.sqrt(shared / peak_shared) if shared else 1
            style = f'stroke="{LINK}" stroke-width="{thickness:.1f}"'
        body.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" {style}/>')
        label = count_text(shared, k, suppressed=suppressing and shared is None)
        body.append(
            _text((x1 + x2) / 2, (y1 + y2) / 2 - 3, label, size=10, colour=GREY, cls="edge")
        )
    for org_id, name, active in orgs:
        x, y = position[org_id]
        r = 10 + 18 * math.sqrt(active / peak_active) if active else 10
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{BLUE}" stroke="{WHITE}"/>'
        )
        below = y + r + 14 if y >= centre else y - r - 6
        body.append(_text(x, below, name[:28], size=12, weight="600"))
    return _svg(size, size, body, title)
