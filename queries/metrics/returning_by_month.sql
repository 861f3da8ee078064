-- Returns the monthly returning rate (metrics.md, Retention, dashboard): for each month m
-- from date_from's month to date_to's month, people active in m and in m - 1 divided by
-- people active in m - 1 (null when nobody was). Acts after date_to never count.
-- Grain: one row per month. Parameters: $date_from, $date_to, $orgs, $campaign, $types.
with monthly as (
    select distinct person_no, date_trunc('month', act_date) as month
    from scoped_acts($orgs, $campaign, $types)
    where act_date <= $date_to
        and act_date >= date_trunc('month', $date_from::date) - interval 1 month
),

months as (
    select unnest(generate_series(
        date_trunc('month', $date_from::date), date_trunc('month', $date_to::date), interval 1 month
    ))::date as month
),

counts as (
    select
        months.month,
        (select count(*) from monthly where monthly.month = months.month) as active_people,
        (
            select count(*) from monthly where monthly.month = months.month - interval 1 month
        ) as previous_active_people,
        (
            select count(*)
            from monthly as now
            inner join monthly as before
                on now.person_no = before.person_no
                and before.month = now.month - interval 1 month
            where now.month = months.month
        ) as returning_people
    from months
)

select
    strftime(month, '%Y-%m') as month,
    active_people,
    previous_active_people,
    returning_people,
    returning_people / nullif(previous_active_people, 0) as returning_rate
from counts
order by month;
