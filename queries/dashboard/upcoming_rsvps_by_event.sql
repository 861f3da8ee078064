-- Returns the upcoming events (dated after as_of, whatever their date relative to the
-- period) with their RSVPs: rows with status rsvp (metrics.md, Turnout: upcoming_rsvps).
-- The org, campaign and type filters apply. Grain: one row per upcoming event.
-- Parameters: $as_of, $orgs, $campaign, $types.
with upcoming as (
    select org_id, event_id, title, event_date, event_type, turnout_goal
    from scoped_events($orgs, $campaign, $types)
    where event_date > $as_of
),

rsvps as (
    select
        upcoming.org_id,
        upcoming.event_id,
        count(*) filter (where attendance.status = 'rsvp') as rsvps
    from upcoming
    left join attendance using (org_id, event_id)
    group by all
)

select
    upcoming.event_date,
    upcoming.org_id,
    organizations.name as org_name,
    upcoming.event_id,
    upcoming.title,
    upcoming.event_type,
    upcoming.turnout_goal,
    rsvps.rsvps
from upcoming
inner join rsvps using (org_id, event_id)
left join organizations using (org_id)
order by upcoming.event_date, upcoming.org_id, upcoming.event_id;
