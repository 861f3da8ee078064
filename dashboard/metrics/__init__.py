"""The metrics of metrics.md: filters, computations and the JSON of `coalition metrics`."""

from dashboard.metrics.compute import metrics_json
from dashboard.metrics.filters import FilterError, Filters, resolve_filters

__all__ = ["FilterError", "Filters", "metrics_json", "resolve_filters"]
