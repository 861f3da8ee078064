-- Returns the per-org scorecard (metrics.md): for each selected org (every member org
-- without an org filter) its active and new people, events, attended, show rate, hours
-- and actions, each as defined for the whole coalition with the org filter set to that
-- org alone. Grain: one row per org.
-- Parameters: $date_from, $date_to, $as_of, $orgs, $campaign, $types.
with orgs as (
    select org_id, name, org_no from selected_orgs($orgs)
),

period_acts as (
    select *
    from scoped_acts($orgs, $campaign, $types)
    where act_date between $date_from and $date_to
),

first_acts as (
    -- First act ever per person within each org, under the org and campaign filters.
    select org_no, person_no, first_act_date from scoped_first_acts($orgs, $campaign)
),

org_people as (
    -- One row per person active at each org: the join below then meets each person once.
    -- Grouped by org_no: two integers hash far faster than a name and a number.
    select
        org_no, person_no, any_value(person_rkey) as person_rkey, sum(hours) as hours,
        sum(quantity) as quantity
    from period_acts
    group by org_no, person_no
),

engagement as (
    select
        org_people.org_no,
        count(*) as active_people,
        count(*) filter (where first_acts.first_act_date >= $date_from) as new_people,
        coalesce(sum(org_people.hours), 0) as hours,
        coalesce(sum(org_people.quantity), 0) as actions_total,
        cell_key(sum(org_people.person_rkey)) as active_people__ckey,
        cell_key(sum(org_people.person_rkey) filter (
            where first_acts.first_act_date >= $date_from
        )) as new_people__ckey
    from org_people
    left join first_acts using (org_no, person_no)
    group by org_people.org_no
)

select
    orgs.org_id,
    orgs.name,
    coalesce(engagement.active_people, 0) as active_people,
    coalesce(engagement.new_people, 0) as new_people,
    coalesce(turnout.events, 0) as events,
    coalesce(turnout.attended, 0) as attended,
    turnout.show_rate,
    coalesce(engagement.hours, 0) as hours,
    coalesce(engagement.actions_total, 0) as actions_total,
    coalesce(engagement.active_people__ckey, 0) as active_people__ckey,
    coalesce(engagement.new_people__ckey, 0) as new_people__ckey,
    coalesce(turnout.attended__ckey, 0) as attended__ckey
from orgs
left join engagement using (org_no)
left join turnout_by($orgs, $campaign, $types, $date_from, $date_to, $as_of, org_id) as turnout
    on turnout.group_key = orgs.org_id
order by orgs.org_id;
