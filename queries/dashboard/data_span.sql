-- Returns the first and the last date with any data (an engagement act or an event) in
-- the coalition, unfiltered: the start of the "all time" period preset.
-- Grain: one row (nulls in an empty warehouse). Parameters: none.
with dates as (
    select act_date as day from engagement_acts
    union all
    select event_date from events
)

select min(day) as first_date, max(day) as last_date
from dates;
