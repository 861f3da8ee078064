-- Returns the sum of action quantity per action type in the period; only types that
-- occur. Actions drop out while an event-type filter is set.
-- Grain: one row per action_type. Parameters: $date_from, $date_to, $orgs, $campaign,
-- $types.
select action_type, sum(quantity) as quantity
from scoped_acts($orgs, $campaign, $types)
where kind = 'action' and act_date between $date_from and $date_to
group by action_type
order by action_type;
