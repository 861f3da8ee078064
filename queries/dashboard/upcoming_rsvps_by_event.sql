-- Returns the upcoming events (dated after as_of, whatever their date relative to the
-- period) with their RSVPs: rows with status rsvp (metrics.md, Turnout: upcoming_rsvps).
-- The org, campaign and type filters apply. Grain: one row per upcoming event.
-- Parameters: $as_of, $orgs, $campaign, $types.
select
    upcoming.event_date,
    upcoming.org_id,
    organizations.name as org_name,
    upcoming.event_id,
    upcoming.title,
    upcoming.event_type,
    upcoming.turnout_goal,
    upcoming.rsvps
from upcoming_rsvps($orgs, $campaign, $types, $as_of) as upcoming
left join organizations using (org_id)
order by upcoming.event_date, upcoming.org_id, upcoming.event_id;
