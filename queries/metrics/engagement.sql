-- Returns active_people, new_people, returning_rate and bridge_people (metrics.md,
-- Engagement). New people: first act ever under the org and campaign filters (not the
-- type filter) falls in the period.
-- Grain: one row. Parameters: $date_from, $date_to, $prior_from,
-- $prior_to (the prior period), $orgs, $campaign, $types.
with windows as (
    -- One pass over the acts of both periods: each person's presence in each, and the
    -- lowest and highest org of their acts in the period (two different: a bridge).
    select
        person_no,
        any_value(person_rkey) as person_rkey,
        bool_or(act_date between $date_from and $date_to) as active,
        bool_or(act_date between $prior_from and $prior_to) as prior_active,
        min(org_no) filter (where act_date between $date_from and $date_to) as lowest_org,
        max(org_no) filter (where act_date between $date_from and $date_to) as highest_org
    from scoped_acts($orgs, $campaign, $types)
    where act_date between $date_from and $date_to
        or act_date between $prior_from and $prior_to
    group by person_no
),

active as (
    select person_no, person_rkey, prior_active, lowest_org <> highest_org as bridge
    from windows
    where active
),

first_acts as (
    select person_no, min(first_act_date) as first_act_date
    from scoped_first_acts($orgs, $campaign)
    where person_no in (select person_no from active)
    group by person_no
),

final as (
    select
        count(*) as active_people,
        count(*) filter (where first_acts.first_act_date >= $date_from) as new_people,
        count(*) filter (where active.bridge) as bridge_people,
        count(*) filter (where active.prior_active) as returning_people,
        (select count(*) from windows where prior_active) as prior_active_people,
        -- each count's cell key (dashboard/privacy): its people's record keys
        cell_key(sum(active.person_rkey)) as active_people__ckey,
        cell_key(sum(active.person_rkey) filter (where first_acts.first_act_date >= $date_from))
            as new_people__ckey,
        cell_key(sum(active.person_rkey) filter (where active.bridge)) as bridge_people__ckey,
        cell_key(sum(active.person_rkey) filter (where active.prior_active))
            as returning_people__ckey,
        (select cell_key(sum(person_rkey)) from windows where prior_active)
            as prior_active_people__ckey
    from active
    left join first_acts using (person_no)
)

select
    active_people,
    new_people,
    returning_people / nullif(prior_active_people, 0) as returning_rate,
    bridge_people,
    returning_people,
    prior_active_people,
    active_people__ckey,
    new_people__ckey,
    bridge_people__ckey,
    returning_people__ckey,
    prior_active_people__ckey
from final;
