-- Returns the monthly returning rate (metrics.md, Retention, dashboard): for each month m
-- from date_from's month to date_to's month, people active in m and in m - 1 divided by
-- people active in m - 1 (null when nobody was). Acts after date_to never count.
-- Grain: one row per month. Parameters: $date_from, $date_to, $orgs, $campaign, $types.
with monthly as (
    select distinct person_no, person_rkey, date_trunc('month', act_date) as month
    from scoped_acts($orgs, $campaign, $types)
    where act_date <= $date_to
        and act_date >= date_trunc('month', $date_from::date) - interval 1 month
),

active as (
    select month, count(*) as people, cell_key(sum(person_rkey)) as ckey
    from monthly
    group by month
),

returners as (
    select now.month, count(*) as people, cell_key(sum(now.person_rkey)) as ckey
    from monthly as now
    inner join monthly as before
        on now.person_no = before.person_no and before.month = now.month - interval 1 month
    group by now.month
)

select
    strftime(months.month, '%Y-%m') as month,
    coalesce(active.people, 0) as active_people,
    coalesce(previous.people, 0) as previous_active_people,
    coalesce(returners.people, 0) as returning_people,
    coalesce(returners.people, 0) / nullif(previous.people, 0) as returning_rate,
    coalesce(active.ckey, 0) as active_people__ckey,
    coalesce(previous.ckey, 0) as previous_active_people__ckey,
    coalesce(returners.ckey, 0) as returning_people__ckey
from month_spine($date_from, $date_to) as months
left join active on active.month = months.month
left join active as previous on previous.month = months.month - interval 1 month
left join returners on returners.month = months.month
order by months.month;
