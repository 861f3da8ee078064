-- Returns turnout for events dated in the period (metrics.md, Turnout): events, RSVPs,
-- attended, walk-ins, no-shows and show rate at past events (on or before as_of),
-- upcoming RSVPs (events after as_of, any date), and events against turnout goals.
-- Grain: one row. Parameters: $date_from, $date_to, $as_of, $orgs, $campaign, $types.
with past as (
    select * from event_turnout($orgs, $campaign, $types, $date_from, $date_to, $as_of)
),

totals as (
    select
        coalesce(sum(rsvps), 0)::bigint as rsvps,
        coalesce(sum(attended), 0)::bigint as attended,
        coalesce(sum(attended_with_rsvp), 0)::bigint as attended_with_rsvp,
        coalesce(sum(walk_ins), 0)::bigint as walk_ins,
        coalesce(sum(no_shows), 0)::bigint as no_shows,
        cell_key(sum(rsvps__ckey)) as rsvps__ckey,
        cell_key(sum(attended__ckey)) as attended__ckey,
        cell_key(sum(walk_ins__ckey)) as walk_ins__ckey,
        cell_key(sum(no_shows__ckey)) as no_shows__ckey,
        count(*) filter (where turnout_goal is not null) as goal_events,
        count(*) filter (where attended >= turnout_goal) as goal_met
    from past
)

select
    (
        select count(*)
        from scoped_events($orgs, $campaign, $types)
        where event_date between $date_from and $date_to
    ) as events,
    rsvps,
    attended,
    walk_ins,
    no_shows,
    attended_with_rsvp / nullif(rsvps, 0) as show_rate,
    (
        select coalesce(sum(rsvps), 0)::bigint from upcoming_rsvps($orgs, $campaign, $types, $as_of)
    ) as upcoming_rsvps,
    goal_events,
    goal_met,
    rsvps__ckey,
    attended__ckey,
    walk_ins__ckey,
    no_shows__ckey,
    (
        select cell_key(sum(rsvps__ckey)) from upcoming_rsvps($orgs, $campaign, $types, $as_of)
    ) as upcoming_rsvps__ckey
from totals;
