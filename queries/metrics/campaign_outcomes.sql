-- Returns the campaign outcome summary (metrics.md, Campaigns): won, lost and partial
-- among campaigns whose outcome_date is in the period (same org and campaign
-- restrictions as the list), the win rate, and how many listed campaigns are active.
-- Grain: one row. Parameters: $date_from, $date_to, $orgs, $campaign.
with decided as (
    select status
    from campaigns
    where outcome_date between $date_from and $date_to
        and ($campaign is null or campaign_id = $campaign)
        and ($orgs is null or list_contains($orgs, lead_org) or list_has_any($orgs, partner_orgs))
),

outcomes as (
    select
        count(*) filter (where status = 'won') as won,
        count(*) filter (where status = 'lost') as lost,
        count(*) filter (where status = 'partial') as partial
    from decided
)

select
    won,
    lost,
    partial,
    (
        select count(*)
        from listed_campaigns($orgs, $campaign, $date_from, $date_to)
        where status = 'active'
    ) as active,
    won / nullif(won + lost, 0) as win_rate
from outcomes;
