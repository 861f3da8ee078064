-- Returns the rows rejected at ingest (data-contract §3, rejected_rows) counted by member
-- org, file and reason, with the first line numbers as examples: what a coordinator needs
-- to ask a member to fix a file, never the rows' content. Rows of a refused file are
-- rejected with the file's reason. The period, campaign and event-type filters do not
-- apply. Grain: one row per (file, reason). Parameters: $orgs.
with rejects as (
    select
        files.org_id,
        rejected.source_file,
        rejected.table_name,
        rejected.reason,
        rejected.line
    from rejected_rows as rejected
    left join ingest_files as files using (source_file)
    where $orgs is null or list_contains($orgs, files.org_id)
),

grouped as (
    select
        org_id,
        source_file,
        table_name,
        reason,
        count(*) as rows_rejected,
        list(line order by line) filter (where line is not null) as lines
    from rejects
    group by all
)

select
    grouped.org_id,
    coalesce(organizations.name, grouped.org_id, 'Coalition-wide') as org_name,
    grouped.source_file,
    grouped.table_name,
    grouped.reason,
    grouped.rows_rejected,
    array_to_string(grouped.lines[1:5], ', ')
        || case when len(grouped.lines) > 5 then ', …' else '' end as example_lines
from grouped
left join organizations using (org_id)
order by grouped.org_id nulls first, grouped.source_file, grouped.rows_rejected desc,
    grouped.reason;
