-- Returns turnout per event type for events dated in the period (metrics.md, Turnout):
-- events; RSVPs, attended, walk-ins, no-shows and show rate at past events (on or before
-- as_of). Grain: one row per event type with at least one event in the period.
-- Parameters: $date_from, $date_to, $as_of, $orgs, $campaign, $types.
with event_counts as (
    select event_type, count(*) as events
    from scoped_events($orgs, $campaign, $types)
    where event_date between $date_from and $date_to
    group by event_type
),

attendance_counts as (
    select
        event_type as event_type,
        sum(rsvps)::bigint as rsvps,
        sum(attended)::bigint as attended,
        sum(attended_with_rsvp)::bigint as attended_with_rsvp,
        sum(walk_ins)::bigint as walk_ins,
        sum(no_shows)::bigint as no_shows
    from event_turnout($orgs, $campaign, $types, $date_from, $date_to, $as_of)
    group by all
)

select
    event_counts.event_type,
    event_counts.events,
    coalesce(attendance_counts.rsvps, 0) as rsvps,
    coalesce(attendance_counts.attended, 0) as attended,
    coalesce(attendance_counts.attended_with_rsvp, 0) as attended_with_rsvp,
    coalesce(attendance_counts.walk_ins, 0) as walk_ins,
    coalesce(attendance_counts.no_shows, 0) as no_shows,
    attendance_counts.attended_with_rsvp / nullif(attendance_counts.rsvps, 0) as show_rate
from event_counts
left join attendance_counts using (event_type)
order by event_counts.event_type;
