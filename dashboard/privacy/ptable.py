"""The cell key method's perturbation table (ABS TableBuilder; UK 2021 Census): what a
funder sees for a count of people or of attendance records.

Every person (and every attendance record) carries a fixed random record key, derived at
ingest from its pseudonymous key (queries/ingest/60_warehouse.sql). A count cell's *cell
key* is the sum of its contributors' record keys modulo CELL_KEY_MODULUS, computed in the
same SQL as the count. The published count is a pure function of (true count, cell key):

- zero stays zero;
- any other count moves by a noise e with |e| <= NOISE_BOUND (D), drawn from NOISE_WEIGHTS
  by the cell key: symmetric, so unbiased, and rarely at ±D;
- a result from 1 to k − 1 (or below 1 for a true count above zero) is not published: it
  reads "<k". So a true count from 1 to k − 1 never publishes as its value: it is hidden,
  or (from k − D up) published as k or more.

The same people always give the same cell key, so the same published value wherever the
cell appears; two cells that differ by a few people have unrelated keys, so their
difference is the true difference plus noise of up to 2D, never the people.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

# Record keys are 64-bit; a cell key is their sum modulo 2^32 (the SQL macro cell_key).
CELL_KEY_MODULUS = 2**32
NOISE_BOUND = 3
# Relative weights of the noise -D … +D: a cell key picks one with these odds.
NOISE_WEIGHTS = (2, 48, 200, 500, 200, 48, 2)
assert len(NOISE_WEIGHTS) == 2 * NOISE_BOUND + 1
assert NOISE_WEIGHTS[::-1] == NOISE_WEIGHTS  # symmetric: the noise has mean zero

_CUMULATIVE = tuple(accumulate(NOISE_WEIGHTS))
_TOTAL = _CUMULATIVE[-1]


def noise(count: int, cell_key: int) -> int:
    """The noise the table gives a count of `count` with this cell key: 0 for 0."""
    if count == 0:
        return 0
    # The count takes part so that cells of different sizes with the same key (rare)
    # do not move together; the multiplier is odd, so each count's row is a permutation.
    position = (int(cell_key) + count * 2_654_435_761) % CELL_KEY_MODULUS
    slot = position * _TOTAL // CELL_KEY_MODULUS
    return bisect_right(_CUMULATIVE, slot) - NOISE_BOUND


def published(count, cell_key, k: int) -> int | None:
    """The count a funder sees: perturbed, or None ("<k") when the perturbed value is
    below k and the true count is not zero."""
    if count is None:
        return None
    count = int(count)
    if count <= 0:
        return 0
    value = count + noise(count, 0 if cell_key is None else cell_key)
    return value if value >= k else None


def possible_counts(shown: int | None, k: int) -> range:
    """What the true count may be given what was published (the attacker's view): a
    published value p means p − D … p + D; "<k" means 1 … k − 1 + D; 0 means 0."""
    if shown is None:
        return range(1, k + NOISE_BOUND)
    if shown == 0:
        return range(0, 1)
    return range(max(shown - NOISE_BOUND, 1), shown + NOISE_BOUND + 1)
