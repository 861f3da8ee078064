-- Table macros that apply the filters of metrics.md and say shared SQL once, so every
-- metric query (queries/metrics/, queries/dashboard/) and every analyst scopes data the
-- same way. The app defines them on its own connection from this file whenever it opens
-- a warehouse (dashboard.db); the ingest stores a copy in the warehouse for the DuckDB
-- CLI, which the app never reads.
-- Arguments: orgs (VARCHAR[] or null = all), campaign (VARCHAR or null),
-- types (VARCHAR[] or null = all), date_from / date_to (DATE, inclusive).
-- Parameters: none (the macros take arguments; queries pass their own parameters).

-- A count's cell key for the funder view (dashboard/privacy/ptable.py): the sum of its
-- contributors' record keys (person_rkey, or an attendance record's record_rkey) modulo
-- 2^32. A query returns it beside the count as `<count>__ckey`, computed in the same
-- aggregate, e.g. cell_key(sum(distinct person_rkey)) beside count(distinct person_no):
-- with 64-bit random record keys two people share a key with probability about
-- n^2 / 2^65 (1 in 10^8 for 600,000 people), so summing distinct keys sums over people.
create macro cell_key(total) as (coalesce(total, 0) % 4294967296)::bigint;

-- Every calendar month from date_from's month to date_to's month, as its first day.
create macro month_spine(date_from, date_to) as table
    select unnest(generate_series(
        date_trunc('month', date_from::date), date_trunc('month', date_to::date),
        interval 1 month
    ))::date as month;

-- The orgs a metric reports on: the selected ones, or every member org.
create macro selected_orgs(orgs) as table
    select org_id, name, org_no
    from organizations
    where orgs is null or list_contains(orgs, org_id);

-- Engagement acts under the org, campaign and event-type filters, any date. With a
-- type filter only attendance acts at events of those types remain.
create macro scoped_acts(orgs, campaign, types) as table
    select *
    from engagement_acts
    where (orgs is null or list_contains(orgs, org_id))
        and (campaign is null or campaign_id = campaign)
        and (types is null or (kind = 'attend' and list_contains(types, event_type)));

-- Each person's first act ever at each selected org under the campaign filter (never the
-- type filter: metrics.md, new people).
create macro scoped_first_acts(orgs, campaign) as table
    select person_no, org_id, org_no, first_act_date
    from first_acts
    where (orgs is null or list_contains(orgs, org_id))
        and campaign_id is not distinct from campaign;

-- Events under the org, campaign and event-type filters, any date.
create macro scoped_events(orgs, campaign, types) as table
    select *
    from events
    where (orgs is null or list_contains(orgs, org_id))
        and (campaign is null or campaign_id = campaign)
        and (types is null or list_contains(types, event_type));

-- Attendance rows (any status) at scoped events, with the event's date and goal.
create macro scoped_attendance(orgs, campaign, types) as table
    select
        attendance.org_id,
        attendance.event_id,
        attendance.person_key,
        attendance.person_no,
        attendance.status,
        attendance.role,
        scoped.event_date,
        scoped.event_type,
        scoped.turnout_goal
    from attendance
    inner join scoped_events(orgs, campaign, types) as scoped using (org_id, event_id);

-- Each person active between date_from and date_to, at the highest engagement-ladder
-- level reached there (metrics.md): leader > volunteer > participant > supporter.
create macro ladder_levels(orgs, campaign, types, date_from, date_to) as table
    with person_acts as (
        select
            person_no,
            any_value(person_rkey) as person_rkey,
            bool_or(kind = 'attend' and role = 'host') as hosted,
            bool_or(
                kind = 'shift'
                or (kind = 'attend' and role = 'volunteer')
                or (kind = 'action' and action_type in ('call', 'door_knock', 'text', 'one_on_one'))
            ) as volunteered,
            -- Attend acts are one per (org, event, person): counting them counts events.
            count(*) filter (where kind = 'attend') as events_attended
        from scoped_acts(orgs, campaign, types)
        where act_date between date_from and date_to
        group by person_no
    )

    select
        person_no,
        person_rkey,
        case
            when hosted then 'leader'
            when volunteered or events_attended >= 3 then 'volunteer'
            when events_attended >= 1 then 'participant'
            else 'supporter'
        end as level
    from person_acts;

-- Campaigns listed for a period (metrics.md, Campaigns): [start_date, end_date] overlaps
-- the period (an open end is still running), restricted to the campaign filter and, with
-- an org filter, to campaigns led or partnered by a selected org.
create macro listed_campaigns(orgs, campaign, date_from, date_to) as table
    select *
    from campaigns
    where (start_date is null or start_date <= date_to)
        and (end_date is null or end_date >= date_from)
        and (campaign is null or campaign_id = campaign)
        and (orgs is null or list_contains(orgs, lead_org) or list_has_any(orgs, partner_orgs));

-- Acts counted towards a listed campaign's progress: tied to it, of the selected orgs,
-- from its start_date to the earlier of its end_date and date_to.
create macro campaign_acts(orgs, campaign, types, date_from, date_to) as table
    select listed.campaign_id, listed.goal_metric, acts.*  exclude (campaign_id)
    from listed_campaigns(orgs, campaign, date_from, date_to) as listed
    inner join scoped_acts(orgs, campaign, types) as acts
        on acts.campaign_id = listed.campaign_id
        and (listed.start_date is null or acts.act_date >= listed.start_date)
        and acts.act_date <= least(coalesce(listed.end_date, date_to), date_to);

-- Scoped events with their attendance rows counted by status (0 when none), any date.
create macro scoped_event_counts(orgs, campaign, types) as table
    select
        events.org_id,
        events.event_id,
        events.title,
        events.event_type,
        events.event_date,
        events.turnout_goal,
        coalesce(counts.rsvp, 0) as rsvp,
        coalesce(counts.attended, 0) as attended,
        coalesce(counts.walk_in, 0) as walk_in,
        coalesce(counts.no_show, 0) as no_show,
        coalesce(counts.rsvp_ckey, 0) as rsvp_ckey,
        coalesce(counts.attended_ckey, 0) as attended_ckey,
        coalesce(counts.walk_in_ckey, 0) as walk_in_ckey,
        coalesce(counts.no_show_ckey, 0) as no_show_ckey
    from scoped_events(orgs, campaign, types) as events
    left join event_status_counts as counts using (org_id, event_id);

-- Turnout per past event (on or before as_of) dated between date_from and date_to, under
-- the filters: the one place that says which attendance statuses count as what
-- (metrics.md, Turnout). Every turnout figure sums these columns. Events with no
-- attendance rows are present with zeros.
create macro event_turnout(orgs, campaign, types, date_from, date_to, as_of) as table
    select
        org_id,
        event_id,
        title,
        event_type,
        event_date,
        turnout_goal,
        rsvp + attended + no_show as rsvps,
        attended + walk_in as attended,
        attended as attended_with_rsvp,
        walk_in as walk_ins,
        no_show + rsvp as no_shows,
        -- cell key parts (summed, then cell_key): the same records as the counts
        rsvp_ckey + attended_ckey + no_show_ckey as rsvps__ckey,
        attended_ckey + walk_in_ckey as attended__ckey,
        attended_ckey as attended_with_rsvp__ckey,
        walk_in_ckey as walk_ins__ckey,
        no_show_ckey + rsvp_ckey as no_shows__ckey
    from scoped_event_counts(orgs, campaign, types)
    where event_date between date_from and date_to and event_date <= as_of;

-- RSVPs (status rsvp) per scoped event after as_of, any date: the events to come.
create macro upcoming_rsvps(orgs, campaign, types, as_of) as table
    select
        org_id, event_id, title, event_type, event_date, turnout_goal, rsvp as rsvps,
        rsvp_ckey as rsvps__ckey
    from scoped_event_counts(orgs, campaign, types)
    where event_date > as_of;

-- Turnout per group of the events dated between date_from and date_to (metrics.md,
-- Turnout): events, and at past events (on or before as_of) the sums of event_turnout and
-- the show rate, with each count's cell key (`<count>__ckey`). group_key is an expression over an event's columns (org_id, event_type,
-- date_trunc('month', event_date)::date): one row per key value with an event.
create macro turnout_by(orgs, campaign, types, date_from, date_to, as_of, group_key) as table
    with event_counts as (
        select group_key as group_key, count(*) as events
        from scoped_events(orgs, campaign, types)
        where event_date between date_from and date_to
        group by all
    ),

    attendance_counts as (
        select
            group_key as group_key,
            sum(rsvps)::bigint as rsvps,
            sum(attended)::bigint as attended,
            sum(attended_with_rsvp)::bigint as attended_with_rsvp,
            sum(walk_ins)::bigint as walk_ins,
            sum(no_shows)::bigint as no_shows,
            cell_key(sum(rsvps__ckey)) as rsvps__ckey,
            cell_key(sum(attended__ckey)) as attended__ckey,
            cell_key(sum(attended_with_rsvp__ckey)) as attended_with_rsvp__ckey,
            cell_key(sum(walk_ins__ckey)) as walk_ins__ckey,
            cell_key(sum(no_shows__ckey)) as no_shows__ckey
        from event_turnout(orgs, campaign, types, date_from, date_to, as_of)
        group by all
    )

    select
        event_counts.group_key,
        event_counts.events,
        coalesce(attendance_counts.rsvps, 0) as rsvps,
        coalesce(attendance_counts.attended, 0) as attended,
        coalesce(attendance_counts.attended_with_rsvp, 0) as attended_with_rsvp,
        coalesce(attendance_counts.walk_ins, 0) as walk_ins,
        coalesce(attendance_counts.no_shows, 0) as no_shows,
        attendance_counts.attended_with_rsvp / nullif(attendance_counts.rsvps, 0) as show_rate,
        coalesce(attendance_counts.rsvps__ckey, 0) as rsvps__ckey,
        coalesce(attendance_counts.attended__ckey, 0) as attended__ckey,
        coalesce(attendance_counts.attended_with_rsvp__ckey, 0) as attended_with_rsvp__ckey,
        coalesce(attendance_counts.walk_ins__ckey, 0) as walk_ins__ckey,
        coalesce(attendance_counts.no_shows__ckey, 0) as no_shows__ckey
    from event_counts
    left join attendance_counts using (group_key);
