"""Small-cell suppression for the funder view: counts of people and of attendance records
from 1 to k − 1 read "<k", with complementary suppression so that no hidden cell can be
recovered by subtraction, and rates that would give one away hidden.

`cells` holds the algorithm on plain values, `frames` applies it to a query's result,
`rules` says which columns of which query are counts, and `paths` lists what suppression
changed in a JSON object. Everything here is pure: the gate (dashboard.access) decides
who sees what; these functions decide what a suppressed view shows.
"""

from dashboard.privacy.cells import Suppression, count_text, is_small, suppress
from dashboard.privacy.frames import FrameRules, suppress_frame, suppressed_as_text
from dashboard.privacy.paths import suppressed_paths
from dashboard.privacy.rules import funder_refusal, rules_by_names, rules_for

DEFAULT_MIN_CELL = 11

__all__ = [
    "DEFAULT_MIN_CELL",
    "FrameRules",
    "Suppression",
    "count_text",
    "funder_refusal",
    "is_small",
    "rules_by_names",
    "rules_for",
    "suppress",
    "suppress_frame",
    "suppressed_as_text",
    "suppressed_paths",
]
