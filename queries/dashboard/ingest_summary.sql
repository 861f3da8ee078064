-- Returns the last ingest in numbers (data-contract §6, ingest_files): files by status and
-- rows read, loaded, rejected and deduplicated, for the selected member orgs (coalition-
-- wide files count only without an org filter). The period, campaign and event-type
-- filters do not apply. Grain: one row. Parameters: $orgs.
select
    count(*) as files,
    count(*) filter (where status = 'loaded') as files_loaded,
    count(*) filter (where status = 'partial') as files_partial,
    count(*) filter (where status = 'refused') as files_refused,
    count(*) filter (where status = 'skipped') as files_skipped,
    coalesce(sum(rows_read), 0)::bigint as rows_read,
    coalesce(sum(rows_loaded), 0)::bigint as rows_loaded,
    coalesce(sum(rows_rejected), 0)::bigint as rows_rejected,
    coalesce(sum(rows_deduplicated), 0)::bigint as rows_deduplicated
from ingest_files
where $orgs is null or list_contains($orgs, org_id);
