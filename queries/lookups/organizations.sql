-- Returns the member organizations, for filter choices and validation.
-- Grain: one row per org. Parameters: none.
select org_id, name, kind, region
from organizations
order by org_id;
