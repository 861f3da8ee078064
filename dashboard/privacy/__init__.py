"""The funder view's numbers: counts of people and of attendance records are published
perturbed by the cell key method (`ptable`), a published value from 1 to k − 1 reads
"<k", and rates are recomputed from the published counts.

`ptable` holds the perturbation on plain values, `frames` applies it to a query's result,
`rules` says which columns of which query are counts (and how they add up), `cells` holds
the plain table those rules describe, and `paths` lists what became null in a JSON object.
Everything here is pure: the gate (dashboard.access) decides who sees what; these
functions decide what a funder's view shows.
"""

from dashboard.privacy.cells import Suppression, count_text, is_small
from dashboard.privacy.frames import (
    KEY_SUFFIX,
    SUPPRESSED_COLUMN,
    FrameRules,
    key_column,
    suppress_frame,
    suppressed_flags,
)
from dashboard.privacy.paths import suppressed_paths
from dashboard.privacy.ptable import NOISE_BOUND, published
from dashboard.privacy.rules import funder_refusal, rules_by_names, rules_for

DEFAULT_MIN_CELL = 11

PERTURBED_NOTE = "Counts are slightly perturbed to protect people; totals may not add up exactly."

__all__ = [
    "DEFAULT_MIN_CELL",
    "KEY_SUFFIX",
    "NOISE_BOUND",
    "PERTURBED_NOTE",
    "SUPPRESSED_COLUMN",
    "FrameRules",
    "Suppression",
    "count_text",
    "funder_refusal",
    "is_small",
    "key_column",
    "published",
    "rules_by_names",
    "rules_for",
    "suppress_frame",
    "suppressed_flags",
    "suppressed_paths",
]
