-- Returns each past event (on or before as_of) dated in the period that has a turnout
-- goal, with its attendance (attended + walk-in rows) and whether that met the goal
-- (metrics.md, Turnout: goal_events and goal_met).
-- Grain: one row per event (org_id, event_id).
-- Parameters: $date_from, $date_to, $as_of, $orgs, $campaign, $types.
with goal_events as (
    select *
    from event_turnout($orgs, $campaign, $types, $date_from, $date_to, $as_of)
    where turnout_goal is not null
)

select
    goal_events.event_date,
    goal_events.org_id,
    organizations.name as org_name,
    goal_events.event_id,
    goal_events.title,
    goal_events.event_type,
    goal_events.turnout_goal,
    goal_events.attended,
    goal_events.attended >= goal_events.turnout_goal as goal_met
from goal_events
left join organizations using (org_id)
order by goal_events.event_date, goal_events.org_id, goal_events.event_id;
