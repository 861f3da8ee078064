-- Returns the RSVP-to-attendance funnel for past events (on or before as_of) dated in the
-- period (metrics.md, Turnout): RSVPs, those who came (status attended), no-shows,
-- walk-ins, and everybody who attended; share_of_rsvps is each count over RSVPs (for
-- `came` it is the show rate; null when there are no RSVPs).
-- Grain: one row per stage, in funnel order.
-- Parameters: $date_from, $date_to, $as_of, $orgs, $campaign, $types.
with in_period as (
    select status
    from scoped_attendance($orgs, $campaign, $types)
    where event_date between $date_from and $date_to and event_date <= $as_of
),

counts as (
    select
        count(*) filter (where status in ('rsvp', 'attended', 'no_show')) as rsvps,
        count(*) filter (where status = 'attended') as came,
        count(*) filter (where status in ('no_show', 'rsvp')) as no_shows,
        count(*) filter (where status = 'walk_in') as walk_ins,
        count(*) filter (where status in ('attended', 'walk_in')) as attended
    from in_period
),

stages as (
    select 1 as step, 'rsvps' as stage, rsvps as total from counts
    union all
    select 2, 'came', came from counts
    union all
    select 3, 'no_shows', no_shows from counts
    union all
    select 4, 'walk_ins', walk_ins from counts
    union all
    select 5, 'attended', attended from counts
)

select stage, total, total / nullif((select rsvps from counts), 0) as share_of_rsvps
from stages
order by step;
