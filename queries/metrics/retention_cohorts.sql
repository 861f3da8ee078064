-- Returns retention cohorts (metrics.md, Retention): people by the month of their first
-- act ever (under all filters), for cohorts from date_from's month to date_to's month,
-- and how many of them acted in each month since; acts after date_to never count.
-- Grain: one row per (cohort month, months since first act k), k = 0 .. date_to's month.
-- Parameters: $date_from, $date_to, $orgs, $campaign, $types.
with scoped as (
    select person_no, person_rkey, act_date
    from scoped_acts($orgs, $campaign, $types)
    where act_date <= $date_to
),

first_months as (
    select
        person_no, any_value(person_rkey) as person_rkey,
        date_trunc('month', min(act_date)) as cohort
    from scoped
    group by person_no
    having cohort >= date_trunc('month', $date_from::date)
),

cohorts as (
    select cohort, count(*) as size, cell_key(sum(person_rkey)) as size__ckey
    from first_months
    group by cohort
),

activity as (
    select distinct
        first_months.cohort,
        scoped.person_no,
        scoped.person_rkey,
        datediff('month', first_months.cohort, date_trunc('month', scoped.act_date)) as k
    from scoped
    inner join first_months using (person_no)
),

offsets as (
    select
        cohort,
        size,
        size__ckey,
        unnest(range(0, datediff('month', cohort, date_trunc('month', $date_to::date)) + 1)) as k
    from cohorts
)

select
    strftime(offsets.cohort, '%Y-%m') as cohort,
    offsets.size,
    offsets.k,
    count(activity.person_no) as retained,
    offsets.size__ckey,
    cell_key(sum(activity.person_rkey)) as retained__ckey
from offsets
left join activity using (cohort, k)
group by offsets.cohort, offsets.size, offsets.size__ckey, offsets.k
order by offsets.cohort, offsets.k;
