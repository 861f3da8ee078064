-- Returns the orgs in the coalition network for the period (metrics.md): selected orgs
-- with an act in the period or that host or co-host an event in the period, with their
-- active people (for sizing the graph). Grain: one row per org.
-- Parameters: $date_from, $date_to, $orgs, $campaign, $types.
with orgs as (
    select org_id, name, org_no from selected_orgs($orgs)
),

active as (
    select
        org_no,
        count(distinct person_no) as active_people,
        cell_key(sum(distinct person_rkey)) as active_people__ckey
    from scoped_acts($orgs, $campaign, $types)
    where act_date between $date_from and $date_to
    group by org_no
),

period_events as (
    select org_id, co_hosts
    from scoped_events($orgs, $campaign, $types)
    where event_date between $date_from and $date_to
),

hosting as (
    select org_id from period_events
    union
    select unnest(co_hosts) from period_events
)

select
    orgs.org_id,
    orgs.name,
    coalesce(active.active_people, 0) as active_people,
    coalesce(active.active_people__ckey, 0) as active_people__ckey
from orgs
left join active using (org_no)
where active.org_no is not null or orgs.org_id in (select org_id from hosting)
order by orgs.org_id;
