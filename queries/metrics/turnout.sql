-- Returns turnout for events dated in the period (metrics.md, Turnout): events, RSVPs,
-- attended, walk-ins, no-shows and show rate at past events (on or before as_of),
-- upcoming RSVPs (events after as_of, any date), and events against turnout goals.
-- Grain: one row. Parameters: $date_from, $date_to, $as_of, $orgs, $campaign, $types.
with in_period as (
    select *
    from scoped_attendance($orgs, $campaign, $types)
    where event_date between $date_from and $date_to and event_date <= $as_of
),

rows as (
    select
        count(*) filter (where status in ('rsvp', 'attended', 'no_show')) as rsvps,
        count(*) filter (where status in ('attended', 'walk_in')) as attended,
        count(*) filter (where status = 'attended') as attended_with_rsvp,
        count(*) filter (where status = 'walk_in') as walk_ins,
        count(*) filter (where status in ('no_show', 'rsvp')) as no_shows
    from in_period
),

past_event_turnout as (
    select
        events.event_id,
        events.turnout_goal,
        count(*) filter (where attendance.status in ('attended', 'walk_in')) as attended
    from scoped_events($orgs, $campaign, $types) as events
    left join attendance using (org_id, event_id)
    where events.event_date between $date_from and $date_to
        and events.event_date <= $as_of
        and events.turnout_goal is not null
    group by events.org_id, events.event_id, events.turnout_goal
),

goals as (
    select
        count(*) as goal_events,
        count(*) filter (where attended >= turnout_goal) as goal_met
    from past_event_turnout
)

select
    (
        select count(*)
        from scoped_events($orgs, $campaign, $types)
        where event_date between $date_from and $date_to
    ) as events,
    rows.rsvps,
    rows.attended,
    rows.walk_ins,
    rows.no_shows,
    rows.attended_with_rsvp / nullif(rows.rsvps, 0) as show_rate,
    (
        select count(*)
        from scoped_attendance($orgs, $campaign, $types)
        where status = 'rsvp' and event_date > $as_of
    ) as upcoming_rsvps,
    goals.goal_events,
    goals.goal_met
from rows, goals;
