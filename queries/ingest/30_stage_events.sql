-- Validated events, one per raw row. Unknown event types become `other` (the value as
-- written stays in event_type_raw); the last file in path order, then the later line,
-- wins for an (org_id, event_id), and the org's events files always win over events
-- derived from a tool export's own columns. No parameters.
create temp table stage_events as
with raw as (
    select * from raw_events
),

typed as (
    select
        raw.*,
        parse_ts(raw.starts_at, raw.day_first) as starts_at_v,
        parse_number(raw.turnout_goal) as turnout_goal_v,
        types.canonical as event_type_v
    from raw
    left join vocabulary as types
        on types.field = 'events.event_type' and types.value_written = token(raw.event_type)
),

checked as (
    select
        *,
        case
            when import_reject is not null then import_reject
            when blank(event_id) then 'missing required field: event_id'
            when blank(event_type) then 'missing required field: event_type'
            when blank(starts_at) then 'missing required field: starts_at'
            when starts_at_v is null then 'starts_at is not a valid date'
            when bad_date(ends_at, day_first) then 'ends_at is not a valid date'
            when bad_number(turnout_goal) or turnout_goal_v <> round(turnout_goal_v)
                then 'turnout_goal is not a whole number'
            when bad_bool(is_virtual) then 'is_virtual is not a boolean (true/false, yes/no, y/n, 1/0)'
        end as reject_reason
    from typed
)

select
    file_seq, source_file, org_id, line, raw, reject_reason, derived,
    reject_reason is null and row_number() over (
        partition by org_id, trim(event_id), reject_reason is null
        order by derived, file_seq desc, line desc
    ) > 1 as is_duplicate,
    null::varchar as warning,
    trim(event_id) as event_id,
    clean(title) as title,
    coalesce(event_type_v, 'other') as event_type,
    trim(event_type) as event_type_raw,
    starts_at_v as starts_at,
    cast(starts_at_v as date) as event_date,
    parse_ts(ends_at, day_first) as ends_at,
    clean(campaign_id) as campaign_id,
    split_list(co_hosts) as co_hosts,
    clean(region) as region,
    cast(turnout_goal_v as bigint) as turnout_goal,
    coalesce(parse_bool(is_virtual), false) as is_virtual
from checked;
