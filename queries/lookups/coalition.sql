-- Returns the coalition's settings recorded at ingest: name, time zone, small-cell
-- threshold, when the warehouse was built. Grain: one row. Parameters: none.
select name, time_zone, min_cell, built_at
from coalition;
