-- Returns turnout per calendar month of the event date (metrics.md, Turnout, each month
-- cut to the period): events; RSVPs, attended (with and without an RSVP), walk-ins,
-- no-shows and show rate at past events (on or before as_of). Months without events are
-- listed with 0 and a null show rate.
-- Grain: one row per month, from date_from's month to date_to's month.
-- Parameters: $date_from, $date_to, $as_of, $orgs, $campaign, $types.
select
    strftime(months.month, '%Y-%m') as month,
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
from month_spine($date_from, $date_to) as months
left join turnout_by(
    $orgs, $campaign, $types, $date_from, $date_to, $as_of, date_trunc('month', event_date)::date
) as turnout on turnout.group_key = months.month
order by months.month;
