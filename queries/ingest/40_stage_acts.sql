-- Validated attendance, shift and action rows, one per raw row, each with its
-- identity: the row's email, else its phone, else the identity of its person_id in
-- the org's people files, else local:<org_id>:<person_id>. No parameters.
-- is_duplicate is marked after each table is built, by an update that ranks only the
-- loaded rows' keys: sorting every row with all its columns cost more than the rules.
create temp macro act_identity(org_id, person_id, email, phone, known_identity) as
    coalesce(
        email_identity(email),
        phone_identity(phone),
        known_identity,
        case when not blank(person_id) then 'local:' || org_id || ':' || trim(person_id) end
    );

create temp macro identity_problem(person_id, email, phone, identity) as
    case
        when blank(person_id) and blank(email) and blank(phone)
            then 'missing required field: person_id, email or phone'
        when identity is null
            then 'no usable identity (email without @, phone with fewer than 10 digits)'
    end;

create temp table stage_attendance as
with raw as (
    select * from raw_attendance
),

typed as (
    select
        raw.*,
        statuses.canonical as status_v,
        coalesce(roles.canonical, 'attendee') as role_v,
        parse_ts(raw.rsvp_at, raw.day_first) as rsvp_at_v,
        act_identity(raw.org_id, raw.person_id, raw.email, raw.phone, known.identity) as identity,
        events.event_id is not null as event_known
    from raw
    left join vocabulary as statuses
        on statuses.field = 'attendance.status' and statuses.value_written = lower(trim(raw.status))
    left join vocabulary as roles
        on roles.field = 'attendance.role' and roles.value_written = lower(trim(raw.role))
    left join person_lookup as known
        on known.org_id = raw.org_id and known.person_id = trim(raw.person_id)
    left join (
        select distinct org_id, event_id from stage_events where reject_reason is null
    ) as events
        on events.org_id = raw.org_id and events.event_id = trim(raw.event_id)
),

checked as (
    select
        *,
        case
            when import_reject is not null then import_reject
            when blank(event_id) then 'missing required field: event_id'
            when blank(status) then 'missing required field: status'
            when identity_problem_v is not null then identity_problem_v
            when not blank(rsvp_at) and rsvp_at_v is null then 'rsvp_at is not a valid date'
            when status_v is null then 'unknown attendance status'
            when not event_known and missing_event_hint is null
                then 'event_id not found in this organization''s events'
            -- A tool export's rows say which event, so the coordinator knows what to add.
            when not event_known
                then 'event_id ' || trim(event_id) || ' not found in this organization''s events: '
                    || missing_event_hint
        end as reject_reason
    from (
        select *, identity_problem(person_id, email, phone, identity) as identity_problem_v
        from typed
    )
)

select
    file_seq, source_file, org_id, line, raw, reject_reason, derived,
    false as is_duplicate,  -- set below
    import_warning as warning,
    trim(event_id) as event_id,
    identity,
    status_v as status,
    role_v as role,
    rsvp_at_v as rsvp_at,
    clean(recruited_by) as recruited_by
from checked;

-- Duplicates are few: only rows whose (org_id, event_id, identity) hash is shared (a
-- superset of the duplicate groups) are ranked, on the exact keys; all but the first of
-- each group are marked. The row that keeps the best status represents the merged row
-- (contract §6).
update stage_attendance
set is_duplicate = true
where rowid in (
    select row_id
    from (
        select
            rowid as row_id,
            row_number() over (
                partition by org_id, event_id, identity
                order by
                    list_position(['attended', 'walk_in', 'no_show', 'rsvp', 'cancelled'], status),
                    file_seq,
                    line
            ) as rank_in_group
        from stage_attendance
        where reject_reason is null and hash(org_id, event_id, identity) in (
            select hash(org_id, event_id, identity) as group_hash
            from stage_attendance
            where reject_reason is null
            group by group_hash
            having count(*) > 1
        )
    )
    where rank_in_group > 1
);

create temp table stage_shifts as
with raw as (
    select * from raw_shifts
),

typed as (
    select
        raw.*,
        parse_number(raw.hours) as hours_v,
        act_identity(raw.org_id, raw.person_id, raw.email, raw.phone, known.identity) as identity
    from raw
    left join person_lookup as known
        on known.org_id = raw.org_id and known.person_id = trim(raw.person_id)
),

checked as (
    select
        *,
        case
            when import_reject is not null then import_reject
            when blank(shift_date) then 'missing required field: shift_date'
            when blank(hours) then 'missing required field: hours'
            when identity_problem_v is not null then identity_problem_v
            when bad_date(shift_date, day_first) then 'shift_date is not a valid date'
            when hours_v is null then 'hours is not a number'
            when hours_v <= 0 or hours_v > 24 then 'hours must be more than 0 and at most 24'
        end as reject_reason
    from (
        select *, identity_problem(person_id, email, phone, identity) as identity_problem_v
        from typed
    )
)

select
    file_seq, source_file, org_id, line, raw, reject_reason, derived,
    false as is_duplicate,  -- set below
    null::varchar as warning,
    identity,
    cast(parse_ts(shift_date, day_first) as date) as shift_date,
    hours_v as hours,
    clean(activity) as activity,
    clean(campaign_id) as campaign_id,
    clean(shift_id) as shift_id
from checked;

-- Rows with a shift_id already loaded from an earlier row of the org are duplicates (the
-- first row is kept); ranked on their keys alone, a narrow sort.
update stage_shifts
set is_duplicate = true
where rowid in (
    select row_id
    from (
        select
            rowid as row_id,
            row_number() over (partition by org_id, shift_id order by file_seq, line) as rank
        from stage_shifts
        where reject_reason is null and shift_id is not null
    )
    where rank > 1
);

create temp table stage_actions as
with raw as (
    select * from raw_actions
),

typed as (
    select
        raw.*,
        coalesce(parse_number(raw.quantity), case when blank(raw.quantity) then 1 end)
            as quantity_v,
        types.canonical as action_type_v,
        act_identity(raw.org_id, raw.person_id, raw.email, raw.phone, known.identity) as identity
    from raw
    left join vocabulary as types
        on types.field = 'actions.action_type' and types.value_written = token(raw.action_type)
    left join person_lookup as known
        on known.org_id = raw.org_id and known.person_id = trim(raw.person_id)
),

checked as (
    select
        *,
        case
            when import_reject is not null then import_reject
            when blank(action_date) then 'missing required field: action_date'
            when blank(action_type) then 'missing required field: action_type'
            when identity_problem_v is not null then identity_problem_v
            when bad_date(action_date, day_first) then 'action_date is not a valid date'
            when quantity_v is null then 'quantity is not a number'
            when quantity_v <= 0 then 'quantity must be more than 0'
        end as reject_reason
    from (
        select *, identity_problem(person_id, email, phone, identity) as identity_problem_v
        from typed
    )
)

select
    file_seq, source_file, org_id, line, raw, reject_reason, derived,
    false as is_duplicate,  -- set below
    null::varchar as warning,
    identity,
    cast(parse_ts(action_date, day_first) as date) as action_date,
    coalesce(action_type_v, 'other') as action_type,
    trim(action_type) as action_type_raw,
    quantity_v as quantity,
    clean(campaign_id) as campaign_id,
    clean(action_id) as action_id
from checked;

-- Rows with an action_id already loaded from an earlier row of the org are duplicates (the
-- first row is kept); ranked on their keys alone, a narrow sort.
update stage_actions
set is_duplicate = true
where rowid in (
    select row_id
    from (
        select
            rowid as row_id,
            row_number() over (partition by org_id, action_id order by file_seq, line) as rank
        from stage_actions
        where reject_reason is null and action_id is not null
    )
    where rank > 1
);
