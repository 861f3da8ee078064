-- Returns the coalition's campaigns, for filter choices and validation.
-- Grain: one row per campaign. Parameters: none.
select campaign_id, name, status, start_date, end_date
from campaigns
order by campaign_id;
