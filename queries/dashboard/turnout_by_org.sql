-- Returns turnout per selected member org for events dated in the period (metrics.md,
-- Turnout, with the org filter set to that org alone; the show rate is the scorecard's):
-- events; RSVPs, attended, walk-ins, no-shows and show rate at past events (on or before
-- as_of). Grain: one row per selected org (every member org without an org filter).
-- Parameters: $date_from, $date_to, $as_of, $orgs, $campaign, $types.
select
    orgs.org_id,
    orgs.name,
    coalesce(turnout.events, 0) as events,
    coalesce(turnout.rsvps, 0) as rsvps,
    coalesce(turnout.attended, 0) as attended,
    coalesce(turnout.attended_with_rsvp, 0) as attended_with_rsvp,
    coalesce(turnout.walk_ins, 0) as walk_ins,
    coalesce(turnout.no_shows, 0) as no_shows,
    turnout.show_rate,
    coalesce(turnout.rsvps__ckey, 0) as rsvps__ckey,
    coalesce(turnout.attended__ckey, 0) as attended__ckey,
    coalesce(turnout.attended_with_rsvp__ckey, 0) as attended_with_rsvp__ckey,
    coalesce(turnout.walk_ins__ckey, 0) as walk_ins__ckey,
    coalesce(turnout.no_shows__ckey, 0) as no_shows__ckey
from selected_orgs($orgs) as orgs
left join turnout_by($orgs, $campaign, $types, $date_from, $date_to, $as_of, org_id) as turnout
    on turnout.group_key = orgs.org_id
order by orgs.org_id;
