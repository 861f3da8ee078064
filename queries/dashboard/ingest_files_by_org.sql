-- Returns the files of the last ingest (data-contract §6, ingest_files) with their member
-- org: status (loaded, partial, refused, skipped), format, rows read, loaded, rejected and
-- deduplicated, and the ingest's message. Coalition-wide files (organizations.csv,
-- campaigns.csv, milestones.csv) belong to no org and are listed only without an org
-- filter. The period, campaign and event-type filters do not apply.
-- Grain: one row per source file. Parameters: $orgs.
select
    files.org_id,
    coalesce(organizations.name, files.org_id, 'Coalition-wide') as org_name,
    files.source_file,
    files.table_name,
    files.format,
    files.status,
    files.rows_read,
    files.rows_loaded,
    files.rows_rejected,
    files.rows_deduplicated,
    files.message
from ingest_files as files
left join organizations using (org_id)
where $orgs is null or list_contains($orgs, files.org_id)
order by files.org_id nulls first, files.source_file;
