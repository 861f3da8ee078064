-- Returns active and new people per calendar month of the period, each month cut to the
-- period and counted as a period of its own (metrics.md, Engagement): active = distinct
-- people with an act in the month; new = those of them whose first act ever (under the
-- org and campaign filters, not the type filter) falls in the month. Months without
-- anybody are listed with 0.
-- Grain: one row per month, from date_from's month to date_to's month.
-- Parameters: $date_from, $date_to, $orgs, $campaign, $types.
with period_acts as (
    select distinct person_no, person_rkey, date_trunc('month', act_date)::date as month
    from scoped_acts($orgs, $campaign, $types)
    where act_date between $date_from and $date_to
),

first_acts as (
    select person_no, min(first_act_date) as first_act_date
    from scoped_first_acts($orgs, $campaign)
    group by person_no
),

monthly as (
    select
        period_acts.month,
        count(*) as active_people,
        count(*) filter (
            where first_acts.first_act_date >= greatest(period_acts.month, $date_from::date)
        ) as new_people,
        cell_key(sum(period_acts.person_rkey)) as active_people__ckey,
        cell_key(sum(period_acts.person_rkey) filter (
            where first_acts.first_act_date >= greatest(period_acts.month, $date_from::date)
        )) as new_people__ckey
    from period_acts
    left join first_acts using (person_no)
    group by period_acts.month
)

select
    strftime(months.month, '%Y-%m') as month,
    coalesce(monthly.active_people, 0) as active_people,
    coalesce(monthly.new_people, 0) as new_people,
    coalesce(monthly.active_people__ckey, 0) as active_people__ckey,
    coalesce(monthly.new_people__ckey, 0) as new_people__ckey
from month_spine($date_from, $date_to) as months
left join monthly using (month)
order by months.month;
