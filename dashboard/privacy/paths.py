"""Where suppression changed a JSON object: the paths ("engagement.ladder.leader",
"orgs[3].active_people") whose number the full object has and the suppressed one nulls."""

from __future__ import annotations

from decimal import Decimal


def _join(prefix: str, key) -> str:
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    return f"{prefix}.{key}" if prefix else str(key)


def suppressed_paths(full, shown, prefix: str = "") -> list[str]:
    """Paths, in document order, of numbers in `full` that are null in `shown`."""
    if isinstance(full, dict) and isinstance(shown, dict):
        paths = []
        for key, value in full.items():
            paths += suppressed_paths(value, shown.get(key), _join(prefix, key))
        return paths
    if isinstance(full, list) and isinstance(shown, list):
        paths = []
        for position, value in enumerate(full):
            other = shown[position] if position < len(shown) else None
            paths += suppressed_paths(value, other, _join(prefix, position))
        return paths
    is_number = isinstance(full, int | float | Decimal) and not isinstance(full, bool)
    return [prefix] if is_number and shown is None else []
