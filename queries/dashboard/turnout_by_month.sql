-- Returns turnout per calendar month of the event date (metrics.md, Turnout, each month
-- cut to the period): events; RSVPs, attended (with and without an RSVP), walk-ins,
-- no-shows and show rate at past events (on or before as_of). Months without events are
-- listed with 0 and a null show rate.
-- Grain: one row per month, from date_from's month to date_to's month.
-- Parameters: $date_from, $date_to, $as_of, $orgs, $campaign, $types.
with months as (
    select unnest(generate_series(
        date_trunc('month', $date_from::date), date_trunc('month', $date_to::date),
        interval 1 month
    ))::date as month
),

event_counts as (
    select date_trunc('month', event_date)::date as month, count(*) as events
    from scoped_events($orgs, $campaign, $types)
    where event_date between $date_from and $date_to
    group by all
),

attendance_counts as (
    select
        date_trunc('month', event_date)::date as month,
        sum(rsvps)::bigint as rsvps,
        sum(attended)::bigint as attended,
        sum(attended_with_rsvp)::bigint as attended_with_rsvp,
        sum(walk_ins)::bigint as walk_ins,
        sum(no_shows)::bigint as no_shows
    from event_turnout($orgs, $campaign, $types, $date_from, $date_to, $as_of)
    group by all
)

select
    strftime(months.month, '%Y-%m') as month,
    coalesce(event_counts.events, 0) as events,
    coalesce(attendance_counts.rsvps, 0) as rsvps,
    coalesce(attendance_counts.attended, 0) as attended,
    coalesce(attendance_counts.attended_with_rsvp, 0) as attended_with_rsvp,
    coalesce(attendance_counts.walk_ins, 0) as walk_ins,
    coalesce(attendance_counts.no_shows, 0) as no_shows,
    attendance_counts.attended_with_rsvp / nullif(attendance_counts.rsvps, 0) as show_rate
from months
left join event_counts using (month)
left join attendance_counts using (month)
order by months.month;
