-- Returns active_people, new_people, returning_rate and bridge_people (metrics.md,
-- Engagement). New people: first act ever under the org and campaign filters (not the
-- type filter) falls in the period.
-- Grain: one row. Parameters: $date_from, $date_to, $prior_from,
-- $prior_to (the prior period), $orgs, $campaign, $types.
with scoped as (
    select * from scoped_acts($orgs, $campaign, $types)
),

active as (
    select person_no, count(distinct org_id) as org_count
    from scoped
    where act_date between $date_from and $date_to
    group by person_no
),

prior_active as (
    select distinct person_no
    from scoped
    where act_date between $prior_from and $prior_to
),

first_acts as (
    select person_no, min(first_act_date) as first_act_date
    from scoped_first_acts($orgs, $campaign)
    group by person_no
),

final as (
    select
        count(*) as active_people,
        count(*) filter (where first_acts.first_act_date >= $date_from) as new_people,
        count(*) filter (where active.org_count >= 2) as bridge_people,
        count(*) filter (where active.person_no in (select person_no from prior_active))
            as returning_people,
        (select count(*) from prior_active) as prior_active_people
    from active
    left join first_acts using (person_no)
)

select
    active_people,
    new_people,
    returning_people / nullif(prior_active_people, 0) as returning_rate,
    bridge_people,
    returning_people,
    prior_active_people
from final;
