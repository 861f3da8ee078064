"""Pure figure builders: a polars frame from one query in, a Plotly figure out.

No data access and no Dash here, so each builder can be tested as plain Python.
"""
