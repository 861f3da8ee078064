-- The warehouse tables of contract §6, built from the validated staging rows: loaded
-- rows only, duplicates merged, identities replaced by person keys. Needs the temp
-- tables `files` (one row per source file) and `org_folders` from the ingest. Parameters: none.
create table organizations as
with listed as (
    select org_id, name, kind, region, joined_on
    from stage_organizations
    where reject_reason is null and not is_duplicate
),

unlisted as (
    select
        org_id,
        org_id as name,
        null::varchar as kind,
        null::varchar as region,
        null::date as joined_on
    from org_folders
    where org_id not in (select org_id from listed)
)

-- org_no: a dense integer per org_id, local to this build (also in engagement_acts), for
-- the same reason as person_no below: metric queries group people by org with it.
select *, (row_number() over (order by org_id))::integer as org_no
from (
    select * from listed
    union all
    select * from unlisted
)
order by org_id;

create table campaigns as
select
    campaign_id, name, lead_org, partner_orgs, start_date, end_date, goal_metric,
    goal_value, status, outcome_date, outcome_note
from stage_campaigns
where reject_reason is null and not is_duplicate
order by campaign_id;

create table milestones as
select campaign_id, milestone_date, title, achieved
from stage_milestones
where reject_reason is null
order by campaign_id, milestone_date;

-- person_no: a dense integer per person_key, local to this build (attendance, shifts,
-- actions, engagement_acts, home_orgs). Metric queries count and join people by it: a
-- 4-byte key hashes and compares far faster than 64 hex characters.
-- person_rkey: the person's record key for the funder view's cell key method
-- (dashboard/privacy/ptable.py): 64 random bits from the keyed person_key, so stable
-- across rebuilds with the same coalition key and unknown without it.
create temp table person_numbers as
select
    identity,
    person_key,
    row_number() over (order by person_key)::integer as person_no,
    md5_number_lower(person_key) as person_rkey
from person_keys;

create table people as
select keys.person_key, people.org_id, people.postal_code, people.language, people.joined_on
from stage_people as people
inner join person_keys as keys using (identity)
where people.reject_reason is null and not people.is_duplicate
order by people.org_id, keys.person_key;

create table events as
select
    org_id, event_id, title, event_type, event_type_raw, starts_at, event_date,
    campaign_id, co_hosts, region, turnout_goal, is_virtual
from stage_events
where reject_reason is null and not is_duplicate
order by event_date, org_id, event_id;

-- Duplicate rows are rare (40_stage_acts.sql marks them): only their groups are merged,
-- every other row passes straight through; grouping every row cost more than the rules.
create table attendance as
-- A group with duplicates has exactly one row not marked as a duplicate: its best status.
with duplicate_groups as (
    select distinct org_id, event_id, identity
    from stage_attendance
    where reject_reason is null and is_duplicate
),

single_rows as (
    select org_id, event_id, identity, status, role, rsvp_at, recruited_by
    from stage_attendance
    anti join duplicate_groups using (org_id, event_id, identity)
    where reject_reason is null
),

merged_rows as (
    select
        org_id,
        event_id,
        identity,
        max(status) filter (where not is_duplicate) as status,
        arg_min(role, list_position(['host', 'volunteer', 'attendee'], role)) as role,
        min(rsvp_at) as rsvp_at,
        coalesce(max(recruited_by) filter (where not is_duplicate), max(recruited_by))
            as recruited_by
    from stage_attendance
    semi join duplicate_groups using (org_id, event_id, identity)
    where reject_reason is null
    group by org_id, event_id, identity
)

select
    rows.org_id,
    rows.event_id,
    keys.person_key,
    rows.status,
    rows.role,
    rows.rsvp_at,
    rows.recruited_by,
    keys.person_no,
    keys.person_rkey,
    -- the attendance record's key for the cell key method: from the person and the event
    md5_number_lower(keys.person_key || '/' || rows.org_id || '/' || rows.event_id)
        as record_rkey
from (
    select * from single_rows
    union all
    select * from merged_rows
) as rows
inner join person_numbers as keys using (identity)
order by rows.org_id, rows.event_id;

-- Attendance rows per event and status, built once here: every turnout figure is a sum
-- of these (the event_turnout macro says which statuses count as what), so the dashboard
-- reads one row per event instead of every attendance row.
create table event_status_counts as
select
    org_id,
    event_id,
    count(*) filter (where status = 'rsvp') as rsvp,
    count(*) filter (where status = 'attended') as attended,
    count(*) filter (where status = 'walk_in') as walk_in,
    count(*) filter (where status = 'no_show') as no_show,
    count(*) filter (where status = 'cancelled') as cancelled,
    -- each status's cell key part (the sum of its records' keys modulo 2^32, the macro
    -- cell_key of queries/macros): the turnout queries add these up beside the counts
    (coalesce(sum(record_rkey) filter (where status = 'rsvp'), 0) % 4294967296)::bigint as rsvp_ckey,
    (coalesce(sum(record_rkey) filter (where status = 'attended'), 0) % 4294967296)::bigint as attended_ckey,
    (coalesce(sum(record_rkey) filter (where status = 'walk_in'), 0) % 4294967296)::bigint as walk_in_ckey,
    (coalesce(sum(record_rkey) filter (where status = 'no_show'), 0) % 4294967296)::bigint as no_show_ckey
from attendance
group by org_id, event_id
order by org_id, event_id;

create table shifts as
select
    shifts.org_id, keys.person_key, shifts.shift_date, shifts.hours, shifts.activity,
    shifts.campaign_id, keys.person_no, keys.person_rkey
from stage_shifts as shifts
inner join person_numbers as keys using (identity)
where shifts.reject_reason is null and not shifts.is_duplicate
order by shifts.shift_date;

create table actions as
select
    actions.org_id, keys.person_key, actions.action_date, actions.action_type,
    actions.action_type_raw, actions.quantity, actions.campaign_id, keys.person_no,
    keys.person_rkey
from stage_actions as actions
inner join person_numbers as keys using (identity)
where actions.reject_reason is null and not actions.is_duplicate
order by actions.action_date;

-- Every engagement act (metrics.md): attended or walked-in attendance on the event's
-- date, shifts, actions. Materialized once here because every metric starts from it.
-- People are person_no only: the 64-character keys cost a third of this table's build and
-- no metric reads them (the `acts` view below looks them up).
create table engagement_acts as
with acts as (
    select
        attendance.org_id,
        events.event_date as act_date,
        'attend' as kind,
        events.campaign_id,
        attendance.event_id,
        events.event_type,
        attendance.role,
        null::varchar as action_type,
        null::double as hours,
        null::double as quantity,
        attendance.person_no,
        attendance.person_rkey,
        attendance.record_rkey
    from attendance
    inner join events using (org_id, event_id)
    where attendance.status in ('attended', 'walk_in')
    union all
    select
        org_id, shift_date, 'shift', campaign_id, null, null, null, null, hours, null, person_no,
        person_rkey, null
    from shifts
    union all
    select
        org_id, action_date, 'action', campaign_id, null, null, null, action_type, null,
        quantity, person_no, person_rkey, null
    from actions
)

select acts.*, organizations.org_no
from acts
left join organizations using (org_id)
order by act_date, org_id;

-- Each person's first act at each org, over all their acts there (campaign_id null) and
-- over their acts tied to each campaign: "first act ever under the org and campaign
-- filters" (metrics.md, new people) is the earliest row the filters keep, so the new-people
-- counts read these ~1 row per person and org instead of every act ever.
create table first_acts as
select person_no, org_id, org_no, null::varchar as campaign_id, min(act_date) as first_act_date
from engagement_acts
group by person_no, org_id, org_no
union all
select person_no, org_id, org_no, campaign_id, min(act_date)
from engagement_acts
where campaign_id is not null
group by person_no, org_id, org_no, campaign_id
order by campaign_id nulls first, org_id;

create table rejected_rows as
with staged as (
    select source_file, line, 'organizations' as table_name, reject_reason, raw, derived
    from stage_organizations
    union all
    select source_file, line, 'campaigns', reject_reason, raw, derived from stage_campaigns
    union all
    select source_file, line, 'milestones', reject_reason, raw, derived from stage_milestones
    union all
    select source_file, line, 'people', reject_reason, raw, derived from stage_people
    union all
    select source_file, line, 'events', reject_reason, raw, derived from stage_events
    union all
    select source_file, line, 'attendance', reject_reason, raw, derived from stage_attendance
    union all
    select source_file, line, 'shifts', reject_reason, raw, derived from stage_shifts
    union all
    select source_file, line, 'actions', reject_reason, raw, derived from stage_actions
)

select source_file, line, table_name, reject_reason as reason, raw
from staged
-- A derived row is not a row of its file: the row it came from answers for it.
where reject_reason is not null and not derived
union all
select source_file, line, table_name, reason, raw
from file_rejects
order by source_file, line;

create table ingest_files as
with staged as (
    select source_file, reject_reason, is_duplicate, warning, derived from stage_organizations
    union all
    select source_file, reject_reason, is_duplicate, warning, derived from stage_campaigns
    union all
    select source_file, reject_reason, is_duplicate, warning, derived from stage_milestones
    union all
    select source_file, reject_reason, is_duplicate, warning, derived from stage_people
    union all
    select source_file, reject_reason, is_duplicate, warning, derived from stage_events
    union all
    select source_file, reject_reason, is_duplicate, warning, derived from stage_attendance
    union all
    select source_file, reject_reason, is_duplicate, warning, derived from stage_shifts
    union all
    select source_file, reject_reason, is_duplicate, warning, derived from stage_actions
),

row_counts as (
    select
        source_file,
        count(*) filter (where reject_reason is null and not is_duplicate) as rows_loaded,
        count(*) filter (where is_duplicate) as rows_deduplicated,
        string_agg(distinct nullif(warning, ''), '; ') as warnings
    from staged
    where not derived
    group by source_file
),

reasons as (
    select
        source_file,
        reason,
        count(*) as n,
        -- The first few line numbers, so a coordinator can open the file and look.
        case when count(*) = 1 then 'line ' else 'lines ' end
            || array_to_string(list_slice(list(line order by line), 1, 5), ', ')
            || case when count(*) > 5 then ', ...' else '' end as lines
    from rejected_rows
    group by source_file, reason
),

reject_counts as (
    select
        source_file,
        sum(n)::bigint as rows_rejected,
        string_agg(n || ' × ' || reason || ' (' || lines || ')', '; ' order by n desc, reason)
            as reject_summary
    from reasons
    group by source_file
)

select
    files.source_file,
    files.org_id,
    files.table_name,
    files.format,
    files.rows_read,
    coalesce(row_counts.rows_loaded, 0) as rows_loaded,
    coalesce(reject_counts.rows_rejected, 0) as rows_rejected,
    coalesce(row_counts.rows_deduplicated, 0) as rows_deduplicated,
    files.sha256,
    case
        when files.status is not null then files.status
        when coalesce(reject_counts.rows_rejected, 0) > 0 then 'partial'
        else 'loaded'
    end as status,
    nullif(concat_ws('; ', files.message, reject_counts.reject_summary, row_counts.warnings), '')
        as message
from files
left join row_counts using (source_file)
left join reject_counts using (source_file)
order by files.source_file;

-- Each person's home org (metrics.md, Coalition network): the org of their first act
-- ever, whatever the filters; ties go to the smallest org_id. Grouped by the integer
-- person_no and ranked by org_no (numbered in org_id order; every act's org has one),
-- which is much faster than grouping by the 64-character key and comparing org_id text.
create table home_orgs as
with firsts as (
    select
        person_no,
        min(act_date) as first_act_date,
        arg_min(org_no, (act_date, org_no)) as org_no
    from engagement_acts
    group by person_no
)

select keys.person_key, firsts.first_act_date, orgs.org_id, firsts.person_no, firsts.org_no
from firsts
inner join person_numbers as keys using (person_no)
inner join organizations as orgs using (org_no);

-- Contract §6's view of every act, keyed by person_key (every person with an act has a
-- home org, so the join keeps every act).
create view acts as
select
    homes.person_key, acts.org_id, acts.act_date, acts.kind, acts.campaign_id, acts.event_id,
    acts.event_type, acts.role, acts.action_type, acts.hours, acts.quantity
from engagement_acts as acts
inner join home_orgs as homes using (person_no);
