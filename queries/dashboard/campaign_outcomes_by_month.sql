-- Returns campaign outcomes per calendar month of their outcome_date in the period
-- (metrics.md, Campaigns: the summary's won, lost and partial, with the same org and
-- campaign restrictions). Grain: one row per month, from date_from's month to date_to's
-- month. Parameters: $date_from, $date_to, $orgs, $campaign.
with decided as (
    select date_trunc('month', outcome_date)::date as month, status
    from campaigns
    where outcome_date between $date_from and $date_to
        and ($campaign is null or campaign_id = $campaign)
        and ($orgs is null or list_contains($orgs, lead_org) or list_has_any($orgs, partner_orgs))
),

monthly as (
    select
        month,
        count(*) filter (where status = 'won') as won,
        count(*) filter (where status = 'lost') as lost,
        count(*) filter (where status = 'partial') as partial
    from decided
    group by month
)

select
    strftime(months.month, '%Y-%m') as month,
    coalesce(monthly.won, 0) as won,
    coalesce(monthly.lost, 0) as lost,
    coalesce(monthly.partial, 0) as partial
from month_spine($date_from, $date_to) as months
left join monthly using (month)
order by months.month;
