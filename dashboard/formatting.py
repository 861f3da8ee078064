"""How numbers read on screen (metrics.md): counts as exact integers with thousands
separators, rates as percentages with one decimal, changes with an arrow and a sign."""

from __future__ import annotations

from datetime import date

MISSING = "–"


def count(value) -> str:
    """12345 → '12,345'; a fractional sum (hours) keeps one decimal: '1,234.5'."""
    if value is None:
        return MISSING
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def rate(value) -> str:
    """0.4234 → '42.3%'."""
    return MISSING if value is None else f"{value * 100:.1f}%"


def _arrow(difference) -> str:
    if difference > 0:
        return "▲"
    if difference < 0:
        return "▼"
    return "="


def count_change(change: dict) -> str:
    """{'difference': 12, 'relative': 0.1} → '▲ 12 (+10.0%)'; no prior value → '▲ 12'."""
    difference = change["difference"]
    if difference is None:
        return "no prior value to compare"
    text = f"{_arrow(difference)} {count(abs(difference))}"
    if change["relative"] is not None:
        text += f" ({change['relative'] * 100:+.1f}%)".replace("-", "−")
    return text


def rate_change(change: dict) -> str:
    """{'difference': 2.34} (percentage points) → '▲ 2.3 pts'."""
    difference = change["difference"]
    if difference is None:
        return "no prior value to compare"
    return f"{_arrow(round(difference, 1))} {abs(difference):.1f} pts"


def day(value: date) -> str:
    """date(2025, 6, 3) → '3 Jun 2025'."""
    return f"{value.day} {value:%b %Y}"


def period(date_from: date, date_to: date) -> str:
    days = (date_to - date_from).days + 1
    return f"{day(date_from)} – {day(date_to)} ({days:,} {'day' if days == 1 else 'days'})"


def label(value: str) -> str:
    """A vocabulary word for people: 'phone_bank' → 'Phone bank'."""
    return value.replace("_", " ").capitalize()
