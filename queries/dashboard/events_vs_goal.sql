-- Returns each past event (on or before as_of) dated in the period that has a turnout
-- goal, with its attendance (attended + walk-in rows) and whether that met the goal
-- (metrics.md, Turnout: goal_events and goal_met).
-- Grain: one row per event (org_id, event_id).
-- Parameters: $date_from, $date_to, $as_of, $orgs, $campaign, $types.
with goal_events as (
    select org_id, event_id, title, event_date, event_type, turnout_goal
    from scoped_events($orgs, $campaign, $types)
    where event_date between $date_from and $date_to
        and event_date <= $as_of
        and turnout_goal is not null
),

turnout as (
    select
        goal_events.org_id,
        goal_events.event_id,
        count(*) filter (where attendance.status in ('attended', 'walk_in')) as attended
    from goal_events
    left join attendance using (org_id, event_id)
    group by all
)

select
    goal_events.event_date,
    goal_events.org_id,
    organizations.name as org_name,
    goal_events.event_id,
    goal_events.title,
    goal_events.event_type,
    goal_events.turnout_goal,
    turnout.attended,
    turnout.attended >= goal_events.turnout_goal as goal_met
from goal_events
inner join turnout using (org_id, event_id)
left join organizations using (org_id)
order by goal_events.event_date, goal_events.org_id, goal_events.event_id;
