"""Node positions for the coalition network, computed the same way on every request.

`circle_layout` puts the nodes on a circle in the order of their ids. `spring_layout`
starts from that circle and runs a fixed number of Fruchterman-Reingold steps (linked
orgs pull together, all orgs push apart, a little gravity keeps loose ones near), with
no randomness: the same orgs and links always give the same picture, whatever order they
come in, so a reload, another worker or a projector shows the graph a coordinator saw.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from functools import lru_cache

Position = tuple[float, float]
# Beyond this many nodes the O(n²) steps cost more than they help (pure Python): circle.
SPRING_LIMIT = 150
STEPS = 80
GRAVITY = 0.08


def circle_layout(ids: Iterable[str]) -> dict[str, Position]:
    """Evenly on the unit circle, sorted by id, the first at the top, clockwise."""
    ordered = sorted(set(ids))
    n = len(ordered)
    if n == 1:
        return {ordered[0]: (0.0, 0.0)}
    return {
        node: (math.sin(2 * math.pi * i / n), math.cos(2 * math.pi * i / n))
        for i, node in enumerate(ordered)
    }


def _normalised(positions: dict[str, list[float]]) -> dict[str, Position]:
    """Centred, and scaled so the farthest node is at distance 1."""
    n = len(positions)
    cx = sum(p[0] for p in positions.values()) / n
    cy = sum(p[1] for p in positions.values()) / n
    radius = max(math.hypot(p[0] - cx, p[1] - cy) for p in positions.values()) or 1.0
    return {
        node: (round((p[0] - cx) / radius, 9), round((p[1] - cy) / radius, 9))
        for node, p in positions.items()
    }


def spring_layout(
    ids: Iterable[str], links: Iterable[tuple[str, str, float]], steps: int = STEPS
) -> dict[str, Position]:
    """Force-directed positions; `links` are (a, b, weight > 0), heavier pulling closer."""
    start = circle_layout(ids)
    nodes = sorted(start)
    n = len(nodes)
    if n <= 2 or n > SPRING_LIMIT:
        return start
    index = {node: i for i, node in enumerate(nodes)}
    weights: dict[tuple[int, int], float] = {}
    for a, b, weight in links:
        if a in index and b in index and a != b and weight > 0:
            pair = (min(index[a], index[b]), max(index[a], index[b]))
            weights[pair] = max(weights.get(pair, 0.0), float(weight))
    heaviest = max(weights.values(), default=1.0)
    edges = tuple(sorted((i, j, 0.3 + 0.7 * w / heaviest) for (i, j), w in weights.items()))
    return dict(_settled(tuple(nodes), edges, steps))  # a copy: the cached one stays as is


# The same orgs and links give the same positions, so a filter state seen before (another
# visitor, a reload, a CSV download) costs nothing: the steps are O(n²) in pure Python.
@lru_cache(maxsize=64)
def _settled(nodes: tuple[str, ...], edges: tuple, steps: int) -> dict[str, Position]:
    n = len(nodes)
    start = circle_layout(nodes)
    x = [start[node][0] for node in nodes]
    y = [start[node][1] for node in nodes]
    k = 2.0 / math.sqrt(n)  # the ideal distance between nodes in the unit-ish square
    for step in range(steps):
        temperature = 0.15 * (1 - step / steps) + 0.005
        dx = [0.0] * n
        dy = [0.0] * n
        for i in range(n):
            for j in range(i + 1, n):
                ddx, ddy = x[i] - x[j], y[i] - y[j]
                distance = max(math.hypot(ddx, ddy), 1e-3)
                push = k * k / distance / distance
                dx[i] += ddx * push
                dy[i] += ddy * push
                dx[j] -= ddx * push
                dy[j] -= ddy * push
        for i, j, weight in edges:
            ddx, ddy = x[i] - x[j], y[i] - y[j]
            distance = max(math.hypot(ddx, ddy), 1e-3)
            pull = distance * weight / k
            dx[i] -= ddx * pull
            dy[i] -= ddy * pull
            dx[j] += ddx * pull
            dy[j] += ddy * pull
        for i in range(n):
            dx[i] -= GRAVITY * x[i] / k
            dy[i] -= GRAVITY * y[i] / k
            length = math.hypot(dx[i], dy[i])
            if length > 0:
                move = min(length, temperature)
                x[i] += dx[i] / length * move
                y[i] += dy[i] / length * move
    return _normalised({node: [x[i], y[i]] for i, node in enumerate(nodes)})
