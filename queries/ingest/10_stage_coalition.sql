-- Validated coalition-level rows (organizations, campaigns, milestones), one per raw
-- row, with reject_reason (null when the row loads), is_duplicate and warning.
-- Later rows win for a repeated org_id or campaign_id. No parameters.
create temp table stage_organizations as
with raw as (
    select * from raw_organizations
),

typed as (
    select
        *,
        clean(org_id) as org_id_v,
        cast(parse_ts(joined_on, day_first) as date) as joined_on_v
    from raw
),

checked as (
    select
        *,
        case
            when org_id_v is null then 'missing required field: org_id'
            when blank(name) then 'missing required field: name'
            when bad_date(joined_on, day_first) then 'joined_on is not a valid date'
        end as reject_reason
    from typed
)

select
    file_seq, source_file, line, raw, reject_reason, derived,
    reject_reason is null and row_number() over (
        partition by org_id_v, reject_reason is null order by file_seq desc, line desc
    ) > 1 as is_duplicate,
    null::varchar as warning,
    org_id_v as org_id,
    trim(name) as name,
    clean(kind) as kind,
    clean(region) as region,
    joined_on_v as joined_on
from checked;

create temp table stage_campaigns as
with raw as (
    select * from raw_campaigns
),

typed as (
    select
        raw.*,
        clean(campaign_id) as campaign_id_v,
        cast(parse_ts(start_date, day_first) as date) as start_date_v,
        cast(parse_ts(end_date, day_first) as date) as end_date_v,
        cast(parse_ts(outcome_date, day_first) as date) as outcome_date_v,
        parse_number(goal_value) as goal_value_v,
        status_vocab.canonical as status_v,
        metric_vocab.canonical as goal_metric_v
    from raw
    left join vocabulary as status_vocab
        on status_vocab.field = 'campaigns.status' and status_vocab.value_written = token(raw.status)
    left join vocabulary as metric_vocab
        on metric_vocab.field = 'campaigns.goal_metric'
        and metric_vocab.value_written = replace(token(raw.goal_metric), 'actions_', 'actions:')
),

checked as (
    select
        *,
        case
            when campaign_id_v is null then 'missing required field: campaign_id'
            when blank(name) then 'missing required field: name'
            when bad_date(start_date, day_first) then 'start_date is not a valid date'
            when bad_date(end_date, day_first) then 'end_date is not a valid date'
            when bad_date(outcome_date, day_first) then 'outcome_date is not a valid date'
            when bad_number(goal_value) then 'goal_value is not a number'
        end as reject_reason
    from typed
)

select
    file_seq, source_file, line, raw, reject_reason, derived,
    reject_reason is null and row_number() over (
        partition by campaign_id_v, reject_reason is null order by file_seq desc, line desc
    ) > 1 as is_duplicate,
    concat_ws('; ',
        case when not blank(status) and status_v is null
            then 'campaign ' || campaign_id_v || ': unknown status "' || trim(status) || '" read as ended' end,
        case when not blank(goal_metric) and goal_metric_v is null
            then 'campaign ' || campaign_id_v || ': unknown goal_metric "' || trim(goal_metric) || '" read as custom' end
    ) as warning,
    campaign_id_v as campaign_id,
    trim(name) as name,
    clean(lead_org) as lead_org,
    split_list(partner_orgs) as partner_orgs,
    start_date_v as start_date,
    end_date_v as end_date,
    case when blank(goal_metric) then null else coalesce(goal_metric_v, 'custom') end as goal_metric,
    goal_value_v as goal_value,
    case when blank(status) then null else coalesce(status_v, 'ended') end as status,
    outcome_date_v as outcome_date,
    clean(outcome_note) as outcome_note
from checked;

create temp table stage_milestones as
with raw as (
    select * from raw_milestones
),

checked as (
    select
        *,
        case
            when blank(campaign_id) then 'missing required field: campaign_id'
            when blank(milestone_date) then 'missing required field: milestone_date'
            when blank(title) then 'missing required field: title'
            when bad_date(milestone_date, day_first) then 'milestone_date is not a valid date'
            when bad_bool(achieved) then 'achieved is not a boolean (true/false, yes/no, y/n, 1/0)'
        end as reject_reason
    from raw
)

select
    file_seq, source_file, line, raw, reject_reason, derived,
    false as is_duplicate,
    null::varchar as warning,
    trim(campaign_id) as campaign_id,
    cast(parse_ts(milestone_date, day_first) as date) as milestone_date,
    trim(title) as title,
    coalesce(parse_bool(achieved), false) as achieved
from checked;
