-- Returns the campaigns listed for the period with their progress towards their goal
-- (metrics.md, Campaigns): cumulative from start_date to the earlier of end_date and
-- date_to, counting acts of the selected orgs only. Custom goals have no progress.
-- Grain: one row per listed campaign.
-- Parameters: $date_from, $date_to, $orgs, $campaign, $types.
with progress as (
    select
        campaign_id,
        count(*) filter (where kind = 'attend') as attendance,
        count(distinct person_no) as people,
        coalesce(sum(hours), 0) as hours,
        cell_key(sum(record_rkey) filter (where kind = 'attend')) as attendance__ckey,
        cell_key(sum(distinct person_rkey)) as people__ckey
    from campaign_acts($orgs, $campaign, $types, $date_from, $date_to)
    group by campaign_id
),

action_progress as (
    select campaign_id, action_type, sum(quantity) as quantity
    from campaign_acts($orgs, $campaign, $types, $date_from, $date_to)
    where kind = 'action'
    group by campaign_id, action_type
),

final as (
    select
        listed.campaign_id,
        listed.name,
        listed.status,
        listed.goal_metric,
        listed.goal_value,
        listed.lead_org,
        listed.partner_orgs,
        listed.start_date,
        listed.end_date,
        listed.outcome_date,
        listed.outcome_note,
        case
            when listed.goal_metric = 'attendance' then coalesce(progress.attendance, 0)
            when listed.goal_metric = 'people' then coalesce(progress.people, 0)
            when listed.goal_metric = 'hours' then coalesce(progress.hours, 0)
            when listed.goal_metric like 'actions:%' then coalesce(actions.quantity, 0)
        end::double as progress,
        case
            when listed.goal_metric = 'attendance' then coalesce(progress.attendance__ckey, 0)
            when listed.goal_metric = 'people' then coalesce(progress.people__ckey, 0)
        end as progress__ckey
    from listed_campaigns($orgs, $campaign, $date_from, $date_to) as listed
    left join progress using (campaign_id)
    left join action_progress as actions
        on actions.campaign_id = listed.campaign_id
        and listed.goal_metric = 'actions:' || actions.action_type
)

select *, progress / nullif(goal_value, 0) as progress_pct
from final
order by campaign_id;
