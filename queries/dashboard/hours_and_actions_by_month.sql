-- Returns volunteering and actions per calendar month of the period, each month cut to
-- the period (metrics.md, Volunteering and actions): shift hours, volunteers (distinct
-- people with a shift) and the sum of action quantity. Shifts and actions drop out while
-- an event-type filter is set. Grain: one row per month, from date_from's month to
-- date_to's month. Parameters: $date_from, $date_to, $orgs, $campaign, $types.
with monthly as (
    select
        date_trunc('month', act_date)::date as month,
        coalesce(sum(hours), 0) as hours,
        count(distinct person_no) filter (where kind = 'shift') as volunteers,
        cell_key(sum(distinct person_rkey) filter (where kind = 'shift')) as volunteers__ckey,
        coalesce(sum(quantity), 0) as actions_total
    from scoped_acts($orgs, $campaign, $types)
    where kind in ('shift', 'action') and act_date between $date_from and $date_to
    group by all
)

select
    strftime(months.month, '%Y-%m') as month,
    coalesce(monthly.hours, 0) as hours,
    coalesce(monthly.volunteers, 0) as volunteers,
    coalesce(monthly.actions_total, 0) as actions_total,
    coalesce(monthly.volunteers__ckey, 0) as volunteers__ckey
from month_spine($date_from, $date_to) as months
left join monthly using (month)
order by months.month;
