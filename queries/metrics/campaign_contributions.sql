-- Returns each member org's contribution to each listed campaign (metrics.md,
-- Contributions): the campaign's progress computed with the org filter set to that org
-- alone. Grain: one row per (campaign, org) with any counted act.
-- Parameters: $date_from, $date_to, $orgs, $campaign, $types.
with by_org as (
    select
        campaign_id,
        goal_metric,
        org_id,
        count(*) filter (where kind = 'attend') as attendance,
        count(distinct person_no) as people,
        cell_key(sum(record_rkey) filter (where kind = 'attend')) as attendance__ckey,
        cell_key(sum(distinct person_rkey)) as people__ckey,
        coalesce(sum(hours), 0) as hours,
        coalesce(sum(quantity) filter (
            where kind = 'action' and goal_metric = 'actions:' || action_type
        ), 0) as actions
    from campaign_acts($orgs, $campaign, $types, $date_from, $date_to)
    group by campaign_id, goal_metric, org_id
)

select
    by_org.campaign_id,
    by_org.org_id,
    organizations.name as org_name,
    case
        when goal_metric = 'attendance' then attendance
        when goal_metric = 'people' then people
        when goal_metric = 'hours' then hours
        when goal_metric like 'actions:%' then actions
    end::double as progress,
    case
        when goal_metric = 'attendance' then attendance__ckey
        -- hours and actions too: the funder view treats an org's share as a count
        else people__ckey
    end as progress__ckey
from by_org
left join organizations using (org_id)
where goal_metric is not null and goal_metric <> 'custom'
order by by_org.campaign_id, by_org.org_id;
