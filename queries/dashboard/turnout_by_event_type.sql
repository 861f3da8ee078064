-- Returns turnout per event type for events dated in the period (metrics.md, Turnout):
-- events; RSVPs, attended, walk-ins, no-shows and show rate at past events (on or before
-- as_of). Grain: one row per event type with at least one event in the period.
-- Parameters: $date_from, $date_to, $as_of, $orgs, $campaign, $types.
select
    group_key as event_type,
    events,
    rsvps,
    attended,
    attended_with_rsvp,
    walk_ins,
    no_shows,
    show_rate,
    rsvps__ckey,
    attended__ckey,
    attended_with_rsvp__ckey,
    walk_ins__ckey,
    no_shows__ckey
from turnout_by($orgs, $campaign, $types, $date_from, $date_to, $as_of, event_type)
order by event_type;
