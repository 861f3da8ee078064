-- Returns turnout per selected member org for events dated in the period (metrics.md,
-- Turnout, with the org filter set to that org alone; the show rate is the scorecard's):
-- events; RSVPs, attended, walk-ins, no-shows and show rate at past events (on or before
-- as_of). Grain: one row per selected org (every member org without an org filter).
-- Parameters: $date_from, $date_to, $as_of, $orgs, $campaign, $types.
with orgs as (
    select org_id, name from selected_orgs($orgs)
),

event_counts as (
    select org_id, count(*) as events
    from scoped_events($orgs, $campaign, $types)
    where event_date between $date_from and $date_to
    group by org_id
),

attendance_counts as (
    select
        org_id as org_id,
        sum(rsvps)::bigint as rsvps,
        sum(attended)::bigint as attended,
        sum(attended_with_rsvp)::bigint as attended_with_rsvp,
        sum(walk_ins)::bigint as walk_ins,
        sum(no_shows)::bigint as no_shows
    from event_turnout($orgs, $campaign, $types, $date_from, $date_to, $as_of)
    group by all
)

select
    orgs.org_id,
    orgs.name,
    coalesce(event_counts.events, 0) as events,
    coalesce(attendance_counts.rsvps, 0) as rsvps,
    coalesce(attendance_counts.attended, 0) as attended,
    coalesce(attendance_counts.attended_with_rsvp, 0) as attended_with_rsvp,
    coalesce(attendance_counts.walk_ins, 0) as walk_ins,
    coalesce(attendance_counts.no_shows, 0) as no_shows,
    attendance_counts.attended_with_rsvp / nullif(attendance_counts.rsvps, 0) as show_rate
from orgs
left join event_counts using (org_id)
left join attendance_counts using (org_id)
order by orgs.org_id;
