-- Returns the RSVP-to-attendance funnel for past events (on or before as_of) dated in the
-- period (metrics.md, Turnout): RSVPs, those who came (status attended), no-shows,
-- walk-ins, and everybody who attended; share_of_rsvps is each count over RSVPs (for
-- `came` it is the show rate; null when there are no RSVPs).
-- Grain: one row per stage, in funnel order.
-- Parameters: $date_from, $date_to, $as_of, $orgs, $campaign, $types.
with counts as (
    select
        coalesce(sum(rsvps), 0)::bigint as rsvps,
        coalesce(sum(attended_with_rsvp), 0)::bigint as came,
        coalesce(sum(no_shows), 0)::bigint as no_shows,
        coalesce(sum(walk_ins), 0)::bigint as walk_ins,
        coalesce(sum(attended), 0)::bigint as attended,
        cell_key(sum(rsvps__ckey)) as rsvps_ckey,
        cell_key(sum(attended_with_rsvp__ckey)) as came_ckey,
        cell_key(sum(no_shows__ckey)) as no_shows_ckey,
        cell_key(sum(walk_ins__ckey)) as walk_ins_ckey,
        cell_key(sum(attended__ckey)) as attended_ckey
    from event_turnout($orgs, $campaign, $types, $date_from, $date_to, $as_of)
),

stages as (
    select 1 as step, 'rsvps' as stage, rsvps as total, rsvps_ckey as total__ckey from counts
    union all
    select 2, 'came', came, came_ckey from counts
    union all
    select 3, 'no_shows', no_shows, no_shows_ckey from counts
    union all
    select 4, 'walk_ins', walk_ins, walk_ins_ckey from counts
    union all
    select 5, 'attended', attended, attended_ckey from counts
)

select
    stage,
    total,
    total / nullif((select rsvps from counts), 0) as share_of_rsvps,
    total__ckey
from stages
order by step;
