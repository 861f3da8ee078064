"""The dashboard's building blocks: filter bar, KPI cards, chart cards, formatting."""
