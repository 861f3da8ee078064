-- Returns volunteering in the period: hours (sum of shift hours) and volunteers
-- (distinct people with a shift). Shifts drop out while an event-type filter is set.
-- Grain: one row. Parameters: $date_from, $date_to, $orgs, $campaign, $types.
select
    coalesce(sum(hours), 0) as hours,
    count(distinct person_no) as volunteers,
    cell_key(sum(distinct person_rkey)) as volunteers__ckey
from scoped_acts($orgs, $campaign, $types)
where kind = 'shift' and act_date between $date_from and $date_to;
