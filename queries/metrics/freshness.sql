-- Returns data freshness per member org (metrics.md, Freshness; the /data page): the
-- latest act date and latest event date, and the org's files and rows. Unfiltered.
-- Grain: one row per org. Parameters: none.
with latest_acts as (
    select org_id, max(act_date) as latest_act_date
    from engagement_acts
    group by org_id
),

latest_events as (
    select org_id, max(event_date) as latest_event_date
    from events
    group by org_id
),

files as (
    select
        org_id,
        count(*) as files,
        sum(rows_loaded) as rows_loaded,
        sum(rows_rejected) as rows_rejected,
        count(*) filter (where status in ('refused', 'skipped')) as files_not_loaded
    from ingest_files
    group by org_id
)

select
    organizations.org_id,
    organizations.name,
    latest_acts.latest_act_date,
    latest_events.latest_event_date,
    coalesce(files.files, 0) as files,
    coalesce(files.rows_loaded, 0) as rows_loaded,
    coalesce(files.rows_rejected, 0) as rows_rejected,
    coalesce(files.files_not_loaded, 0) as files_not_loaded
from organizations
left join latest_acts using (org_id)
left join latest_events using (org_id)
left join files using (org_id)
order by organizations.org_id;
