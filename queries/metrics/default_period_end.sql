-- Returns the default end of the period (metrics.md): the latest act date on or before
-- as_of across the coalition, or as_of itself when there is none.
-- Grain: one row. Parameters: $as_of.
select coalesce(max(act_date), $as_of::date) as date_to
from engagement_acts
where act_date <= $as_of::date;
